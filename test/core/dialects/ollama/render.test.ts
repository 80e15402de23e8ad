// The NDJSON lines an Ollama-API client reads (and the one object of `stream: false`), from the provider
// events of a translated answer and of one Ollama itself sent (passthrough): parts, held tool calls,
// the `done` line with its reason and counts, for /api/chat and /api/generate.
import assert from 'node:assert/strict';
import { OllamaRenderer, type OllamaShape } from '../../../../src/core/dialects/ollama/render';
import type { ProviderEvent } from '../../../../src/core/providers/provider';

type Line = Record<string, unknown>;
const USAGE: ProviderEvent = { type: 'usage', usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } };

function render(shape: OllamaShape, batches: ProviderEvent[][]): { lines: Line[]; whole: Line } {
  const r = new OllamaRenderer(shape, 'shown');
  const lines: Line[] = [];
  for (const b of batches) r.next(b, lines);
  const whole = r.whole();
  r.end(lines);
  return { lines, whole };
}
/** A line without its clock fields, which change from run to run. */
const fixed = (l: Line): Line => {
  const { created_at, total_duration, eval_duration, ...rest } = l;
  assert.equal(typeof created_at, 'string');
  assert.ok(!Number.isNaN(Date.parse(created_at as string)));
  if ('done_reason' in l) {
    assert.equal(typeof total_duration, 'number');
    assert.ok((total_duration as number) > 0);
    assert.equal(eval_duration, total_duration);
  }
  return rest;
};

