// Translation matrix, /v1/completions (`openai` SDK) × every upstream kind that completes text
// (Ollama /api/generate, OpenAI-kind /v1/completions) × stream or not: raw prompts, fill-in-the-middle,
// the default max_tokens, several prompts with n > 1.
import assert from 'node:assert/strict';
import type { Completion, CompletionCreateParamsNonStreaming } from 'openai/resources/completions';
import type { Harness } from '../../harness';
import { DEFAULT_COMPLETION_MAX_TOKENS } from '../../../src/core/dialects/completions/parse';
import { COMPLETERS, CUT, LIMIT, REPLY, resetMatrix, sentCompletions, startMatrixHarness, STOP, STOPPED } from './fixture';

const SUFFIX = '\nprint(add(1, 2))';

interface Row {
  name: string;
  params: Omit<CompletionCreateParamsNonStreaming, 'model'>;
  /** Text and finish reason per choice index. */
  choices: [string, string][];
  completionTokens: number;
  /** Per prompt the upstream is asked about: what it received. */
  upstream: { prompt: string; suffix?: string; stop?: string[]; maxTokens: number }[];
}

const ROWS: Row[] = [
  {
    name: 'a raw prompt cut by a stop sequence',
    params: { prompt: 'def add(a, b):\n', stop: [STOP], max_tokens: 50 },
    choices: [[STOPPED, 'stop']],
    completionTokens: 2,
    upstream: [{ prompt: 'def add(a, b):\n', stop: [STOP], maxTokens: 50 }],
  },
  // OpenAI's documented default for legacy completions is 16 tokens: a client that sends none gets that cap upstream.
  { name: 'no max_tokens: the default of 16', params: { prompt: 'x' }, choices: [[REPLY, 'stop']], completionTokens: 4, upstream: [{ prompt: 'x', maxTokens: 16 }] },
  { name: 'cut by max_tokens', params: { prompt: 'x', max_tokens: LIMIT }, choices: [[CUT, 'length']], completionTokens: 3, upstream: [{ prompt: 'x', maxTokens: LIMIT }] },
  {
    name: 'fill-in-the-middle (suffix)',
    params: { prompt: 'def add(a, b):\n', suffix: SUFFIX, stop: STOP, max_tokens: 50 },
    choices: [[STOPPED, 'stop']],
    completionTokens: 2,
    upstream: [{ prompt: 'def add(a, b):\n', suffix: SUFFIX, stop: [STOP], maxTokens: 50 }],
  },
  {
    name: 'two prompts, n = 2',
    params: { prompt: ['A', 'B'], n: 2, stop: [STOP], max_tokens: 50 },
    choices: [
      [STOPPED, 'stop'],
      [STOPPED, 'stop'],
      [STOPPED, 'stop'],
      [STOPPED, 'stop'],
    ],
    completionTokens: 8,
    upstream: [
      { prompt: 'A', stop: [STOP], maxTokens: 50 },
      { prompt: 'B', stop: [STOP], maxTokens: 50 },
    ],
  },
  {
    name: 'two prompts, n = 2, echo',
    params: { prompt: ['A: ', 'B: '], n: 2, echo: true, stop: [STOP], max_tokens: 50 },
    choices: [
      [`A: ${STOPPED}`, 'stop'],
      [`A: ${STOPPED}`, 'stop'],
      [`B: ${STOPPED}`, 'stop'],
      [`B: ${STOPPED}`, 'stop'],
    ],
    completionTokens: 8,
    upstream: [
      { prompt: 'A: ', stop: [STOP], maxTokens: 50 },
      { prompt: 'B: ', stop: [STOP], maxTokens: 50 },
    ],
  },
];

interface Got {
  ids: Set<string>;
  model: string;
  choices: Map<number, { text: string; finish: string | null }>;
  usage?: Completion['usage'];
  /** What a client that reads only `choices[0]` of each chunk shows. */
  simplest: string;
  /** Chunks that carried the same index twice. */
  repeatedIndex: number;
}

