// The language-model provider's path without VS Code: VS Code-shaped messages → toChatRequest →
// the real core → fake upstreams → response parts, for text, tool calls and tool results.
import assert from 'node:assert/strict';
import { Cancel } from '../../src/core/support/cancel';
import { ROLE_ASSISTANT, ROLE_USER, type PartFactory } from '../../src/extension/lm/parts';
import { reportParts } from '../../src/extension/lm/response-parts';
import { toChatRequest, TOOL_MODE_REQUIRED } from '../../src/extension/lm/to-openai';
import { lastBody, startHarness, type Harness } from '../harness';

type Part = { text: string } | { callId: string; name: string; input: object };
const PARTS: PartFactory<Part> = { text: (text) => ({ text }), toolCall: (callId, name, input) => ({ callId, name, input }) };
const WEATHER = { name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

describe('lm: provider path against fake upstreams', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  async function send(model: string, messages: Parameters<typeof toChatRequest>[1], options: Parameters<typeof toChatRequest>[2]): Promise<Part[]> {
    const routed = await h.oblix.chat(toChatRequest(model, messages, options), new Cancel());
    const parts: Part[] = [];
    await reportParts(routed.events, PARTS, (p) => parts.push(p));
    return parts;
  }

  for (const model of ['auto', 'openai:gpt-4o-mini', 'anthropic:claude-sonnet-5']) {
    it(`${model}: text as text parts, a tool call as one tool-call part with parsed arguments`, async () => {
      const user = { role: ROLE_USER, content: [{ value: 'Weather in Paris?' }], name: undefined };
      const text = await send(model, [user], { toolMode: 1 });
      assert.ok(text.length > 0 && text.every((p) => 'text' in p));

      h.ollama.toolCall = h.openai.toolCall = h.anthropic.toolCall = { name: 'get_weather', arguments: { city: 'Paris' } };
      try {
        const parts = await send(model, [user], { tools: [WEATHER], toolMode: TOOL_MODE_REQUIRED });
        const call = parts.find((p): p is Extract<Part, { callId: string }> => 'callId' in p);
        assert.ok(call, JSON.stringify(parts));
        assert.equal(call.name, 'get_weather');
        assert.deepEqual(call.input, { city: 'Paris' });
      } finally {
        h.ollama.toolCall = h.openai.toolCall = h.anthropic.toolCall = undefined;
      }
    });
  }

  it('a conversation with a tool result reaches Ollama as a tool message after the call', async () => {
    await send(
      'ollama:llama3.2:latest',
      [
        { role: ROLE_USER, content: [{ value: 'Weather in Paris?' }], name: undefined },
        { role: ROLE_ASSISTANT, content: [{ callId: 'call_1', name: 'get_weather', input: { city: 'Paris' } }], name: undefined },
        { role: ROLE_USER, content: [{ callId: 'call_1', content: [{ value: '18°C' }] }], name: undefined },
      ],
      { tools: [WEATHER], toolMode: 1 },
    );
    const messages = lastBody(h.ollama, '/api/chat').messages as { role: string; content: string; tool_calls?: unknown[] }[];
    assert.deepEqual(
      messages.map((m) => m.role),
      ['user', 'assistant', 'tool'],
    );
    assert.equal(messages[2]!.content, '18°C');
    assert.equal(messages[1]!.tool_calls?.length, 1);
  });
});
