// Exact values where the fakes' values are known: usage numbers, the default max_tokens, per-generation
// seeds, the `developer` role. Assertions like `> 0` let a swapped or doubled count through.
import assert from 'node:assert/strict';
import { DEFAULT_ANTHROPIC_MAX_TOKENS } from '../../src/core/providers/anthropic';
import { lastBody, startHarness, type Harness, HARNESS_MODELS } from '../harness';

// 44 characters: the fakes count ceil(44 / 4) = 11 prompt tokens; each reply "Hello from fake-x." is 3 tokens.
const PROMPT = 'Say hello to everyone in this room, please!!';
const PROMPT_TOKENS = 11;
const REPLY_TOKENS = 3;

const MODELS = HARNESS_MODELS;

describe('exact translation: usage, default max_tokens, seeds and roles', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());
  beforeEach(() => {
    h.resetFakes();
  });

  it('the prompt is what the fakes count as 11 tokens', () => {
    assert.equal(Math.ceil(PROMPT.length / 4), PROMPT_TOKENS);
  });

  for (const m of MODELS) {
    describe(m.id, () => {
      it('reports the upstream usage exactly: prompt 11, completion 3, total 14', async () => {
        const res = await h.client.chat.completions.create({ model: m.id, messages: [{ role: 'user', content: PROMPT }] });
        assert.deepEqual(
          { prompt: res.usage?.prompt_tokens, completion: res.usage?.completion_tokens, total: res.usage?.total_tokens },
          { prompt: PROMPT_TOKENS, completion: REPLY_TOKENS, total: PROMPT_TOKENS + REPLY_TOKENS },
        );
      });

      it('streams the same exact usage in the include_usage chunk', async () => {
        const stream = await h.client.chat.completions.create({
          model: m.id,
          stream: true,
          stream_options: { include_usage: true },
          messages: [{ role: 'user', content: PROMPT }],
        });
        let usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null | undefined;
        for await (const c of stream) if (c.usage) usage = c.usage;
        assert.deepEqual(usage, { prompt_tokens: PROMPT_TOKENS, completion_tokens: REPLY_TOKENS, total_tokens: PROMPT_TOKENS + REPLY_TOKENS });
      });

      it('with n = 2 counts the prompt once and both completions: prompt 11, completion 6, total 17', async () => {
        const res = await h.client.chat.completions.create({ model: m.id, n: 2, messages: [{ role: 'user', content: PROMPT }] });
        assert.deepEqual(
          { prompt: res.usage?.prompt_tokens, completion: res.usage?.completion_tokens, total: res.usage?.total_tokens },
          { prompt: PROMPT_TOKENS, completion: 2 * REPLY_TOKENS, total: PROMPT_TOKENS + 2 * REPLY_TOKENS },
        );
      });
    });
  }

  it("Anthropic gets max_tokens 4096 when the request names none, and the request's own when it does", async () => {
    assert.equal(DEFAULT_ANTHROPIC_MAX_TOKENS, 4096);
    await h.client.chat.completions.create({ model: 'anthropic:claude-sonnet-5', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(lastBody(h.anthropic, '/v1/messages').max_tokens, 4096);
    await h.client.chat.completions.create({ model: 'anthropic:claude-sonnet-5', max_tokens: 77, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(lastBody(h.anthropic, '/v1/messages').max_tokens, 77);
  });

  it('Ollama: n = 2 with a seed sends generation i the seed + i (42 and 43), so the answers differ yet reproduce', async () => {
    await h.client.chat.completions.create({ model: 'ollama:llama3.2:latest', n: 2, seed: 42, messages: [{ role: 'user', content: 'hi' }] });
    const seeds = h.ollama.requests
      .filter((r) => r.path === '/api/chat')
      .map((r) => ((r.body as { options?: { seed?: number } }).options ?? {}).seed)
      .sort();
    assert.deepEqual(seeds, [42, 43]);
  });

  it('Ollama /v1/completions: n = 2 with a seed sends /api/generate the seeds 7 and 8', async () => {
    await h.client.completions.create({ model: 'ollama:llama3.2:latest', n: 2, seed: 7, prompt: 'def add(a, b):' });
    const seeds = h.ollama.requests
      .filter((r) => r.path === '/api/generate')
      .map((r) => ((r.body as { options?: { seed?: number } }).options ?? {}).seed)
      .sort();
    assert.deepEqual(seeds, [7, 8]);
  });

  it('Ollama: n = 2 without a seed sends no seed at all', async () => {
    await h.client.chat.completions.create({ model: 'ollama:llama3.2:latest', n: 2, messages: [{ role: 'user', content: 'hi' }] });
    const chats = h.ollama.requests.filter((r) => r.path === '/api/chat');
    assert.equal(chats.length, 2);
    for (const r of chats) assert.equal(((r.body as { options?: { seed?: number } }).options ?? {}).seed, undefined);
  });

  it('Anthropic: a developer message becomes the top-level system, joined after a system message; no developer turn remains', async () => {
    await h.client.chat.completions.create({
      model: 'anthropic:claude-sonnet-5',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: 'Answer in French.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    const body = lastBody(h.anthropic, '/v1/messages');
    assert.equal(body.system, 'Be brief.\n\nAnswer in French.');
    assert.deepEqual(body.messages, [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  });

  it('Anthropic: a developer message alone becomes the system', async () => {
    await h.client.chat.completions.create({
      model: 'anthropic:claude-sonnet-5',
      messages: [
        { role: 'developer', content: 'Rules.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    const body = lastBody(h.anthropic, '/v1/messages');
    assert.equal(body.system, 'Rules.');
    assert.deepEqual(body.messages, [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  });

  it('Ollama: a developer message reaches Ollama with the system role, in place', async () => {
    await h.client.chat.completions.create({
      model: 'ollama:llama3.2:latest',
      messages: [
        { role: 'developer', content: 'Rules.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    const messages = lastBody(h.ollama, '/api/chat').messages as { role: string; content: string }[];
    assert.deepEqual(
      messages.map((x) => [x.role, x.content]),
      [
        ['system', 'Rules.'],
        ['user', 'Hi'],
      ],
    );
  });
  it('Anthropic: two tool results and a user message after them merge into one user turn the API accepts', async () => {
    const res = await h.client.chat.completions.create({
      model: 'anthropic:claude-sonnet-5',
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'toolu_a', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
            { id: 'toolu_b', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_a', content: 'sunny' },
        { role: 'tool', tool_call_id: 'toolu_b', content: 'rain' },
        { role: 'user', content: 'Summarise.' },
      ],
    });
    assert.equal(res.choices[0]!.message.content, h.anthropic.reply);
    assert.deepEqual(lastBody(h.anthropic, '/v1/messages').messages, [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'toolu_a', name: 'weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_b', name: 'weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_a', content: 'sunny' },
          { type: 'tool_result', tool_use_id: 'toolu_b', content: 'rain' },
          { type: 'text', text: 'Summarise.' },
        ],
      },
    ]);
  });
  it("Anthropic: stop, user, a json_schema and tools reach the body in Anthropic's form; nothing else is sent", async () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    await h.client.chat.completions.create({
      model: 'anthropic:claude-sonnet-5',
      max_tokens: 50,
      stop: ['END'],
      user: 'u-1',
      response_format: { type: 'json_schema', json_schema: { name: 'x', schema } },
      tools: [{ type: 'function', function: { name: 'f', description: 'does f' } }],
      tool_choice: 'required',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const body = lastBody(h.anthropic, '/v1/messages');
    assert.deepEqual(body, {
      model: 'claude-sonnet-5',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      max_tokens: 50,
      stream: true,
      output_config: { format: { type: 'json_schema', schema } },
      stop_sequences: ['END'],
      metadata: { user_id: 'u-1' },
      tools: [{ name: 'f', description: 'does f', input_schema: { type: 'object', properties: {} } }],
      tool_choice: { type: 'any' },
    });
  });

  it('Anthropic: the sampling controls it cannot honour are named in x-oblix-ignored-params, and only those sent', async () => {
    const ask = async (extra: Record<string, unknown>): Promise<string | null> => {
      const { response } = await h.client.chat.completions.create({ model: 'anthropic:claude-sonnet-5', messages: [{ role: 'user', content: 'hi' }], ...extra }).withResponse();
      return response.headers.get('x-oblix-ignored-params');
    };
    assert.equal(await ask({}), null);
    assert.equal(
      await ask({ temperature: 0.5, top_p: 0.9, presence_penalty: 1, frequency_penalty: 1, logit_bias: { '1': 1 }, seed: 3, response_format: { type: 'json_object' } }),
      'temperature, top_p, presence_penalty, frequency_penalty, logit_bias, seed, response_format',
    );
  });
});
