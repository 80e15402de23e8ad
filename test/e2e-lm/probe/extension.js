// Test-only extension for test/e2e-lm: as a user action (its command), it finds Oblix's models through
// vscode.lm, sends a plain request, a request with a tool, a tool result, and a cancelled request, and
// writes what came back to the file named by OBLIX_LM_PROBE_OUT (the test reads it).
// Plain JavaScript so it needs no build; it runs in VS Code >= 1.104's extension host.
const fs = require('node:fs');
const vscode = require('vscode');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const WEATHER = { name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

/** Each part by kind, with its fields, so the test sees exactly what the provider reported. */
function describe(part) {
  if (part instanceof vscode.LanguageModelTextPart) return { kind: 'text', value: part.value };
  if (part instanceof vscode.LanguageModelToolCallPart) return { kind: 'toolCall', callId: part.callId, name: part.name, input: part.input };
  return { kind: 'other', value: String(part) };
}

async function collect(model, messages, options, token) {
  const response = await model.sendRequest(messages, options, token);
  const parts = [];
  for await (const part of response.stream) parts.push(describe(part));
  return parts;
}

async function probe() {
  const result = { steps: [] };
  const step = (name) => result.steps.push(name);
  try {
    // The provider's list fills once Oblix has probed Ollama: wait for a local model to show.
    let models = [];
    for (let i = 0; i < 120; i++) {
      models = await vscode.lm.selectChatModels({ vendor: 'oblix' });
      if (models.some((m) => m.id.startsWith('ollama:'))) break;
      await sleep(500);
    }
    step('models');
    result.models = models.map((m) => ({ id: m.id, name: m.name, vendor: m.vendor, family: m.family, maxInputTokens: m.maxInputTokens }));
    const auto = models.find((m) => m.id === 'auto');
    if (!auto) throw new Error('no model with id auto');
    const User = vscode.LanguageModelChatMessage.User;
    const Assistant = vscode.LanguageModelChatMessage.Assistant;

    result.plain = await collect(auto, [User('Hello?')], {}, new vscode.CancellationTokenSource().token);
    step('plain');

    result.tool = await collect(
      auto,
      [User('Weather in Paris?')],
      { tools: [WEATHER], toolMode: vscode.LanguageModelChatToolMode.Required },
      new vscode.CancellationTokenSource().token,
    );
    step('tool');

    const call = new vscode.LanguageModelToolCallPart('call_probe_1', 'get_weather', { city: 'Paris' });
    const answer = new vscode.LanguageModelToolResultPart('call_probe_1', [new vscode.LanguageModelTextPart('18 degrees and sunny')]);
    result.toolResult = await collect(auto, [User('Weather in Paris?'), Assistant([call]), User([answer])], { tools: [WEATHER] }, new vscode.CancellationTokenSource().token);
    step('toolResult');

    const cts = new vscode.CancellationTokenSource();
    const cancelled = { fragments: 0, error: null };
    try {
      const response = await auto.sendRequest([User('Tell me a long story')], {}, cts.token);
      for await (const fragment of response.text) {
        cancelled.fragments++;
        if (fragment) cts.cancel();
      }
    } catch (err) {
      cancelled.error = `${err && err.name}: ${err && err.message}`;
    }
    result.cancel = cancelled;
    step('cancel');

    result.tokens = await auto.countTokens('abcdefgh');
    step('tokens');
  } catch (err) {
    result.error = String((err && err.stack) || err);
  }
  fs.writeFileSync(process.env.OBLIX_LM_PROBE_OUT, JSON.stringify(result, null, 2));
}

exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('oblixProbe.run', () => probe()));
};
exports.deactivate = () => {};
