// POST /v1/responses with the official `openai` SDK as the client: JSON and stream answers from every
// provider kind, an agent turn with a function tool and with a custom (free-form) tool, errors.
import assert from 'node:assert/strict';
import type { ResponseInputItem, Tool } from 'openai/resources/responses/responses';
import { lastBody, startHarness, type Harness, HARNESS_MODELS } from '../harness';

const FUNCTION_TOOLS: Tool[] = [
  {
    type: 'function',
    name: 'get_weather',
    description: 'Weather for a city',
    strict: false,
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
];
const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+hi\n*** End Patch';
const CUSTOM_TOOLS: Tool[] = [
  { type: 'custom', name: 'apply_patch', description: 'Apply a patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: "*** Begin Patch" /(.|\\n)*/' } },
];
// OpenAI itself gets Responses bodies as they are (responses-passthrough.test.ts); the rest are translated.
const PROVIDERS = HARNESS_MODELS.map((p) => (p.fake === 'openai' ? { ...p, path: '/v1/responses' } : p));
/** The fake OpenAI once more, as an OpenAI-compatible server: one that is translated to (its /chat/completions). */
const COMPAT = 'compat:gpt-4o-mini';

interface Sse {
  event: string;
  data: Record<string, unknown>;
}

async function sseEvents(res: Response): Promise<Sse[]> {
  return (await res.text())
    .split('\n\n')
    .filter((b) => b.trim() !== '')
    .map((b) => ({ event: /^event: (.*)$/m.exec(b)?.[1] ?? '', data: JSON.parse(/^data: (.*)$/m.exec(b)?.[1] ?? '{}') as Record<string, unknown> }));
}

