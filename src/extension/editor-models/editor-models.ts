// The editor's own chat models (`vscode.lm`, from any vendor but Oblix's own, so there is no loop) as
// one external provider of the core: ids `vscode:<vendor>/<model id>`, e.g. `vscode:copilot/gpt-4.1`.
// They are cloud models of the editor's account: consent is VS Code's (asked once, with a
// justification); a refusal is remembered for the session so Oblix does not ask at every request.
import * as vscode from 'vscode';
import { INCLUDED_IN_SUBSCRIPTION, type ExternalModel, type ExternalProvider } from '../../core/providers/external';
import type { ChatCall, ProviderEvent } from '../../core/providers/provider';
import { UpstreamError } from '../../core/providers/upstream-error';
import { upstreamCode } from '../../core/errors/error-codes';
import { errorMessage } from '../../core/errors/error-message';
import type { ChatRequest } from '../../core/request';
import { VENDOR } from '../ids';
import { toLmMessages, toLmTools } from './to-lm-messages';

export const EDITOR_PROVIDER_ID = 'vscode';

/** What this needs of `vscode.lm` (the real one, or a fake in unit tests). */
export interface LmLike {
  selectChatModels(selector?: vscode.LanguageModelChatSelector): Thenable<readonly vscode.LanguageModelChat[]>;
  readonly onDidChangeChatModels: vscode.Event<void>;
}

/** A refusal fails over to the next candidate: another model may answer what this one may not. */
class Refused extends UpstreamError {
  override get failover(): boolean {
    return true;
  }
}

export class EditorModels implements ExternalProvider, vscode.Disposable {
  readonly id = EDITOR_PROVIDER_ID;
  readonly kind = 'editor' as const;
  readonly local = false;
  readonly external = true as const;
  readonly cost = INCLUDED_IN_SUBSCRIPTION;
  /** oblix.editorModels.onEndpoint; the service sets it from settings. */
  onEndpoint = false;
  private chats = new Map<string, vscode.LanguageModelChat>();
  private list: readonly ExternalModel[] = [];
  private readonly refused = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** Fires when the editor's models changed or one was refused: routing and the status bar follow. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly lm: LmLike) {
    this.subscription = lm.onDidChangeChatModels(() => void this.refresh());
  }

  /** Reads the editor's models again (at start and whenever VS Code says they changed). */
  async refresh(): Promise<void> {
    const all = await this.lm.selectChatModels();
    const others = all.filter((c) => c.vendor !== VENDOR);
    this.chats = new Map(others.map((c) => [`${c.vendor}/${c.id}`, c]));
    this.list = others.map((c) => ({
      model: `${c.vendor}/${c.id}`,
      name: c.name,
      maxInputTokens: Number.isFinite(c.maxInputTokens) && c.maxInputTokens > 0 ? c.maxInputTokens : null,
    }));
    this.changed.fire();
  }

  models(): readonly ExternalModel[] {
    return this.list;
  }

  refusal(model: string): string | null {
    return this.refused.get(model) ?? null;
  }

  ignoredParams(request: ChatRequest): string[] {
    // The Language Model API takes messages and tools; sampling parameters are the vendor's to choose.
    return ['temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'stop', 'seed', 'presence_penalty', 'frequency_penalty', 'response_format', 'logit_bias', 'n'].filter(
      (p) => request.explicit.has(p),
    );
  }

  async ping(): Promise<void> {
    // Nothing to reach: VS Code itself answers for them.
  }

  async *chat(call: ChatCall): AsyncGenerator<ProviderEvent[]> {
    const id = `${this.id}:${call.model}`;
    const refused = this.refused.get(call.model);
    if (refused) throw new Refused(this.id, 403, refused, false, upstreamCode('no_permissions'));
    const chat = this.chats.get(call.model);
    if (!chat)
      throw new UpstreamError(
        this.id,
        404,
        `The editor has no model ${call.model} now (vscode.lm lists ${[...this.chats.keys()].join(', ') || 'none'}).`,
        false,
        'model_not_found',
      );
    const source = new vscode.CancellationTokenSource();
    const onAbort = (): void => source.cancel();
    call.cancel.addEventListener('abort', onAbort);
    if (call.cancel.aborted) source.cancel();
    try {
      let response: vscode.LanguageModelChatResponse;
      try {
        response = await chat.sendRequest(
          toLmMessages(call.request.messages),
          { justification: `Oblix routes requests to ${chat.name} when no local model should answer them.`, ...toLmTools(call.request) },
          source.token,
        );
      } catch (err) {
        throw this.mapError(err, call.model, id);
      }
      let tools = 0;
      try {
        for await (const part of response.stream) {
          if (part instanceof vscode.LanguageModelTextPart) {
            if (part.value) yield [{ type: 'delta', index: 0, content: part.value }];
          } else if (part instanceof vscode.LanguageModelToolCallPart) {
            yield [
              { type: 'delta', index: 0, toolCalls: [{ index: tools++, id: part.callId, type: 'function', function: { name: part.name, arguments: JSON.stringify(part.input) } }] },
            ];
          }
        }
      } catch (err) {
        throw this.mapError(err, call.model, id);
      }
      yield [{ type: 'finish', index: 0, reason: tools > 0 ? 'tool_calls' : 'stop' }];
    } finally {
      call.cancel.removeEventListener('abort', onAbort);
      source.dispose();
    }
  }

  private mapError(err: unknown, model: string, id: string): Error {
    if (err instanceof vscode.CancellationError) return Object.assign(new Error('The request was cancelled.'), { name: 'AbortError' });
    if (err instanceof vscode.LanguageModelError) {
      if (err.code === vscode.LanguageModelError.NoPermissions.name) {
        // Said in words, and remembered: the next plans pass it over instead of asking again.
        const words = `You did not allow Oblix to use ${id} (VS Code asked for consent), so Oblix passes it over for the rest of this session. Reload the window to be asked again.`;
        this.refused.set(model, words);
        this.changed.fire();
        return new Refused(this.id, 403, words, false, upstreamCode('no_permissions'));
      }
      if (err.code === vscode.LanguageModelError.NotFound.name) return new UpstreamError(this.id, 404, `${id}: ${err.message || 'the model is gone'}`, false, 'model_not_found');
      if (err.code === vscode.LanguageModelError.Blocked.name)
        return new UpstreamError(this.id, 429, `${id} is blocked for now (quota or rate limit): ${err.message}`, false, upstreamCode('blocked'));
    }
    return new UpstreamError(this.id, 502, `${id} failed: ${errorMessage(err)}`, false, 'upstream_error');
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
