// The chat endpoint against each upstream kind, with the official `openai` SDK as the client.
import assert from 'node:assert/strict';
import { lastBody, startHarness, type Harness, HARNESS_MODELS } from '../harness';

const MODELS = HARNESS_MODELS;

describe('chat completions through each provider', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());
  beforeEach(() => {
    h.resetFakes();
  });

  for (const m of MODELS) {
    describe(m.id, () => {
      it('answers non-stream with the upstream text, usage and identity headers', async () => {
        const { data, response } = await h.client.chat.completions.create({ model: m.id, messages: [{ role: 'user', content: 'Say hello' }] }).withResponse();
        assert.equal(data.object, 'chat.completion');
        assert.match(data.id, /^chatcmpl-/);
        assert.equal(data.model, m.id);
        assert.equal(data.choices.length, 1);
        assert.equal(data.choices[0]!.message.role, 'assistant');
        assert.equal(data.choices[0]!.message.content, h[m.fake].reply);
        assert.equal(data.choices[0]!.finish_reason, 'stop');
        assert.ok(data.usage && data.usage.prompt_tokens > 0 && data.usage.completion_tokens > 0);
        assert.equal(data.usage.total_tokens, data.usage.prompt_tokens + data.usage.completion_tokens);
        assert.equal(response.headers.get('x-oblix-model'), m.id);
        assert.equal(response.headers.get('x-oblix-route'), 'explicit');
      });

      it('streams a stream the SDK accepts, with include_usage', async () => {
        const stream = h.client.chat.completions.stream({
          model: m.id,
          messages: [{ role: 'user', content: 'Say hello' }],
          stream_options: { include_usage: true },
        });
        const chunks: unknown[] = [];
        stream.on('chunk', (c) => chunks.push(c));
        const final = await stream.finalChatCompletion();
        assert.equal(final.choices[0]!.message.content, h[m.fake].reply);
        assert.equal(final.choices[0]!.finish_reason, 'stop');
        const last = chunks[chunks.length - 1] as { choices: unknown[]; usage: { total_tokens: number } | null };
        assert.deepEqual(last.choices, []);
        assert.ok(last.usage && last.usage.total_tokens > 0);
        const ids = new Set(chunks.map((c) => (c as { id: string }).id));
        assert.equal(ids.size, 1, 'one id per response');
      });

      it('answers n=2 with two choices, each with its own index', async () => {
        const res = await h.client.chat.completions.create({ model: m.id, n: 2, messages: [{ role: 'user', content: 'Say hello' }] });
        assert.deepEqual(
          res.choices.map((c) => c.index),
          [0, 1],
        );
        for (const c of res.choices) assert.equal(c.message.content, h[m.fake].reply);
        const stream = h.client.chat.completions.stream({ model: m.id, n: 2, messages: [{ role: 'user', content: 'Say hello' }] });
        const final = await stream.finalChatCompletion();
        assert.deepEqual(
          final.choices.map((c) => [c.index, c.message.content, c.finish_reason]),
          [
            [0, h[m.fake].reply, 'stop'],
            [1, h[m.fake].reply, 'stop'],
          ],
        );
      });
    });
  }

  it('auto names the selected model in `model` and in the headers', async () => {
    const { data, response } = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(data.model, 'auto (selected: ollama:llama3.2:latest)');
    assert.equal(response.headers.get('x-oblix-model'), 'ollama:llama3.2:latest');
    assert.equal(response.headers.get('x-oblix-route'), 'local-preferred');
  });

  it('sends the seed to each upstream in its own form', async () => {
    const ask = (model: string): Promise<unknown> => h.client.chat.completions.create({ model, seed: 42, messages: [{ role: 'user', content: 'hi' }] });
    await ask('ollama:llama3.2:latest');
    assert.equal((lastBody(h.ollama, '/api/chat').options as Record<string, unknown>).seed, 42);
    await ask('openai:gpt-4o-mini');
    assert.equal(lastBody(h.openai, '/v1/chat/completions').seed, 42);
    const { response } = await h.client.chat.completions.create({ model: 'anthropic:claude-sonnet-5', seed: 42, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(lastBody(h.anthropic, '/v1/messages').seed, undefined, 'Anthropic has no seed');
    assert.match(response.headers.get('x-oblix-ignored-params') ?? '', /\bseed\b/);
  });

  it('maps the sampling options to Ollama options', async () => {
    await h.client.chat.completions.create({
      model: 'ollama:llama3.2:latest',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 50,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      stop: ['END'],
      response_format: { type: 'json_object' },
    });
    const body = lastBody(h.ollama, '/api/chat');
    assert.deepEqual(body.options, { temperature: 0.3, top_p: 0.9, num_predict: 50, presence_penalty: 0.5, frequency_penalty: -0.5, stop: ['END'] });
    assert.equal(body.format, 'json');
  });

  it('applies the documented defaults (temperature 0.7) and passes OpenAI parameters through as sent', async () => {
    await h.client.chat.completions.create({ model: 'ollama:llama3.2:latest', messages: [{ role: 'user', content: 'hi' }] });
    assert.deepEqual(lastBody(h.ollama, '/api/chat').options, { temperature: 0.7, top_p: 1 });
    await h.client.chat.completions.create({
      model: 'openai:gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      max_completion_tokens: 77,
      logit_bias: { '50256': -100 },
      user: 'u-1',
      stop: 'END',
    });
    const body = lastBody(h.openai, '/v1/chat/completions');
    assert.equal(body.temperature, 0.7);
    assert.equal(body.max_completion_tokens, 77);
    assert.equal(body.max_tokens, undefined);
    assert.deepEqual(body.logit_bias, { '50256': -100 });
    assert.equal(body.user, 'u-1');
    assert.deepEqual(body.stop, ['END']);
  });

  it('moves system messages to Anthropic `system`, stop to stop_sequences, and sets max_tokens', async () => {
    await h.client.chat.completions.create({
      model: 'anthropic:claude-sonnet-5',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'hi' },
      ],
      stop: ['END'],
      user: 'u-7',
    });
    const body = lastBody(h.anthropic, '/v1/messages');
    assert.equal(body.system, 'You are terse.');
    assert.deepEqual(body.messages, [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
    assert.deepEqual(body.stop_sequences, ['END']);
    assert.equal(typeof body.max_tokens, 'number');
    assert.deepEqual(body.metadata, { user_id: 'u-7' });
  });

  it('reports max_tokens as finish_reason length on every provider', async () => {
    const saved = [h.ollama.reply, h.openai.reply, h.anthropic.reply] as const;
    h.ollama.reply = h.openai.reply = h.anthropic.reply = 'one two three four five six';
    try {
      for (const m of MODELS) {
        const res = await h.client.chat.completions.create({ model: m.id, max_tokens: 2, messages: [{ role: 'user', content: 'count' }] });
        assert.equal(res.choices[0]!.finish_reason, 'length', m.id);
        assert.equal(res.choices[0]!.message.content, 'one two', m.id);
      }
    } finally {
      [h.ollama.reply, h.openai.reply, h.anthropic.reply] = saved;
    }
  });
});
