// Translation matrix, the Ollama API (`ollama` client): /api/chat and /api/generate (plain, raw and
// fill-in-the-middle) × every upstream kind that can answer them × stream or not.
import assert from 'node:assert/strict';
import { Ollama, type ChatResponse, type GenerateRequest, type GenerateResponse, type Options, type Tool } from 'ollama';
import type { Harness } from '../../harness';
import { hits } from '../ollama-fixture';
import { CALL, COMPLETERS, CUT, LIMIT, REPLY, resetMatrix, sentChat, sentCompletions, startMatrixHarness, STOP, STOPPED, SYSTEM, UPSTREAMS, USER, stopList } from './fixture';

const TOOLS: Tool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];

interface Row {
  name: string;
  options: Partial<Options>;
  tool?: boolean;
  text: string;
  doneReason: string;
  evalCount?: number;
  upstream: { stop?: string[]; maxTokens?: number };
}

const ROWS: Row[] = [
  { name: 'text cut by a stop sequence', options: { stop: [STOP], num_predict: 50 }, text: STOPPED, doneReason: 'stop', evalCount: 2, upstream: { stop: [STOP], maxTokens: 50 } },
  { name: 'text cut by num_predict', options: { num_predict: LIMIT }, text: CUT, doneReason: 'length', evalCount: 3, upstream: { maxTokens: LIMIT } },
  { name: 'a tool call', options: {}, tool: true, text: '', doneReason: 'stop', upstream: {} },
];

/** Ollama's stream folded into its last line, with the content of every line before it. */
async function fold<T extends ChatResponse | GenerateResponse>(parts: AsyncIterable<T>, text: (p: T) => string): Promise<{ last: T; text: string; lines: T[] }> {
  const lines: T[] = [];
  for await (const p of parts) lines.push(p);
  const last = lines[lines.length - 1]!;
  assert.equal(last.done, true, 'the last line is done');
  assert.ok(
    lines.slice(0, -1).every((l) => !l.done),
    'only the last line is done',
  );
  return { last, text: lines.map(text).join(''), lines };
}

/** /api/generate streamed (folded) or not: the last line and the whole text. */
async function generate(client: Ollama, body: GenerateRequest, stream: boolean): Promise<{ last: GenerateResponse; text: string }> {
  if (stream) return fold(await client.generate({ ...body, stream: true }), (p) => p.response ?? '');
  const last = await client.generate({ ...body, stream: false });
  return { last, text: last.response ?? '' };
}

