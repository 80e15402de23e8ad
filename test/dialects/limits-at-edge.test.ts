// Every numeric limit of the request validators, tried at its edge: the last value accepted and the
// first refused (a 400 naming the parameter). One table per dialect parser.
import assert from 'node:assert/strict';
import { parseMessages } from '../../src/core/dialects/anthropic-messages/parse';
import { DEFAULT_COMPLETION_MAX_TOKENS, parseCompletions } from '../../src/core/dialects/completions/parse';
import { parseEmbeddings } from '../../src/core/dialects/embeddings/parse';
import { parseOllamaChat } from '../../src/core/dialects/ollama/parse';
import { parseResponses } from '../../src/core/dialects/openai-responses/parse';
import { OblixError } from '../../src/core/errors/oblix-error';
import { validateChatRequest } from '../../src/core/dialects/openai-chat/parse';

type Json = Record<string, unknown>;

interface Limit {
  /** The field as the body spells it; a dotted path is set inside `options`. */
  field: string;
  /** Values at the edge that must pass. */
  ok: unknown[];
  /** The first values past the edge, each a 400 naming `param`. */
  bad: unknown[];
  param?: string;
}

const strings = (n: number): string[] => Array.from({ length: n }, (_, i) => `s${i}`);
const fn = (name: string): Json[] => [{ type: 'function', function: { name, parameters: { type: 'object' } } }];

const DIALECTS: { name: string; parse: (body: unknown) => unknown; base: Json; limits: Limit[] }[] = [
  {
    name: 'OpenAI chat (openai-chat/parse.ts)',
    parse: validateChatRequest,
    base: { model: 'auto', messages: [{ role: 'user', content: 'x' }] },
    limits: [
      { field: 'n', ok: [1, 128], bad: [0, 129] },
      { field: 'stop', ok: [strings(4), []], bad: [strings(5)] },
      { field: 'temperature', ok: [0, 2], bad: [-0.001, 2.001] },
      { field: 'top_p', ok: [0, 1], bad: [-0.001, 1.001] },
      { field: 'presence_penalty', ok: [-2, 2], bad: [-2.001, 2.001] },
      { field: 'frequency_penalty', ok: [-2, 2], bad: [-2.001, 2.001] },
      { field: 'logit_bias', ok: [{ 50256: -100 }, { 50256: 100 }], bad: [{ 50256: -100.5 }, { 50256: 100.5 }] },
      { field: 'max_tokens', ok: [1], bad: [0] },
      { field: 'max_completion_tokens', ok: [1], bad: [0] },
      // A function name of 1 to 64 characters.
      { field: 'tools', ok: [fn('a'.repeat(64)), fn('a')], bad: [fn('a'.repeat(65)), fn('')], param: 'tools[0].function.name' },
      { field: 'messages', ok: [[{ role: 'user', content: 'x' }]], bad: [[]] },
    ],
  },
  {
    name: '/v1/completions',
    parse: parseCompletions,
    base: { model: 'auto', prompt: 'x' },
    limits: [
      { field: 'prompt', ok: [strings(32), strings(1)], bad: [strings(33), []] },
      { field: 'n', ok: [1, 16], bad: [0, 17] },
      { field: 'stop', ok: [strings(4)], bad: [strings(5)] },
      { field: 'max_tokens', ok: [1], bad: [0] },
      { field: 'temperature', ok: [0, 2], bad: [-0.001, 2.001] },
      { field: 'top_p', ok: [0, 1], bad: [-0.001, 1.001] },
    ],
  },
  {
    name: 'Responses',
    parse: parseResponses,
    base: { model: 'auto', input: 'x' },
    limits: [
      { field: 'temperature', ok: [0, 2], bad: [-0.001, 2.001] },
      { field: 'top_p', ok: [0, 1], bad: [-0.001, 1.001] },
      { field: 'max_output_tokens', ok: [1], bad: [0] },
    ],
  },
  {
    name: 'Anthropic Messages',
    parse: (body) => parseMessages(body, {}),
    base: { model: 'auto', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] },
    limits: [
      { field: 'max_tokens', ok: [1], bad: [0] },
      // Anthropic's temperature stops at 1, not 2.
      { field: 'temperature', ok: [0, 1], bad: [-0.001, 1.001] },
      { field: 'top_p', ok: [0, 1], bad: [-0.001, 1.001] },
      { field: 'messages', ok: [[{ role: 'user', content: 'x' }]], bad: [[]] },
    ],
  },
  {
    name: 'Ollama /api/chat',
    parse: parseOllamaChat,
    base: { model: 'llama3.2', messages: [{ role: 'user', content: 'x' }] },
    limits: [
      { field: 'options.temperature', ok: [0, 2], bad: [-0.001, 2.001] },
      { field: 'options.top_p', ok: [0, 1], bad: [-0.001, 1.001] },
      // -1: no limit, -2: fill the context (Ollama's own meanings).
      { field: 'options.num_predict', ok: [-2, 1e7], bad: [-3, 1e7 + 1] },
      { field: 'options.presence_penalty', ok: [-2, 2], bad: [-2.001, 2.001] },
      { field: 'options.frequency_penalty', ok: [-2, 2], bad: [-2.001, 2.001] },
      { field: 'options.seed', ok: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER], bad: [Number.MIN_SAFE_INTEGER - 2, Number.MAX_SAFE_INTEGER + 2] },
      { field: 'messages', ok: [[{ role: 'user', content: 'x' }]], bad: [[]] },
    ],
  },
  {
    name: '/v1/embeddings',
    parse: parseEmbeddings,
    base: { model: 'auto', input: 'x' },
    limits: [
      { field: 'input', ok: [strings(2048), ['x']], bad: [strings(2049), []] },
      { field: 'dimensions', ok: [1], bad: [0] },
    ],
  },
];