describe('dialect: OpenAI Responses (/v1/responses)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      configure: (c) => {
        c.providers.push({ ...c.providers.find((p) => p.id === 'openai')!, id: 'compat', kind: 'openai-compatible' });
        c.cloudModels = [...c.cloudModels, COMPAT];
      },
    });
  });
  after(() => h.stop());
  beforeEach(() => {
    for (const f of [h.ollama, h.openai, h.anthropic]) {
      f.reset();
      f.toolCall = undefined;
    }
  });
  const post = (body: unknown): Promise<Response> =>
    fetch(`${h.base}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('auto: a response object naming the selected model, with usage and the routing headers', async () => {
    const { data, response } = await h.client.responses.create({ model: 'auto', input: 'Hi', instructions: 'Be brief.', store: false }).withResponse();
    assert.equal(data.object, 'response');
    assert.equal(data.status, 'completed');
    assert.equal(data.model, 'auto (selected: ollama:llama3.2:latest)');
    assert.equal(data.output_text, 'Hello from fake-ollama.');
    assert.ok(data.usage && data.usage.output_tokens > 0 && data.usage.total_tokens === data.usage.input_tokens + data.usage.output_tokens);
    assert.equal(response.headers.get('x-oblix-model'), 'ollama:llama3.2:latest');
    assert.equal(response.headers.get('x-oblix-route'), 'local-preferred');
    assert.deepEqual((lastBody(h.ollama, '/api/chat').messages as unknown[]).length, 2);
    await h.client.responses.create({
      model: COMPAT,
      input: [
        { role: 'developer', content: [{ type: 'input_text', text: 'Rules.' }] },
        { role: 'user', content: 'Hi' },
      ],
    });
    assert.deepEqual(lastBody(h.openai, '/v1/chat/completions').messages, [
      { role: 'system', content: 'Rules.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('a JSON answer whose model fails after its first token is a 502 in OpenAI shape, never a partial response', async () => {
    h.ollama.faults = { errorMidStream: 'the model crashed' };
    const res = await post({ model: 'ollama:llama3.2:latest', input: 'Hi' });
    assert.equal(res.status, 502);
    assert.equal(res.headers.get('x-oblix-model'), 'ollama:llama3.2:latest');
    const err = (await res.json()) as { error: { type: string; message: string } };
    assert.equal(err.error.type, 'server_error');
    assert.match(err.error.message, /^ollama:llama3\.2:latest failed after it began to answer: .*the model crashed/);
  });

  for (const p of PROVIDERS) {
    describe(p.id, () => {
      it('responses.create non-stream and stream (ordered sequence numbers), and responses.stream().finalResponse()', async () => {
        const want = `Hello from fake-${p.fake}.`;
        const plain = await h.client.responses.create({ model: p.id, input: [{ role: 'user', content: 'Hi' }] });
        assert.equal(plain.model, p.id);
        assert.equal(plain.output_text, want);

        const types: string[] = [];
        const seqs: number[] = [];
        let text = '';
        const stream = await h.client.responses.create({ model: p.id, input: 'Hi', stream: true });
        for await (const ev of stream) {
          types.push(ev.type);
          seqs.push(ev.sequence_number);
          if (ev.type === 'response.output_text.delta') text += ev.delta;
        }
        assert.equal(text, want);
        assert.deepEqual(
          seqs,
          seqs.map((_, i) => i),
        );
        assert.deepEqual(types.slice(0, 4), ['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added']);
        assert.deepEqual(types.slice(-4), ['response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed']);

        const final = await h.client.responses.stream({ model: p.id, input: 'Hi' }).finalResponse();
        assert.equal(final.status, 'completed');
        assert.equal(final.output_text, want);
        assert.ok(final.usage && final.usage.output_tokens > 0);
      });

      it('an agent turn: function_call → function_call_output → final answer', async () => {
        h[p.fake].toolCall = { name: 'get_weather', arguments: { city: 'Paris' } };
        const input: ResponseInputItem[] = [{ role: 'user', content: 'Weather in Paris?' }];
        const first = await h.client.responses.stream({ model: p.id, input, tools: FUNCTION_TOOLS }).finalResponse();
        const call = first.output.find((o) => o.type === 'function_call');
        assert.ok(call && call.type === 'function_call');
        assert.equal(call.name, 'get_weather');
        assert.deepEqual(JSON.parse(call.arguments), { city: 'Paris' });

        h[p.fake].toolCall = undefined;
        input.push(
          { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
          { type: 'function_call_output', call_id: call.call_id, output: '18°C and sunny' },
        );
        const second = await h.client.responses.create({ model: p.id, input, tools: FUNCTION_TOOLS });
        assert.equal(second.output_text, `Hello from fake-${p.fake}.`);
        assert.match(JSON.stringify(lastBody(h[p.fake], p.path)), /18°C and sunny/);
      });

      it('a custom tool (apply_patch) round-trips: custom_tool_call out, custom_tool_call_output back', async () => {
        h[p.fake].toolCall = { name: 'apply_patch', arguments: { input: PATCH } };
        const input: ResponseInputItem[] = [{ role: 'user', content: 'Add hello.txt' }];
        const res = await post({ model: p.id, input, tools: CUSTOM_TOOLS, stream: true });
        const events = await sseEvents(res);
        const types = events.map((e) => e.event);
        assert.ok(types.includes('response.custom_tool_call_input.delta'));
        const done = events.find((e) => e.event === 'response.custom_tool_call_input.done');
        assert.equal(done?.data.input, PATCH);
        // The upstream saw a function with one string argument, carrying the grammar in words.
        const upstream = JSON.stringify(lastBody(h[p.fake], p.path));
        assert.match(upstream, /apply_patch/);
        assert.match(upstream, /Begin Patch/);

        const first = await h.client.responses.create({ model: p.id, input, tools: CUSTOM_TOOLS });
        const call = first.output.find((o) => o.type === 'custom_tool_call');
        assert.ok(call && call.type === 'custom_tool_call', JSON.stringify(first.output));
        assert.equal(call.name, 'apply_patch');
        assert.equal(call.input, PATCH);

        h[p.fake].toolCall = undefined;
        input.push(
          { type: 'custom_tool_call', call_id: call.call_id, name: call.name, input: call.input },
          { type: 'custom_tool_call_output', call_id: call.call_id, output: 'Done!' },
        );
        const second = await h.client.responses.stream({ model: p.id, input, tools: CUSTOM_TOOLS }).finalResponse();
        assert.equal(second.output_text, `Hello from fake-${p.fake}.`);
        const sent = JSON.stringify(lastBody(h[p.fake], p.path));
        assert.match(sent, /Done!/);
        assert.ok(sent.includes('hello.txt'), 'the earlier call went back with its input');
      });

      it('a failure after the first token is response.failed, never response.completed', async () => {
        h[p.fake].faults = { errorMidStream: 'the model crashed' };
        const events = await sseEvents(await post({ model: p.id, input: 'Hi', stream: true }));
        const last = events[events.length - 1]!;
        assert.equal(last.event, 'response.failed');
        const response = last.data.response as { status: string; error: { message: string } };
        assert.equal(response.status, 'failed');
        assert.match(response.error.message, /the model crashed/);
        assert.ok(!events.some((e) => e.event === 'response.completed'));
        // The failed response carries what was already sent, not `content: []`.
        const sent = events
          .filter((e) => e.event === 'response.output_text.delta')
          .map((e) => e.data.delta)
          .join('');
        assert.ok(sent.length > 0);
        const output = (last.data.response as { output: { status: string; content: { text: string }[] }[] }).output;
        assert.equal(output[0]?.content[0]?.text, sent);
        assert.equal(output[0]?.status, 'incomplete');
      });
    });
  }

  it('translated: what cannot be carried is named in x-oblix-ignored-params; what can is carried', async () => {
    const res = await post({
      model: COMPAT,
      input: 'Hi',
      store: true,
      include: ['reasoning.encrypted_content'],
      reasoning: { effort: 'low' },
      prompt_cache_key: 'k1',
      metadata: { a: 'b' },
      user: 'u1',
      max_output_tokens: 50,
      temperature: 0.5,
      top_p: 0.9,
      parallel_tool_calls: false,
      tools: FUNCTION_TOOLS,
      tool_choice: 'auto',
      text: { format: { type: 'json_schema', name: 'out', schema: { type: 'object', properties: {} }, strict: true }, verbosity: 'low' },
    });
    assert.equal(res.status, 200);
    const ignored = (res.headers.get('x-oblix-ignored-params') ?? '').split(', ').sort();
    assert.deepEqual(ignored, ['include', 'metadata', 'reasoning', 'store', 'text.verbosity']);
    const body = lastBody(h.openai, '/v1/chat/completions');
    assert.equal(body.prompt_cache_key, 'k1');
    assert.equal(body.user, 'u1');
    assert.equal(body.max_completion_tokens, 50);
    assert.equal(body.temperature, 0.5);
    assert.equal(body.top_p, 0.9);
    assert.equal(body.parallel_tool_calls, false);
    assert.equal(body.tool_choice, 'auto');
    assert.deepEqual(body.response_format, { type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object', properties: {} }, strict: true } });
    const answer = (await res.json()) as { store: boolean; metadata: unknown };
    assert.equal(answer.store, false);

    // Towards Ollama, the chat-only extras are named too.
    const res2 = await post({ model: 'ollama:llama3.2:latest', input: 'Hi', prompt_cache_key: 'k1', max_output_tokens: 20 });
    assert.equal(res2.headers.get('x-oblix-ignored-params'), 'prompt_cache_key');
    assert.equal((lastBody(h.ollama, '/api/chat').options as { num_predict: number }).num_predict, 20);
  });

  for (const model of [COMPAT, 'openai:gpt-4o-mini']) {
    it(`an answer cut at max_output_tokens is status incomplete, with the reason (${model})`, async () => {
      h.openai.reply = 'one two three four five six';
      try {
        const r = await h.client.responses.create({ model, input: 'Hi', max_output_tokens: 2 });
        assert.equal(r.status, 'incomplete');
        assert.equal(r.incomplete_details?.reason, 'max_output_tokens');
        assert.equal(r.output_text, 'one two');
        const s = await h.client.responses.stream({ model, input: 'Hi', max_output_tokens: 2 }).finalResponse();
        assert.equal(s.status, 'incomplete');
      } finally {
        h.openai.reply = 'Hello from fake-openai.';
      }
    });
  }

  describe('bad input: a 400 in OpenAI shape that reaches no upstream', () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['previous_response_id', { model: 'auto', input: 'Hi', previous_response_id: 'resp_1' }, 'previous_response_id', /stateless/],
      ['no input', { model: 'auto' }, 'input', /input/],
      ['no model', { input: 'Hi' }, 'model', /model/],
      ['an unknown item type', { model: 'auto', input: [{ type: 'telepathy' }] }, 'input[0].type', /Invalid input item type/],
      ['a function_call without call_id', { model: 'auto', input: [{ type: 'function_call', name: 'x', arguments: '{}' }] }, 'input[0]', /call_id/],
      ['an item_reference', { model: 'auto', input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input[0].type', /stateless/],
      ['tool_choice naming no tool', { model: 'auto', input: 'Hi', tools: FUNCTION_TOOLS, tool_choice: { type: 'function', name: 'nope' } }, 'tool_choice', /not in 'tools'/],
      ['a bad text.format', { model: 'auto', input: 'Hi', text: { format: { type: 'yaml' } } }, 'text.format.type', /text\.format\.type/],
    ];
    for (const [name, body, param, message] of cases) {
      it(name, async () => {
        const res = await post(body);
        assert.equal(res.status, 400);
        const err = (await res.json()) as { error: { type: string; message: string; param: string } };
        assert.equal(err.error.type, 'invalid_request_error');
        assert.equal(err.error.param, param);
        assert.match(err.error.message, message);
        for (const f of [h.ollama, h.openai, h.anthropic]) assert.ok(!f.requests.some((r) => r.method === 'POST'), `${f.name} got a request`);
      });
    }
  });

  it('routing errors in OpenAI shape: 404 for an unknown model', async () => {
    const res = await post({ model: 'nowhere:model', input: 'Hi' });
    assert.equal(res.status, 404);
    const err = (await res.json()) as { error: { code: string } };
    assert.equal(err.error.code, 'model_not_found');
  });
});
