// VS Code's language-model messages and options → the validated OpenAI chat request, on plain
// objects shaped like the vscode part classes (the translation never sees VS Code itself).
import assert from 'node:assert/strict';
import { OblixError } from '../../src/core/errors/oblix-error';
import { ROLE_ASSISTANT, ROLE_SYSTEM, ROLE_USER, type MessageLike } from '../../src/extension/lm/parts';
import { toChatRequest, toOpenAIMessages, TOOL_MODE_REQUIRED } from '../../src/extension/lm/to-openai';
import { estimateTokens as routerEstimate } from '../../src/core/routing/token-estimate';
import { estimateTokens } from '../../src/extension/lm/token-estimate';

// Stand-ins for vscode.LanguageModelTextPart & co: the same fields, no VS Code.
class TextPart {
  constructor(readonly value: string) {}
}
class ToolCallPart {
  constructor(
    readonly callId: string,
    readonly name: string,
    readonly input: object,
  ) {}
}
class ToolResultPart {
  constructor(
    readonly callId: string,
    readonly content: unknown[],
  ) {}
}
class DataPart {
  constructor(
    readonly data: Uint8Array,
    readonly mimeType: string,
  ) {}
}
const msg = (role: number, ...content: unknown[]): MessageLike => ({ role, content, name: undefined });
const AUTO = 1;

describe('lm: VS Code messages to OpenAI chat', () => {
  it('joins text parts of a user message into one string', () => {
    assert.deepEqual(toOpenAIMessages(msg(ROLE_USER, new TextPart('Hello, '), new TextPart('world'))), [{ role: 'user', content: 'Hello, world' }]);
  });

  it('keeps the system role and the user name', () => {
    assert.deepEqual(toOpenAIMessages(msg(ROLE_SYSTEM, new TextPart('Be brief.'))), [{ role: 'system', content: 'Be brief.' }]);
    assert.deepEqual(toOpenAIMessages({ role: ROLE_USER, content: [new TextPart('hi')], name: 'ada' }), [{ role: 'user', content: 'hi', name: 'ada' }]);
  });

  it('turns image data parts into data: URLs next to the text', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const [m] = toOpenAIMessages(msg(ROLE_USER, new TextPart('What is this?'), new DataPart(png, 'image/png')));
    assert.deepEqual(m, {
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from(png).toString('base64')}` } },
      ],
    });
  });

  it('turns assistant tool call parts into tool_calls with JSON arguments', () => {
    const out = toOpenAIMessages(msg(ROLE_ASSISTANT, new TextPart('Let me look.'), new ToolCallPart('call_1', 'get_weather', { city: 'Paris' })));
    assert.deepEqual(out, [
      { role: 'assistant', content: 'Let me look.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
    ]);
    const bare = toOpenAIMessages(msg(ROLE_ASSISTANT, new ToolCallPart('call_2', 'now', {})));
    assert.equal(bare[0]!.content, null);
  });

  it('turns tool result parts into tool messages placed before the rest of the user turn', () => {
    const out = toOpenAIMessages(
      msg(
        ROLE_USER,
        new TextPart('And tomorrow?'),
        new ToolResultPart('call_1', [new TextPart('18°C, '), new DataPart(new TextEncoder().encode('{"wind":3}'), 'application/json')]),
        new ToolResultPart('call_2', [new TextPart('12:00')]),
      ),
    );
    assert.deepEqual(out, [
      { role: 'tool', tool_call_id: 'call_1', content: '18°C, {"wind":3}' },
      { role: 'tool', tool_call_id: 'call_2', content: '12:00' },
      { role: 'user', content: 'And tomorrow?' },
    ]);
  });

  it('drops what carries nothing: empty assistant turns, binary data that is not an image', () => {
    assert.deepEqual(toOpenAIMessages(msg(ROLE_ASSISTANT)), []);
    assert.deepEqual(toOpenAIMessages(msg(ROLE_USER, new DataPart(new Uint8Array([1, 2]), 'cache_control'))), []);
  });

  it('builds a validated request: tools, tool mode, model options', () => {
    const tools = [
      { name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } },
      { name: 'now', description: 'The time' },
    ];
    const req = toChatRequest('auto', [msg(ROLE_USER, new TextPart('hi'))], { tools, toolMode: AUTO, modelOptions: { temperature: 0.2, max_tokens: 100, secret_flag: true } });
    assert.equal(req.model, 'auto');
    assert.deepEqual(req.messages, [{ role: 'user', content: 'hi' }]);
    assert.equal(req.tools?.length, 2);
    assert.deepEqual(req.tools?.[1], { type: 'function', function: { name: 'now', description: 'The time', parameters: { type: 'object', properties: {} } } });
    assert.equal(req.tool_choice, null, 'auto mode leaves the choice to the model');
    assert.equal(req.temperature, 0.2);
    assert.equal(req.maxTokens, 100);
    assert.deepEqual(req.extra, {}, 'options that are not portable are not sent');

    const required = toChatRequest('auto', [msg(ROLE_USER, new TextPart('hi'))], { tools, toolMode: TOOL_MODE_REQUIRED });
    assert.equal(required.tool_choice, 'required');
    const one = toChatRequest('auto', [msg(ROLE_USER, new TextPart('hi'))], { tools: tools.slice(0, 1), toolMode: TOOL_MODE_REQUIRED });
    assert.deepEqual(one.tool_choice, { type: 'function', function: { name: 'get_weather' } });
  });

  it('refuses what the endpoint would refuse, with the same error', () => {
    assert.throws(
      () => toChatRequest('auto', [], { toolMode: AUTO }),
      (err: unknown) => err instanceof OblixError && err.status === 400 && err.param === 'messages',
    );
    assert.throws(
      () => toChatRequest('auto', [msg(ROLE_USER, new TextPart('hi'))], { toolMode: AUTO, modelOptions: { temperature: 7 } }),
      (err: unknown) => err instanceof OblixError && err.param === 'temperature',
    );
  });

  it('estimates tokens the way the router judges them', () => {
    assert.equal(estimateTokens('abcdefgh'), routerEstimate('abcdefgh'));
    const withImage = estimateTokens(msg(ROLE_USER, new TextPart('x'.repeat(48)), new DataPart(new Uint8Array(10), 'image/png')));
    const textOnly = estimateTokens(msg(ROLE_USER, new TextPart('x'.repeat(48))));
    assert.equal(textOnly, 4 + Math.ceil(routerEstimate('x'.repeat(48)) * 1.1)); // framing, then the text with routing's 10 % margin
    assert.equal(withImage, textOnly + 768);
  });
});
