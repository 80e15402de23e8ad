// Packs the npm package `oblix` (the router: `oblix serve`, `oblix chat`, `oblix models`, and the SDK's
// OblixClient, one bundle for both) from a staging folder
// (out/npm). Why a staging folder: the root package.json is the VS Code extension's manifest (its
// "main" is the extension's bundle, 1.1 MB the CLI never loads, and npm always packs "main"; its 10 KB
// of "contributes" mean nothing to npm). The staged manifest takes the root's shared fields (name,
// version, description...) and adds what only the npm package has: the `oblix` bin and its files.
// Usage: node scripts/stage-npm.js [DEST_DIR]   (packs oblix-VERSION.tgz into DEST_DIR, default: .)
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const SHARED_FIELDS = ['name', 'version', 'description', 'license', 'author', 'keywords', 'repository', 'bugs', 'homepage'];
/** The npm package's own: the CLI, the SDK and what they ship (npm adds package.json, README and LICENSE). */
const BIN = { oblix: 'dist/cli.js' };
const TYPES = 'dist/types/sdk/index.d.ts';
/** require('oblix') and import 'oblix' load the one bundle, dist/oblix.cjs (index.mjs re-exports it). */
const EXPORTS = {
  '.': { types: `./${TYPES}`, import: './dist/index.mjs', require: './dist/oblix.cjs' },
  './package.json': './package.json',
};
const FILES = ['dist/cli.js', 'dist/oblix.cjs', 'dist/index.mjs', 'dist/types', 'dist/THIRD-PARTY-NOTICES.md', 'CHANGELOG.md'];

/** The npm package's manifest: the root one's shared fields, its bin and files, Node's engine, no dependencies (all bundled). */
function npmManifest(pkg) {
  const out = {};
  for (const field of SHARED_FIELDS) if (pkg[field] !== undefined) out[field] = pkg[field];
  out.bin = { ...BIN };
  out.main = 'dist/oblix.cjs';
  out.types = TYPES;
  out.exports = structuredClone(EXPORTS);
  out.files = [...FILES];
  out.engines = { node: pkg.engines.node };
  return out;
}

/** Copies the manifest, README, LICENSE and every "files" entry of the npm manifest from root to dest. */
function stageNpm(root, dest) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const manifest = npmManifest(pkg);
  fs.rmSync(dest, { recursive: true, force: true });
  for (const file of ['README.md', 'LICENSE', ...manifest.files]) {
    const from = path.join(root, file);
    if (!fs.existsSync(from)) throw new Error(`${file} is missing: run node esbuild.js --production and node scripts/sdk-types.js first`);
    fs.cpSync(from, path.join(dest, file), { recursive: true });
  }
  fs.writeFileSync(path.join(dest, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const stage = path.join(root, 'out', 'npm');
  const destDir = path.resolve(process.argv[2] ?? root);
  stageNpm(root, stage);
  // --ignore-scripts: the staged manifest has none, and the build already ran.
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', destDir], { cwd: stage, stdio: 'inherit' });
}

module.exports = { npmManifest, stageNpm };
