// End-to-end helper: a real VS Code (code-server 4.99.4, VS Code 1.99.3) driven by Playwright in
// Debian's Chromium. `npm run e2e:install` (scripts/install-e2e.sh) installs both; see
// shared/notes/vscode-e2e.md for why this and not @vscode/test-electron.
//
//   const cs = await startCodeServer({ vsix: 'oblix.vsix', userSettings: { ... }, env: { ... } });
//   try {
//     await cs.runCommand('Oblix: Show Status');
//     await cs.statusBarItem(/Oblix/).waitFor({ timeout: 30_000 });
//     await cs.screenshot('status');
//   } finally {
//     await cs.stop();
//   }
//
// Every wait here has a timeout; stop() kills Chromium and code-server by process group, then any
// process left whose command line names this run's temp folder.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserServer, type FrameLocator, type Locator, type Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Screenshots and logs go here (gitignored). */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts', 'e2e');

/** Where scripts/install-e2e.sh puts code-server; OBLIX_CODE_SERVER overrides the binary's path. */
export function codeServerBinary(): string {
  if (process.env.OBLIX_CODE_SERVER) return process.env.OBLIX_CODE_SERVER;
  const cache = process.env.OBLIX_E2E_CACHE || path.join(os.homedir(), '.cache', 'oblix-e2e');
  return path.join(cache, 'code-server', 'node_modules', '.bin', 'code-server');
}

/** Settings written under the test's own, so that no first-run page or prompt covers the workbench. */
export const DEFAULT_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  // The DOM renderer, so that the terminal's text is in the page (WebGL needs a GPU).
  'terminal.integrated.gpuAcceleration': 'off',
};

export interface StartOptions {
  /** VSIXes to install into this run's own extensions folder first; none: a bare VS Code. */
  vsix?: string | readonly string[];
  /** Written to $DATA/User/settings.json, over DEFAULT_USER_SETTINGS (unless `defaultSettings: false`). */
  userSettings?: Record<string, unknown>;
  /** Merge DEFAULT_USER_SETTINGS under userSettings (default true). */
  defaultSettings?: boolean;
  /** Added to code-server's environment; the extension host inherits it. */
  env?: Record<string, string>;
  /** The folder to open; default: a new empty folder in this run's temp folder. */
  workspace?: string;
  /** Used in log and screenshot file names (default 'e2e'). */
  name?: string;
  /** Limit for code-server to listen, and for the workbench to appear (each; default 90 s). */
  startTimeoutMs?: number;
  /** Playwright's default timeout for actions and waits on the page (default 30 s). */
  actionTimeoutMs?: number;
  viewport?: { width: number; height: number };
  /** Chromium's binary (default OBLIX_CHROMIUM or /usr/bin/chromium). */
  chromiumPath?: string;
  /** More code-server arguments, e.g. `['--enable-proposed-api', 'publisher.name']`. */
  args?: readonly string[];
}

export interface Timings {
  /** VSIX install (0 without a VSIX). */
  installMs: number;
  /** Spawn until "HTTP server listening". */
  codeServerMs: number;
  /** Browser launch until `.monaco-workbench` and the status bar are visible. */
  workbenchMs: number;
}

