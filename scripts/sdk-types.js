// The npm package's types: tsc's declarations of src/sdk (stripInternal), and of only the files they
// reach, copied to dist/types/ in their source layout. Fails when a reached declaration imports a
// package (the npm package has no dependencies, so a consumer could not resolve it) — the reason
// the SDK's types stay clear of, say, the `openai` types that the core uses inside.
// Usage: node scripts/sdk-types.js   (after or before esbuild; writes dist/types/)
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const EMIT = path.join(ROOT, 'out', 'types');
const DEST = path.join(ROOT, 'dist', 'types');
const ENTRY = 'sdk/index.d.ts';

/** Every declaration file reachable from the entry by relative imports; bare imports other than node's are problems. */
function reachable(root, entry) {
  const seen = new Set();
  const problems = [];
  const visit = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      if (spec.startsWith('.')) {
        const base = path.join(path.dirname(rel), spec);
        const file = [`${base}.d.ts`, path.join(base, 'index.d.ts')].find((f) => fs.existsSync(path.join(root, f)));
        if (!file) problems.push(`${rel} imports ${spec}, which has no declaration`);
        else visit(file);
      } else if (!spec.startsWith('node:')) problems.push(`${rel} imports the package '${spec}': the SDK's types must not need it`);
    }
  };
  visit(entry);
  return { files: [...seen], problems };
}

function main() {
  fs.rmSync(EMIT, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.sdk-types.json', '--declaration', '--emitDeclarationOnly', '--stripInternal', '--outDir', EMIT, '--rootDir', 'src'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const { files, problems } = reachable(EMIT, ENTRY);
  if (problems.length) throw new Error(`The SDK's types reach outside the package:\n  ${problems.join('\n  ')}`);
  fs.rmSync(DEST, { recursive: true, force: true });
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(DEST, f)), { recursive: true });
    fs.copyFileSync(path.join(EMIT, f), path.join(DEST, f));
  }
  console.log(`dist/types: ${files.length} declaration files from ${ENTRY}`);
}

if (require.main === module) main();
module.exports = { reachable };
