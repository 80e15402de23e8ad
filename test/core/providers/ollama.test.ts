// Ollama translation, snapshot-style: OpenAI requests to the exact /api/chat and /api/generate
// bodies, and scripted NDJSON lines to the exact provider events.
import assert from 'node:assert/strict';
import { Cancel } from '../../../src/core/support/cancel';
import { OblixError } from '../../../src/core/errors/oblix-error';
import type { PromptSpec } from '../../../src/core/request';
import { validateChatRequest } from '../../../src/core/dialects/openai-chat/parse';
import { generateBody } from '../../../src/core/providers/ollama-generate';
import { OllamaProvider } from '../../../src/core/providers/ollama';
import type { ChatCall, ProviderEvent } from '../../../src/core/providers/provider';
import { UpstreamError } from '../../../src/core/providers/upstream-error';
import { ndjson, ScriptedUpstream } from '../../fakes/scripted-upstream';

const req = (body: Record<string, unknown>) => validateChatRequest({ model: 'x', ...body });
const hi = [{ role: 'user', content: 'hi' }];
const DEFAULT_OPTIONS = { temperature: 0.7, top_p: 1 };
const WEATHER = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
const DONE = {
  model: 'llama',
  created_at: '2025-01-01T00:00:00Z',
  message: { role: 'assistant', content: '' },
  done: true,
  done_reason: 'stop',
  prompt_eval_count: 11,
  eval_count: 3,
};
const line = (content: string) => ({ model: 'llama', created_at: '2025-01-01T00:00:00Z', message: { role: 'assistant', content }, done: false });