describe('ollama: the lines and the answer a client gets', () => {
  it('chat: one line per batch with text, then done with the reason and the token counts', () => {
    const { lines, whole } = render('chat', [
      [
        { type: 'delta', index: 0, content: 'Hel' },
        { type: 'delta', index: 0, content: 'lo' },
      ],
      [{ type: 'delta', index: 0, content: '' }],
      [{ type: 'finish', index: 0, reason: 'stop' }, USAGE],
    ]);
    const done = { done: true, done_reason: 'stop', load_duration: 0, prompt_eval_count: 3, prompt_eval_duration: 0, eval_count: 2 };
    assert.deepEqual(lines.map(fixed), [
      { model: 'shown', message: { role: 'assistant', content: 'Hello' }, done: false },
      { model: 'shown', message: { role: 'assistant', content: '' }, ...done },
    ]);
    assert.deepEqual(fixed(whole), { model: 'shown', message: { role: 'assistant', content: 'Hello' }, ...done });
  });

  it('generate: `response` parts, and a done line with an empty context', () => {
    const { lines, whole } = render('generate', [[{ type: 'delta', index: 0, content: 'def' }], [{ type: 'finish', index: 0, reason: 'length' }]]);
    const done = { done: true, done_reason: 'length', context: [], load_duration: 0, prompt_eval_count: 0, prompt_eval_duration: 0, eval_count: 0 };
    assert.deepEqual(lines.map(fixed), [
      { model: 'shown', response: 'def', done: false },
      { model: 'shown', response: '', ...done },
    ]);
    assert.deepEqual(fixed(whole), { model: 'shown', response: 'def', ...done });
  });

  it('an answer that never told its finish reason is done with stop; its durations are the time it took', () => {
    const t0 = process.hrtime.bigint();
    const r = new OllamaRenderer('chat', 'shown');
    const lines: Line[] = [];
    r.next([{ type: 'delta', index: 0, content: 'x' }], lines);
    r.end(lines);
    const took = Number(process.hrtime.bigint() - t0);
    const done = lines.at(-1)!;
    assert.equal(done.done_reason, 'stop');
    assert.ok((done.total_duration as number) > 0 && (done.total_duration as number) <= took, `${String(done.total_duration)} of ${took}`);
  });

  it('any other finish reason is stop; other answers than the first are not shown', () => {
    const { lines } = render('chat', [
      [
        { type: 'delta', index: 1, content: 'other' },
        { type: 'finish', index: 1, reason: 'length' },
        { type: 'finish', index: 0, reason: 'tool_calls' },
      ],
    ]);
    assert.equal(JSON.stringify(lines).includes('other'), false);
    assert.equal(lines.at(-1)!.done_reason, 'stop');
  });

  it('tool calls are held and sent whole before done, their arguments as objects', () => {
    const { lines, whole } = render('chat', [
      [{ type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'c1', function: { name: 'get_', arguments: '{"city":' } }] }],
      [
        { type: 'delta', index: 0, toolCalls: [{ index: 0, function: { name: 'weather', arguments: '"Paris"}' } }] },
        { type: 'delta', index: 0, toolCalls: [{ index: 1, function: { name: 'now' } }] },
        { type: 'delta', index: 0, toolCalls: [{ index: 2, function: { name: 'raw', arguments: 'not json' } }] },
        { type: 'delta', index: 0, toolCalls: [{ index: 3 }] },
      ],
    ]);
    const calls = [
      { function: { name: 'get_weather', arguments: { city: 'Paris' } } },
      { function: { name: 'now', arguments: {} } },
      { function: { name: 'raw', arguments: { input: 'not json' } } },
      { function: { name: '', arguments: {} } },
    ];
    assert.equal(lines.length, 2);
    assert.deepEqual(fixed(lines[0]!), { model: 'shown', message: { role: 'assistant', content: '', tool_calls: calls }, done: false });
    assert.deepEqual(whole.message, { role: 'assistant', content: '', tool_calls: calls });
    const gen = render('generate', [[{ type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: '{}' } }] }]]);
    assert.equal(gen.lines.length, 1);
    assert.equal(gen.whole.tool_calls, undefined);
  });

  it("passthrough: Ollama's own lines go out with the model renamed, and fold into the whole answer", () => {
    const r = new OllamaRenderer('chat', 'shown');
    const lines: Line[] = [];
    const native = (line: Line): ProviderEvent => ({ type: 'delta', index: 0, native: { type: 'ndjson', ...line } });
    r.next(
      [
        native({ model: 'llama3.2', message: { role: 'assistant', content: '', thinking: 'hm' }, done: false }),
        native({ model: 'llama3.2', message: { role: 'assistant', content: 'Hi', tool_calls: [{ function: { name: 'f', arguments: {} } }] }, done: false }),
        { type: 'delta', index: 0, content: 'translated' },
        USAGE,
      ],
      lines,
    );
    r.next([native({ model: 'llama3.2', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', eval_count: 9 })], lines);
    assert.deepEqual(lines, [
      { model: 'shown', message: { role: 'assistant', content: '', thinking: 'hm' }, done: false },
      { model: 'shown', message: { role: 'assistant', content: 'Hi', tool_calls: [{ function: { name: 'f', arguments: {} } }] }, done: false },
      { model: 'shown', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', eval_count: 9 },
    ]);
    assert.deepEqual(r.whole(), {
      model: 'shown',
      message: { role: 'assistant', content: 'Hi', thinking: 'hm', tool_calls: [{ function: { name: 'f', arguments: {} } }] },
      done: true,
      done_reason: 'stop',
      eval_count: 9,
    });
    const end: Line[] = [];
    r.end(end);
    assert.deepEqual(end, []);
  });

  it('passthrough of /api/generate: response and thinking fold into the whole answer', () => {
    const r = new OllamaRenderer('generate', 'shown');
    const lines: Line[] = [];
    r.next(
      [
        { type: 'delta', index: 0, native: { type: 'ndjson', model: 'm', response: 'de', thinking: 't', done: false } },
        { type: 'delta', index: 0, native: { type: 'ndjson', model: 'm', response: 'f', done: false } },
        { type: 'delta', index: 0, native: { type: 'ndjson', model: 'm', done: true, context: [1] } },
      ],
      lines,
    );
    assert.deepEqual(r.whole(), { model: 'shown', response: 'def', thinking: 't', done: true, context: [1] });
    const plain = new OllamaRenderer('generate', 'shown');
    plain.next([{ type: 'delta', index: 0, native: { type: 'ndjson', model: 'm', response: 'x', done: true } }], []);
    assert.deepEqual(plain.whole(), { model: 'shown', response: 'x', done: true });
  });
});
