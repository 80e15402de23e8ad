// The root package.json is the extension's manifest and .vscodeignore picks what ships, so that
// `npx @vscode/vsce package` in a clone makes the same VSIX as `npm run package`. vsce's own file
// listing (the one `vsce package` zips) of a copy of the root, with every shipped file stubbed and
// strays beside them, must be exactly the release's list (scripts/release/contents.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import { VSIX_FILES } from '../../scripts/release/contents';

const ROOT = path.resolve(__dirname, '..', '..');
/** vsce renames these three inside the VSIX. */
const RENAMED: Record<string, string> = { 'readme.md': 'README.md', 'changelog.md': 'CHANGELOG.md', 'LICENSE.txt': 'LICENSE' };

describe('the VSIX packaged from the root', function () {
  this.timeout(30_000);
  const sources = VSIX_FILES.filter((f) => f.startsWith('extension/')).map((f) => {
    const file = f.slice('extension/'.length);
    return RENAMED[file] ?? file;
  });

  it('holds the manifest entry point and exactly the release files, nothing else from the clone', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; files?: unknown };
    assert.equal(pkg.files, undefined, 'a "files" list would make vsce ignore .vscodeignore');
    assert.ok(sources.includes(pkg.main), `${pkg.main} is among the shipped files`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-vsix-ls-'));
    try {
      fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
      fs.copyFileSync(path.join(ROOT, '.vscodeignore'), path.join(dir, '.vscodeignore'));
      const strays = [
        'src/extension/extension.ts',
        'test/x.test.ts',
        'dist/cli.js',
        'dist/extension.js.map',
        'node_modules/x/index.js',
        'out/vsix/package.json',
        'oblix.vsix',
        'oblix-0.1.0.tgz',
        'bench/run.ts',
        'scripts/release.ts',
        '.ci/run',
        'tsconfig.json',
        'media/screenshots/chat.png',
        'release-sizes.json',
      ];
      // Unbuilt bundles (a fresh clone) are stubbed: the selection is what is tested, not the build.
      for (const file of [...sources.filter((f) => f !== 'package.json'), ...strays]) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), '');
      }
      const listed = await listFiles({ cwd: dir, packageManager: PackageManager.None });
      assert.deepEqual(listed.map((f) => f.replace(/\\/g, '/')).sort(), [...sources].sort());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
