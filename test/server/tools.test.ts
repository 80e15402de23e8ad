// Tools both ways on each provider: the model's tool call comes back in OpenAI's shape (stream and
// non-stream), and a conversation that carries tool results is translated for each upstream.
import assert from 'node:assert/strict';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { lastBody, startHarness, type Harness } from '../harness';

const TOOLS: ChatCompletionTool[] = [
  {
    type: 'function',
    function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  },
];
const CALL = { name: 'get_weather', arguments: { city: 'Paris' } };

describe('tools', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    h.ollama.toolCall = h.openai.toolCall = h.anthropic.toolCall = CALL;
  });
  after(() => h.stop());

  for (const model of ['ollama:llama3.2:latest', 'openai:gpt-4o-mini', 'anthropic:claude-sonnet-5']) {
    it(`${model}: returns the tool call, non-stream and stream`, async () => {
      const res = await h.client.chat.completions.create({ model, tools: TOOLS, messages: [{ role: 'user', content: 'Weather in Paris?' }] });
      const choice = res.choices[0]!;
      assert.equal(choice.finish_reason, 'tool_calls');
      const call = choice.message.tool_calls?.[0];
      assert.ok(call && call.type === 'function');
      assert.equal(call.function.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
      assert.ok(call.id.length > 0);

      const final = await h.client.chat.completions.stream({ model, tools: TOOLS, messages: [{ role: 'user', content: 'Weather in Paris?' }] }).finalChatCompletion();
      const streamed = final.choices[0]!.message.tool_calls?.[0];
      assert.ok(streamed && streamed.type === 'function');
      assert.equal(final.choices[0]!.finish_reason, 'tool_calls');
      assert.deepEqual(JSON.parse(streamed.function.arguments), { city: 'Paris' });
    });
  }

  const conversation: ChatCompletionMessageParam[] = [
    { role: 'system', content: 'Use tools.' },
    { role: 'user', content: 'Weather in Paris?' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
    { role: 'tool', tool_call_id: 'call_1', content: '18°C and sunny' },
  ];

  it('translates tool calls and results for Anthropic (tool_use / tool_result blocks)', async () => {
    await h.client.chat.completions.create({ model: 'anthropic:claude-sonnet-5', tools: TOOLS, tool_choice: 'required', messages: conversation });
    const body = lastBody(h.anthropic, '/v1/messages');
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '18°C and sunny' }] },
    ]);
    assert.deepEqual(body.tools, [{ name: 'get_weather', description: 'Weather for a city', input_schema: TOOLS[0]!.type === 'function' ? TOOLS[0]!.function.parameters : null }]);
    assert.deepEqual(body.tool_choice, { type: 'any' });
  });

  it('translates tool calls and results for Ollama (object arguments, tool_name)', async () => {
    await h.client.chat.completions.create({ model: 'ollama:llama3.2:latest', tools: TOOLS, messages: conversation });
    const body = lastBody(h.ollama, '/api/chat');
    const messages = body.messages as Record<string, unknown>[];
    assert.deepEqual(messages[2]!.tool_calls, [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }]);
    assert.equal(messages[3]!.role, 'tool');
    assert.equal(messages[3]!.tool_name, 'get_weather');
    assert.equal(messages[3]!.content, '18°C and sunny');
  });

  it('passes tools, tool_choice and the conversation through to OpenAI unchanged', async () => {
    await h.client.chat.completions.create({
      model: 'openai:gpt-4o-mini',
      tools: TOOLS,
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      messages: conversation,
    });
    const body = lastBody(h.openai, '/v1/chat/completions');
    assert.deepEqual(body.messages, conversation);
    assert.deepEqual(body.tools, TOOLS);
    assert.deepEqual(body.tool_choice, { type: 'function', function: { name: 'get_weather' } });
  });

  it('sends images from content parts to Ollama as bytes and to Anthropic as base64 blocks', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
    const messages: ChatCompletionMessageParam[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
        ],
      },
    ];
    await h.client.chat.completions.create({ model: 'ollama:llama3.2:latest', messages });
    const sent = (lastBody(h.ollama, '/api/chat').messages as Record<string, unknown>[])[0]!;
    assert.deepEqual(sent.images, [png]);
    assert.equal(sent.content, 'What is this?');
    await h.client.chat.completions.create({ model: 'anthropic:claude-sonnet-5', messages });
    const blocks = (lastBody(h.anthropic, '/v1/messages').messages as Record<string, unknown>[])[0]!.content as unknown[];
    assert.deepEqual(blocks[0], { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } });
  });

  it('refuses a remote image URL for Ollama with a clear 400, and never reads a local path', async () => {
    await assert.rejects(
      h.client.chat.completions.create({ model: 'ollama:llama3.2:latest', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: '/etc/passwd' } }] }] }),
      (err: { status?: number; message?: string }) => err.status === 400 && /data: URL/.test(err.message ?? ''),
    );
  });
});
