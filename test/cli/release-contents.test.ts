// The release's file check: what it refuses (sources, tests, maps, node_modules, strays) and what it
// asks for (every listed file), so a wrong artifact fails the release and not a user's install.
import assert from 'node:assert/strict';
import { checkContents, NPM_FILES, VSIX_FILES } from '../../scripts/release/contents';
import { overLimits, SIZE_LIMITS } from '../../scripts/release/size-limits';

describe('release contents check', () => {
  it('accepts exactly the listed files', () => {
    assert.deepEqual(checkContents('oblix.vsix', [...VSIX_FILES].reverse(), VSIX_FILES), []);
    assert.deepEqual(checkContents('npm', NPM_FILES, NPM_FILES), []);
  });

  it('refuses sources, tests, source maps and node_modules by name, and any other stray file', () => {
    const problems = checkContents(
      'npm',
      [...NPM_FILES, 'package/src/cli/main.ts', 'package/test/x.js', 'package/dist/cli.js.map', 'package/node_modules/undici/index.js', 'package/dist/extension.js'],
      NPM_FILES,
    );
    assert.deepEqual(problems, [
      'npm: package/src/cli/main.ts must never ship',
      'npm: package/test/x.js must never ship',
      'npm: package/dist/cli.js.map must never ship',
      'npm: package/node_modules/undici/index.js must never ship',
      'npm: unexpected file package/dist/extension.js',
    ]);
  });

  it('names a missing file', () => {
    assert.deepEqual(
      checkContents(
        'oblix.vsix',
        VSIX_FILES.filter((f) => f !== 'extension/dist/extension.js'),
        VSIX_FILES,
      ),
      ['oblix.vsix: missing extension/dist/extension.js'],
    );
  });

  it('ships the SDK declarations (.d.ts) but never a TypeScript source', () => {
    assert.ok(NPM_FILES.includes('package/dist/types/sdk/index.d.ts'));
    assert.deepEqual(checkContents('npm', [...NPM_FILES, 'package/dist/types/sdk/client.ts'], NPM_FILES), ['npm: package/dist/types/sdk/client.ts must never ship']);
  });

  it('refuses an artifact over its size limit, by name', () => {
    const limit = SIZE_LIMITS['dist/oblix.cjs']!;
    assert.deepEqual(overLimits({ 'dist/oblix.cjs': limit, 'oblix-VERSION.tgz': 1 }), []);
    assert.deepEqual(overLimits({ 'dist/oblix.cjs': limit + 1 }), [`dist/oblix.cjs is ${limit + 1} B, over its limit of ${limit} B (scripts/release/size-limits.ts)`]);
  });
});
