// Registers Oblix with VS Code's language-model API (1.104+) and the @oblix chat participant, each
// only where the host has the API: on 1.99–1.103 the provider is simply absent and all else works.
import * as vscode from 'vscode';
import { Cancel } from '../../core/support/cancel';
import type { OblixService } from '../service';
import { OblixChatModelProvider } from './chat-model-provider';
import { handleParticipantRequest } from './participant-handler';
import { PARTICIPANT_ID, VENDOR } from '../ids';

/** The 1.104 function, or undefined on older hosts (the .d.ts declares it unconditionally). */
function registerProvider(): typeof vscode.lm.registerLanguageModelChatProvider | undefined {
  const lm = vscode.lm as Partial<typeof vscode.lm> | undefined;
  return typeof lm?.registerLanguageModelChatProvider === 'function' ? lm.registerLanguageModelChatProvider.bind(lm) : undefined;
}

export function registerLanguageModels(context: vscode.ExtensionContext, service: OblixService): vscode.Disposable[] {
  const out: vscode.Disposable[] = [];
  const register = registerProvider();
  if (register) {
    const provider = new OblixChatModelProvider(service);
    out.push(provider, register(VENDOR, provider));
    service.log.info(`Language model provider '${VENDOR}' registered`);
  } else {
    service.log.info(`This VS Code (${vscode.version}) has no language model provider API (1.104+): Oblix's models are not offered to its chat`);
  }
  const chat = vscode.chat as Partial<typeof vscode.chat> | undefined;
  if (typeof chat?.createChatParticipant === 'function') {
    const participant = chat.createChatParticipant(PARTICIPANT_ID, (request, ctx, stream, token) =>
      handleParticipantRequest(request, ctx, stream, token, {
        oblix: () => service.oblix,
        defaultModel: () => service.defaultModel,
        localOnlyFiles: () => service.localOnlyFiles,
        setMode: async (mode) => {
          await vscode.workspace.getConfiguration('oblix').update('routing.mode', mode, vscode.ConfigurationTarget.Global);
          await service.reload(`mode set to ${mode} from chat`);
        },
        newCancel: () => new Cancel(),
        begin: () => service.begin(),
      }),
    );
    participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'oblix.svg');
    out.push(participant);
  }
  return out;
}
