// Owns the running parts inside VS Code: the core (rebuilt when settings change), the server,
// the keys and the sessions. Everything else (status bar, commands, API) reads from here.
import * as vscode from 'vscode';
import type { Decision } from '../core/decision';
import { Oblix } from '../core/oblix';
import { DEFAULT_LOCAL_ONLY_FILES } from './local-only-files';
import { redact } from '../core/support/redact';
import { KeyStore } from './secrets';
import { ServerHost, type ServerState } from './server-host';
import { readSettings, SERVER_SETTINGS, type ExtensionSettings } from './settings';
import { WorkspaceSessionStore } from './workspace-session-store';
import { workspaceState, type WorkspaceState } from './state';
import { errorMessage } from '../core/errors/error-message';
import { endAnswers } from './deactivation';
import { EditorModels } from './editor-models/editor-models';
import { whereOblixRuns } from './where';
import { Ledger } from '../core/ledger/ledger';
import { budgetInWords } from '../core/ledger/budget';
import { prewarmInWords } from '../core/routing/prewarm';

export class OblixService implements vscode.Disposable {
  readonly keys: KeyStore;
  readonly sessions: WorkspaceSessionStore;
  /** The workspace state, typed (state.ts): the sessions and the chat view's current one. */
  readonly state: WorkspaceState;
  private readonly server: ServerHost;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private core: Oblix | null = null;
  private current: ExtensionSettings | null = null;
  private running = 0;
  private reloading: Promise<void> = Promise.resolve();
  private toldProblems = '';
  /** The editor's own models (vscode.lm, other vendors): a cloud provider of every core; null on a host without the API. */
  readonly editorModels: EditorModels | null;
  /** In a remote window, which machine Oblix (its endpoint, its 127.0.0.1) runs on, in words; null in a local window. */
  readonly where: string | null;
  private warming: Promise<void> | null = null;
  /** Fires when the core, the server state, a decision or the busy state changes. */
  readonly onDidChange = this.changed.event;
  lastDecision: Decision | null = null;
  /**
   * The usage ledger, in the extension's global storage (shared by every window). One per window,
   * kept across core rebuilds. Endpoint traffic has one writer, the window that owns the port (a
   * later window uses that server, server-host.ts); in-editor chats of two windows both append, one
   * write(2) per line on O_APPEND, which never interleaves (ledger/writer.ts, test ledger-files).
   */
  readonly ledger: Ledger;

