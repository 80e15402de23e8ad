// Test-only extension for test/e2e-lm/editor-models.e2e.ts. It plays Copilot: a chat model of another
// vendor ('standin') in vscode.lm, answering "Stand-in answer." and logging each request, and a default
// chat participant, as Copilot Chat has (VS Code 1.104 shows its Chat view only once an extension
// registers a default participant; code-server has no Copilot). Its commands ask Oblix Auto (vendor
// 'oblix', through vscode.lm) and Oblix's execute() with Ollama stopped, writing what came back, and
// turn oblix.editorModels.onEndpoint on as the Settings editor would. Plain JavaScript: it needs no build.
/* global exports */
const fs = require('node:fs');
const vscode = require('vscode');

// isDefault and isUserSelectable (proposed API 'chatProvider') as Copilot's default model has them: VS Code
// 1.104 gives every chat participant request a model, the picked one or else the default one, and
// without any default model (no Copilot) it keeps looking for one, so every request stays at "Working...".
const MODEL = {
  id: 'fast-1',
  name: 'Stand-in Fast',
  family: 'standin',
  version: '1',
  maxInputTokens: 32000,
  maxOutputTokens: 4000,
  capabilities: { toolCalling: true },
  isDefault: true,
  isUserSelectable: true,
  // As Copilot's models: VS Code asks the user before another extension may use it (editor-consent.e2e.ts).
  ...(process.env.OBLIX_STANDIN_CONSENT ? { requiresAuthorization: { label: 'Stand-in Account' } } : {}),
};

function logRequest(messages) {
  const text = messages.map((m) => m.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('')).join('\n');
  fs.appendFileSync(process.env.OBLIX_STANDIN_LOG, `${JSON.stringify({ at: new Date().toISOString(), text })}\n`);
}

async function ask() {
  const out = { steps: [] };
  try {
    let auto;
    for (let i = 0; i < 120 && !auto; i++) {
      auto = (await vscode.lm.selectChatModels({ vendor: 'oblix', id: 'auto' }))[0];
      if (!auto) await new Promise((r) => setTimeout(r, 500));
    }
    if (!auto) throw new Error('no Oblix Auto in vscode.lm');
    out.steps.push('found auto');
    const response = await auto.sendRequest([vscode.LanguageModelChatMessage.User('Who answers?')], {}, new vscode.CancellationTokenSource().token);
    let text = '';
    for await (const part of response.stream) if (part instanceof vscode.LanguageModelTextPart) text += part.value;
    out.auto = text;
    out.steps.push('auto');
    const oblix = vscode.extensions.getExtension('oblix.oblix');
    const api = oblix.isActive ? oblix.exports : await oblix.activate();
    const result = await api.execute({ prompt: 'Who answers in the chat view?' });
    out.execute = { response: result.response, model: result.model, route: result.route, status: result.status, error: result.error };
    out.steps.push('execute');
  } catch (err) {
    out.error = String((err && err.stack) || err);
  }
  fs.writeFileSync(process.env.OBLIX_STANDIN_OUT, JSON.stringify(out, null, 2));
}

exports.activate = (context) => {
  context.subscriptions.push(
    vscode.lm.registerLanguageModelChatProvider('standin', {
      provideLanguageModelChatInformation: () => [MODEL],
      async provideLanguageModelChatResponse(model, messages, options, progress) {
        logRequest(messages);
        progress.report(new vscode.LanguageModelTextPart('Stand-in answer.'));
      },
      provideTokenCount: async (model, text) => Math.ceil((typeof text === 'string' ? text.length : 100) / 4),
    }),
    // Answers only what is not addressed to another participant; never a model request, so not logged.
    vscode.chat.createChatParticipant('oblixStandin.default', (request, context, stream) => {
      stream.markdown("The stand-in's own participant answered.");
      return {};
    }),
    vscode.commands.registerCommand('oblixStandin.ask', () => ask()),
    vscode.commands.registerCommand('oblixStandin.endpointOn', () =>
      vscode.workspace.getConfiguration('oblix').update('editorModels.onEndpoint', true, vscode.ConfigurationTarget.Global),
    ),
  );
};
exports.deactivate = () => {};
