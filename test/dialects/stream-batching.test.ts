// The same upstream answer, however the network batches it (one event per read, everything in one
// read, reads that split an event and a UTF-8 character), reads the same in every dialect to the
// simplest client: one that takes only `choices[0]` (or the one text field) of each event, as
// Continue's autocomplete does. A chunk that packs several events of one choice into its `choices`
// loses everything after the first to such a client.
import assert from 'node:assert/strict';
import { type Harness } from '../harness';
import type { WriteBatching } from '../fakes/write-batching';
import { CODER, startDialectHarness } from './ollama-fixture';

const REPLY = 'Grüße aus dem Test — one two three four five six seven.';
const INSTRUCT = 'openai:gpt-3.5-turbo-instruct';
const BATCHINGS: { name: string; mode: WriteBatching }[] = [
  { name: 'one event per read', mode: 'per-write' },
  { name: 'everything in one read', mode: 'all-at-once' },
  { name: 'reads split inside events', mode: { splitEvery: 7 } },
];

type Json = Record<string, unknown>;

/** `data:` payloads of an SSE body (the simplest reader: one `data:` line per event). */
function sse(text: string): Json[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: ') && l !== 'data: [DONE]')
    .map((l) => JSON.parse(l.slice(6)) as Json);
}

function ndjson(text: string): Json[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Json);
}

const first = (e: Json): Json | undefined => (e.choices as Json[] | undefined)?.[0];
const field = (o: unknown, key: string): string => (o && typeof o === 'object' && typeof (o as Json)[key] === 'string' ? ((o as Json)[key] as string) : '');

interface Dialect {
  name: string;
  path: string;
  body: (model: string) => Json;
  /** The text the simplest client of this dialect shows. */
  read: (body: string) => string;
}

const DIALECTS: Dialect[] = [
  {
    name: 'chat completions',
    path: '/v1/chat/completions',
    body: (model) => ({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    read: (b) =>
      sse(b)
        .map((e) => field(first(e)?.delta, 'content'))
        .join(''),
  },
  {
    name: 'completions',
    path: '/v1/completions',
    body: (model) => ({ model, stream: true, prompt: 'def f():', max_tokens: 64 }),
    read: (b) =>
      sse(b)
        .map((e) => field(first(e), 'text'))
        .join(''),
  },
  {
    name: 'messages',
    path: '/v1/messages',
    body: (model) => ({ model, stream: true, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }),
    read: (b) =>
      sse(b)
        .map((e) => (e.type === 'content_block_delta' ? field(e.delta, 'text') : ''))
        .join(''),
  },
  {
    name: 'responses',
    path: '/v1/responses',
    body: (model) => ({ model, stream: true, input: 'hi' }),
    read: (b) =>
      sse(b)
        .map((e) => (e.type === 'response.output_text.delta' ? field(e, 'delta') : ''))
        .join(''),
  },
  {
    name: 'ollama chat',
    path: '/api/chat',
    body: (model) => ({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    read: (b) =>
      ndjson(b)
        .map((e) => field(e.message, 'content'))
        .join(''),
  },
  {
    name: 'ollama generate',
    path: '/api/generate',
    body: (model) => ({ model, stream: true, prompt: 'def f():', raw: true }),
    read: (b) =>
      ndjson(b)
        .map((e) => field(e, 'response'))
        .join(''),
  },
];

/** The upstreams each dialect can reach: completions go to completion models, the rest to chat models. */
function models(d: Dialect): { upstream: 'openai' | 'ollama' | 'anthropic'; model: string }[] {
  if (d.path === '/v1/completions' || d.path === '/api/generate')
    return [
      { upstream: 'openai', model: INSTRUCT },
      { upstream: 'ollama', model: `ollama:${CODER}` },
    ];
  return [
    { upstream: 'openai', model: 'openai:gpt-4o-mini' },
    { upstream: 'ollama', model: 'ollama:llama3.2:latest' },
    { upstream: 'anthropic', model: 'anthropic:claude-sonnet-5' },
  ];
}

describe('streams read the same whatever the upstream batching', () => {
  let h: Harness;
  before(async () => {
    h = await startDialectHarness({ configure: (c) => c.cloudModels.push(INSTRUCT) });
  });
  after(() => h.stop());

  for (const d of DIALECTS) {
    for (const { upstream, model } of models(d)) {
      it(`${d.name} from ${upstream}: the simplest client reads the whole answer in every batching`, async () => {
        for (const { name, mode } of BATCHINGS) {
          h.resetFakes();
          h[upstream].reply = REPLY;
          h[upstream].batching = mode;
          const r = await fetch(`${h.base}${d.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(d.body(model)) });
          const text = await r.text();
          assert.equal(r.status, 200, `${name}: ${text}`);
          assert.equal(r.headers.get('x-oblix-model'), model, name);
          assert.equal(d.read(text), REPLY, `${name}: ${text}`);
          if (d.path.startsWith('/v1/') && d.path !== '/v1/messages' && d.path !== '/v1/responses') {
            for (const e of sse(text)) {
              const indexes = ((e.choices as Json[] | undefined) ?? []).map((c) => c.index);
              assert.equal(new Set(indexes).size, indexes.length, `${name}: one entry per choice index in ${JSON.stringify(e)}`);
            }
          }
        }
      });
    }
  }
});