describe('Ollama translation', () => {
  const upstream = new ScriptedUpstream();
  let provider: OllamaProvider;
  before(async () => {
    provider = new OllamaProvider('ollama', await upstream.start());
  });
  after(() => upstream.stop());

  async function events(call: Omit<ChatCall, 'cancel' | 'model'>, lines: unknown[], method: 'chat' | 'complete' = 'chat'): Promise<ProviderEvent[][]> {
    upstream.script = { contentType: 'application/x-ndjson', body: ndjson(lines) };
    const out: ProviderEvent[][] = [];
    for await (const b of provider[method]({ model: 'llama', cancel: new Cancel(), ...call })) out.push(b);
    return out;
  }
  /** The bodies sent to `path` by `act`, in order. */
  async function sent(path: string, act: () => Promise<unknown>): Promise<unknown[]> {
    const from = upstream.requests.length;
    await act();
    return upstream.requests
      .slice(from)
      .filter((r) => r.path === path)
      .map((r) => r.body);
  }
  /** The /api/chat body Ollama gets for a request (and routing's numCtx / answerRoom). */
  async function chatBody(body: Record<string, unknown>, extra: Pick<ChatCall, 'numCtx' | 'answerRoom'> = {}): Promise<unknown> {
    await events({ request: req(body), ...extra }, [DONE]);
    return upstream.last('/api/chat');
  }

  describe('request body', () => {
    it('a plain user turn: temperature and top_p always, nothing else by default', async () => {
      assert.deepEqual(await chatBody({ messages: hi }), { model: 'llama', messages: [{ role: 'user', content: 'hi' }], stream: true, options: DEFAULT_OPTIONS });
    });

    it('every sampling option the request sets', async () => {
      const body = await chatBody({ messages: hi, temperature: 0, top_p: 0.9, max_tokens: 50, presence_penalty: 0.5, frequency_penalty: -0.5, stop: ['END'], seed: 42 });
      assert.deepEqual(body, {
        model: 'llama',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        options: { temperature: 0, top_p: 0.9, num_predict: 50, presence_penalty: 0.5, frequency_penalty: -0.5, stop: ['END'], seed: 42 },
      });
    });

    it('seed 0 is sent; zero penalties are not', async () => {
      const body = (await chatBody({ messages: hi, seed: 0, presence_penalty: 0, frequency_penalty: 0 })) as { options: unknown };
      assert.deepEqual(body.options, { ...DEFAULT_OPTIONS, seed: 0 });
    });

    it('routing raised the window: num_ctx; the answer is capped at the room left in it', async () => {
      assert.deepEqual(((await chatBody({ messages: hi }, { numCtx: 16384, answerRoom: 1000 })) as { options: unknown }).options, {
        ...DEFAULT_OPTIONS,
        num_ctx: 16384,
        num_predict: 1000,
      });
      assert.deepEqual(((await chatBody({ messages: hi, max_tokens: 999 }, { answerRoom: 1000 })) as { options: unknown }).options, { ...DEFAULT_OPTIONS, num_predict: 999 });
      assert.deepEqual(((await chatBody({ messages: hi, max_tokens: 1001 }, { answerRoom: 1000 })) as { options: unknown }).options, { ...DEFAULT_OPTIONS, num_predict: 1000 });
      assert.deepEqual(((await chatBody({ messages: hi, max_tokens: 1000 }, { answerRoom: 1000 })) as { options: unknown }).options, { ...DEFAULT_OPTIONS, num_predict: 1000 });
    });

    it('system stays, developer becomes system, in place; content parts join as text', async () => {
      const body = (await chatBody({
        messages: [
          { role: 'system', content: 'S' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'a' },
              { type: 'text', text: 'b' },
            ],
          },
          { role: 'developer', content: 'D' },
        ],
      })) as { messages: unknown };
      assert.deepEqual(body.messages, [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'a\nb' },
        { role: 'system', content: 'D' },
      ]);
    });

    it('inline images go as base64 bytes next to the text', async () => {
      const body = (await chatBody({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            ],
          },
        ],
      })) as { messages: unknown };
      assert.deepEqual(body.messages, [{ role: 'user', content: 'What is this?', images: ['iVBORw0KGgo='] }]);
    });

    it('refuses an image by URL, naming the message and the part (counted among all parts, text included)', async () => {
      await assert.rejects(
        chatBody({
          messages: [
            ...hi,
            {
              role: 'user',
              content: [
                { type: 'text', text: 'a' },
                { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } },
                { type: 'image_url', image_url: { url: 'https://x.test/a.png' } },
              ],
            },
          ],
        }),
        (e: OblixError) =>
          e.status === 400 &&
          e.param === 'messages[1].content[2].image_url.url' &&
          e.message === 'Ollama needs images inline: send the image as a data: URL (data:image/png;base64,...).',
      );
    });

    it('tool calls with parsed arguments, and tool results named after their call', async () => {
      const body = (await chatBody({
        messages: [
          ...hi,
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { id: 'c2', type: 'function', function: { name: 'now', arguments: '' } },
            ],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
          { role: 'tool', tool_call_id: 'unknown', content: 'x' },
        ],
      })) as { messages: unknown };
      assert.deepEqual(body.messages, [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }, { function: { name: 'now', arguments: {} } }] },
        { role: 'tool', content: 'sunny', tool_name: 'get_weather' },
        { role: 'tool', content: 'x' },
      ]);
    });

    it('refuses tool call arguments that are not a JSON object', async () => {
      await assert.rejects(
        chatBody({ messages: [...hi, { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: 'nope' } }] }] }),
        (e: OblixError) => e.status === 400 && e.param === 'messages[1].tool_calls[0].function.arguments',
      );
    });

    it("tools pass as they are, unless tool_choice is 'none'", async () => {
      assert.deepEqual(((await chatBody({ messages: hi, tools: [WEATHER] })) as { tools: unknown }).tools, [WEATHER]);
      assert.deepEqual(((await chatBody({ messages: hi, tools: [WEATHER], tool_choice: 'required' })) as { tools: unknown }).tools, [WEATHER]);
      assert.equal('tools' in ((await chatBody({ messages: hi, tools: [WEATHER], tool_choice: 'none' })) as object), false);
    });

    it('response_format: json_object is "json", json_schema its schema (or "json" without one), text nothing', async () => {
      const format = async (rf: unknown): Promise<unknown> => ((await chatBody({ messages: hi, response_format: rf })) as { format?: unknown }).format;
      assert.equal(await format({ type: 'json_object' }), 'json');
      assert.deepEqual(await format({ type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object', required: ['a'] } } }), { type: 'object', required: ['a'] });
      assert.equal(await format({ type: 'json_schema', json_schema: { name: 'r' } }), 'json');
      assert.equal(await format({ type: 'text' }), undefined);
    });

    it('n = 2: generation i gets the seed + i, or no seed when the request has none (chat and generate alike)', async () => {
      const seeds = async (body: Record<string, unknown>, path: string, method: 'chat' | 'complete', done: unknown): Promise<unknown[]> =>
        (
          (await sent(path, () =>
            events({ request: { ...req(body), ...(method === 'complete' ? { prompt: { text: 'p', suffix: null, raw: false } } : {}) } }, [done], method),
          )) as { options: Record<string, unknown> }[]
        ).map(
          ({ options }: { options: Record<string, unknown> }) => ('seed' in options ? options.seed : 'none'), // a NaN seed would arrive as null
        );
      const GEN_DONE = { model: 'llama', created_at: '2025-01-01T00:00:00Z', response: '', done: true, done_reason: 'stop' };
      assert.deepEqual(await seeds({ messages: hi, n: 2, seed: 42 }, '/api/chat', 'chat', DONE), [42, 43]);
      assert.deepEqual(await seeds({ messages: hi, n: 2 }, '/api/chat', 'chat', DONE), ['none', 'none']);
      assert.deepEqual(await seeds({ messages: hi, n: 2, seed: 7 }, '/api/generate', 'complete', GEN_DONE), [7, 8]);
      assert.deepEqual(await seeds({ messages: hi, n: 2 }, '/api/generate', 'complete', GEN_DONE), ['none', 'none']);
    });

    it('complete() without a prompt is a chat', async () => {
      const bodies = await sent('/api/chat', () => events({ request: req({ messages: hi }) }, [DONE], 'complete'));
      assert.deepEqual(bodies, [{ model: 'llama', messages: [{ role: 'user', content: 'hi' }], stream: true, options: DEFAULT_OPTIONS }]);
    });

    it('reports what Ollama cannot take: logit_bias, user, a forced tool_choice, unknown parameters', () => {
      assert.deepEqual(provider.ignoredParams(req({ messages: hi, temperature: 1, seed: 1 })), []);
      assert.deepEqual(provider.ignoredParams(req({ messages: hi, logit_bias: {}, user: '', tools: [WEATHER], tool_choice: 'required', top_k: 5 })), [
        'logit_bias',
        'user',
        'tool_choice',
        'top_k',
      ]);
      assert.deepEqual(provider.ignoredParams(req({ messages: hi, tools: [WEATHER], tool_choice: { type: 'function', function: { name: 'get_weather' } } })), ['tool_choice']);
      assert.deepEqual(provider.ignoredParams(req({ messages: hi, tools: [WEATHER], tool_choice: 'auto' })), []);
      assert.deepEqual(provider.ignoredParams(req({ messages: hi, tool_choice: 'none' })), []);
      assert.deepEqual(provider.ignoredParams({ ...req({ messages: hi, user: 'u' }), native: { dialect: 'ollama-chat', body: {}, headers: {} } }), []);
      assert.deepEqual(provider.ignoredParams({ ...req({ messages: hi, user: 'u' }), native: { dialect: 'anthropic-messages', body: {}, headers: {} } }), ['user']);
    });
  });

  describe('stream events', () => {
    it('one batch per line; the done line carries finish and usage', async () => {
      assert.deepEqual(await events({ request: req({ messages: hi }) }, [line('Hel'), line(''), line('lo'), { ...DONE, message: { role: 'assistant', content: '!' } }]), [
        [{ type: 'delta', index: 0, content: 'Hel' }],
        [{ type: 'delta', index: 0, content: 'lo' }],
        [
          { type: 'delta', index: 0, content: '!' },
          { type: 'finish', index: 0, reason: 'stop' },
          { type: 'usage', usage: { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 } },
        ],
      ]);
    });

    it('done_reason length is finish_reason length; any other is stop; missing counts are 0', async () => {
      const finish = async (done: Record<string, unknown>): Promise<ProviderEvent[]> => (await events({ request: req({ messages: hi }) }, [done]))[0]!;
      assert.deepEqual(await finish({ ...DONE, done_reason: 'length' }), [
        { type: 'finish', index: 0, reason: 'length' },
        { type: 'usage', usage: { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 } },
      ]);
      assert.deepEqual(await finish({ ...DONE, done_reason: 'unload' }), [
        { type: 'finish', index: 0, reason: 'stop' },
        { type: 'usage', usage: { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 } },
      ]);
      const { prompt_eval_count: _p, eval_count: _e, done_reason: _d, message: _m, ...bare } = DONE; // a done line may come without a message
      assert.deepEqual(await finish(bare), [
        { type: 'finish', index: 0, reason: 'stop' },
        { type: 'usage', usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } },
      ]);
    });

    it('tool calls get ids and running indexes across lines, arguments as JSON text; the finish is tool_calls', async () => {
      const call = (name: string, args?: unknown) => ({ function: { name, ...(args === undefined ? {} : { arguments: args }) } });
      const batches = await events({ request: req({ messages: hi, tools: [WEATHER] }) }, [
        { ...line(''), message: { role: 'assistant', content: '', tool_calls: [call('get_weather', { city: 'Paris' }), call('now')] } },
        { ...line(''), message: { role: 'assistant', content: '', tool_calls: [call('get_weather', { city: 'Rome' })] } },
        DONE,
      ]);
      const ids: string[] = [];
      const plain = batches.map((b) =>
        b.map((e) => {
          if (e.type !== 'delta' || !e.toolCalls) return e;
          return { ...e, toolCalls: e.toolCalls.map((t) => (ids.push(t.id!), { ...t, id: 'ID' })) };
        }),
      );
      assert.deepEqual(plain, [
        [
          {
            type: 'delta',
            index: 0,
            toolCalls: [
              { index: 0, id: 'ID', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { index: 1, id: 'ID', type: 'function', function: { name: 'now', arguments: '{}' } },
            ],
          },
        ],
        [{ type: 'delta', index: 0, toolCalls: [{ index: 2, id: 'ID', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } }] }],
        [
          { type: 'finish', index: 0, reason: 'tool_calls' },
          { type: 'usage', usage: { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 } },
        ],
      ]);
      assert.equal(new Set(ids).size, 3);
      for (const id of ids) assert.match(id, /^call_[0-9a-z]+$/);
    });

    it('a stream without its done line is a cut: an error after what came', async () => {
      const seen: ProviderEvent[][] = [];
      upstream.script = { contentType: 'application/x-ndjson', body: ndjson([line('a')]) };
      await assert.rejects(
        (async () => {
          for await (const b of provider.chat({ model: 'llama', request: req({ messages: hi }), cancel: new Cancel() })) seen.push(b);
        })(),
        // The `ollama` package notices first (its own message); either way a 502 that may fail over.
        (e: UpstreamError) => e instanceof UpstreamError && e.status === 502 && e.failover && /Did not receive done or success response in stream/.test(e.message),
      );
      assert.deepEqual(seen, [[{ type: 'delta', index: 0, content: 'a' }]]);
    });
  });

  describe('a consumer that stops early', () => {
    /** Takes the first batch of a held (still generating) stream, stops, and waits for the upstream to see its client leave. */
    async function stopEarly(method: 'chat' | 'complete', first: unknown): Promise<ProviderEvent[]> {
      upstream.script = { contentType: 'application/x-ndjson', body: ndjson([first]), hold: true };
      const request = { ...req({ messages: hi }), ...(method === 'complete' ? { prompt: { text: 'p', suffix: null, raw: false } } : {}) };
      let got: ProviderEvent[] = [];
      for await (const b of provider[method]({ model: 'llama', request, cancel: new Cancel() })) {
        got = b;
        break;
      }
      await upstream.released; // hangs (and the test times out) if the connection stays open
      return got;
    }

    it('chat: closes the upstream connection', async () => {
      assert.deepEqual(await stopEarly('chat', line('a')), [{ type: 'delta', index: 0, content: 'a' }]);
    });

    it('generate: closes the upstream connection', async () => {
      assert.deepEqual(await stopEarly('complete', { model: 'llama', created_at: '2025-01-01T00:00:00Z', response: 'a', done: false }), [
        { type: 'delta', index: 0, content: 'a' },
      ]);
    });
  });

  describe('embeddings (/api/embed)', () => {
    const embed = (input: string[] | number[][], dimensions: number | null = null) => provider.embed({ model: 'nomic', input, dimensions, signal: new AbortController().signal });

    it('texts as input, dimensions only when asked; vectors and the prompt count back', async () => {
      upstream.script = {
        contentType: 'application/json',
        body: JSON.stringify({
          model: 'nomic',
          embeddings: [
            [0.1, 0.2],
            [0.3, 0.4],
          ],
          prompt_eval_count: 5,
        }),
      };
      assert.deepEqual(await embed(['a', 'b']), {
        vectors: [
          [0.1, 0.2],
          [0.3, 0.4],
        ],
        promptTokens: 5,
      });
      assert.deepEqual(upstream.last('/api/embed'), { model: 'nomic', input: ['a', 'b'] });
      await embed(['a'], 2);
      assert.deepEqual(upstream.last('/api/embed'), { model: 'nomic', input: ['a'], dimensions: 2 });
      upstream.script = { contentType: 'application/json', body: JSON.stringify({ model: 'nomic', embeddings: [[1]] }) };
      assert.deepEqual(await embed(['a']), { vectors: [[1]], promptTokens: 0 });
    });

    it('refuses token arrays, naming the input', async () => {
      await assert.rejects(
        embed([[1, 2]]),
        (e: OblixError) =>
          e.status === 400 && e.param === 'input[0]' && e.message === 'Ollama embeds text, not token arrays: send the input as strings, or name an OpenAI embedding model.',
      );
    });
  });

  describe('model description (/api/show)', () => {
    const describeWith = async (show: Record<string, unknown>): Promise<unknown> => {
      upstream.script = { contentType: 'application/json', body: JSON.stringify(show) };
      return provider.describeModel('llama');
    };
    const LLAMA = {
      'general.architecture': 'llama',
      'llama.context_length': 131072,
      'llama.block_count': 32,
      'llama.attention.head_count': 32,
      'llama.attention.head_count_kv': 8,
      'llama.embedding_length': 4096,
    };

    it("the trained window, the Modelfile's num_ctx, the capabilities, and the f16 KV bytes per token (head size from the embedding)", async () => {
      const show = { model_info: LLAMA, parameters: 'num_ctx                        8192\nstop                           "<|eot_id|>"', capabilities: ['completion', 'tools'] };
      // 32 layers x 8 KV heads x (128 + 128) x 2 bytes
      assert.deepEqual(await describeWith(show), { contextLength: 131072, capabilities: ['completion', 'tools'], configuredContextLength: 8192, kvBytesPerToken: 131072 });
    });

    it('explicit key and value lengths win; no KV head count means one per head; trailing spaces after num_ctx are fine', async () => {
      // The head size from the embedding would be 512 / 8 = 64: the given lengths must win.
      const gemma = {
        'general.architecture': 'gemma3',
        'gemma3.block_count': 2,
        'gemma3.attention.head_count': 8,
        'gemma3.attention.head_count_kv': 4,
        'gemma3.embedding_length': 512,
        'gemma3.attention.key_length': 256,
        'gemma3.attention.value_length': 128,
      };
      assert.deepEqual(await describeWith({ model_info: gemma, parameters: 'stop "x"\nnum_ctx 4096  ' }), {
        contextLength: null,
        capabilities: null,
        configuredContextLength: 4096,
        kvBytesPerToken: 2 * 4 * (256 + 128) * 2,
      });
      const { 'llama.attention.head_count_kv': _kv, ...noKv } = LLAMA;
      assert.equal(((await describeWith({ model_info: noKv })) as { kvBytesPerToken: unknown }).kvBytesPerToken, 32 * 32 * 256 * 2);
    });

    it('no KV size when the architecture, a count or a number is missing; no num_ctx line, no configured window', async () => {
      const kv = async (info: Record<string, unknown>): Promise<unknown> =>
        ((await describeWith({ model_info: info, parameters: 'stop "x"' })) as { kvBytesPerToken: unknown }).kvBytesPerToken;
      const { 'general.architecture': _a, ...noArch } = LLAMA;
      assert.equal(await kv(noArch), null);
      const { 'llama.block_count': _b, ...noLayers } = LLAMA;
      assert.equal(await kv(noLayers), null);
      assert.equal(await kv({ ...LLAMA, 'llama.block_count': '32' }), null);
      const { 'llama.attention.head_count': _h, ...noHeads } = LLAMA; // no head count: no head size to derive
      assert.equal(await kv(noHeads), null);
      assert.deepEqual(await describeWith({}), { contextLength: null, capabilities: null, configuredContextLength: null, kvBytesPerToken: null });
    });
  });

  describe('installed models (/api/tags + /api/ps)', () => {
    it('each model with its digest, size, and whether and with what window it is loaded; nulls where Ollama says nothing', async () => {
      // One script answers both calls: /api/tags reads name, digest and size, /api/ps name and context_length.
      upstream.script = { contentType: 'application/json', body: JSON.stringify({ models: [{ name: 'llama', digest: 'abc', size: 5, context_length: 8192 }] }) };
      assert.deepEqual(await provider.inventory(), [{ model: 'llama', digest: 'abc', sizeBytes: 5, loaded: true, loadedContextLength: 8192 }]);
      upstream.script = { contentType: 'application/json', body: JSON.stringify({ models: [{ name: 'llama' }] }) };
      assert.deepEqual(await provider.inventory(), [{ model: 'llama', digest: null, sizeBytes: null, loaded: true, loadedContextLength: null }]);
    });
  });

  describe('text completion (/api/generate)', () => {
    const prompt = (p: Partial<PromptSpec> = {}): PromptSpec => ({ text: 'def add(a, b):', suffix: null, raw: false, ...p });

    it('generateBody: options like chat, raw and suffix only when set', () => {
      assert.deepEqual(generateBody('coder', req({ messages: hi }), prompt()), { model: 'coder', prompt: 'def add(a, b):', stream: true, options: DEFAULT_OPTIONS });
      assert.deepEqual(generateBody('coder', req({ messages: hi, temperature: 0.1, top_p: 0.2, max_tokens: 64, stop: ['\n\n'], seed: 0 }), prompt({ raw: true, suffix: '' })), {
        model: 'coder',
        prompt: 'def add(a, b):',
        stream: true,
        raw: true,
        suffix: '',
        options: { temperature: 0.1, top_p: 0.2, num_predict: 64, stop: ['\n\n'], seed: 0 },
      });
    });

    it('events: response text per line; done_reason length is length, anything else stop', async () => {
      const gen = (response: string, done = false, extra: Record<string, unknown> = {}) => ({ model: 'coder', created_at: '2025-01-01T00:00:00Z', response, done, ...extra });
      const request = { ...req({ messages: hi }), prompt: prompt({ suffix: '\n' }) };
      assert.deepEqual(await events({ request }, [gen('  return'), gen(''), gen(' a + b', true, { done_reason: 'length', prompt_eval_count: 5, eval_count: 4 })], 'complete'), [
        [{ type: 'delta', index: 0, content: '  return' }],
        [
          { type: 'delta', index: 0, content: ' a + b' },
          { type: 'finish', index: 0, reason: 'length' },
          { type: 'usage', usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 } },
        ],
      ]);
      assert.deepEqual(upstream.last('/api/generate'), { model: 'llama', prompt: 'def add(a, b):', stream: true, suffix: '\n', options: DEFAULT_OPTIONS });
      assert.deepEqual(await events({ request }, [gen('', true, { done_reason: 'stop' })], 'complete'), [
        [
          { type: 'finish', index: 0, reason: 'stop' },
          { type: 'usage', usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } },
        ],
      ]);
      await assert.rejects(
        events({ request }, [gen('x')], 'complete'),
        (e: UpstreamError) => e instanceof UpstreamError && e.status === 502 && /Did not receive done/.test(e.message),
      );
    });
  });
});
