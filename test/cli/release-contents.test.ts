// The release's file check: what it refuses (sources, tests, maps, node_modules, strays) and what it
// asks for (every listed file), so a wrong artifact fails the release and not a user's install.
import assert from 'node:assert/strict';
import { checkContents, NPM_FILES, VSIX_FILES } from '../../scripts/release/contents';

describe('release contents check', () => {
  it('accepts exactly the listed files', () => {
    assert.deepEqual(checkContents('oblix.vsix', [...VSIX_FILES].reverse(), VSIX_FILES), []);
    assert.deepEqual(checkContents('npm', NPM_FILES, NPM_FILES), []);
  });

  it('refuses sources, tests, source maps and node_modules by name, and any other stray file', () => {
    const problems = checkContents('npm', [...NPM_FILES, 'package/src/cli/main.ts', 'package/test/x.js', 'package/dist/cli.js.map', 'package/node_modules/undici/index.js', 'package/dist/extension.js'], NPM_FILES);
    assert.deepEqual(problems, [
      'npm: package/src/cli/main.ts must never ship',
      'npm: package/test/x.js must never ship',
      'npm: package/dist/cli.js.map must never ship',
      'npm: package/node_modules/undici/index.js must never ship',
      'npm: unexpected file package/dist/extension.js',
    ]);
  });

  it('names a missing file', () => {
    assert.deepEqual(checkContents('oblix.vsix', VSIX_FILES.filter((f) => f !== 'extension/dist/extension.js'), VSIX_FILES), ['oblix.vsix: missing extension/dist/extension.js']);
  });
});
