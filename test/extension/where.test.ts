// Remote windows: Oblix prefers to run beside the user's Ollama (extensionKind ui first, workspace
// where no local host can run it, as in Codespaces in a browser), and says which machine it runs on.
import assert from 'node:assert/strict';
import pkg from '../../package.json';
import { EXTENSION_KIND_WORKSPACE, whereOblixRuns } from '../../src/extension/where';

describe('where Oblix runs in a remote window', () => {
  it('the manifest prefers the user’s machine, and can run on the remote', () => {
    assert.deepEqual(pkg.extensionKind, ['ui', 'workspace']);
  });

  it('says nothing in a local window', () => {
    assert.equal(whereOblixRuns(undefined, 1), null);
  });

  it('names the machine whose 127.0.0.1 the endpoint and Ollama address mean', () => {
    assert.equal(whereOblixRuns('ssh-remote', 1), "Oblix runs on your machine, beside this ssh-remote window: its endpoint and 127.0.0.1 in oblix.ollama.host are your machine's.");
    assert.equal(whereOblixRuns('wsl', EXTENSION_KIND_WORKSPACE), "Oblix runs on the remote (wsl): its endpoint and 127.0.0.1 in oblix.ollama.host are that machine's.");
  });
});
