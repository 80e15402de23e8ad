// The tool-repair step over the corpus of raw model answers, streamed whole, by words and by
// characters: calls written as text come out as tool calls, calls written wrong fail over, answers
// that only show JSON stay text, byte for byte; plain text is not held back.
import assert from 'node:assert/strict';
import { argumentProblem, compiledSchemas } from '../../../src/core/tool-repair/argument-check';
import { callStart } from '../../../src/core/tool-repair/call-start';
import { INVALID_CALL_PREFIX, REPAIRED_CALL_PREFIX } from '../../../src/core/tool-repair/call-ids';
import { readToolText } from '../../../src/core/tool-repair/text-forms';
import { asExpected, pieces, runRepair } from '../../fixtures/run-repair';
import { CORPUS, type CorpusEntry } from '../../fixtures/tool-text-corpus';

describe('tool repair: the corpus', () => {
  for (const entry of CORPUS) {
    for (const how of ['whole', 'words', 'chars'] as const) {
      it(`${entry.id} (${how}): ${typeof entry.expect === 'string' ? entry.expect : 'tool calls'}`, async () => {
        const o = await runRepair(entry, how);
        assert.ok(asExpected(entry, o), JSON.stringify(o));
      });
    }
  }
});

describe('tool repair: streaming', () => {
  it('a plain answer goes out piece by piece, none held', async () => {
    const entry = CORPUS.find((e) => e.id === 'prose')!;
    const o = await runRepair(entry, 'words');
    assert.equal(o.batches, pieces(entry.text, 'words').length + 1); // each word, then the finish
  });

  it('holds back only what could start a call: a line starting with "<tool" until it turns out to be text', () => {
    assert.deepEqual(callStart('Sure.\n<too', false, false), { kind: 'maybe', at: 6 });
    assert.deepEqual(callStart('Sure.\n<tool_call>', false, false), { kind: 'call', at: 6 });
    assert.deepEqual(callStart('Sure.\n<tool>', false, false), { kind: 'text' });
    assert.deepEqual(callStart('a <tool_call> inline', true, false), { kind: 'text' });
    assert.deepEqual(callStart('{"na', true, true), { kind: 'maybe', at: 0 });
    assert.deepEqual(callStart('{"city"', true, true), { kind: 'text' });
    assert.deepEqual(callStart('{"name": "x"', true, false), { kind: 'text' }); // not the answer's start
    assert.deepEqual(callStart('```py', true, true), { kind: 'text' });
  });

  it('a repaired call carries an id that says it was repaired', async () => {
    const o = await runRepair(
      CORPUS.find((e) => e.id === 'hermes')!,
      'words',
    );
    assert.ok(o.calls[0]!.id.startsWith(REPAIRED_CALL_PREFIX), o.calls[0]!.id);
    assert.match(o.notes.join(), /tool-repair: 1 hermes tool call/);
  });

  it('once text reached the client, a call with bad arguments is passed on as made, and the problem noted', async () => {
    const entry: CorpusEntry = { id: 'late-bad', text: 'Writing it.\n<tool_call>\n{"name": "write_file", "arguments": {"path": "a.txt"}}\n</tool_call>', expect: 'invalid' };
    const o = await runRepair(entry, 'words');
    assert.equal(o.failedOver, null);
    assert.equal(o.text, 'Writing it.\n');
    assert.equal(o.calls.length, 1);
    assert.ok(o.calls[0]!.id.startsWith(INVALID_CALL_PREFIX));
    assert.deepEqual(JSON.parse(o.calls[0]!.arguments), { path: 'a.txt' });
    assert.match(o.notes.join(), /invalid-tool-call: .*content/);
  });

  it('with no other candidate, a bad call is passed on as made instead of failing', async () => {
    const o = await runRepair(
      CORPUS.find((e) => e.id === 'hermes-bad-arguments')!,
      'words',
      false,
    );
    assert.equal(o.failedOver, null);
    assert.equal(o.calls[0]?.name, 'write_file');
  });

  it('a call written wrong with nothing to pass on as a call stays text when it cannot fail over', async () => {
    const entry = CORPUS.find((e) => e.id === 'hermes-not-json')!;
    const o = await runRepair(entry, 'chars', false);
    assert.equal(o.text, entry.text);
    assert.equal(o.calls.length, 0);
  });
});

describe('tool repair: forms', () => {
  const declared = new Set(['get_weather']);
  it('keeps the prose before a tagged call', () => {
    const r = readToolText('Let me look.\n[TOOL_CALLS] [{"name": "get_weather", "arguments": {"city": "Oslo"}}]', declared);
    assert.deepEqual(r, { kind: 'calls', form: 'mistral', before: 'Let me look.', calls: [{ name: 'get_weather', arguments: '{"city":"Oslo"}' }] });
  });
  it('a bare object naming no declared tool is an answer', () => {
    assert.equal(readToolText('{"name": "get_time", "arguments": {}}', declared), null);
  });
});

describe('tool repair: arguments against the schema (Ajv)', () => {
  const schema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] };
  it('names what is wrong', () => {
    assert.equal(argumentProblem('{"n": 1}', schema), null);
    assert.match(argumentProblem('{"n": "one"}', schema) ?? '', /\/n must be integer/);
    assert.match(argumentProblem('{}', schema) ?? '', /must have required property 'n'/);
    assert.match(argumentProblem('{n: 1}', schema) ?? '', /not JSON/);
    assert.match(argumentProblem('[1]', schema) ?? '', /not a JSON object/);
  });
  it('compiles each schema once, however many requests bring it', () => {
    const fresh = (): unknown => JSON.parse(JSON.stringify({ ...schema, description: 'once' }));
    argumentProblem('{"n": 1}', fresh());
    const after = compiledSchemas();
    for (let i = 0; i < 5; i++) argumentProblem('{"n": 2}', fresh());
    assert.equal(compiledSchemas(), after);
  });
  it('a schema Ajv cannot compile does not block the call', () => {
    assert.equal(argumentProblem('{"a": 1}', { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { a: { $ref: '#/nowhere' } } }), null);
  });
});
