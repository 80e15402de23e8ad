// POST /v1/embeddings as the parser reads it: each refusal with the param, code and words a client
// gets, every input shape OpenAI takes (text, texts, a token array, token arrays) at its limits, the
// encoding format and what is named as ignored.
import assert from 'node:assert/strict';
import { parseEmbeddings } from '../../../../src/core/dialects/embeddings/parse';
import type { OblixError } from '../../../../src/core/errors/oblix-error';

type Body = Record<string, unknown>;
const base = (extra: Body = {}): Body => ({ model: 'auto', input: 'Hi', ...extra });

function refused(body: unknown, param: string | null, code: string, words: RegExp | string): void {
  assert.throws(
    () => parseEmbeddings(body),
    (e: OblixError) => {
      assert.deepEqual({ status: e.status, param: e.param, code: e.code }, { status: 400, param, code }, JSON.stringify(body).slice(0, 200));
      if (typeof words === 'string') assert.equal(e.message, words);
      else assert.match(e.message, words);
      return true;
    },
  );
}

describe('embeddings: the parser', () => {
  it('a text in floats by default, no dimensions, nothing ignored', () => {
    assert.deepEqual(parseEmbeddings(base()), { request: { model: 'auto', input: ['Hi'], dimensions: null }, base64: false, ignored: [] });
  });

  it('base64 or float as asked; dimensions of at least 1; user and other fields named as ignored', () => {
    const p = parseEmbeddings(base({ encoding_format: 'base64', dimensions: 1, user: 'u', extra: null }));
    assert.deepEqual(p, { request: { model: 'auto', input: ['Hi'], dimensions: 1 }, base64: true, ignored: ['user'] });
    assert.equal(parseEmbeddings(base({ encoding_format: 'float' })).base64, false);
    refused(base({ encoding_format: 'int8' }), 'encoding_format', 'invalid_value', "encoding_format: must be 'float' or 'base64', got the string \"int8\".");
    refused(base({ dimensions: 0 }), 'dimensions', 'invalid_value', 'dimensions: 0 is less than the minimum of 1.');
  });

  it('texts, a token array and token arrays, as sent', () => {
    assert.deepEqual(parseEmbeddings(base({ input: ['a', 'b'] })).request.input, ['a', 'b']);
    assert.deepEqual(parseEmbeddings(base({ input: [0, 1, 2] })).request.input, [[0, 1, 2]]);
    assert.deepEqual(parseEmbeddings(base({ input: [[1], [2, 3]] })).request.input, [[1], [2, 3]]);
  });

  it('up to 2048 entries; one more, none, or an empty text is refused', () => {
    assert.equal(parseEmbeddings(base({ input: Array(2048).fill('a') })).request.input.length, 2048);
    refused(base({ input: Array(2049).fill('a') }), 'input', 'invalid_value', 'input: must hold 1 to 2048 entries.');
    refused(base({ input: Array(2049).fill([1]) }), 'input', 'invalid_value', /1 to 2048/);
    refused(base({ input: [] }), 'input', 'empty_array', 'input: must hold at least one entry to embed.');
    refused(base({ input: '' }), 'input', 'invalid_value', 'input: an empty string cannot be embedded.');
    refused(base({ input: ['a', ''] }), 'input', 'invalid_value', /empty string/);
  });

  it('refuses a missing input, other types, mixes and tokens that are not non-negative integers', () => {
    refused({ model: 'auto' }, 'input', 'missing_required_parameter', 'input: Field required');
    refused(base({ input: null }), 'input', 'missing_required_parameter', 'input: Field required');
    refused(base({ input: 5 }), 'input', 'invalid_type', 'input: must be a string, an array of strings or token arrays, got number 5.');
    refused(base({ input: { a: 1 } }), 'input', 'invalid_type', /got an object\.$/);
    const mix = 'input: must be a string, an array of strings or an array of token arrays (non-negative integers), not a mix.';
    for (const input of [['a', [1]], [[1], 'a'], [-1], [1.5], [[1, -1]], [[]], [[1], []], [null]]) refused(base({ input }), 'input', 'invalid_type', mix);
  });

  it('refuses a body that is not an object, and a missing model', () => {
    refused([], null, 'invalid_type', 'The request body must be a JSON object.');
    refused({ input: 'x' }, 'model', 'missing_required_parameter', 'model: Field required');
  });
});
