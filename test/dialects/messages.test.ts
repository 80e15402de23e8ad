// POST /v1/messages with the official `@anthropic-ai/sdk` as the client: JSON and stream answers from
// every provider kind, an agent turn with tools, passthrough to Anthropic, errors in Anthropic's shape.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import { lastBody, startHarness, type Harness, HARNESS_MODELS } from '../harness';

const TOOLS: Tool[] = [{ name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
const CALL = { name: 'get_weather', arguments: { city: 'Paris' } };
const PROVIDERS = HARNESS_MODELS;

/** The SSE events of a raw response, as {event, data} pairs. */
async function sseEvents(res: Response): Promise<{ event: string; data: Record<string, unknown> }[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((b) => b.trim() !== '')
    .map((b) => {
      const event = /^event: (.*)$/m.exec(b)?.[1] ?? '';
      const data = JSON.parse(/^data: (.*)$/m.exec(b)?.[1] ?? '{}') as Record<string, unknown>;
      return { event, data };
    });
}

describe('dialect: Anthropic Messages (/v1/messages)', () => {
  let h: Harness;
  let client: Anthropic;
  before(async () => {
    h = await startHarness({ configure: (c) => (c.modelAliases = { 'claude-haiku-*': 'openai:gpt-4o-mini' }) });
    client = new Anthropic({ baseURL: h.base, apiKey: 'placeholder', maxRetries: 0 });
  });
  after(() => h.stop());
  beforeEach(() => {
    for (const f of [h.ollama, h.openai, h.anthropic]) {
      f.reset();
      f.toolCall = undefined;
    }
  });
  const post = (body: unknown, headers: Record<string, string> = {}, path = '/v1/messages'): Promise<Response> =>
    fetch(`${h.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('auto: a message object naming the selected model, with the routing headers', async () => {
    const { data, response } = await client.messages.create({ model: 'auto', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    assert.equal(data.type, 'message');
    assert.equal(data.role, 'assistant');
    assert.equal(data.model, 'auto (selected: ollama:llama3.2:latest)');
    assert.deepEqual(data.content, [{ type: 'text', text: 'Hello from fake-ollama.' }]);
    assert.equal(data.stop_reason, 'end_turn');
    assert.ok(data.usage.output_tokens > 0 && data.usage.input_tokens > 0);
    assert.equal(response.headers.get('x-oblix-model'), 'ollama:llama3.2:latest');
    assert.equal(response.headers.get('x-oblix-route'), 'local-preferred');
  });

  it("Claude Code's own model names go to auto; a user alias wins over that default", async () => {
    // Raw, because the SDK warns about dated model names on the console.
    const a = (await (await post({ model: 'claude-sonnet-4-5-20250929', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] })).json()) as { model: string };
    assert.equal(a.model, 'auto (selected: ollama:llama3.2:latest)');
    const b = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(b.model, 'openai:gpt-4o-mini');
    assert.equal(b.content[0]?.type === 'text' && b.content[0].text, 'Hello from fake-openai.');
  });

  for (const p of PROVIDERS) {
    describe(p.id, () => {
      it('messages.create non-stream and stream, and messages.stream().finalMessage()', async () => {
        const want = `Hello from fake-${p.fake}.`;
        const plain = await client.messages.create({ model: p.id, max_tokens: 100, system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] });
        assert.equal(plain.model, p.id);
        assert.deepEqual(
          plain.content.map((c) => (c.type === 'text' ? c.text : c.type)),
          [want],
        );

        const events: string[] = [];
        let text = '';
        const stream = await client.messages.create({ model: p.id, max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }], stream: true });
        for await (const ev of stream) {
          events.push(ev.type);
          if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') text += ev.delta.text;
        }
        assert.equal(text, want);
        assert.equal(events[0], 'message_start');
        assert.deepEqual(events.slice(-3), ['content_block_stop', 'message_delta', 'message_stop']);
        assert.ok(events.includes('content_block_start'));

        const final = await client.messages.stream({ model: p.id, max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage();
        assert.equal(final.stop_reason, 'end_turn');
        assert.equal(final.content[0]?.type === 'text' && final.content[0].text, want);
        assert.ok(final.usage.output_tokens > 0);
      });

      it('an agent turn: tool_use → tool_result → final answer', async () => {
        h[p.fake].toolCall = CALL;
        const history: MessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
        const first = await client.messages.stream({ model: p.id, max_tokens: 200, tools: TOOLS, messages: history }).finalMessage();
        assert.equal(first.stop_reason, 'tool_use');
        const use = first.content.find((c) => c.type === 'tool_use');
        assert.ok(use && use.type === 'tool_use');
        assert.equal(use.name, 'get_weather');
        assert.deepEqual(use.input, { city: 'Paris' });

        h[p.fake].toolCall = undefined;
        history.push({ role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: '18°C and sunny' }] });
        const second = await client.messages.create({ model: p.id, max_tokens: 200, tools: TOOLS, messages: history });
        assert.equal(second.stop_reason, 'end_turn');
        assert.equal(second.content[0]?.type === 'text' && second.content[0].text, `Hello from fake-${p.fake}.`);
        // The tool result reached the upstream in its own protocol.
        assert.match(JSON.stringify(lastBody(h[p.fake], p.path)), /18°C and sunny/);
        if (p.fake !== 'ollama') assert.ok(JSON.stringify(lastBody(h[p.fake], p.path)).includes(use.id)); // Ollama has no call ids
      });

      it('a failure after the first token is an `error` event, never message_stop', async () => {
        h[p.fake].faults = { errorMidStream: 'the model crashed' };
        const res = await post({ model: p.id, max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'Hi' }] });
        assert.equal(res.status, 200);
        const events = await sseEvents(res);
        const last = events[events.length - 1]!;
        assert.equal(last.event, 'error');
        assert.equal((last.data.error as { type: string }).type, 'api_error');
        assert.match((last.data.error as { message: string }).message, /the model crashed/);
        assert.ok(!events.some((e) => e.event === 'message_stop'));
        h[p.fake].faults = { errorMidStream: 'the model crashed' };
        await assert.rejects(client.messages.stream({ model: p.id, max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage(), /the model crashed/);
      });
    });
  }

  it('a JSON answer whose model fails after its first token is a 502 in Anthropic shape, never a partial message', async () => {
    h.ollama.faults = { errorMidStream: 'the model crashed' };
    const res = await post({ model: 'ollama:llama3.2:latest', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(res.status, 502);
    assert.equal(res.headers.get('x-oblix-model'), 'ollama:llama3.2:latest');
    const err = (await res.json()) as { type: string; error: { type: string; message: string } };
    assert.deepEqual([err.type, err.error.type], ['error', 'api_error']);
    assert.match(err.error.message, /^ollama:llama3\.2:latest failed after it began to answer: .*the model crashed/);
  });

  it('a message id is msg_ and 32 hex digits, new for each answer', async () => {
    const a = await client.messages.create({ model: 'ollama:llama3.2:latest', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] });
    const b = await client.messages.create({ model: 'ollama:llama3.2:latest', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] });
    assert.match(a.id, /^msg_[0-9a-f]{32}$/);
    assert.notEqual(a.id, b.id);
  });

  it('an answer cut at max_tokens has stop_reason max_tokens', async () => {
    h.ollama.reply = 'one two three four five six';
    try {
      const m = await client.messages.stream({ model: 'ollama:llama3.2:latest', max_tokens: 2, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage();
      assert.equal(m.stop_reason, 'max_tokens');
      assert.equal(m.content[0]?.type === 'text' && m.content[0].text, 'one two');
    } finally {
      h.ollama.reply = 'Hello from fake-ollama.';
    }
  });

  it("mid-conversation system turns (Claude Code's beta) become system messages", async () => {
    const res = await post({
      model: 'openai:gpt-4o-mini',
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'system', content: 'Agents: none.' },
        { role: 'user', content: [{ type: 'text', text: 'Go' }] },
      ],
    });
    assert.equal(res.status, 200);
    assert.deepEqual(lastBody(h.openai, '/v1/chat/completions').messages, [
      { role: 'user', content: 'Hi' },
      { role: 'system', content: 'Agents: none.' },
      { role: 'user', content: 'Go' },
    ]);
  });

  it('translated: what cannot be carried is named in x-oblix-ignored-params', async () => {
    const res = await post({
      model: 'ollama:llama3.2:latest',
      max_tokens: 100,
      top_k: 5,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: 'Hi' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 's' },
            { type: 'text', text: 'Hello' },
          ],
        },
        { role: 'user', content: 'Again' },
      ],
    });
    assert.equal(res.status, 200);
    const ignored = (res.headers.get('x-oblix-ignored-params') ?? '').split(', ');
    for (const name of ['top_k', 'thinking', 'cache_control']) assert.ok(ignored.includes(name), `${name} in ${ignored.join(',')}`);
    const body = lastBody(h.ollama, '/api/chat');
    assert.deepEqual(
      (body.messages as { role: string; content: string }[]).map((m) => [m.role, m.content]),
      [
        ['system', 'Be brief.'],
        ['user', 'Hi'],
        ['assistant', 'Hello'],
        ['user', 'Again'],
      ],
    );
  });

  it('passthrough to Anthropic: the body arrives as sent but for model; thinking, cache_control and betas survive', async () => {
    const sent = {
      model: 'anthropic:claude-sonnet-5',
      max_tokens: 1024,
      stream: true,
      thinking: { type: 'enabled', budget_tokens: 512 },
      top_k: 5,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: 'Hi' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 'sig-0' },
            { type: 'text', text: 'Hello' },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'Again', cache_control: { type: 'ephemeral' } }] },
      ],
    };
    const res = await post(sent, { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'interleaved-thinking-2025-05-14' }, '/v1/messages?beta=true');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-oblix-model'), 'anthropic:claude-sonnet-5');
    assert.equal(res.headers.get('x-oblix-ignored-params'), null);
    const events = await sseEvents(res);
    const upstream = h.anthropic.requests.find((r) => r.path === '/v1/messages')!;
    assert.deepEqual(upstream.body, { ...sent, model: 'claude-sonnet-5' });
    assert.equal(upstream.headers['anthropic-beta'], 'interleaved-thinking-2025-05-14');
    assert.equal(upstream.headers['anthropic-version'], '2023-06-01');
    // The upstream's thinking block and signature come back unchanged; model says what Oblix chose.
    assert.equal((events[0]!.data.message as { model: string }).model, 'anthropic:claude-sonnet-5');
    assert.ok(events.some((e) => e.event === 'content_block_delta' && JSON.stringify(e.data).includes('"signature_delta"')));
    assert.equal(events[events.length - 1]!.event, 'message_stop');

    const final = await client.messages
      .stream({ model: 'anthropic:claude-sonnet-5', max_tokens: 1024, thinking: { type: 'enabled', budget_tokens: 512 }, messages: [{ role: 'user', content: 'Hi' }] })
      .finalMessage();
    assert.deepEqual(final.content[0], { type: 'thinking', thinking: 'Let me think.', signature: 'sig-fake-1' });
    const plain = await client.messages.create({
      model: 'anthropic:claude-sonnet-5',
      max_tokens: 1024,
      thinking: { type: 'enabled', budget_tokens: 512 },
      messages: [{ role: 'user', content: 'Hi' }],
    });
    assert.deepEqual(
      plain.content.map((c) => c.type),
      ['thinking', 'text'],
    );
    assert.equal(plain.model, 'anthropic:claude-sonnet-5');
  });

  describe('bad input: a 400 in Anthropic shape that reaches no upstream', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['no max_tokens', { model: 'auto', messages: [{ role: 'user', content: 'Hi' }] }, /max_tokens: Field required/],
      ['no messages', { model: 'auto', max_tokens: 10 }, /^messages: Field required \(an array\), got nothing\.$/],
      ['messages not an array', { model: 'auto', max_tokens: 10, messages: 'Hi' }, /^messages: Field required \(an array\), got the string "Hi"\.$/],
      ['an unknown role in messages', { model: 'auto', max_tokens: 10, messages: [{ role: 'tool', content: 'x' }] }, /messages\.0\.role/],
      ['an unknown block type', { model: 'auto', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'video' }] }] }, /unknown content block type/],
      ['tool_use without input', { model: 'auto', max_tokens: 10, messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 'x', name: 'y' }] }] }, /tool_use needs/],
      ['a tool without input_schema', { model: 'auto', max_tokens: 10, tools: [{ name: 'x' }], messages: [{ role: 'user', content: 'Hi' }] }, /input_schema/],
      ['temperature out of range', { model: 'auto', max_tokens: 10, temperature: 3, messages: [{ role: 'user', content: 'Hi' }] }, /temperature/],
    ];
    for (const [name, body, message] of cases) {
      it(name, async () => {
        const res = await post(body);
        assert.equal(res.status, 400);
        const err = (await res.json()) as { type: string; error: { type: string; message: string } };
        assert.equal(err.type, 'error');
        assert.equal(err.error.type, 'invalid_request_error');
        assert.match(err.error.message, message);
        for (const f of [h.ollama, h.openai, h.anthropic]) assert.ok(!f.requests.some((r) => r.method === 'POST'), `${f.name} got a request`);
      });
    }
    it('the SDK sees a BadRequestError', async () => {
      await assert.rejects(
        client.messages.create({ model: 'auto', max_tokens: 0, messages: [{ role: 'user', content: 'Hi' }] }),
        (e: unknown) => e instanceof Anthropic.BadRequestError,
      );
    });
  });

  it('routing errors in Anthropic shape: 404 for an unknown model', async () => {
    const res = await post({ model: 'nowhere:model', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(res.status, 404);
    const err = (await res.json()) as { type: string; error: { type: string; message: string } };
    assert.deepEqual([err.type, err.error.type], ['error', 'not_found_error']);
    assert.match(err.error.message, /nowhere:model/);
  });

  it('count_tokens: an estimate, no upstream asked', async () => {
    const res = await client.messages.countTokens({ model: 'claude-sonnet-4-5', system: 'Be brief.', messages: [{ role: 'user', content: 'x'.repeat(400) }] });
    // cl100k_base counts 'x' × 400 as 50 tokens and the system as 3; the estimate adds framing and 10 % (docs/performance/TOKENS.md).
    assert.ok(res.input_tokens >= 53 && res.input_tokens < 200, String(res.input_tokens));
    for (const f of [h.ollama, h.openai, h.anthropic]) assert.ok(!f.requests.some((r) => r.method === 'POST'));
  });
});

describe('dialect: Anthropic Messages, failover and access', () => {
  it('a passthrough candidate that fails before its first token fails over to a translating one', async () => {
    const h = await startHarness({ configure: (c) => Object.assign(c, { mode: 'cloud-only', cloudModels: ['anthropic:claude-sonnet-5', 'openai:gpt-4o-mini'] }) });
    try {
      h.anthropic.faults = { status: 529 };
      const client = new Anthropic({ baseURL: h.base, apiKey: 'placeholder', maxRetries: 0 });
      const { data, response } = await client.messages.create({ model: 'auto', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
      assert.equal(data.model, 'auto (selected: openai:gpt-4o-mini)');
      assert.equal(response.headers.get('x-oblix-route'), 'failover-from:anthropic:claude-sonnet-5');
      assert.equal(data.content[0]?.type === 'text' && data.content[0].text, 'Hello from fake-openai.');
      assert.equal(h.anthropic.requests.filter((r) => r.path === '/v1/messages').length, 1);
      assert.deepEqual(lastBody(h.openai, '/v1/chat/completions').messages, [{ role: 'user', content: 'Hi' }]);
    } finally {
      await h.stop();
    }
  });

  it('503 in Anthropic shape when no upstream is up', async () => {
    const h = await startHarness({ upstreamsDown: true });
    try {
      const res = await fetch(`${h.base}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'auto', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }),
      });
      assert.equal(res.status, 503);
      const err = (await res.json()) as { type: string; error: { type: string; message: string } };
      assert.deepEqual([err.type, err.error.type], ['error', 'api_error']);
      assert.match(err.error.message, /No model can answer/);
    } finally {
      await h.stop();
    }
  });

  it('x-api-key is accepted as well as a bearer token; a wrong key is a 401 in Anthropic shape', async () => {
    const h = await startHarness({ configure: (c) => (c.apiKey = 'oblix-secret') });
    try {
      const ok = await new Anthropic({ baseURL: h.base, apiKey: 'oblix-secret', maxRetries: 0 }).messages.create({
        model: 'auto',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'Hi' }],
      });
      assert.equal(ok.type, 'message');
      const bearer = await new Anthropic({ baseURL: h.base, authToken: 'oblix-secret', apiKey: null, maxRetries: 0 }).messages.create({
        model: 'auto',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'Hi' }],
      });
      assert.equal(bearer.type, 'message');
      const res = await fetch(`${h.base}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'wrong' }, body: '{}' });
      assert.equal(res.status, 401);
      const err = (await res.json()) as { type: string; error: { type: string } };
      assert.deepEqual([err.type, err.error.type], ['error', 'authentication_error']);
    } finally {
      await h.stop();
    }
  });
});
