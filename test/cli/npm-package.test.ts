// The npm package `oblix` holds the router's runtime files (CLI and SDK, one bundle) and nothing else, and needs no
// dependencies: `npm pack --dry-run --json` of the staged manifest (scripts/stage-npm.js), with the
// bundles stubbed when they are not built, so this runs on a fresh clone and in about a second.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface NpmManifest {
  name: string;
  bin: Record<string, string>;
  files: string[];
  main?: string;
  types?: string;
  exports?: Record<string, unknown>;
  dependencies?: unknown;
  engines: { node: string };
}
// A plain CommonJS script shared with the release: typed here by what it returns.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS script
const { npmManifest } = require('../../scripts/stage-npm.js') as { npmManifest: (pkg: unknown) => NpmManifest };

const ROOT = path.resolve(__dirname, '..', '..');
const EXPECTED = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'dist/THIRD-PARTY-NOTICES.md',
  'dist/cli.js',
  'dist/index.mjs',
  'dist/oblix.cjs',
  'dist/types/sdk/index.d.ts',
  'package.json',
];

describe('the npm package', function () {
  this.timeout(30_000);
  const pkg: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const manifest = npmManifest(pkg);

  it('has the oblix bin, the SDK entries (require, import, types) and no dependencies (every runtime dependency is bundled)', () => {
    assert.deepEqual(manifest.bin, { oblix: 'dist/cli.js' });
    assert.equal(manifest.main, 'dist/oblix.cjs');
    assert.equal(manifest.types, 'dist/types/sdk/index.d.ts');
    assert.deepEqual(manifest.exports, {
      '.': { types: './dist/types/sdk/index.d.ts', import: './dist/index.mjs', require: './dist/oblix.cjs' },
      './package.json': './package.json',
    });
    assert.equal(manifest.dependencies, undefined);
    assert.equal((pkg as { dependencies?: unknown }).dependencies, undefined, 'the root manifest declares nothing npm would install');
    assert.ok(manifest.engines.node);
  });

  it('packs exactly the bundle and its two entries, the types, the notices, the README, LICENSE and CHANGELOG', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-npm-pack-'));
    try {
      // The types folder stands for the declarations scripts/sdk-types.js writes (release/contents.ts lists them all).
      for (const file of ['README.md', 'LICENSE', ...manifest.files.map((f) => (f === 'dist/types' ? 'dist/types/sdk/index.d.ts' : f))]) {
        const from = path.join(ROOT, file);
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        // Unbuilt bundles (a fresh clone) are stubbed: the list is what is tested, not the build.
        if (fs.existsSync(from)) fs.copyFileSync(from, path.join(dir, file));
        else fs.writeFileSync(path.join(dir, file), '');
      }
      // Stray files that must not be packed even when present next to the package.
      for (const stray of ['src/x.ts', 'test/x.test.ts', 'dist/cli.js.map', 'dist/extension.js', 'node_modules/x/index.js']) {
        fs.mkdirSync(path.dirname(path.join(dir, stray)), { recursive: true });
        fs.writeFileSync(path.join(dir, stray), '');
      }
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
      const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      const [packed] = JSON.parse(out) as [{ files: { path: string }[] }];
      assert.deepEqual(packed.files.map((f) => f.path).sort(), EXPECTED);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
