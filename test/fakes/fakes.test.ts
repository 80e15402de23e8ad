// Proves the fakes speak the real wire protocols: each is driven by the official client library.
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { FakeOllama } from './fake-ollama';
import { FakeOpenAI } from './fake-openai';
import { FakeAnthropic } from './fake-anthropic';
import { splitTokens } from './fake-server';

const weather = { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } };
const weatherTool = { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } };

async function until(cond: () => boolean, ms = 1000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('fake upstreams', () => {
  it('splitTokens keeps spaces', () => {
    assert.deepEqual(splitTokens('Hello from fake.'), ['Hello', ' from', ' fake.']);
    assert.equal(splitTokens(' a  b ').join(''), ' a  b ');
  });

  describe('FakeOllama with the ollama client', () => {
    const fake = new FakeOllama();
    let client: Ollama;
    before(async () => void (client = new Ollama({ host: await fake.start() })));
    after(() => fake.stop());
    beforeEach(() => fake.reset());
    const messages = [{ role: 'user', content: 'Hi there' }];

    it('streams NDJSON tokens and a final done line', async () => {
      let text = '';
      let doneReason = '';
      for await (const part of await client.chat({ model: 'llama3.2', messages, stream: true })) {
        text += part.message.content;
        if (part.done) doneReason = part.done_reason;
      }
      assert.equal(text, 'Hello from fake-ollama.');
      assert.equal(doneReason, 'stop');
      assert.equal(fake.requests[0].path, '/api/chat');
    });

    it('answers non-stream, honours num_predict, lists and shows models', async () => {
      const r = await client.chat({ model: 'llama3.2:latest', messages, stream: false });
      assert.equal(r.message.content, fake.reply);
      assert.equal(r.prompt_eval_count, 2);
      assert.equal(r.eval_count, 3);
      const cut = await client.chat({ model: 'llama3.2', messages, options: { num_predict: 1 } });
      assert.equal(cut.message.content, 'Hello');
      assert.equal(cut.done_reason, 'length');
      assert.equal((await client.list()).models[0].details.format, 'gguf');
      const show = await client.show({ model: 'llama3.2' });
      // the client types model_info as a Map, but the wire carries a plain object
      assert.equal((show.model_info as unknown as Record<string, unknown>)['llama.context_length'], 131072);
      assert.deepEqual(show.capabilities, ['completion', 'tools']);
      assert.equal((await client.ps()).models[0].name, 'llama3.2:latest');
      await assert.rejects(client.show({ model: 'nope' }), { status_code: 404, message: "model 'nope' not found" });
      await assert.rejects(client.chat({ model: 'nope', messages }), /not found, try pulling it first/);
    });

    it('returns tool calls when tools are offered', async () => {
      fake.toolCall = weather;
      try {
        const tools = [{ type: 'function', function: weatherTool }];
        const r = await client.chat({ model: 'llama3.2', messages, tools, stream: false });
        assert.deepEqual(r.message.tool_calls?.[0].function.arguments, weather.arguments);
        const calls = [];
        for await (const p of await client.chat({ model: 'llama3.2', messages, tools, stream: true })) calls.push(...(p.message.tool_calls ?? []));
        assert.equal(calls[0].function.name, 'get_weather');
      } finally {
        fake.toolCall = undefined;
      }
    });

    it('fails on status, errorMidStream and cutAfterTokens', async () => {
      fake.faults = { status: 503, message: 'busy' };
      await assert.rejects(client.chat({ model: 'llama3.2', messages, stream: false }), { status_code: 503, message: 'busy' });
      let got = '';
      const drain = async (): Promise<void> => {
        for await (const part of await client.chat({ model: 'llama3.2', messages, stream: true })) got += part.message.content;
      };
      fake.faults = { errorMidStream: 'model crashed' };
      await assert.rejects(drain(), /model crashed/);
      assert.equal(got, 'Hello');
      got = '';
      fake.faults = { cutAfterTokens: 2 };
      await assert.rejects(drain());
      assert.equal(got, 'Hello from'); // tokens before the cut do arrive
      assert.equal(fake.aborted, 0); // our own cut is not a client abort
    });
  });

  describe('FakeOpenAI with the openai SDK', () => {
    const fake = new FakeOpenAI();
    let client: OpenAI;
    before(async () => void (client = new OpenAI({ baseURL: (await fake.start()) + '/v1', apiKey: 'x', maxRetries: 0 })));
    after(() => fake.stop());
    beforeEach(() => fake.reset());
    const base = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi there' }] };

    it('streams n=2 choices with include_usage', async () => {
      const final = await client.chat.completions.stream({ ...base, n: 2, stream_options: { include_usage: true } }).finalChatCompletion();
      assert.equal(final.choices.length, 2);
      for (const c of final.choices) assert.equal(c.message.content, 'Hello from fake-openai.');
      assert.equal(final.choices[1].finish_reason, 'stop');
      assert.deepEqual(final.usage, { prompt_tokens: 2, completion_tokens: 6, total_tokens: 8 });
    });

    it('answers non-stream, truncates on max_tokens, lists models', async () => {
      const r = await client.chat.completions.create({ ...base, max_tokens: 2 });
      assert.equal(r.choices[0].message.content, 'Hello from');
      assert.equal(r.choices[0].finish_reason, 'length');
      assert.deepEqual(
        (await client.models.list()).data.map((m) => m.id),
        ['gpt-4o-mini'],
      );
      await assert.rejects(client.chat.completions.create({ ...base, model: 'nope' }), { status: 404, code: 'model_not_found' });
    });

    it('streams tool calls as argument fragments', async () => {
      fake.toolCall = weather;
      try {
        const tools = [{ type: 'function' as const, function: weatherTool }];
        const final = await client.chat.completions.stream({ ...base, tools }).finalChatCompletion();
        const call = final.choices[0].message.tool_calls?.[0];
        assert.equal(final.choices[0].finish_reason, 'tool_calls');
        assert.ok(call && call.type === 'function');
        assert.deepEqual(JSON.parse(call.function.arguments), weather.arguments);
      } finally {
        fake.toolCall = undefined;
      }
    });

    it('checks the API key and reports faults', async () => {
      fake.apiKey = 'secret';
      await assert.rejects(client.chat.completions.create(base), { status: 401, code: 'invalid_api_key' });
      fake.apiKey = undefined;
      fake.faults = { status: 429, retryAfter: 7, message: 'slow down' };
      await assert.rejects(client.chat.completions.create(base), (e: unknown) => {
        assert.ok(e instanceof OpenAI.RateLimitError);
        assert.equal(e.headers?.get('retry-after'), '7');
        return true;
      });
      fake.faults = { errorMidStream: 'upstream exploded' };
      await assert.rejects(client.chat.completions.stream(base).finalChatCompletion(), /upstream exploded/);
      fake.faults = { cutAfterTokens: 2 };
      let got = '';
      const cut = client.chat.completions.stream(base).on('content', (delta) => void (got += delta));
      await assert.rejects(cut.finalChatCompletion());
      assert.equal(got, 'Hello from');
      fake.faults = { refuse: true };
      await assert.rejects(client.chat.completions.create(base), OpenAI.APIConnectionError);
    });

    it('counts client aborts during a stall', async () => {
      fake.faults = { stallMs: 5000 };
      const ac = new AbortController();
      const p = client.chat.completions.create(base, { signal: ac.signal });
      setTimeout(() => ac.abort(), 50);
      await assert.rejects(p);
      await until(() => fake.aborted === 1);
    });
  });

  describe('FakeAnthropic with the @anthropic-ai/sdk', () => {
    const fake = new FakeAnthropic();
    let client: Anthropic;
    before(async () => void (client = new Anthropic({ baseURL: await fake.start(), apiKey: 'x', maxRetries: 0 })));
    after(() => fake.stop());
    beforeEach(() => fake.reset());
    const base = { model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Hi there' }] };

    it('streams the real event sequence', async () => {
      const msg = await client.messages.stream({ ...base, system: 'Be brief' }).finalMessage();
      assert.deepEqual(msg.content, [{ type: 'text', text: 'Hello from fake-anthropic.' }]);
      assert.equal(msg.stop_reason, 'end_turn');
      assert.equal(msg.usage.input_tokens, 4);
      assert.equal(msg.usage.output_tokens, 3);
      assert.ok(fake.requests[0].headers['anthropic-version']);
    });

    it('streams tool_use with input_json_delta', async () => {
      fake.toolCall = weather;
      try {
        const tools = [{ name: 'get_weather', input_schema: { type: 'object' as const, properties: {} } }];
        const msg = await client.messages.stream({ ...base, tools }).finalMessage();
        assert.equal(msg.stop_reason, 'tool_use');
        const block = msg.content[0];
        assert.ok(block.type === 'tool_use');
        assert.deepEqual(block.input, weather.arguments);
      } finally {
        fake.toolCall = undefined;
      }
    });

    it('answers non-stream and validates like the real API', async () => {
      const r = await client.messages.create({ ...base, max_tokens: 1 });
      assert.equal(r.stop_reason, 'max_tokens');
      assert.deepEqual(r.content, [{ type: 'text', text: 'Hello' }]);
      const sys = { ...base, messages: [{ role: 'system', content: 'x' }] } as unknown as Anthropic.MessageCreateParamsNonStreaming;
      await assert.rejects(client.messages.create(sys), { status: 400 });
      fake.apiKey = 'secret';
      await assert.rejects(client.messages.create(base), Anthropic.AuthenticationError);
      const raw = { method: 'POST', body: JSON.stringify(base), headers: { 'x-api-key': 'secret', 'content-type': 'application/json' } };
      assert.equal((await fetch(fake.url + '/v1/messages', raw)).status, 400); // anthropic-version missing
      fake.apiKey = undefined;
      assert.equal((await client.models.list()).data[0].id, 'claude-sonnet-4-5');
    });

    it('throws on faults', async () => {
      fake.faults = { status: 529, message: 'Overloaded' };
      await assert.rejects(client.messages.create(base), { status: 529, message: /Overloaded/ });
      fake.faults = { errorMidStream: 'Internal server error' };
      await assert.rejects(client.messages.stream(base).finalMessage(), /Internal server error/);
      fake.faults = { cutAfterTokens: 1 };
      let got = '';
      await assert.rejects(
        client.messages
          .stream(base)
          .on('text', (delta) => void (got += delta))
          .finalMessage(),
      );
      assert.equal(got, 'Hello');
    });

    it('stop() ends an in-flight slow stream', async () => {
      fake.faults = { tokenDelayMs: 10_000 };
      const p = client.messages.stream(base).finalMessage();
      await until(() => fake.requests.length === 1);
      await fake.stop();
      await assert.rejects(p);
      await fake.start().then((url) => void (client = new Anthropic({ baseURL: url, apiKey: 'x', maxRetries: 0 })));
    });
  });
});
