// What may ship in each artifact, exactly: a file that is not listed (sources, tests, source maps,
// node_modules, a stray build output) or a listed file that is missing fails the release.
export const VSIX_FILES = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/webview.js',
  'extension/dist/usage.js',
  'extension/dist/uplot.css',
  'extension/dist/THIRD-PARTY-NOTICES.md',
  'extension/dist/codicons/codicon.css',
  'extension/dist/codicons/codicon.ttf',
  'extension/media/chat.css',
  'extension/media/usage.css',
  'extension/media/oblix.svg',
  'extension/media/icon.png',
  'extension/media/walkthrough/install-ollama.md',
  'extension/media/walkthrough/pull-model.md',
  'extension/media/walkthrough/cloud-key.md',
  'extension/media/walkthrough/first-question.md',
];

export const NPM_FILES = [
  'package/package.json',
  'package/README.md',
  'package/LICENSE',
  'package/CHANGELOG.md',
  'package/dist/cli.js',
  'package/dist/oblix.cjs',
  'package/dist/index.mjs',
  // The SDK's types: the declarations src/sdk/index.ts reaches (scripts/sdk-types.js), and no more.
  'package/dist/types/sdk/index.d.ts',
  'package/dist/types/sdk/client.d.ts',
  'package/dist/types/sdk/client-options.d.ts',
  'package/dist/types/sdk/execute-types.d.ts',
  'package/dist/types/sdk/file-session-store.d.ts',
  'package/dist/types/core/sessions/session.d.ts',
  'package/dist/types/core/usage.d.ts',
  'package/dist/THIRD-PARTY-NOTICES.md',
];

/** Named separately so the failure says why, not only "unexpected". Declarations (.d.ts) are not sources. */
const FORBIDDEN = /(^|\/)(src|test|node_modules|bench|scripts|out)\/|\.map$|(?<!\.d)\.ts$/;

export function checkContents(artifact: string, actual: string[], expected: string[]): string[] {
  const problems: string[] = [];
  for (const f of actual) {
    if (FORBIDDEN.test(f)) problems.push(`${artifact}: ${f} must never ship`);
    else if (!expected.includes(f)) problems.push(`${artifact}: unexpected file ${f}`);
  }
  for (const f of expected) if (!actual.includes(f)) problems.push(`${artifact}: missing ${f}`);
  return problems;
}