function withField(base: Json, field: string, value: unknown): Json {
  if (!field.startsWith('options.')) return { ...base, [field]: value };
  return { ...base, options: { [field.slice('options.'.length)]: value } };
}

function show(v: unknown): string {
  if (Array.isArray(v) && v.length > 3) return `[${v.length} entries]`;
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 39)}…(${s.length} chars)` : s;
}

describe('validator limits at their edge', () => {
  for (const d of DIALECTS) {
    describe(d.name, () => {
      it('accepts the base request', () => assert.doesNotThrow(() => d.parse(d.base)));
      for (const l of d.limits) {
        it(`${l.field}: ${l.ok.map(show).join(', ')} pass; ${l.bad.map(show).join(', ')} are refused`, () => {
          for (const v of l.ok) assert.doesNotThrow(() => d.parse(withField(d.base, l.field, v)), `${l.field} = ${show(v)}`);
          for (const v of l.bad) {
            assert.throws(
              () => d.parse(withField(d.base, l.field, v)),
              (e: unknown) => e instanceof OblixError && e.status === 400 && e.param === (l.param ?? l.field),
              `${l.field} = ${show(v)}`,
            );
          }
        });
      }
    });
  }

  describe('a refused string is quoted whole up to 40 characters, cut with … past that', () => {
    const message = (parse: (b: unknown) => unknown, body: Json): string => {
      try {
        parse(body);
      } catch (e) {
        return (e as Error).message;
      }
      return assert.fail('accepted');
    };
    const at = 'x'.repeat(40);
    for (const [name, parse, body] of [
      ['OpenAI chat', validateChatRequest, (v: string) => ({ model: 'auto', messages: v })],
      ['the dialects (json.ts)', parseOllamaChat, (v: string) => ({ model: 'auto', messages: v })],
    ] as const) {
      it(name, () => {
        assert.ok(message(parse, body(at)).includes(`the string "${at}".`), message(parse, body(at)));
        assert.ok(message(parse, body(`${at}y`)).includes(`the string "${at}…".`), message(parse, body(`${at}y`)));
      });
    }
  });

  it('completions: no max_tokens is OpenAI’s documented default of 16', () => {
    assert.equal(DEFAULT_COMPLETION_MAX_TOKENS, 16);
    assert.equal(parseCompletions({ model: 'auto', prompt: 'x' }).request.maxTokens, 16);
    assert.equal(parseCompletions({ model: 'auto', prompt: 'x', max_tokens: 17 }).request.maxTokens, 17);
  });
});
