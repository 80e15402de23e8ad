// Bundles the extension host entry, the CLI and the chat webview into dist/, and copies the codicon
// font the webview uses to dist/codicons/. `--production` minifies; `--watch` rebuilds.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The npm package: one bundle for the SDK and the CLI (dist/oblix.cjs); dist/cli.js and dist/index.mjs
  // are a few lines each around it (writeEntries), so `oblix` and `import { OblixClient } from 'oblix'`
  // load the same code.
  { entryPoints: ['src/cli/package-entry.ts'], outfile: 'dist/oblix.cjs' },
  // The chat view's page script: a browser bundle, loaded by the webview's HTML with a CSP nonce.
  { entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // The usage view's page script, with uPlot bundled in (no CDN).
  { entryPoints: ['src/webview/usage/main.ts'], outfile: 'dist/usage.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

/** The codicon stylesheet and font, served to the webview from dist/codicons/ (the VSIX has no node_modules). */
function copyCodicons() {
  const fs = require('node:fs');
  const path = require('node:path');
  const from = path.dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
  fs.mkdirSync('dist/codicons', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, file), path.join('dist/codicons', file));
}

/** uPlot's stylesheet (legend, cursor), served to the usage view from dist/uplot.css. */
function copyUplotCss() {
  require('node:fs').copyFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'dist/uplot.css');
}

/** The bin and the ESM entry: thin doors into dist/oblix.cjs. */
function writeEntries() {
  const fs = require('node:fs');
  fs.writeFileSync(
    'dist/cli.js',
    "#!/usr/bin/env node\n// The `oblix` command; the code is in oblix.cjs, shared with the SDK.\nrequire('./oblix.cjs').runCli(process.argv.slice(2));\n",
    { mode: 0o755 },
  );
  fs.writeFileSync(
    'dist/index.mjs',
    "// The ESM entry of the npm package `oblix`: the same bundle as require('oblix').\nimport oblix from './oblix.cjs';\n\nexport const { OblixClient, OblixOptionsError } = oblix;\n",
  );
}

async function main() {
  const fs = require('node:fs');
  copyCodicons();
  copyUplotCss();
  writeEntries();
  const contexts = [];
  for (const target of targets) {
    if (!fs.existsSync(target.entryPoints[0])) continue;
    contexts.push(
      await esbuild.context({
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        sourcemap: !production,
        minify: production,
        logLevel: 'warning',
        metafile: true, // for dist/THIRD-PARTY-NOTICES.md: which packages each bundle holds
        ...target,
      }),
    );
  }
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  require('./scripts/third-party-notices').writeThirdPartyNotices(
    results.map((r) => r.metafile),
    'dist/THIRD-PARTY-NOTICES.md',
    ['node_modules/@vscode/codicons'],
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
