// The README's Cline recipe with the real Cline CLI: its `cline auth` line word for word (the port
// aside), then `cline "<task>"` (act mode, tools approved) doing one tool round trip (Cline's `editor`
// tool) against a fake Ollama through `oblix serve`, with outside traffic blocked and a throwaway
// HOME. `cline` is installed outside the repo (see CONTRIBUTING.md); the test skips when it is missing.
import assert from 'node:assert/strict';
import { delimiter, dirname, join } from 'node:path';
import { AGENT_TIMEOUT_MS, bin, NO_OUTSIDE, recipeBlock, run } from './agent-kit';
import { assertToolRoundTrip, recipeRig, WRITTEN } from './recipe-rig';

describe('Cline (cline CLI) through oblix serve, as the README says', function () {
  this.timeout(2 * AGENT_TIMEOUT_MS + 30_000);
  const rig = recipeRig('cline', 'cline');

  it('cline auth as written, then cline "<task>": editor tool call → tool result → final answer, routed by auto', async () => {
    // Sessions in-process: by default cline starts a hub daemon that outlives the test.
    const env = { PATH: `${dirname(bin('cline'))}${delimiter}${process.env.PATH}`, HOME: rig.home, ...NO_OUTSIDE, CLINE_SESSION_BACKEND_MODE: 'local' };
    const auth = await run('sh', ['-c', recipeBlock('**Cline**', rig.url)], env, rig.work);
    assert.equal(auth.code, 0, `${auth.stdout}\n${auth.stderr}`);
    const file = join(rig.work, 'hello.txt');
    rig.ollama.toolCall = { name: 'editor', arguments: { path: file, new_text: WRITTEN } };
    const r = await run(bin('cline'), ['Create hello.txt'], env, rig.work);
    await assertToolRoundTrip(rig, r, file);
    assert.match(r.stdout, /Hello from fake-ollama\./);
  });
});