export interface CodeServer {
  url: string;
  port: number;
  page: Page;
  browser: Browser;
  /** Temp folder holding data/, extensions/ and (by default) workspace/. */
  root: string;
  dataDir: string;
  extensionsDir: string;
  workspace: string;
  timings: Timings;
  /** Everything code-server printed so far. */
  output(): string;
  /** The text of $DATA/User/settings.json ('' when missing). */
  readUserSettings(): string;
  /** Every extension host log file's text, concatenated (VS Code writes them under $DATA/logs). */
  readExtensionHostLogs(): string;
  /** Saves test-artifacts/e2e/NAME.png (full workbench) and returns its path. */
  screenshot(name: string): Promise<string>;
  /** F1, `>title`, Enter on the entry whose label is `title`; waits for the palette to go. */
  runCommand(title: string, timeoutMs?: number): Promise<void>;
  /** Chooses the entry labelled `label` in the open quick pick. */
  quickPick(label: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Types `text` into the open input box and presses Enter. */
  inputBox(text: string, timeoutMs?: number): Promise<void>;
  /** A status bar entry (in #workbench.parts.statusbar) whose text matches. */
  statusBarItem(match: string | RegExp): Locator;
  /**
   * A status bar entry by the id the extension gave createStatusBarItem ('oblix.status'; the DOM id
   * is 'oblix.oblix.oblix.status', extension id first), for entries whose text changes.
   */
  statusBarItemById(id: string): Locator;
  /** A notification toast whose text matches. */
  notification(match: string | RegExp): Locator;
  /** The content of a webview (outer iframe.webview, inner iframe#active-frame); nth counts from 0. */
  webview(nth?: number): FrameLocator;
  /** Reloads the page and waits for the workbench again. */
  reload(timeoutMs?: number): Promise<void>;
  /** Kills Chromium and code-server; saves code-server's output to test-artifacts/e2e/NAME-code-server.log. */
  stop(): Promise<void>;
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';
const QUICK_INPUT_ROW = '.quick-input-widget .quick-input-list .monaco-list-row';
const STATUS_BAR = '#workbench\\.parts\\.statusbar';

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'screenshot';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** NO_PROXY/no_proxy with loopback added, so that nothing on 127.0.0.1 goes through a proxy. */
function noProxy(env: NodeJS.ProcessEnv): string {
  const entries = new Set(
    `${env.NO_PROXY ?? ''},${env.no_proxy ?? ''},127.0.0.1,localhost,::1`
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return [...entries].join(',');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Pids of processes whose command line contains `marker` (our unique temp folder). */
function pidsMentioning(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(marker)) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

function listFiles(dir: string, pattern: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, pattern));
    else if (pattern.test(full)) out.push(full);
  }
  return out;
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const text = `${stdout}${stderr}`;
      if (err) reject(new Error(`${path.basename(bin)} ${args.join(' ')} failed: ${err.message}\n${text}`));
      else resolve(text);
    });
  });
}

