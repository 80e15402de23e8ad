// Translation matrix, OpenAI Chat Completions (`openai` SDK) × every upstream kind × stream or not:
// what the upstream received and what the client got, per row of one table.
import assert from 'node:assert/strict';
import type { ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { Harness } from '../../harness';
import { CALL, CUT, LIMIT, REPLY, resetMatrix, sentChats, startMatrixHarness, STOP, STOPPED, SYSTEM, UPSTREAMS, USER, stopList } from './fixture';

const TOOLS: ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];

interface Row {
  name: string;
  params: Omit<ChatCompletionCreateParamsNonStreaming, 'model' | 'messages'>;
  tool?: boolean;
  /** Each choice's text (tool rows: none), in index order. */
  texts: string[];
  finish: string;
  /** Completion tokens over all choices. */
  completionTokens: number;
  upstream: { stop?: string[]; maxTokens?: number };
}

const ROWS: Row[] = [
  {
    name: 'text cut by a stop sequence',
    params: { stop: [STOP], max_tokens: 50 },
    texts: [STOPPED],
    finish: 'stop',
    completionTokens: 2,
    upstream: { stop: [STOP], maxTokens: 50 },
  },
  { name: 'text cut by max_completion_tokens', params: { max_completion_tokens: LIMIT }, texts: [CUT], finish: 'length', completionTokens: 3, upstream: { maxTokens: LIMIT } },
  { name: 'a tool call', params: { tools: TOOLS }, tool: true, texts: [], finish: 'tool_calls', completionTokens: -1, upstream: {} },
  { name: 'n = 2', params: { n: 2, stop: STOP }, texts: [STOPPED, STOPPED], finish: 'stop', completionTokens: 4, upstream: { stop: [STOP] } },
];

interface Got {
  ids: Set<string>;
  model: string;
  choices: { index: number; text: string; finish: string | null; calls: { index: number; id: string; name: string; args: string }[] }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  /** The text the simplest streaming client shows: `choices[0].delta.content` of each chunk. */
  simplest: string;
}

function choiceAt(got: Got, index: number): Got['choices'][number] {
  let c = got.choices.find((x) => x.index === index);
  if (!c) got.choices.push((c = { index, text: '', finish: null, calls: [] }));
  return c;
}

async function readStream(stream: AsyncIterable<ChatCompletionChunk>): Promise<Got> {
  const got: Got = { ids: new Set(), model: '', choices: [], simplest: '' };
  for await (const chunk of stream) {
    got.ids.add(chunk.id);
    got.model = chunk.model;
    if (chunk.usage) got.usage = chunk.usage;
    got.simplest += chunk.choices[0]?.delta.content ?? '';
    for (const ch of chunk.choices) {
      const c = choiceAt(got, ch.index);
      c.text += ch.delta.content ?? '';
      c.finish = ch.finish_reason ?? c.finish;
      for (const t of ch.delta.tool_calls ?? []) {
        let call = c.calls.find((x) => x.index === t.index);
        if (!call) c.calls.push((call = { index: t.index, id: '', name: '', args: '' }));
        call.id += t.id ?? '';
        call.name += t.function?.name ?? '';
        call.args += t.function?.arguments ?? '';
      }
    }
  }
  got.choices.sort((a, b) => a.index - b.index);
  return got;
}

describe('translation matrix: OpenAI chat', () => {
  let h: Harness;
  before(async () => (h = await startMatrixHarness()));
  after(() => h.stop());

  for (const up of UPSTREAMS) {
    for (const row of ROWS) {
      for (const stream of [false, true]) {
        it(`${row.name} → ${up.kind}, ${stream ? 'streamed' : 'JSON'}`, async () => {
          resetMatrix(h, row.tool === true);
          const body = {
            ...row.params,
            model: up.id,
            messages: [
              { role: 'system' as const, content: SYSTEM },
              { role: 'user' as const, content: USER },
            ],
          };
          let got: Got;
          if (stream) {
            got = await readStream(await h.client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }));
          } else {
            const r = await h.client.chat.completions.create(body);
            got = {
              ids: new Set([r.id]),
              model: r.model,
              usage: r.usage,
              simplest: '',
              choices: r.choices.map((c) => ({
                index: c.index,
                text: c.message.content ?? '',
                finish: c.finish_reason,
                calls: (c.message.tool_calls ?? []).map((t, index) =>
                  t.type === 'function' ? { index, id: t.id, name: t.function.name, args: t.function.arguments } : { index, id: t.id, name: '', args: '' },
                ),
              })),
            };
          }

          // What the upstream received.
          const n = row.params.n ?? 1;
          const sent = sentChats(h, up.kind);
          // OpenAI takes `n` natively; the others are asked n times.
          assert.equal(sent.length, up.kind === 'openai' ? 1 : n);
          for (const s of sent) {
            assert.equal(s.model, up.upstreamModel);
            assert.deepEqual(s.messages, [
              ['system', SYSTEM],
              ['user', USER],
            ]);
            assert.deepEqual(s.tools, row.tool ? ['get_weather'] : []);
            assert.deepEqual(stopList(s.stop), row.upstream.stop);
            if (row.upstream.maxTokens !== undefined) assert.equal(s.maxTokens, row.upstream.maxTokens);
            if (up.kind === 'openai') assert.equal(s.n ?? 1, n);
          }

          // What the client got.
          assert.equal(got.ids.size, 1, 'one id for the whole completion');
          assert.match([...got.ids][0]!, /^chatcmpl-/);
          assert.equal(got.model, up.id);
          assert.deepEqual(
            got.choices.map((c) => c.index),
            Array.from({ length: row.tool ? 1 : n }, (_, i) => i),
          );
          for (const c of got.choices) assert.equal(c.finish, row.finish);
          if (row.tool) {
            const [call] = got.choices[0]!.calls;
            assert.equal(got.choices[0]!.calls.length, 1);
            assert.equal(call!.index, 0);
            assert.ok(call!.id.length > 0, 'a tool call id');
            assert.equal(call!.name, CALL.name);
            assert.deepEqual(JSON.parse(call!.args), CALL.arguments);
            assert.equal(got.choices[0]!.text, '');
          } else {
            assert.deepEqual(
              got.choices.map((c) => c.text),
              row.texts,
            );
            assert.equal(got.usage?.completion_tokens, row.completionTokens);
          }
          assert.ok(got.usage && got.usage.prompt_tokens > 0, 'prompt tokens');
          assert.equal(got.usage.total_tokens, got.usage.prompt_tokens + got.usage.completion_tokens);
          if (stream && n === 1) assert.equal(got.simplest, row.texts[0] ?? '', 'choices[0] of each chunk carries the whole text');
        });
      }
    }
  }

  it('the fakes answer the common reply (the rows above rely on it)', () => {
    assert.equal(REPLY.split(STOP)[0], STOPPED);
  });
});
