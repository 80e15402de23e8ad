// Packages oblix.vsix from a staging folder (out/vsix) that holds only what the extension runs with.
// Why a staging folder: package.json's "files" list is the npm package's (the CLI alone), and vsce
// refuses a "files" list next to a .vscodeignore, and would otherwise apply that list to the VSIX.
// So the staged manifest drops "files", the scripts (the build already ran) and the dependency lists
// (everything is bundled). Usage: node scripts/stage-vsix.js [OUT.vsix]   (default: oblix.vsix)
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const stage = path.join(root, 'out', 'vsix');
const out = path.resolve(process.argv[2] ?? path.join(root, 'oblix.vsix'));

/** What the extension host and the chat webview load, plus the extension page's documents. */
const FILES = ['README.md', 'LICENSE', 'CHANGELOG.md', 'dist/extension.js', 'dist/webview.js', 'dist/THIRD-PARTY-NOTICES.md', 'dist/codicons', 'media/chat.css', 'media/oblix.svg', 'media/icon.png', 'media/walkthrough'];
const DROPPED_FIELDS = ['files', 'scripts', 'dependencies', 'devDependencies', 'allowScripts'];

fs.rmSync(stage, { recursive: true, force: true });
for (const file of FILES) {
  const from = path.join(root, file);
  if (!fs.existsSync(from)) throw new Error(`${file} is missing: run node esbuild.js --production first`);
  fs.cpSync(from, path.join(stage, file), { recursive: true });
}
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
for (const field of DROPPED_FIELDS) delete manifest[field];
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
// The staged folder holds only what ships: an empty ignore list tells vsce so (it warns without one).
fs.writeFileSync(path.join(stage, '.vscodeignore'), '# Everything in out/vsix ships: scripts/stage-vsix.js copied only that.\n');

const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '-o', out], { cwd: stage, stdio: 'inherit' });
