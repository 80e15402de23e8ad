// Oblix as a VS Code language-model vendor (1.104+): "Oblix Auto" and each routable model in the
// chat's model picker and to every extension through vscode.lm. Requests go through the same core
// as the endpoint; which model served is logged and recorded as a routing decision, not put in the text.
import * as vscode from 'vscode';
import { Cancel } from '../../core/support/cancel';
import { OblixError } from '../../core/errors/oblix-error';
import type { OblixService } from '../service';
import { modelInfos, type ModelInfo } from './model-info';
import type { PartFactory } from './parts';
import { reportParts } from './response-parts';
import { toChatRequest } from './to-openai';
import { estimateTokens } from './token-estimate';
import { errorMessage } from '../../core/errors/error-message';

const PARTS: PartFactory<vscode.LanguageModelResponsePart> = {
  text: (value) => new vscode.LanguageModelTextPart(value),
  toolCall: (callId, name, input) => new vscode.LanguageModelToolCallPart(callId, name, input),
};

export class OblixChatModelProvider implements vscode.LanguageModelChatProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** The list VS Code last saw, as JSON: the event fires only when it would get a different one. */
  private shown = '';
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;

  constructor(private readonly service: OblixService) {
    // The service fires on reloads, finished probes and every decision (a failure marks a provider down).
    this.subscription = service.onDidChange(() => {
      if (JSON.stringify(this.infos()) !== this.shown) this.changed.fire();
    });
  }

  provideLanguageModelChatInformation(): vscode.LanguageModelChatInformation[] {
    const infos = this.infos();
    this.shown = JSON.stringify(infos);
    return infos;
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const oblix = this.service.oblix;
    if (!oblix) throw new Error('Oblix is still starting; try again in a moment.');
    const cancel = new Cancel();
    const onCancel = token.onCancellationRequested(() => cancel.abort());
    const end = this.service.begin();
    try {
      const request = toChatRequest(model.id, messages, options);
      request.inEditor = true; // Oblix Auto runs inside the editor: its own models may answer (never Oblix's own vendor, editor-models.ts)
      // The Language Model API does not say which extension asked; the editor's own chat is the usual one.
      request.caller = { dialect: 'vscode-lm', client: 'vscode-lm' };
      if (token.isCancellationRequested) cancel.abort();
      const routed = await oblix.chat(request, cancel);
      this.service.log.debug(`Language model API: ${model.id} served by ${routed.id} (${routed.reason})`);
      await reportParts(routed.events, PARTS, (part) => {
        if (!cancel.aborted) progress.report(part);
      });
      if (cancel.aborted) throw new vscode.CancellationError();
    } catch (err) {
      if (cancel.aborted) throw new vscode.CancellationError();
      throw asLanguageModelError(err);
    } finally {
      onCancel.dispose();
      end();
      cancel.abort(); // a consumer that stopped early also stops the upstream
    }
  }

  async provideTokenCount(_model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return estimateTokens(text);
  }

  private infos(): ModelInfo[] {
    const oblix = this.service.oblix;
    return oblix ? modelInfos(oblix) : [];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** VS Code's own error kinds where one fits (a caller can tell "no such model" from "not allowed"), else a plain message. */
function asLanguageModelError(err: unknown): Error {
  const message = `Oblix: ${errorMessage(err)}`;
  if (err instanceof OblixError) {
    if (err.status === 404) return vscode.LanguageModelError.NotFound(message);
    if (err.status === 401 || err.status === 403) return vscode.LanguageModelError.NoPermissions(message);
  }
  return new Error(message);
}
