// OpenAI-kind translation, snapshot-style: the exact upstream bodies for chat and legacy
// completions (what the client sent, plus the documented temperature default), and the exact
// events made of upstream chunks (scripted SSE for chat; chunks directly for completions).
import assert from 'node:assert/strict';
import { Cancel } from '../../../../src/core/support/cancel';
import type { PromptSpec } from '../../../../src/core/request';
import { validateChatRequest } from '../../../../src/core/dialects/openai-chat/parse';
import { completionBody, completionEvents } from '../../../../src/core/providers/openai/openai-completions';
import { OpenAIProvider, toOpenAI } from '../../../../src/core/providers/openai/openai';
import type { ProviderEvent } from '../../../../src/core/providers/provider';
import { ScriptedUpstream, sse } from '../../../fakes/scripted-upstream';

const req = (body: Record<string, unknown>) => validateChatRequest({ model: 'x', ...body });
const hi = [{ role: 'user', content: 'hi' }];
const STREAM = { stream: true, stream_options: { include_usage: true } };
const WEATHER = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } };

describe('OpenAI translation: chat request body', () => {
  it('sends the messages as they are, streamed with usage, with the default temperature 0.7', () => {
    const messages = [
      { role: 'developer', content: 'D' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'image_url', image_url: { url: 'https://x.test/i.png', detail: 'low' } },
        ],
      },
    ];
    assert.deepEqual(toOpenAI('gpt-4o-mini', req({ messages })), { model: 'gpt-4o-mini', messages, ...STREAM, temperature: 0.7 });
  });

  it('reasoning models (o1, o3, gpt-5...) get no temperature unless the client set one', () => {
    for (const model of ['o1', 'o3-mini', 'o4-mini', 'gpt-5', 'gpt-5-mini']) assert.deepEqual(toOpenAI(model, req({ messages: hi })), { model, messages: hi, ...STREAM });
    assert.deepEqual(toOpenAI('o3-mini', req({ messages: hi, temperature: 1 })), { model: 'o3-mini', messages: hi, ...STREAM, temperature: 1 });
    for (const model of ['gpt-4o', 'gpt-4.1', 'llama-o1', 'go1']) assert.equal(toOpenAI(model, req({ messages: hi })).temperature, 0.7);
  });

  it('passes every parameter the client sent, defaults included when explicit, and nothing it did not', () => {
    const body = req({
      messages: hi,
      temperature: 0,
      top_p: 1,
      n: 2,
      presence_penalty: 0,
      frequency_penalty: 0.5,
      logit_bias: { '1': 5 },
      user: 'u',
      stop: 'END',
      seed: 0,
      response_format: { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object' }, strict: true } },
      tools: [WEATHER],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      max_tokens: 10,
      top_k: 40,
      reasoning_effort: 'low',
    });
    assert.deepEqual(toOpenAI('gpt-4o', body), {
      top_k: 40,
      reasoning_effort: 'low',
      model: 'gpt-4o',
      messages: hi,
      ...STREAM,
      temperature: 0,
      top_p: 1,
      n: 2,
      presence_penalty: 0,
      frequency_penalty: 0.5,
      logit_bias: { '1': 5 },
      user: 'u',
      stop: ['END'],
      seed: 0,
      response_format: { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object' }, strict: true } },
      tools: [WEATHER],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      max_tokens: 10,
    });
  });

  it('keeps the name the client used for the token limit', () => {
    assert.deepEqual(toOpenAI('gpt-4o', req({ messages: hi, max_completion_tokens: 9 })), { model: 'gpt-4o', messages: hi, ...STREAM, temperature: 0.7, max_completion_tokens: 9 });
  });

  it("the client's own stream flags never override the upstream's streamed-with-usage call", () => {
    const body = toOpenAI('gpt-4o', { ...req({ messages: hi }), extra: { stream: false, stream_options: { include_usage: false }, model: 'other' } });
    assert.deepEqual(body, { model: 'gpt-4o', messages: hi, ...STREAM, temperature: 0.7 });
  });

  it('reports nothing as ignored', () => {
    const p = new OpenAIProvider({ id: 'openai', kind: 'openai', baseURL: 'http://127.0.0.1:9/v1', local: false });
    assert.deepEqual(p.ignoredParams(), []);
  });
});

