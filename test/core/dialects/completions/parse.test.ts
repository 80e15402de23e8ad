// /v1/completions as the parser reads it: each refusal with the parameter, code and words a client
// gets (400 in OpenAI's shape), the defaults no client states, and what is sent but not honoured.
import assert from 'node:assert/strict';
import { parseCompletions } from '../../../../src/core/dialects/completions/parse';
import type { OblixError } from '../../../../src/core/errors/oblix-error';

const refused = (body: unknown, param: string | null, code: string, words: RegExp): void => {
  assert.throws(
    () => parseCompletions(body),
    (e: OblixError) => {
      assert.equal(e.status, 400, JSON.stringify(body));
      assert.equal(e.param, param, JSON.stringify(body));
      assert.equal(e.code, code, JSON.stringify(body));
      assert.match(e.message, words);
      return true;
    },
  );
};

describe('completions: what the parser refuses', () => {
  it('a body that is not an object, and a missing or empty prompt', () => {
    refused([], null, 'invalid_type', /^The request body must be a JSON object\.$/);
    refused({ model: 'auto' }, 'prompt', 'missing_required_parameter', /^prompt: Field required$/);
    refused({ model: 'auto', prompt: null }, 'prompt', 'missing_required_parameter', /^prompt: Field required$/);
    refused({ model: 'auto', prompt: [] }, 'prompt', 'empty_array', /an empty array has nothing to complete/);
  });

  it('token arrays (any tokenizer is the chosen model’s), mixed arrays and more than 32 prompts', () => {
    for (const prompt of [
      [1, 2, 3],
      [[1, 2], [3]],
      [1, [2]],
    ])
      refused({ model: 'auto', prompt }, 'prompt', 'invalid_type', /token arrays are not supported/);
    refused({ model: 'auto', prompt: ['a', 1] }, 'prompt', 'invalid_type', /^prompt: must be a string or an array of 1 to 32 strings, got /);
    refused({ model: 'auto', prompt: Array(33).fill('a') }, 'prompt', 'invalid_type', /array of 1 to 32 strings/);
    assert.equal(parseCompletions({ model: 'auto', prompt: Array(32).fill('a') }).prompts.length, 32);
    refused({ model: 'auto', prompt: 7 }, 'prompt', 'invalid_type', /got /);
  });

  it('stream_options without a stream, or not an object with a boolean include_usage', () => {
    refused({ model: 'auto', prompt: 'x', stream_options: { include_usage: true } }, 'stream_options', 'invalid_value', /only allowed when 'stream' is enabled/);
    for (const so of [true, 'yes', { include_usage: 'yes' }, { include_usage: 1 }])
      refused({ model: 'auto', prompt: 'x', stream: true, stream_options: so }, 'stream_options', 'invalid_type', /must be an object with a boolean 'include_usage'/);
    assert.equal(parseCompletions({ model: 'auto', prompt: 'x', stream: true, stream_options: {} }).request.includeUsage, false);
    assert.equal(parseCompletions({ model: 'auto', prompt: 'x', stream: true, stream_options: { include_usage: true } }).request.includeUsage, true);
    assert.equal(parseCompletions({ model: 'auto', prompt: 'x', stream: true, stream_options: { include_usage: false } }).request.includeUsage, false);
  });

  it('stop as anything but a string or up to 4 strings, and n above 16', () => {
    for (const stop of [1, ['a', 2], ['a', 'b', 'c', 'd', 'e'], { a: 1 }])
      refused({ model: 'auto', prompt: 'x', stop }, 'stop', 'invalid_type', /^stop: must be a string or an array of up to 4 strings\.$/);
    assert.deepEqual(parseCompletions({ model: 'auto', prompt: 'x', stop: ['a', 'b', 'c', 'd'] }).request.stop, ['a', 'b', 'c', 'd']);
    assert.deepEqual(parseCompletions({ model: 'auto', prompt: 'x', stop: '\n' }).request.stop, ['\n']);
    assert.equal(parseCompletions({ model: 'auto', prompt: 'x', stop: [] }).request.stop, null);
    assert.equal(parseCompletions({ model: 'auto', prompt: 'x', stop: null }).request.stop, null);
    refused({ model: 'auto', prompt: 'x', n: 17 }, 'n', 'invalid_value', /^n: 17 is more than the maximum of 16\.$/);
    assert.equal(parseCompletions({ model: 'auto', prompt: 'x', n: 16 }).request.n, 16);
  });
});

describe('completions: what the parser gives routing', () => {
  it("OpenAI's defaults: temperature 1, top_p 1, n 1, max_tokens 16 (as max_tokens), no usage chunk, no stop", () => {
    const { request, prompts, echo, ignored } = parseCompletions({ model: 'auto', prompt: 'def f(' });
    assert.deepEqual(
      [request.temperature, request.top_p, request.n, request.maxTokens, request.maxTokensParam, request.includeUsage, request.stop, request.stream, echo],
      [1, 1, 1, 16, 'max_tokens', false, null, false, false],
    );
    assert.deepEqual(prompts, ['def f(']);
    assert.deepEqual(ignored, []);
    assert.deepEqual(request.messages, []);
    assert.deepEqual([...request.explicit].sort(), ['model', 'prompt']);
  });

  it('a suffix makes it fill-in-the-middle; none, or an empty one, continues the prompt as is (raw)', () => {
    assert.deepEqual(parseCompletions({ model: 'auto', prompt: 'a', suffix: 'b' }).request.prompt, { text: 'a', suffix: 'b', raw: false });
    assert.deepEqual(parseCompletions({ model: 'auto', prompt: 'a', suffix: '' }).request.prompt, { text: 'a', suffix: null, raw: true });
    assert.deepEqual(parseCompletions({ model: 'auto', prompt: 'a' }).request.prompt, { text: 'a', suffix: null, raw: true });
    assert.equal(parseCompletions({ model: 'auto', prompt: ['first', 'second'] }).request.prompt?.text, 'first');
  });

  it('names what was sent but is not honoured: the known-but-ignored ones, then unknown ones', () => {
    const { ignored } = parseCompletions({ model: 'auto', prompt: 'x', user: 'u', logprobs: 2, best_of: 1, whatever: true, temperature: 0.5, logit_bias: null });
    assert.deepEqual(ignored, ['logprobs', 'best_of', 'user', 'whatever']);
  });
});
