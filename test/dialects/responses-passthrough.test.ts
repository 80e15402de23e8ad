// POST /v1/responses to an OpenAI model: the client's body reaches OpenAI's own /v1/responses as sent
// (reasoning items with encrypted content, include, prompt_cache_key, hosted tools), only `model`
// replaced, and the client gets the upstream's own events. The real `openai` SDK is the client.
import assert from 'node:assert/strict';
import type { ResponseCreateParamsNonStreaming, ResponseCreateParamsStreaming } from 'openai/resources/responses/responses';
import { FAKE_ENCRYPTED } from '../fakes/responses-wire';
import { lastBody, startHarness, type Harness } from '../harness';

type Json = Record<string, unknown>;

async function sseEvents(res: Response): Promise<Json[]> {
  return (await res.text())
    .split('\n\n')
    .filter((b) => b.trim() !== '')
    .map((b) => JSON.parse(/^data: (.*)$/m.exec(b)?.[1] ?? '{}') as Json);
}

/** A Codex turn: a reasoning item with encrypted content from the turn before, hosted and function tools. */
const CODEX_BODY = {
  model: 'openai:gpt-4o-mini',
  instructions: 'You are Codex.',
  input: [
    { type: 'message', role: 'developer', content: [{ type: 'input_text', text: '<permissions>' }] },
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Find the docs' }] },
    { type: 'reasoning', id: 'rs_prev', summary: [{ type: 'summary_text', text: 'Searching.' }], encrypted_content: FAKE_ENCRYPTED },
    { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Looking.' }] },
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Go on' }] },
  ],
  tools: [
    { type: 'web_search' },
    { type: 'function', name: 'shell', description: 'Run a command', strict: false, parameters: { type: 'object', properties: { cmd: { type: 'string' } } } },
  ],
  tool_choice: 'auto',
  parallel_tool_calls: false,
  reasoning: { effort: 'medium', summary: 'auto' },
  store: false,
  stream: true,
  include: ['reasoning.encrypted_content'],
  prompt_cache_key: 'codex-session-1',
};

describe('dialect: OpenAI Responses, passthrough to OpenAI', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());
  beforeEach(() => h.resetFakes());
  const post = (body: unknown): Promise<Response> =>
    fetch(`${h.base}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it("the body reaches OpenAI's /v1/responses as sent but for model, and its events come back unchanged", async () => {
    const res = await post(CODEX_BODY);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-oblix-model'), 'openai:gpt-4o-mini');
    assert.equal(res.headers.get('x-oblix-route'), 'explicit');
    assert.equal(res.headers.get('x-oblix-ignored-params'), null, 'nothing is lost');
    const events = await sseEvents(res);
    assert.deepEqual(lastBody(h.openai, '/v1/responses'), { ...CODEX_BODY, model: 'gpt-4o-mini' });
    assert.ok(!h.openai.requests.some((r) => r.path === '/v1/chat/completions'), 'not translated');
    // Every event as the upstream sent it, in order, with its own sequence numbers; only the model differs.
    const sent = h.openai.responsesSent.map((e) => (e.response ? { ...e, response: { ...(e.response as Json), model: 'openai:gpt-4o-mini' } } : e));
    assert.deepEqual(events, sent);
    const types = events.map((e) => e.type);
    assert.ok(types.includes('response.web_search_call.completed'), types.join(' '));
    const reasoning = events.find((e) => e.type === 'response.output_item.done' && (e.item as Json).type === 'reasoning');
    assert.equal((reasoning?.item as Json).encrypted_content, FAKE_ENCRYPTED);
    assert.equal(types[types.length - 1], 'response.completed');
  });

  it('responses.create and responses.stream with the SDK: reasoning, hosted tool calls and text, the model Oblix shows', async () => {
    const { stream: _s, ...rest } = CODEX_BODY;
    const body = rest as ResponseCreateParamsNonStreaming;
    const plain = await h.client.responses.create(body);
    assert.equal(plain.model, 'openai:gpt-4o-mini');
    assert.equal(plain.output_text, 'Hello from fake-openai.');
    assert.deepEqual(
      plain.output.map((o) => o.type),
      ['reasoning', 'web_search_call', 'message'],
    );
    const rs = plain.output[0];
    assert.ok(rs?.type === 'reasoning' && rs.encrypted_content === FAKE_ENCRYPTED);
    // Non-stream clients are answered from the upstream's stream: the one departure from the body as sent.
    assert.deepEqual(lastBody(h.openai, '/v1/responses'), { ...body, model: 'gpt-4o-mini', stream: true });

    let text = '';
    const seqs: number[] = [];
    for await (const ev of await h.client.responses.create({ ...body, stream: true } as ResponseCreateParamsStreaming)) {
      const e = ev as { type: string; sequence_number: number; delta?: string };
      seqs.push(e.sequence_number);
      if (e.type === 'response.output_text.delta') text += e.delta;
    }
    assert.equal(text, 'Hello from fake-openai.');
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => i),
    );
    const final = await h.client.responses.stream({ ...body, stream: undefined }).finalResponse();
    assert.equal(final.output_text, 'Hello from fake-openai.');
    assert.equal(final.model, 'openai:gpt-4o-mini');
  });

  it("the upstream's 400 (a reasoning item it cannot verify) reaches the client as OpenAI said it", async () => {
    const body = {
      ...CODEX_BODY,
      stream: false,
      input: [
        { type: 'reasoning', id: 'rs_x', summary: [], encrypted_content: 'forged' },
        { role: 'user', content: 'Hi' },
      ],
    };
    const res = await post(body);
    assert.equal(res.status, 400);
    const err = (await res.json()) as { error: { message: string } };
    assert.match(err.error.message, /could not be verified/);
  });

  it('a failure after the first token is response.failed carrying the text already sent, next sequence number', async () => {
    h.openai.faults = { errorMidStream: 'the model crashed' };
    const events = await sseEvents(await post({ model: 'openai:gpt-4o-mini', input: 'Hi', stream: true }));
    const last = events[events.length - 1]!;
    assert.equal(last.type, 'response.failed');
    assert.equal(last.sequence_number, (events[events.length - 2]!.sequence_number as number) + 1);
    const response = last.response as { status: string; model: string; error: { message: string }; output: { content: { text: string }[] }[] };
    assert.equal(response.status, 'failed');
    assert.equal(response.model, 'openai:gpt-4o-mini');
    assert.match(response.error.message, /the model crashed/);
    const streamed = events
      .filter((e) => e.type === 'response.output_text.delta')
      .map((e) => e.delta)
      .join('');
    assert.ok(streamed.length > 0);
    assert.equal(response.output[0]?.content[0]?.text, streamed);
  });
});

describe('dialect: OpenAI Responses, passthrough failover', () => {
  it('an OpenAI candidate that fails before its first token fails over to a translating one', async () => {
    const h = await startHarness({ configure: (c) => Object.assign(c, { mode: 'cloud-only', cloudModels: ['openai:gpt-4o-mini', 'anthropic:claude-sonnet-5'] }) });
    try {
      h.openai.faults = { status: 500 };
      const { data, response } = await h.client.responses
        .create({ model: 'auto', input: 'Hi', reasoning: { effort: 'low' }, include: ['reasoning.encrypted_content'] })
        .withResponse();
      assert.equal(data.model, 'auto (selected: anthropic:claude-sonnet-5)');
      assert.equal(response.headers.get('x-oblix-route'), 'failover-from:openai:gpt-4o-mini');
      assert.equal(data.output_text, 'Hello from fake-anthropic.');
      assert.equal(h.openai.requests.filter((r) => r.path === '/v1/responses').length, 1);
      // Translated, so what Messages cannot carry is named.
      assert.match(response.headers.get('x-oblix-ignored-params') ?? '', /include/);

      // Streamed, failing after its opening events but before any content: those were held back,
      // so the client sees one response, the one that answered.
      h.openai.faults = { errorMidStream: 'overloaded' };
      h.openai.reply = '';
      const types: string[] = [];
      for await (const ev of await h.client.responses.create({ model: 'auto', input: 'Hi', stream: true })) types.push(ev.type);
      assert.equal(h.openai.responsesSent.filter((e) => e.type === 'response.content_part.added').length, 1, 'the fake did open its answer');
      assert.equal(types.filter((t) => t === 'response.created').length, 1);
      assert.equal(types.filter((t) => t === 'response.output_item.added').length, 1);
      assert.equal(types[types.length - 1], 'response.completed');
    } finally {
      await h.stop();
    }
  });
});