/** Waits for code-server to print its address; rejects if it exits first or takes too long. */
function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<URL> {
  return new Promise((resolve, reject) => {
    const re = /HTTP server listening on (http:\/\/[^\s]+)/;
    const check = (): void => {
      const m = re.exec(output());
      if (m) finish(undefined, new URL(m[1]));
    };
    const onExit = (code: number | null, signal: string | null): void => finish(new Error(`code-server exited (code ${code}, signal ${signal}) before listening:\n${output()}`));
    const timer = setTimeout(() => finish(new Error(`code-server did not listen within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    function finish(err?: Error, url?: URL): void {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(url!);
    }
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.on('exit', onExit);
    check();
  });
}

export async function startCodeServer(options: StartOptions = {}): Promise<CodeServer> {
  const name = safeName(options.name ?? 'e2e');
  const startTimeout = options.startTimeoutMs ?? 90_000;
  const actionTimeout = options.actionTimeoutMs ?? 30_000;
  const bin = codeServerBinary();
  if (!fs.existsSync(bin)) {
    throw new Error(`code-server not found at ${bin}: run \`npm run e2e:install\` (scripts/install-e2e.sh) first`);
  }
  const chromiumPath = options.chromiumPath ?? process.env.OBLIX_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: run \`npm run e2e:install\` (apt-get install chromium)`);
  }

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-e2e-'));
  const dataDir = path.join(root, 'data');
  const extensionsDir = path.join(root, 'extensions');
  const workspace = path.resolve(options.workspace ?? path.join(root, 'workspace'));
  fs.mkdirSync(path.join(dataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });

  const settings = {
    ...(options.defaultSettings === false ? {} : DEFAULT_USER_SETTINGS),
    ...(options.userSettings ?? {}),
  };
  const settingsPath = path.join(dataDir, 'User', 'settings.json');
  fs.writeFileSync(settingsPath, JSON.stringify(settings, null, 2) + '\n');
  // An empty config file of our own: code-server otherwise creates ~/.config/code-server/config.yaml.
  const configPath = path.join(root, 'config.yaml');
  fs.writeFileSync(configPath, 'auth: none\n');

  const np = noProxy(process.env);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_PROXY: np,
    no_proxy: np,
    ...(options.env ?? {}),
  };
  // Not for the extension host: code-server's own variables that would change how it runs.
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.VSCODE_PROXY_URI;

  const timings: Timings = { installMs: 0, codeServerMs: 0, workbenchMs: 0 };
  const common = ['--config', configPath, '--user-data-dir', dataDir, '--extensions-dir', extensionsDir];

  for (const file of typeof options.vsix === 'string' ? [options.vsix] : (options.vsix ?? [])) {
    const vsix = path.resolve(file);
    if (!fs.existsSync(vsix)) throw new Error(`VSIX not found: ${vsix} (npm run package builds oblix.vsix)`);
    const t = Date.now();
    const out = await run(bin, [...common, '--install-extension', vsix], env, 120_000);
    if (!/successfully installed/i.test(out)) throw new Error(`installing ${vsix} failed:\n${out}`);
    timings.installMs += Date.now() - t;
  }

  let csOutput = '';
  let codeServer: ChildProcess | undefined;
  let browserServer: BrowserServer | undefined;
  let browser: Browser | undefined;
  let stopped = false;

  const killEverything = (): void => {
    killGroup(browserServer?.process().pid, 'SIGKILL');
    killGroup(codeServer?.pid, 'SIGKILL');
    for (const pid of pidsMentioning(root)) killGroup(pid, 'SIGKILL');
  };
  // If the test process dies without stop(), still take the processes down with it.
  const onExit = (): void => {
    if (!stopped) killEverything();
  };
  process.once('exit', onExit);

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    if (browser) await withTimeout(browser.close(), 10_000, 'browser.close()').catch(() => undefined);
    if (browserServer) await withTimeout(browserServer.close(), 10_000, 'browserServer.close()').catch(() => undefined);
    killGroup(browserServer?.process().pid, 'SIGKILL');
    const csPid = codeServer?.pid;
    if (csPid && codeServer?.exitCode === null) {
      killGroup(csPid, 'SIGTERM');
      for (let i = 0; i < 50 && isAlive(csPid); i++) await sleep(100);
    }
    killGroup(csPid, 'SIGKILL');
    // Extension host, pty host, file watcher: whatever still names our temp folder.
    for (let i = 0; i < 20; i++) {
      const left = pidsMentioning(root);
      if (left.length === 0) break;
      for (const pid of left) killGroup(pid, i < 5 ? 'SIGTERM' : 'SIGKILL');
      await sleep(100);
    }
    try {
      fs.writeFileSync(path.join(ARTIFACTS_DIR, `${name}-code-server.log`), csOutput);
    } catch {
      // artifacts are best effort
    }
    if (!process.env.OBLIX_E2E_KEEP) fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const t0 = Date.now();
    codeServer = spawn(
      bin,
      [
        ...common,
        '--auth',
        'none',
        '--bind-addr',
        '127.0.0.1:0',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        ...(options.args ?? []),
        workspace,
      ],
      { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    codeServer.stdout?.setEncoding('utf8').on('data', (d: string) => (csOutput += d));
    codeServer.stderr?.setEncoding('utf8').on('data', (d: string) => (csOutput += d));
    const listening = await waitForListening(codeServer, () => csOutput, startTimeout);
    const port = Number(listening.port);
    const url = `http://127.0.0.1:${port}`;
    timings.codeServerMs = Date.now() - t0;

    const t1 = Date.now();
    browserServer = await withTimeout(
      chromium.launchServer({
        executablePath: chromiumPath,
        headless: true,
        chromiumSandbox: false, // --no-sandbox: we run as root
        env: { ...env },
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-quic',
          '--no-first-run',
          '--no-proxy-server', // only loopback is ever opened; a proxy variable must not capture it
        ],
        timeout: 60_000,
      }),
      70_000,
      'launching Chromium',
    );
    browser = await chromium.connect(browserServer.wsEndpoint(), { timeout: 30_000 });
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 } });
    context.setDefaultTimeout(actionTimeout);
    context.setDefaultNavigationTimeout(startTimeout);
    const page = await context.newPage();

    const waitForWorkbench = async (timeoutMs: number): Promise<void> => {
      await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout: timeoutMs });
      await page.locator(STATUS_BAR).waitFor({ state: 'visible', timeout: timeoutMs });
    };
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`, {
      waitUntil: 'domcontentloaded',
      timeout: startTimeout,
    });
    await waitForWorkbench(startTimeout);
    timings.workbenchMs = Date.now() - t1;

    // What the quick input shows: its value, placeholder and title. A command that opens a quick pick
    // or input box of its own reuses the same widget, often with an empty value again.
    const quickInputState = (): Promise<string> =>
      page.evaluate(
        ([inputSel, widgetSel]) => {
          const input = document.querySelector<HTMLInputElement>(inputSel);
          const title = document.querySelector<HTMLElement>(`${widgetSel} .quick-input-title`)?.textContent ?? '';
          return `${input?.value ?? ''}\u0000${input?.placeholder ?? ''}\u0000${title}`;
        },
        [QUICK_INPUT_BOX, QUICK_INPUT] as const,
      );

    const quickInputClosedOrChanged = async (value: string, timeoutMs: number, what: string, before?: string): Promise<void> => {
      // Done when the quick input is hidden, or shows something else than `before` (or than `value`).
      await page
        .waitForFunction(
          ([widgetSel, inputSel, v, b]) => {
            const widget = document.querySelector<HTMLElement>(widgetSel);
            if (!widget || widget.style.display === 'none' || widget.getClientRects().length === 0) return true;
            const input = document.querySelector<HTMLInputElement>(inputSel);
            if (!input) return true;
            if (b === null) return input.value !== v;
            const title = widget.querySelector<HTMLElement>('.quick-input-title')?.textContent ?? '';
            return `${input.value}\u0000${input.placeholder}\u0000${title}` !== b;
          },
          [QUICK_INPUT, QUICK_INPUT_BOX, value, before ?? null] as const,
          { timeout: timeoutMs, polling: 100 },
        )
        .catch((err: Error) => {
          throw new Error(`${what}: the quick input stayed open with "${value}" (${err.message})`);
        });
    };

    const openQuickInput = async (timeoutMs: number, what: string): Promise<Locator> => {
      const input = page.locator(QUICK_INPUT_BOX);
      await input.waitFor({ state: 'visible', timeout: timeoutMs }).catch((err: Error) => {
        throw new Error(`${what}: no quick input is open (${err.message})`);
      });
      return input;
    };

    const runCommand = async (title: string, timeoutMs = actionTimeout): Promise<void> => {
      const what = `runCommand(${JSON.stringify(title)})`;
      // Focus the workbench (not an input in a webview) so that F1 reaches VS Code's keybindings.
      await page
        .locator('.monaco-workbench')
        .first()
        .focus({ timeout: timeoutMs })
        .catch(() => undefined);
      let input: Locator | undefined;
      for (let attempt = 0; attempt < 3 && !input; attempt++) {
        await page.keyboard.press('F1');
        input = await openQuickInput(Math.min(timeoutMs, 5_000), what).catch(() => undefined);
      }
      if (!input) input = await openQuickInput(timeoutMs, what);
      const value = `>${title}`;
      await input.fill(value, { timeout: timeoutMs });
      // The entry whose label is exactly the title (a row's aria-label starts with its label).
      const row = page
        .locator(QUICK_INPUT_ROW)
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
        .first();
      await row.waitFor({ state: 'visible', timeout: timeoutMs }).catch(async (err: Error) => {
        const shown = await page
          .locator(QUICK_INPUT_ROW)
          .allInnerTexts()
          .catch(() => []);
        await page.keyboard.press('Escape').catch(() => undefined);
        throw new Error(`${what}: no such command in the palette (shown: ${JSON.stringify(shown)}) (${err.message})`);
      });
      await row.click({ timeout: timeoutMs });
      await quickInputClosedOrChanged(value, timeoutMs, what);
    };

    const quickPick = async (label: string | RegExp, timeoutMs = actionTimeout): Promise<void> => {
      const what = `quickPick(${String(label)})`;
      const input = await openQuickInput(timeoutMs, what);
      const exact = typeof label === 'string' ? new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) : label;
      if (typeof label === 'string') await input.fill(label, { timeout: timeoutMs });
      const row = page
        .locator(QUICK_INPUT_ROW)
        .filter({ has: page.locator('.label-name', { hasText: exact }) })
        .first();
      await row.waitFor({ state: 'visible', timeout: timeoutMs }).catch(async (err: Error) => {
        const shown = await page
          .locator(QUICK_INPUT_ROW)
          .allInnerTexts()
          .catch(() => []);
        throw new Error(`${what}: no such entry (shown: ${JSON.stringify(shown)}) (${err.message})`);
      });
      const value = await input.inputValue({ timeout: timeoutMs });
      const before = await quickInputState();
      await row.click({ timeout: timeoutMs });
      await quickInputClosedOrChanged(value, timeoutMs, what, before);
    };

    const inputBox = async (text: string, timeoutMs = actionTimeout): Promise<void> => {
      const what = `inputBox(${JSON.stringify(text)})`;
      const input = await openQuickInput(timeoutMs, what);
      await input.fill(text, { timeout: timeoutMs });
      await input.press('Enter', { timeout: timeoutMs });
      await quickInputClosedOrChanged(text, timeoutMs, what);
    };

    const screenshot = async (shotName: string): Promise<string> => {
      const file = path.join(ARTIFACTS_DIR, `${safeName(shotName)}.png`);
      await page.screenshot({ path: file, timeout: actionTimeout });
      return file;
    };

    const reload = async (timeoutMs = startTimeout): Promise<void> => {
      await page.reload({ waitUntil: 'domcontentloaded', timeout: timeoutMs });
      await waitForWorkbench(timeoutMs);
    };

    return {
      url,
      port,
      page,
      browser,
      root,
      dataDir,
      extensionsDir,
      workspace,
      timings,
      output: () => csOutput,
      readUserSettings: () => (fs.existsSync(settingsPath) ? fs.readFileSync(settingsPath, 'utf8') : ''),
      readExtensionHostLogs: () =>
        listFiles(path.join(dataDir, 'logs'), /exthost\d*[/\\].*\.log$/)
          .map((f) => `==> ${path.relative(dataDir, f)} <==\n${fs.readFileSync(f, 'utf8')}`)
          .join('\n'),
      screenshot,
      runCommand,
      quickPick,
      inputBox,
      statusBarItem: (match) => page.locator(`${STATUS_BAR} .statusbar-item`).filter({ hasText: match }),
      statusBarItemById: (id) => page.locator(`${STATUS_BAR} .statusbar-item[id="${id}"], ${STATUS_BAR} .statusbar-item[id$=".${id}"]`).first(),
      notification: (match) => page.locator('.notifications-toasts .notification-toast').filter({ hasText: match }),
      webview: (nth = 0) => page.locator('iframe.webview').nth(nth).contentFrame().locator('iframe#active-frame').contentFrame(),
      reload,
      stop,
    };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