  constructor(
    context: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
  ) {
    this.keys = new KeyStore(context.secrets);
    this.state = workspaceState(context.workspaceState);
    this.sessions = new WorkspaceSessionStore(this.state);
    this.server = new ServerHost(log);
    this.ledger = new Ledger({
      dir: vscode.Uri.joinPath(context.globalStorageUri, 'usage').fsPath,
      onError: (err) => log.error(`The usage ledger could not be written: ${err.message}`),
    });
    if (this.ledger.corruptAtStart) log.warn(`Skipped ${this.ledger.corruptAtStart} corrupt line(s) in the usage ledger.`);
    this.disposables.push(
      this.ledger.onRecord(() => this.changed.fire()),
      this.ledger.onBudgetWarning((b) => {
        const text = `Oblix: cloud budget ${budgetInWords(b)} spent. At 100 % only local models answer until it resets.`;
        log.warn(text);
        void vscode.window.showWarningMessage(text, 'Show Usage').then((pick) => pick && vscode.commands.executeCommand('oblix.showUsage'));
      }),
    );
    this.where = whereOblixRuns(vscode.env.remoteName, context.extension.extensionKind);
    if (this.where) log.info(this.where);
    this.editorModels = typeof vscode.lm?.selectChatModels === 'function' ? new EditorModels(vscode.lm) : null;
    if (this.editorModels) {
      const editor = this.editorModels;
      this.disposables.push(
        editor,
        editor.onDidChange(() => {
          this.log.info(
            `Editor models: ${
              editor
                .models()
                .map((m) => `vscode:${m.model}`)
                .join(', ') || 'none'
            }`,
          );
          this.changed.fire();
        }),
      );
      editor.refresh().catch((err: unknown) => this.log.warn(`Could not list the editor's models: ${errorMessage(err)}`));
    }
    this.disposables.push(
      this.server,
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('oblix')) void this.reload(SERVER_SETTINGS.some((s) => e.affectsConfiguration(s)) ? 'server settings changed' : 'settings changed');
      }),
      context.secrets.onDidChange((e) => {
        if (e.key.startsWith('oblix.')) void this.reload('a key changed');
      }),
    );
  }

  get oblix(): Oblix | null {
    return this.core;
  }

  get settings(): ExtensionSettings | null {
    return this.current;
  }

  get serverState(): ServerState {
    return this.server.state;
  }

  /** The OpenAI-compatible base URL other tools should use. */
  get endpoint(): string {
    const st = this.server.state;
    if (st.kind === 'own' || st.kind === 'shared') return st.url;
    const c = this.current?.config;
    return c ? `http://${c.host}:${c.port}/v1` : 'http://127.0.0.1:62549/v1';
  }

  /** The one default model: what the status bar shows, the chat picker selects and execute() uses when none is named. */
  /** oblix.privacy.localOnlyFiles: files whose content stays on this machine. */
  get localOnlyFiles(): readonly string[] {
    return this.current?.localOnlyFiles ?? DEFAULT_LOCAL_ONLY_FILES;
  }

  get defaultModel(): string {
    return this.current?.defaultModel ?? 'auto';
  }

  /** Changes the default model in settings; the change event applies it (no rebuild: see doReload). */
  async setDefaultModel(id: string): Promise<void> {
    if (id === this.defaultModel) return;
    await vscode.workspace.getConfiguration('oblix').update('chat.defaultModel', id, vscode.ConfigurationTarget.Global);
  }

  get busy(): boolean {
    return this.running > 0;
  }

  /** Serialised so that quick successive setting changes end in the last one's state. */
  reload(reason: string): Promise<void> {
    this.reloading = this.reloading
      .then(() => this.doReload(reason))
      .catch((err: unknown) => {
        const message = redact(errorMessage(err));
        this.log.error(`Reload failed: ${message}`);
        void vscode.window.showErrorMessage(`Oblix could not apply its settings: ${message}`, 'Show Log').then((pick) => pick && this.log.show());
      });
    return this.reloading;
  }

  async restartServer(): Promise<void> {
    await this.server.stop();
    await this.reload('restart requested');
  }

  /** Marks a request as running (the status bar animates); call the returned function when it ends. */
  begin(): () => void {
    this.running++;
    this.changed.fire();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.running--;
      this.changed.fire();
    };
  }

  private async doReload(reason: string): Promise<void> {
    const settings = await readSettings(this.keys);
    this.tellProblems(settings.problems);
    if (this.editorModels) this.editorModels.onEndpoint = settings.editorModelsOnEndpoint;
    const old = this.core;
    if (old && this.current && sameCore(this.current, settings)) {
      // Only the mode, the default model or the endpoint's own settings changed: no new core.
      old.setMode(settings.config.mode);
      this.ledger.configure(settings.config.prices, settings.config.budget);
      this.current = settings;
      this.log.info(`Applied settings (${reason}): mode ${settings.config.mode}, default model ${settings.defaultModel}`);
      await this.server.apply(old, settings);
      this.changed.fire();
      return;
    }
    this.ledger.configure(settings.config.prices, settings.config.budget);
    const core = new Oblix(settings.config, { ledger: this.ledger }, this.editorModels ? [this.editorModels] : []);
    if (old) core.adopt(old); // what the old core knows of unchanged providers, so the first requests route on it
    // Not unsubscribed when the core is replaced: answers still in flight on the old core are logged too.
    core.onDecision((d) => {
      this.lastDecision = d;
      if (d.selected) this.log.info(`${d.requested} → ${d.selected} (${d.reason})${d.attempts.length ? `; failed first: ${d.attempts.map((a) => a.id).join(', ')}` : ''}`);
      else this.log.warn(`${d.requested} → no model: ${d.error ?? d.reason}`);
      this.changed.fire();
    });
    // A provider came up or went down, a runtime's models changed: the status bar and the chat view follow.
    core.onChange(() => {
      if (this.core === core) this.changed.fire();
    });
    this.core = core;
    this.current = settings;
    this.log.info(
      `Loaded settings (${reason}): mode ${settings.config.mode}, providers ${settings.config.providers.map((p) => p.id).join(', ')}${settings.missingKeys.length ? `; no API key for ${settings.missingKeys.join(', ')}` : ''}`,
    );
    await this.server.apply(core, settings);
    old?.stop();
    this.changed.fire();
    // Probes and sampling run after the server is up, so activation never waits on the network.
    await core.start();
    if (this.core === core) {
      for (const p of core.health().problems) this.log.warn(p);
      this.changed.fire();
      this.prewarm(reason === 'activation' ? 'VS Code started' : reason);
    }
  }

  /**
   * Loads the local chat model (and the autocomplete model) in the background, when
   * oblix.ollama.prewarm is on; one warm-up at a time, and each outcome in the log.
   */
  prewarm(why: string): void {
    const core = this.core;
    if (!core || !this.current?.config.prewarm || this.warming) return;
    this.warming = core
      .prewarm()
      .then((outcomes) => {
        for (const o of outcomes) this.log.info(`${prewarmInWords(o)} (${why})`);
      })
      .catch((err: unknown) => this.log.warn(`Pre-warming failed: ${errorMessage(err)}`))
      .finally(() => (this.warming = null));
  }

  /** Wrong setting values, each named, once per distinct set (not again at every reload). */
  private tellProblems(problems: string[]): void {
    const text = problems.join(' ');
    if (text === this.toldProblems) return;
    this.toldProblems = text;
    if (!text) return;
    for (const p of problems) this.log.warn(p);
    void vscode.window.showWarningMessage(`Oblix: ${text}`, 'Open Settings').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.action.openSettings', 'oblix');
    });
  }

  /** Deactivation: answers in flight on the endpoint get a short grace, then an honest error (deactivation.ts). */
  shutdown(): Promise<void> {
    return endAnswers(this.server);
  }

  dispose(): void {
    this.core?.stop();
    this.ledger.close();
    for (const d of this.disposables) d.dispose();
  }
}

/** Whether two settings build the same core: everything but the mode and the default model is equal. */
function sameCore(a: ExtensionSettings, b: ExtensionSettings): boolean {
  const core = (s: ExtensionSettings): string => JSON.stringify({ ...s.config, mode: null });
  return core(a) === core(b);
}
