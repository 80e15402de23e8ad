// Anthropic translation, snapshot-style: OpenAI requests to the exact Messages API body, and a
// scripted SSE stream to the exact provider events, for every stop_reason.
import assert from 'node:assert/strict';
import { OblixError } from '../../../src/core/errors/oblix-error';
import { validateChatRequest } from '../../../src/core/dialects/openai-chat/parse';
import { Cancel } from '../../../src/core/support/cancel';
import { AnthropicProvider, toAnthropic } from '../../../src/core/providers/anthropic';
import type { ProviderEvent } from '../../../src/core/providers/provider';
import { UpstreamError } from '../../../src/core/providers/upstream-error';
import { ScriptedUpstream, sse } from '../../fakes/scripted-upstream';

const req = (body: Record<string, unknown>) => validateChatRequest({ model: 'x', ...body });
const hi = [{ role: 'user', content: 'hi' }];
const USER_HI = { role: 'user', content: [{ type: 'text', text: 'hi' }] };
const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const WEATHER = { type: 'function', function: { name: 'get_weather', description: 'Weather now', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };

describe('Anthropic translation: request body', () => {
  const cases: { name: string; body: Record<string, unknown>; expected: Record<string, unknown> }[] = [
    {
      name: 'a plain user turn: text block, the default max_tokens, no sampling controls',
      body: { messages: hi, temperature: 0.2, top_p: 0.5, seed: 3 },
      expected: { model: 'claude', messages: [USER_HI], max_tokens: 4096, stream: true },
    },
    {
      name: 'max_tokens and max_completion_tokens as given',
      body: { messages: hi, max_completion_tokens: 77 },
      expected: { model: 'claude', messages: [USER_HI], max_tokens: 77, stream: true },
    },
    {
      name: 'system and developer messages join into `system`, in order; their parts join with newlines',
      body: {
        messages: [
          {
            role: 'system',
            content: [
              { type: 'text', text: 'A' },
              { type: 'text', text: 'B' },
            ],
          },
          { role: 'user', content: 'hi' },
          { role: 'developer', content: 'C' },
        ],
      },
      expected: { model: 'claude', messages: [USER_HI], max_tokens: 4096, stream: true, system: 'A\nB\n\nC' },
    },
    {
      name: 'an empty system message adds no `system`',
      body: { messages: [{ role: 'system', content: '' }, ...hi] },
      expected: { model: 'claude', messages: [USER_HI], max_tokens: 4096, stream: true },
    },
    {
      name: 'images (inline and by URL) before the text, texts joined',
      body: {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is' },
              { type: 'image_url', image_url: { url: PNG } },
              { type: 'text', text: 'this?' },
              { type: 'image_url', image_url: { url: 'https://x.test/a.jpg' } },
            ],
          },
        ],
      },
      expected: {
        model: 'claude',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
              { type: 'image', source: { type: 'url', url: 'https://x.test/a.jpg' } },
              { type: 'text', text: 'What is\nthis?' },
            ],
          },
        ],
        max_tokens: 4096,
        stream: true,
      },
    },
    {
      name: 'a user turn of only an image: the image block alone, no empty text block',
      body: { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: PNG } }] }] },
      expected: {
        model: 'claude',
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }] }],
        max_tokens: 4096,
        stream: true,
      },
    },
    {
      name: 'a tool round trip: tool_use with parsed input, tool results as user turns merged with the next user message',
      body: {
        messages: [
          ...hi,
          {
            role: 'assistant',
            content: 'Checking.',
            tool_calls: [
              { id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { id: 'c2', type: 'function', function: { name: 'now', arguments: '' } },
            ],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
          { role: 'tool', tool_call_id: 'c2', content: [{ type: 'text', text: 'noon' }] },
          { role: 'user', content: 'thanks' },
        ],
      },
      expected: {
        model: 'claude',
        messages: [
          USER_HI,
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Checking.' },
              { type: 'tool_use', id: 'c1', name: 'get_weather', input: { city: 'Paris' } },
              { type: 'tool_use', id: 'c2', name: 'now', input: {} },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'c1', content: 'sunny' },
              { type: 'tool_result', tool_use_id: 'c2', content: 'noon' },
              { type: 'text', text: 'thanks' },
            ],
          },
        ],
        max_tokens: 4096,
        stream: true,
      },
    },
    {
      name: 'an assistant turn with no text and no calls is left out; a legacy function message is user text',
      body: { messages: [...hi, { role: 'assistant', content: '' }, { role: 'function', name: 'f', content: 'out' }] },
      expected: {
        model: 'claude',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'hi' },
              { type: 'text', text: 'out' },
            ],
          },
        ],
        max_tokens: 4096,
        stream: true,
      },
    },
    {
      name: "tools with their schema (or an empty object schema), tool_choice 'auto'",
      body: { messages: hi, tools: [WEATHER, { type: 'function', function: { name: 'now' } }], tool_choice: 'auto' },
      expected: {
        model: 'claude',
        messages: [USER_HI],
        max_tokens: 4096,
        stream: true,
        tools: [
          { name: 'get_weather', description: 'Weather now', input_schema: WEATHER.function.parameters },
          { name: 'now', description: undefined, input_schema: { type: 'object', properties: {} } },
        ],
        tool_choice: { type: 'auto' },
      },
    },
    {
      name: "tool_choice 'required' is Anthropic's 'any'",
      body: { messages: hi, tools: [WEATHER], tool_choice: 'required' },
      expected: {
        model: 'claude',
        messages: [USER_HI],
        max_tokens: 4096,
        stream: true,
        tools: [{ name: 'get_weather', description: 'Weather now', input_schema: WEATHER.function.parameters }],
        tool_choice: { type: 'any' },
      },
    },
    {
      name: "tool_choice 'none'",
      body: { messages: hi, tools: [WEATHER], tool_choice: 'none' },
      expected: {
        model: 'claude',
        messages: [USER_HI],
        max_tokens: 4096,
        stream: true,
        tools: [{ name: 'get_weather', description: 'Weather now', input_schema: WEATHER.function.parameters }],
        tool_choice: { type: 'none' },
      },
    },
    {
      name: 'a named function is a tool choice by name; tools without tool_choice send none',
      body: { messages: hi, tools: [WEATHER], tool_choice: { type: 'function', function: { name: 'get_weather' } } },
      expected: {
        model: 'claude',
        messages: [USER_HI],
        max_tokens: 4096,
        stream: true,
        tools: [{ name: 'get_weather', description: 'Weather now', input_schema: WEATHER.function.parameters }],
        tool_choice: { type: 'tool', name: 'get_weather' },
      },
    },
    {
      name: "tool_choice 'none' without tools sends nothing",
      body: { messages: hi, tool_choice: 'none' },
      expected: { model: 'claude', messages: [USER_HI], max_tokens: 4096, stream: true },
    },
    {
      name: 'json_schema with a schema becomes output_config; stop, user',
      body: { messages: hi, response_format: { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object' } } }, stop: ['END', 'STOP'], user: 'u-1' },
      expected: {
        model: 'claude',
        messages: [USER_HI],
        max_tokens: 4096,
        stream: true,
        output_config: { format: { type: 'json_schema', schema: { type: 'object' } } },
        stop_sequences: ['END', 'STOP'],
        metadata: { user_id: 'u-1' },
      },
    },
    {
      name: 'json_schema without a schema sends no format',
      body: { messages: hi, response_format: { type: 'json_schema', json_schema: { name: 'r' } } },
      expected: { model: 'claude', messages: [USER_HI], max_tokens: 4096, stream: true },
    },
    {
      name: 'json_object sends no format (it is reported as ignored)',
      body: { messages: hi, response_format: { type: 'json_object' } },
      expected: { model: 'claude', messages: [USER_HI], max_tokens: 4096, stream: true },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(toAnthropic('claude', req(c.body)), c.expected);
    });
  }

  it('tools without tool_choice send no tool_choice', () => {
    const body = toAnthropic('claude', req({ messages: hi, tools: [WEATHER] }));
    assert.equal('tool_choice' in body, false);
    assert.equal(body.tools?.length, 1);
  });

  it('refuses tool call arguments that are not a JSON object, naming where', () => {
    const body = {
      messages: [
        ...hi,
        {
          role: 'assistant',
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } },
            { id: 'c2', type: 'function', function: { name: 'f', arguments: '[1]' } },
          ],
        },
      ],
    };
    assert.throws(
      () => toAnthropic('claude', req(body)),
      (e: OblixError) => e.status === 400 && e.param === 'messages[1].tool_calls[1].function.arguments',
    );
  });

  it('reports the parameters the Messages API cannot take, in order', () => {
    const p = new AnthropicProvider({ id: 'anthropic', baseURL: 'http://127.0.0.1:9', local: false });
    assert.deepEqual(p.ignoredParams(req({ messages: hi })), []);
    assert.deepEqual(p.ignoredParams(req({ messages: hi, temperature: 0.7, top_p: 1, presence_penalty: 0, frequency_penalty: 0 })), ['temperature', 'top_p']);
    assert.deepEqual(
      p.ignoredParams(
        req({ messages: hi, presence_penalty: 0.1, frequency_penalty: -0.1, logit_bias: {}, seed: 0, response_format: { type: 'json_object' }, top_k: 5, service_tier: 'auto' }),
      ),
      ['presence_penalty', 'frequency_penalty', 'logit_bias', 'seed', 'response_format', 'top_k', 'service_tier'],
    );
    assert.deepEqual(p.ignoredParams(req({ messages: hi, response_format: { type: 'json_schema', json_schema: { name: 'r' } } })), []);
    assert.deepEqual(p.ignoredParams({ ...req({ messages: hi, temperature: 1 }), native: { dialect: 'anthropic-messages', body: {}, headers: {} } }), []);
  });
});