describe('OpenAI translation: chat stream events', () => {
  const upstream = new ScriptedUpstream();
  let provider: OpenAIProvider;
  before(async () => {
    provider = new OpenAIProvider({ id: 'openai', kind: 'openai', baseURL: `${await upstream.start()}/v1`, apiKey: 'sk-x', local: false });
  });
  after(() => upstream.stop());

  const chunk = (choices: unknown[], usage: unknown = null) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices, usage });
  const choice = (index: number, delta: Record<string, unknown>, finish_reason: string | null = null) => ({ index, delta, finish_reason, logprobs: null });

  /** The events of one scripted stream, flattened: how a read splits them into batches is the socket's business. */
  async function events(chunks: unknown[], body: Record<string, unknown> = { messages: hi }): Promise<ProviderEvent[]> {
    upstream.script = { contentType: 'text/event-stream', body: sse([...chunks.map((data) => ({ data })), { data: '[DONE]' }]) };
    const out: ProviderEvent[] = [];
    for await (const b of provider.chat({ model: 'gpt-4o', request: req(body), cancel: new Cancel() })) out.push(...b);
    return out;
  }

  it('content deltas; a role-only or empty delta makes no event; finish and usage as sent', async () => {
    assert.deepEqual(
      await events([
        chunk([choice(0, { role: 'assistant', content: '' })]),
        chunk([choice(0, { content: 'Hel' })]),
        chunk([choice(0, { content: 'lo' })]),
        chunk([choice(0, {}, 'stop')]),
        chunk([], { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14, prompt_tokens_details: { cached_tokens: 0 } }),
      ]),
      [
        { type: 'delta', index: 0, content: 'Hel', toolCalls: undefined, refusal: undefined },
        { type: 'delta', index: 0, content: 'lo', toolCalls: undefined, refusal: undefined },
        { type: 'finish', index: 0, reason: 'stop' },
        { type: 'usage', usage: { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 } },
      ],
    );
    assert.deepEqual(upstream.last('/v1/chat/completions'), { model: 'gpt-4o', messages: hi, ...STREAM, temperature: 0.7 });
  });

  it('tool call fragments keep their index, id, type and function; refusals pass on; every finish reason as sent', async () => {
    assert.deepEqual(
      await events([
        chunk([choice(0, { tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] })]),
        chunk([choice(0, { tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'now', arguments: '{}' } }] })]),
        chunk([choice(0, { tool_calls: [{ index: 0, function: { arguments: '{"city":"Paris"}' } }] }, 'tool_calls')]),
      ]),
      [
        {
          type: 'delta',
          index: 0,
          content: undefined,
          toolCalls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }],
          refusal: undefined,
        },
        { type: 'delta', index: 0, content: undefined, toolCalls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'now', arguments: '{}' } }], refusal: undefined },
        { type: 'delta', index: 0, content: undefined, toolCalls: [{ index: 0, id: undefined, type: undefined, function: { arguments: '{"city":"Paris"}' } }], refusal: undefined },
        { type: 'finish', index: 0, reason: 'tool_calls' },
      ],
    );
    assert.deepEqual(await events([chunk([choice(0, { refusal: 'No.' }, 'content_filter')])]), [
      { type: 'delta', index: 0, content: undefined, toolCalls: undefined, refusal: 'No.' },
      { type: 'finish', index: 0, reason: 'content_filter' },
    ]);
    assert.deepEqual(await events([chunk([choice(0, { content: 'a', tool_calls: [] }, 'length')])]), [
      { type: 'delta', index: 0, content: 'a', toolCalls: [], refusal: undefined },
      { type: 'finish', index: 0, reason: 'length' },
    ]);
  });

  it('n = 2: each choice keeps its own index, in one chunk or apart', async () => {
    assert.deepEqual(
      await events([chunk([choice(1, { content: 'b' }), choice(0, { content: 'a' })]), chunk([choice(0, {}, 'stop'), choice(1, {}, 'length')])], { messages: hi, n: 2 }),
      [
        { type: 'delta', index: 1, content: 'b', toolCalls: undefined, refusal: undefined },
        { type: 'delta', index: 0, content: 'a', toolCalls: undefined, refusal: undefined },
        { type: 'finish', index: 0, reason: 'stop' },
        { type: 'finish', index: 1, reason: 'length' },
      ],
    );
    assert.equal((upstream.last('/v1/chat/completions') as { n?: number }).n, 2);
  });
});