describe('translation matrix: Ollama API', () => {
  let h: Harness;
  let client: Ollama;
  before(async () => {
    h = await startMatrixHarness();
    client = new Ollama({ host: h.base });
  });
  after(() => h.stop());

  for (const up of UPSTREAMS) {
    // Ollama's own models go by their Ollama names, the others by Oblix id.
    const model = up.kind === 'ollama' ? up.upstreamModel : up.id;
    for (const row of ROWS) {
      for (const stream of [false, true]) {
        it(`/api/chat, ${row.name} → ${up.kind}, ${stream ? 'streamed' : 'JSON'}`, async () => {
          resetMatrix(h, row.tool === true);
          const body = {
            model,
            messages: [
              { role: 'system', content: SYSTEM },
              { role: 'user', content: USER },
            ],
            options: row.options,
            ...(row.tool ? { tools: TOOLS } : {}),
          };
          let r: ChatResponse;
          let text: string;
          let calls;
          if (stream) {
            const f = await fold(await client.chat({ ...body, stream: true }), (p) => p.message.content);
            r = f.last;
            text = f.text;
            calls = f.lines.flatMap((l) => l.message.tool_calls ?? []);
          } else {
            r = await client.chat({ ...body, stream: false });
            text = r.message.content;
            calls = r.message.tool_calls ?? [];
          }

          const sent = sentChat(h, up.kind);
          assert.equal(sent.model, up.upstreamModel);
          assert.deepEqual(sent.messages, [
            ['system', SYSTEM],
            ['user', USER],
          ]);
          assert.deepEqual(sent.tools, row.tool ? ['get_weather'] : []);
          assert.deepEqual(stopList(sent.stop), row.upstream.stop);
          if (row.upstream.maxTokens !== undefined) assert.equal(sent.maxTokens, row.upstream.maxTokens);

          // The design's response identity: an explicit model is answered with its Oblix id.
          assert.equal(r.model, up.id);
          assert.equal(r.message.role, 'assistant');
          assert.equal(text, row.text);
          assert.equal(r.done_reason, row.doneReason);
          assert.deepEqual(
            calls.map((c) => [c.function.name, c.function.arguments]),
            row.tool ? [[CALL.name, CALL.arguments]] : [],
          );
          assert.ok(r.prompt_eval_count > 0);
          if (row.evalCount !== undefined) assert.equal(r.eval_count, row.evalCount);
        });
      }
    }

    for (const stream of [false, true]) {
      it(`/api/generate with system and prompt (a chat turn) → ${up.kind}, ${stream ? 'streamed' : 'JSON'}`, async () => {
        resetMatrix(h, false);
        const body = { model, system: SYSTEM, prompt: USER, options: { stop: [STOP], num_predict: 50 } };
        const r = await generate(client, body, stream);
        if (up.kind === 'ollama') {
          // Ollama's own request, passed through as it came (Oblix always streams from upstream).
          assert.deepEqual(
            h.ollama.requests.filter((q) => q.path === '/api/generate').map((q) => ({ ...(q.body as object), stream: undefined })),
            [{ ...body, stream: undefined }],
          );
          assert.equal(hits(h.ollama, '/api/chat'), 0);
        } else {
          const sent = sentChat(h, up.kind);
          assert.equal(sent.model, up.upstreamModel);
          assert.deepEqual(sent.messages, [
            ['system', SYSTEM],
            ['user', USER],
          ]);
          assert.deepEqual(stopList(sent.stop), [STOP]);
          assert.equal(sent.maxTokens, 50);
        }
        assert.equal(r.text, STOPPED);
        assert.equal(r.last.model, up.id);
        assert.equal(r.last.done_reason, 'stop');
        assert.equal(r.last.eval_count, 2);
      });
    }
  }

  for (const c of COMPLETERS) {
    const model = c.kind === 'ollama' ? c.upstreamModel : c.id;
    for (const fim of [false, true]) {
      for (const stream of [false, true]) {
        it(`/api/generate ${fim ? 'fill-in-the-middle (suffix)' : 'raw'} → ${c.kind}, ${stream ? 'streamed' : 'JSON'}`, async () => {
          resetMatrix(h, false);
          const body = { model, prompt: 'def add(a, b):\n', ...(fim ? { suffix: '\nprint(add(1, 2))' } : { raw: true }), options: { stop: [STOP], num_predict: 50 } };
          const r = await generate(client, body, stream);
          const sent = sentCompletions(h, c.kind);
          assert.equal(sent.length, 1);
          assert.deepEqual(sent[0], {
            model: c.upstreamModel,
            prompt: 'def add(a, b):\n',
            suffix: fim ? '\nprint(add(1, 2))' : undefined,
            stop: [STOP],
            maxTokens: 50,
            ...(c.kind === 'openai' ? { n: sent[0]!.n } : {}),
          });
          if (c.kind === 'openai') assert.equal(sent[0]!.n ?? 1, 1);
          assert.equal(r.text, STOPPED);
          assert.equal(r.last.model, c.id);
          assert.equal(r.last.done_reason, 'stop');
          assert.equal(r.last.eval_count, 2);
        });
      }
    }
  }

  it('/api/generate raw or fill-in-the-middle → anthropic: a 400 in Ollama’s shape, before Anthropic is asked', async () => {
    resetMatrix(h, false);
    for (const extra of [{ raw: true }, { suffix: ')' }]) {
      await assert.rejects(
        client.generate({ model: 'anthropic:claude-sonnet-5', prompt: 'def add(', ...extra, stream: false }),
        (e: Error & { status_code?: number }) => e.status_code === 400 && /cannot complete text/.test(e.message),
      );
    }
    assert.equal(h.anthropic.requests.filter((r) => r.method === 'POST').length, 0);
  });

  it('the common reply is what every fake says', () => assert.ok(REPLY.startsWith(STOPPED)));
});
