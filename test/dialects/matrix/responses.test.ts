// Translation matrix, OpenAI Responses (`openai` SDK) × every upstream kind × stream or not.
import assert from 'node:assert/strict';
import type { Response, ResponseCreateParamsNonStreaming, ResponseStreamEvent, Tool } from 'openai/resources/responses/responses';
import type { Harness } from '../../harness';
import { CALL, CUT, LIMIT, REPLY, resetMatrix, sentChat, startMatrixHarness, SYSTEM, UPSTREAMS, USER } from './fixture';

const TOOLS: Tool[] = [{ type: 'function', name: 'get_weather', strict: false, parameters: { type: 'object', properties: { city: { type: 'string' } } } }];

interface Row {
  name: string;
  params: Omit<ResponseCreateParamsNonStreaming, 'model' | 'input' | 'instructions'>;
  tool?: boolean;
  text: string;
  status: 'completed' | 'incomplete';
  outputTokens?: number;
  upstreamMaxTokens?: number;
}

const ROWS: Row[] = [
  { name: 'text', params: { max_output_tokens: 50 }, text: REPLY, status: 'completed', outputTokens: 4, upstreamMaxTokens: 50 },
  { name: 'text cut by max_output_tokens', params: { max_output_tokens: LIMIT }, text: CUT, status: 'incomplete', outputTokens: 3, upstreamMaxTokens: LIMIT },
  { name: 'a function call', params: { tools: TOOLS }, tool: true, text: '', status: 'completed' },
];

/** Reads a stream: checks the event order rules and returns the final response the last event carries. */
async function readStream(events: AsyncIterable<ResponseStreamEvent>): Promise<{ final: Response; deltas: string; argDeltas: string }> {
  let seq = 0;
  let created: string | undefined;
  let final: Response | undefined;
  let deltas = '';
  let argDeltas = '';
  for await (const ev of events) {
    assert.equal(ev.sequence_number, seq++, 'sequence numbers count up from 0');
    if (ev.type === 'response.created') created = ev.response.id;
    if (ev.type === 'response.output_text.delta') deltas += ev.delta;
    if (ev.type === 'response.function_call_arguments.delta') argDeltas += ev.delta;
    if (ev.type === 'response.completed' || ev.type === 'response.incomplete') final = ev.response;
  }
  assert.ok(final, 'a closing response.completed or response.incomplete');
  assert.equal(final.id, created, 'the closing event names the response the first one created');
  return { final, deltas, argDeltas };
}

describe('translation matrix: OpenAI Responses', () => {
  let h: Harness;
  before(async () => (h = await startMatrixHarness()));
  after(() => h.stop());

  for (const up of UPSTREAMS) {
    for (const row of ROWS) {
      for (const stream of [false, true]) {
        it(`${row.name} → ${up.kind}, ${stream ? 'streamed' : 'JSON'}`, async () => {
          resetMatrix(h, row.tool === true);
          const body = { ...row.params, model: up.id, instructions: SYSTEM, input: USER, store: false };
          let r: Response;
          if (stream) {
            const s = await readStream(await h.client.responses.create({ ...body, stream: true }));
            r = s.final;
            assert.equal(s.deltas, row.text, 'the text deltas add up to the text');
            if (row.tool) assert.deepEqual(JSON.parse(s.argDeltas), CALL.arguments);
          } else {
            r = await h.client.responses.create(body);
          }

          if (up.kind === 'openai') {
            // OpenAI speaks Responses: the client's own body, only the model replaced (and always streamed).
            const posts = h.openai.requests.filter((q) => q.path === '/v1/responses').map((q) => q.body);
            assert.deepEqual(posts, [{ ...body, model: up.upstreamModel, stream: true }]);
            assert.equal(h.openai.requests.filter((q) => q.path === up.chatPath).length, 0);
          } else {
            const sent = sentChat(h, up.kind);
            assert.equal(sent.model, up.upstreamModel);
            assert.deepEqual(sent.messages, [
              ['system', SYSTEM],
              ['user', USER],
            ]);
            assert.deepEqual(sent.tools, row.tool ? ['get_weather'] : []);
            if (row.upstreamMaxTokens !== undefined) assert.equal(sent.maxTokens, row.upstreamMaxTokens);
          }

          assert.match(r.id, /^resp_/);
          assert.equal(r.model, up.id);
          assert.equal(r.status, row.status);
          assert.equal(r.incomplete_details?.reason, row.status === 'incomplete' ? 'max_output_tokens' : undefined);
          // output_text is the SDK's sum of the message items (set on JSON answers only): add them up here.
          const text = r.output
            .flatMap((o) => (o.type === 'message' ? o.content : []))
            .map((c) => (c.type === 'output_text' ? c.text : ''))
            .join('');
          assert.equal(text, row.text);
          if (!stream) assert.equal(r.output_text, row.text);
          if (row.tool) {
            assert.equal(r.output.length, 1);
            const item = r.output[0]!;
            assert.equal(item.type, 'function_call');
            if (item.type !== 'function_call') return;
            assert.equal(item.name, CALL.name);
            assert.ok(item.call_id.length > 0 && item.id !== undefined && item.id !== item.call_id, 'an item id and a call id');
            assert.deepEqual(JSON.parse(item.arguments), CALL.arguments);
          } else {
            assert.deepEqual(
              r.output.map((o) => o.type),
              ['message'],
            );
            assert.match(r.output[0]!.id ?? '', /^msg_/);
          }
          assert.ok(r.usage && r.usage.input_tokens > 0);
          if (row.outputTokens !== undefined) assert.equal(r.usage.output_tokens, row.outputTokens);
          assert.equal(r.usage.total_tokens, r.usage.input_tokens + r.usage.output_tokens);
        });
      }
    }
  }
});