describe('Anthropic translation: stream events', () => {
  const upstream = new ScriptedUpstream();
  let provider: AnthropicProvider;
  let baseURL: string;
  before(async () => {
    baseURL = await upstream.start();
    provider = new AnthropicProvider({ id: 'anthropic', baseURL, apiKey: 'k', local: false });
  });
  after(() => upstream.stop());

  const start = (usage: Record<string, number> = { input_tokens: 10, output_tokens: 1 }) => ({
    event: 'message_start',
    data: { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [], stop_reason: null, stop_sequence: null, usage } },
  });
  const textStart = (index: number, text = '') => ({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'text', text } } });
  const textDelta = (index: number, text: string) => ({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text } } });
  const toolStart = (index: number, id: string, name: string) => ({
    event: 'content_block_start',
    data: { type: 'content_block_start', index, content_block: { type: 'tool_use', id, name, input: {} } },
  });
  const jsonDelta = (index: number, partial_json: string) => ({
    event: 'content_block_delta',
    data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } },
  });
  const blockStop = (index: number) => ({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  const messageDelta = (stop_reason: string | null, usage: Record<string, number> = { output_tokens: 5 }) => ({
    event: 'message_delta',
    data: { type: 'message_delta', delta: { stop_reason, stop_sequence: null }, usage },
  });
  const messageStop = { event: 'message_stop', data: { type: 'message_stop' } };
  const ping = { event: 'ping', data: { type: 'ping' } };

  async function run(events: { event?: string; data: unknown }[], body: Record<string, unknown> = { messages: hi }): Promise<ProviderEvent[][]> {
    upstream.script = { contentType: 'text/event-stream', body: sse(events) };
    const batches: ProviderEvent[][] = [];
    for await (const b of provider.chat({ model: 'claude', request: req(body), cancel: new Cancel() })) batches.push(b);
    return batches;
  }

  it('text deltas, one batch per event; usage counts cached input tokens; the finish only at message_stop', async () => {
    const batches = await run([
      start({ input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: 2, cache_read_input_tokens: 3 }),
      textStart(0),
      ping,
      textDelta(0, 'Hel'),
      textDelta(0, 'lo'),
      blockStop(0),
      messageDelta('end_turn'),
      messageStop,
    ]);
    assert.deepEqual(batches, [
      [{ type: 'delta', index: 0, content: 'Hel' }],
      [{ type: 'delta', index: 0, content: 'lo' }],
      [{ type: 'finish', index: 0, reason: 'stop' }],
      [{ type: 'usage', usage: { prompt_tokens: 15, completion_tokens: 5, total_tokens: 20 } }],
    ]);
    assert.deepEqual(upstream.last('/v1/messages'), { model: 'claude', messages: [USER_HI], max_tokens: 4096, stream: true });
  });

  it('text in the block start; tool_use blocks become numbered tool calls whose arguments follow their block', async () => {
    const batches = await run([
      start(),
      textStart(0, 'Let me look.'),
      blockStop(0),
      toolStart(1, 'toolu_1', 'get_weather'),
      jsonDelta(1, '{"city"'),
      toolStart(2, 'toolu_2', 'now'),
      jsonDelta(2, '{}'),
      jsonDelta(1, ':"Paris"}'),
      jsonDelta(0, '{"ignored":1}'), // not a tool block: dropped
      messageDelta('tool_use', { input_tokens: 20, output_tokens: 9, cache_creation_input_tokens: 2, cache_read_input_tokens: 1 }),
      messageStop,
    ]);
    assert.deepEqual(batches, [
      [{ type: 'delta', index: 0, content: 'Let me look.' }],
      [{ type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }],
      [{ type: 'delta', index: 0, toolCalls: [{ index: 0, function: { arguments: '{"city"' } }] }],
      [{ type: 'delta', index: 0, toolCalls: [{ index: 1, id: 'toolu_2', type: 'function', function: { name: 'now', arguments: '' } }] }],
      [{ type: 'delta', index: 0, toolCalls: [{ index: 1, function: { arguments: '{}' } }] }],
      [{ type: 'delta', index: 0, toolCalls: [{ index: 0, function: { arguments: ':"Paris"}' } }] }],
      [{ type: 'finish', index: 0, reason: 'tool_calls' }],
      [{ type: 'usage', usage: { prompt_tokens: 23, completion_tokens: 9, total_tokens: 32 } }],
    ]);
  });

  it('a delta of another kind on a tool block adds nothing: only input_json_delta is arguments', async () => {
    const signature = { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } } };
    assert.deepEqual(await run([start(), toolStart(0, 'toolu_1', 'now'), signature, jsonDelta(0, '{}'), messageDelta('tool_use'), messageStop]), [
      [{ type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'toolu_1', type: 'function', function: { name: 'now', arguments: '' } }] }],
      [{ type: 'delta', index: 0, toolCalls: [{ index: 0, function: { arguments: '{}' } }] }],
      [{ type: 'finish', index: 0, reason: 'tool_calls' }],
      [{ type: 'usage', usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } }],
    ]);
  });

  it('a provider without an API key sends no credential at all: neither a placeholder nor a key from the environment', async () => {
    const was = process.env.ANTHROPIC_API_KEY;
    process.env.ANTHROPIC_API_KEY = 'sk-ant-from-the-environment-123';
    try {
      const keyless = new AnthropicProvider({ id: 'anthropic', baseURL, local: true });
      upstream.script = { contentType: 'text/event-stream', body: sse([start(), messageDelta('end_turn'), messageStop]) };
      for await (const _ of keyless.chat({ model: 'claude', request: req({ messages: hi }), cancel: new Cancel() }));
    } finally {
      if (was === undefined) delete process.env.ANTHROPIC_API_KEY;
      else process.env.ANTHROPIC_API_KEY = was;
    }
    const headers = upstream.lastRequest('/v1/messages').headers;
    assert.deepEqual([headers.authorization, headers['x-api-key']], [undefined, undefined]);
  });

  it('a consumer that stops early closes the upstream connection (the SDK aborts on break; the provider would too)', async () => {
    upstream.script = { contentType: 'text/event-stream', body: sse([start(), textDelta(0, 'x')]), hold: true };
    for await (const b of provider.chat({ model: 'claude', request: req({ messages: hi }), cancel: new Cancel() })) {
      assert.deepEqual(b, [{ type: 'delta', index: 0, content: 'x' }]);
      break;
    }
    await upstream.released; // hangs (and the test times out) if the connection stays open
  });

  const REASONS: [string, string][] = [
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
  ];
  for (const [stop, finish] of REASONS) {
    it(`stop_reason ${stop} is finish_reason ${finish}`, async () => {
      const batches = await run([start(), textStart(0), textDelta(0, 'x'), messageDelta(stop), messageStop]);
      assert.deepEqual(batches.slice(1), [
        [{ type: 'finish', index: 0, reason: finish }],
        [{ type: 'usage', usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } }],
      ]);
    });
  }

  it('no stop_reason: no finish event (the router calls that answer incomplete)', async () => {
    assert.deepEqual(await run([start(), textDelta(0, 'x'), messageDelta(null), messageStop]), [
      [{ type: 'delta', index: 0, content: 'x' }],
      [{ type: 'usage', usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } }],
    ]);
  });

  it('a stream that ends before message_stop is a cut: what came is passed on, then an unreachable error', async () => {
    const seen: ProviderEvent[][] = [];
    upstream.script = { contentType: 'text/event-stream', body: sse([start(), textDelta(0, 'x'), messageDelta('end_turn')]) };
    await assert.rejects(
      (async () => {
        for await (const b of provider.chat({ model: 'claude', request: req({ messages: hi }), cancel: new Cancel() })) seen.push(b);
      })(),
      (e: UpstreamError) =>
        e instanceof UpstreamError &&
        e.unreachable &&
        e.code === 'upstream_unreachable' &&
        e.message === `anthropic at ${baseURL} could not be reached (ECONNRESET): the stream ended before message_stop (terminated)`,
    );
    assert.deepEqual(seen, [[{ type: 'delta', index: 0, content: 'x' }]]); // no finish: it never came
  });
});
