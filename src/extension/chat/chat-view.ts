// The chat view's extension side: owns the current session and the request in flight, turns
// webview messages into actions, and streams answers back. The webview holds no state that matters.
import * as vscode from 'vscode';
import { loadingInWords } from '../../core/routing/load-times';
import { routeInWords } from '../../core/routing/route-reason';
import { parseFromWebview, type Availability, type FromWebview, type ToWebview } from '../../webview/protocol';
import { executeStream } from '../exchange';
import type { OblixService } from '../service';
import { chatHtml } from './html';
import { messageView, sessionMessages } from './views';
import { errorCode, errorMessage } from '../../core/errors/error-message';
import { CHAT_VIEW_ID, COMMAND } from '../ids';
import { STATE_KEY } from '../state';

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | null = null;
  private ready = false;
  private readonly queue: ToWebview[] = [];
  private readonly inFlight = new Map<string, AbortController>();
  private readonly disposables: vscode.Disposable[] = [];
  private lastAvailability = '';
  private lastSelected = '';
  /** The session change (New session, a switch) under way, if any: a send waits for it. */
  private sessionChange: Promise<unknown> = Promise.resolve();
  /** Session changes not yet finished; meanwhile the list's own change events post no state (the change posts it). */
  private changing = 0;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly service: OblixService,
  ) {
    this.disposables.push(
      service.onDidChange(() => this.pushAvailability()),
      // Sessions changed elsewhere (palette delete, another extension's execute()) reach the view.
      service.sessions.onDidChange(() => this.postSessions()),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    // Someone is about to ask: load the model that will answer, if it is cold.
    this.service.prewarm('the chat view opened');
    const root = this.context.extensionUri;
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(root, 'dist'), vscode.Uri.joinPath(root, 'media')] };
    view.webview.html = chatHtml(view.webview, root);
    // Per view: VS Code may resolve the view again after it was closed, so these go with it.
    const subscriptions = [
      view.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseFromWebview(raw);
        if (!msg) return this.service.log.warn('Ignored a malformed message from the chat view.');
        void this.handle(msg).catch((err: unknown) => void vscode.window.showErrorMessage(`Oblix: ${errorMessage(err)}`));
      }),
    ];
    subscriptions.push(
      view.onDidDispose(() => {
        this.view = null;
        this.ready = false;
        for (const d of subscriptions) d.dispose();
      }),
    );
  }

  /** Asks a question as if typed in the view (Ask Oblix), opening the view first. */
  async ask(prompt: string): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    if (this.inFlight.size > 0) {
      // Not lost: the view sends it when the answer in progress ends (or, if one already waits, puts it in the composer).
      this.post({ type: 'queue', text: prompt });
      vscode.window.setStatusBarMessage('Oblix: your question is sent when the current answer ends', 4_000);
      return;
    }
    await this.send(crypto.randomUUID(), prompt, this.selectedModel());
  }

  private async handle(msg: FromWebview): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.lastSelected = this.selectedModel();
        this.postState();
        for (const m of this.queue.splice(0)) void this.view?.webview.postMessage(m);
        return;
      case 'send':
        return this.send(msg.requestId, msg.prompt, msg.model);
      case 'stop':
        this.inFlight.get(msg.requestId)?.abort();
        return;
      case 'selectModel':
        // The picker shows the default model, the one the status bar shows: choosing here changes it.
        await this.service.setDefaultModel(msg.model);
        return;
      case 'newSession':
        return this.changeSession(async () => (await this.service.sessions.create()).id);
      case 'switchSession':
        return this.changeSession(async () => msg.sessionId);
      case 'renameSession': {
        const s = this.service.sessions.get(msg.sessionId);
        if (!s) return;
        const title = await vscode.window.showInputBox({ title: 'Oblix: Rename Session', value: s.title, validateInput: (v) => (v.trim() ? null : 'A title cannot be empty.') });
        if (title) await this.service.sessions.rename(s.id, title);
        return this.postState();
      }
      case 'deleteSession':
        await vscode.commands.executeCommand(COMMAND.deleteSession, msg.sessionId);
        return this.postState();
      case 'exportSession':
        await vscode.commands.executeCommand(COMMAND.exportSession, msg.sessionId);
        return;
      case 'copyCode':
        await vscode.env.clipboard.writeText(msg.code);
        vscode.window.setStatusBarMessage('Oblix: code copied', 2_000);
        return;
      case 'insertCode': {
        const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
        if (!editor) return void vscode.window.showInformationMessage('Open an editor to insert the code at its cursor.');
        await editor.edit((b) => editor.selections.forEach((sel) => b.replace(sel, msg.code)));
        return;
      }
      case 'openCode': {
        const doc = await vscode.workspace.openTextDocument({ content: msg.code, language: msg.language || 'plaintext' });
        await vscode.window.showTextDocument(doc, { preview: false });
        return;
      }
      case 'runCommand':
        await vscode.commands.executeCommand(msg.command);
        return;
    }
  }

  private async send(requestId: string, prompt: string, model: string): Promise<void> {
    // A question typed right after New session or a switch goes to that session, not the one before it.
    await this.sessionChange;
    if (this.inFlight.size > 0) {
      // Told to the view too, so a refused send never leaves it waiting.
      this.post({ type: 'answerError', requestId, prompt, error: 'Oblix is still answering the previous question: stop it or wait for the answer.' });
      return;
    }
    const sessionId = this.currentSessionId() ?? (await this.service.sessions.create()).id;
    await this.setCurrent(sessionId);
    const abort = new AbortController();
    this.inFlight.set(requestId, abort);
    const index = this.service.sessions.get(sessionId)?.messages.length ?? 0;
    this.post({ type: 'answerStart', requestId, question: { id: `${sessionId}:${index}`, role: 'user', content: prompt, at: new Date().toISOString() } });
    try {
      const onLoading = (id: string, ms: number): void => this.post({ type: 'answerWaiting', requestId, text: loadingInWords(id, ms) });
      for await (const ev of executeStream(this.service, { prompt, model, sessionId, signal: abort.signal, onLoading }, { dialect: 'chat-view', client: 'oblix-chat' })) {
        if (ev.type === 'delta')
          this.post({ type: 'answerDelta', requestId, text: ev.text, model: ev.model, route: ev.route, routeText: routeInWords(ev.route), ...(ev.why && { why: ev.why }) });
        else this.post({ type: 'answerEnd', requestId, message: messageView(sessionId, index + 1, ev.stored, ev.result.error, ev.result.errorCode) });
      }
      if (abort.signal.aborted && !this.answered(sessionId, index)) this.post({ type: 'answerError', requestId, prompt, error: 'Stopped before the answer began.' });
    } catch (err) {
      const code = errorCode(err);
      this.post({ type: 'answerError', requestId, prompt, error: errorMessage(err), ...(code ? { code } : {}) });
    } finally {
      this.inFlight.delete(requestId);
      this.postSessions();
    }
  }

  /** Changes the current session; sends wait for the change (messages are handled concurrently). */
  private changeSession(next: () => Promise<string>): Promise<void> {
    // Counted from now: New session's create() fires the list's change event before the new
    // session is current, and a state naming the old one would make the view adopt its send there.
    this.changing++;
    const change = this.sessionChange
      .then(async () => {
        await this.setCurrent(await next());
      })
      .finally(() => {
        this.changing--;
        this.postState();
      });
    this.sessionChange = change.catch(() => undefined);
    return change;
  }

  private answered(sessionId: string, index: number): boolean {
    return (this.service.sessions.get(sessionId)?.messages.length ?? 0) > index;
  }

  private currentSessionId(): string | undefined {
    const id = this.service.state.get(STATE_KEY.currentSession);
    if (id && this.service.sessions.get(id)) return id;
    return this.service.sessions.list()[0]?.id;
  }

  private setCurrent(id: string): Thenable<void> {
    return this.service.state.update(STATE_KEY.currentSession, id);
  }

  private selectedModel(): string {
    return this.service.defaultModel;
  }

  /** Whether some model can answer, and what is wrong if none can (the empty state and the first start). */
  availability(): Availability {
    const oblix = this.service.oblix;
    if (!oblix) return { canAnswer: true, problems: [], mode: 'auto' };
    const now = oblix.servingNow(this.service.defaultModel);
    const problems = [...oblix.health().problems];
    for (const id of this.service.settings?.missingKeys ?? []) problems.push(`${id} has no API key: run "Oblix: Set API Key".`);
    if (now.empty) problems.unshift(`No model can answer: ${now.empty}.`);
    return { canAnswer: now.id !== null, problems, mode: oblix.mode };
  }

  /** Sends the session list and the current session's messages (after any change of session). */
  postState(): void {
    const sessions = this.service.sessions;
    const current = this.currentSessionId();
    const session = current ? sessions.get(current) : undefined;
    this.post({
      type: 'state',
      sessions: sessions.list(),
      currentSessionId: session?.id ?? null,
      messages: session ? sessionMessages(session) : [],
      models: this.service.oblix?.models() ?? ['auto'],
      selectedModel: this.selectedModel(),
      availability: this.availability(),
    });
  }

  private postSessions(): void {
    if (this.inFlight.size === 0 && this.changing === 0) this.postState();
  }

  private pushAvailability(): void {
    if (!this.ready) return;
    const availability = this.availability();
    const models = this.service.oblix?.models() ?? ['auto'];
    // The default model changed elsewhere (the status bar's menu, settings): the picker follows.
    const selected = this.selectedModel();
    if (selected !== this.lastSelected) {
      this.lastSelected = selected;
      this.postSessions();
    }
    const key = JSON.stringify([availability, models]);
    if (key === this.lastAvailability) return;
    this.lastAvailability = key;
    this.post({ type: 'availability', availability, models });
  }

  private post(msg: ToWebview): void {
    if (this.view && this.ready) void this.view.webview.postMessage(msg);
    // State is sent whole when the view says it is ready; only an answer's events wait for it.
    else if (msg.type !== 'state' && msg.type !== 'availability') this.queue.push(msg);
  }

  dispose(): void {
    for (const a of this.inFlight.values()) a.abort();
    for (const d of this.disposables) d.dispose();
  }
}