async function readStream(stream: AsyncIterable<Completion>): Promise<Got> {
  const got: Got = { ids: new Set(), model: '', choices: new Map(), simplest: '', repeatedIndex: 0 };
  for await (const chunk of stream) {
    got.ids.add(chunk.id);
    got.model = chunk.model;
    if (chunk.usage) got.usage = chunk.usage;
    got.simplest += chunk.choices[0]?.text ?? '';
    if (new Set(chunk.choices.map((c) => c.index)).size !== chunk.choices.length) got.repeatedIndex++;
    for (const c of chunk.choices) {
      const mine = got.choices.get(c.index) ?? { text: '', finish: null };
      mine.text += c.text;
      mine.finish = c.finish_reason ?? mine.finish;
      got.choices.set(c.index, mine);
    }
  }
  return got;
}

describe('translation matrix: /v1/completions', () => {
  let h: Harness;
  before(async () => (h = await startMatrixHarness()));
  after(() => h.stop());

  it('→ anthropic: refused with a 400 naming the model, before Anthropic is asked (it has no completions API)', async () => {
    resetMatrix(h, false);
    for (const stream of [false, true]) {
      await assert.rejects(
        h.client.completions.create({ model: 'anthropic:claude-sonnet-5', prompt: 'x', suffix: 'y', stream }),
        (e: { status?: number; param?: string }) => e.status === 400 && /completions API/.test(String((e as Error).message)),
      );
    }
    assert.equal(h.anthropic.requests.filter((r) => r.method === 'POST').length, 0);
  });

  it('states the default max_tokens: 16, as OpenAI documents', () => assert.equal(DEFAULT_COMPLETION_MAX_TOKENS, 16));

  for (const c of COMPLETERS) {
    for (const row of ROWS) {
      for (const stream of [false, true]) {
        const title = `${row.name} → ${c.kind}, ${stream ? 'streamed' : 'JSON'}`;
        it(title, async () => {
          resetMatrix(h, false);
          const body = { ...row.params, model: c.id };
          let got: Got;
          if (stream) {
            got = await readStream(await h.client.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }));
          } else {
            const r = await h.client.completions.create(body);
            got = {
              ids: new Set([r.id]),
              model: r.model,
              usage: r.usage,
              simplest: '',
              repeatedIndex: 0,
              choices: new Map(r.choices.map((x) => [x.index, { text: x.text, finish: x.finish_reason }])),
            };
          }

          const n = row.params.n ?? 1;
          const sent = sentCompletions(h, c.kind);
          // OpenAI-kind takes n per prompt; Ollama is asked n times per prompt.
          const perPrompt = c.kind === 'openai' ? 1 : n;
          assert.equal(sent.length, row.upstream.length * perPrompt);
          for (const s of sent) {
            const want = row.upstream.find((u) => u.prompt === s.prompt);
            assert.ok(want, `a prompt the client sent: ${String(s.prompt)}`);
            assert.equal(s.model, c.upstreamModel);
            assert.equal(s.suffix, want.suffix);
            assert.deepEqual(s.stop, want.stop);
            assert.equal(s.maxTokens, want.maxTokens);
            if (c.kind === 'openai') assert.equal(s.n ?? 1, n);
          }

          assert.equal(got.ids.size, 1);
          assert.match([...got.ids][0]!, /^cmpl-/);
          assert.equal(got.model, c.id);
          assert.deepEqual(
            [...got.choices.keys()].sort((a, b) => a - b),
            row.choices.map((_, i) => i),
          );
          assert.deepEqual(
            row.choices.map((_, i) => [got.choices.get(i)!.text, got.choices.get(i)!.finish]),
            row.choices,
          );
          assert.equal(got.usage?.completion_tokens, row.completionTokens);
          assert.ok(got.usage && got.usage.prompt_tokens > 0);
          assert.equal(got.usage.total_tokens, got.usage.prompt_tokens + got.usage.completion_tokens);
          if (stream) {
            assert.equal(got.repeatedIndex, 0, 'no chunk names one choice twice');
            if (row.choices.length === 1) assert.equal(got.simplest, row.choices[0]![0], 'choices[0] of each chunk carries the whole text');
          }
        });
      }
    }
  }
});
