// The @vscode/test-electron entry point, for machines that can download VS Code or have it
// installed (set VSCODE_EXECUTABLE to use an installed one). CI here uses code-server instead
// (test/e2e), because these machines cannot reach Microsoft's download servers.
//   npm run build && npm run test:vscode
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const extensionDevelopmentPath = path.resolve(__dirname, '../..');
  await runTests({
    extensionDevelopmentPath,
    extensionTestsPath: path.resolve(__dirname, 'suite/index.js'),
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