describe('OpenAI translation: legacy completions', () => {
  const prompt = (p: Partial<PromptSpec> = {}): PromptSpec => ({ text: 'def f(', suffix: null, raw: false, ...p });

  it('completionBody: only what the client sent (no temperature default), suffix when given', () => {
    assert.deepEqual(completionBody('davinci', req({ messages: hi }), prompt()), { model: 'davinci', prompt: 'def f(', ...STREAM });
    assert.deepEqual(
      completionBody('davinci', req({ messages: hi, temperature: 0.7, top_p: 0.5, n: 3, max_tokens: 16, stop: ['\n'], seed: 0, presence_penalty: 1 }), prompt({ suffix: '):' })),
      {
        model: 'davinci',
        prompt: 'def f(',
        ...STREAM,
        suffix: '):',
        temperature: 0.7,
        top_p: 0.5,
        n: 3,
        max_tokens: 16,
        stop: ['\n'],
        seed: 0,
      },
    );
  });

  it('completionEvents: text per choice, finish as sent, usage; empty text makes no delta', () => {
    const out: ProviderEvent[] = [];
    completionEvents(
      {
        id: 'x',
        object: 'text_completion',
        created: 1,
        model: 'm',
        choices: [
          { index: 1, text: 'a', finish_reason: null as unknown as 'stop', logprobs: null },
          { index: 0, text: '', finish_reason: 'length', logprobs: null },
        ],
      },
      out,
    );
    completionEvents({ id: 'x', object: 'text_completion', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 2, completion_tokens: 5, total_tokens: 7 } }, out);
    assert.deepEqual(out, [
      { type: 'delta', index: 1, content: 'a' },
      { type: 'finish', index: 0, reason: 'length' },
      { type: 'usage', usage: { prompt_tokens: 2, completion_tokens: 5, total_tokens: 7 } },
    ]);
  });
});

describe('OpenAI translation: embeddings, and complete() without a prompt', () => {
  const upstream = new ScriptedUpstream();
  let provider: OpenAIProvider;
  before(async () => {
    provider = new OpenAIProvider({ id: 'openai', kind: 'openai', baseURL: `${await upstream.start()}/v1`, apiKey: 'sk-x', local: false });
  });
  after(() => upstream.stop());

  const embed = (input: string[] | number[][], dimensions: number | null = null, signal = new AbortController().signal) =>
    provider.embed({ model: 'text-embedding-3-small', input, dimensions, signal });
  const answer = (data: { index: number; embedding: number[] }[], usage?: unknown) => ({
    contentType: 'application/json',
    body: JSON.stringify({ object: 'list', model: 'text-embedding-3-small', data: data.map((d) => ({ object: 'embedding', ...d })), ...(usage ? { usage } : {}) }),
  });

  it('floats asked for, dimensions only when given; vectors back in input order (by index), with the prompt count', async () => {
    upstream.script = answer(
      [
        { index: 1, embedding: [0.3] },
        { index: 0, embedding: [0.1] },
        { index: 2, embedding: [0.5] },
      ],
      { prompt_tokens: 4, total_tokens: 4 },
    );
    assert.deepEqual(await embed(['a', 'b', 'c']), { vectors: [[0.1], [0.3], [0.5]], promptTokens: 4 });
    assert.deepEqual(upstream.last('/v1/embeddings'), { model: 'text-embedding-3-small', input: ['a', 'b', 'c'], encoding_format: 'float' });
    await embed([[1, 2]], 256);
    assert.deepEqual(upstream.last('/v1/embeddings'), { model: 'text-embedding-3-small', input: [[1, 2]], encoding_format: 'float', dimensions: 256 });
  });

  it('no usage in the answer counts 0 prompt tokens', async () => {
    upstream.script = answer([{ index: 0, embedding: [1] }]);
    assert.deepEqual(await embed(['a']), { vectors: [[1]], promptTokens: 0 });
  });

  it("the caller's signal cancels an embedding call still waiting for its answer", async () => {
    upstream.script = { contentType: 'application/json', body: '', hold: true };
    const ctl = new AbortController();
    const call = embed(['a'], null, ctl.signal);
    while (!upstream.released) await new Promise((r) => setTimeout(r, 5)); // the request has arrived
    ctl.abort();
    await assert.rejects(call);
    await upstream.released; // hangs (and the test times out) if the connection stays open
  });

  it('complete() without a prompt is a chat', async () => {
    upstream.script = {
      contentType: 'text/event-stream',
      body: sse([
        { data: { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content: 'a' }, finish_reason: 'stop' }] } },
        { data: '[DONE]' },
      ]),
    };
    const out: ProviderEvent[] = [];
    for await (const b of provider.complete({ model: 'gpt-4o', request: req({ messages: hi }), cancel: new Cancel() })) out.push(...b);
    assert.deepEqual(out, [
      { type: 'delta', index: 0, content: 'a', toolCalls: undefined, refusal: undefined },
      { type: 'finish', index: 0, reason: 'stop' },
    ]);
    assert.deepEqual(upstream.last('/v1/chat/completions'), { model: 'gpt-4o', messages: hi, ...STREAM, temperature: 0.7 });
  });
});
