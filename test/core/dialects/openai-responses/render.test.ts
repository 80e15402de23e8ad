// The Responses stream a client reads, event by event, from the provider events of a translated answer
// (and of a passed-through one): output items and their deltas, sequence numbers, the final response
// object (the JSON answer too), incomplete and failed answers.
import assert from 'node:assert/strict';
import { customInput, ResponsesRenderer, type ResponsesEvent } from '../../../../src/core/dialects/openai-responses/render';
import type { ProviderEvent } from '../../../../src/core/providers/provider';

type Json = Record<string, unknown>;
const ECHO = { tool_choice: 'auto', store: false };

function renderer(custom: string[] = []): ResponsesRenderer {
  return new ResponsesRenderer('shown', new Set(custom), ECHO);
}
function run(events: ProviderEvent[], custom: string[] = [], finish: 'end' | 'fail' | 'none' = 'end'): { out: ResponsesEvent[]; r: ResponsesRenderer } {
  const r = renderer(custom);
  const out: ResponsesEvent[] = [];
  for (const ev of events) r.next(ev, out);
  if (finish === 'end') r.end(out);
  if (finish === 'fail') r.fail('the model crashed', out);
  return { out, r };
}
const types = (out: ResponsesEvent[]): string[] => out.map((e) => e.type);
const last = (out: ResponsesEvent[]): Json => out[out.length - 1]!.response as Json;

describe('openai-responses: the stream and the response a client gets', () => {
  it('text: created, in_progress, one message item with its deltas, completed with usage; sequence numbers count up from 0', () => {
    const { out, r } = run([
      { type: 'delta', index: 0, content: 'Hel' },
      { type: 'delta', index: 0, content: 'lo' },
      { type: 'finish', index: 0, reason: 'stop' },
      { type: 'usage', usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
    ]);
    assert.deepEqual(types(out), [
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    assert.deepEqual(
      out.map((e) => e.sequence_number),
      out.map((_, i) => i),
    );
    const created = out[0]!.response as Json;
    assert.deepEqual(
      [created.id, created.object, created.status, created.model, created.output, created.usage, created.error],
      [r.id, 'response', 'in_progress', 'shown', [], null, null],
    );
    assert.match(r.id, /^resp_[0-9a-f]{24}$/);
    assert.equal(typeof created.created_at, 'number');
    assert.ok(Math.abs((created.created_at as number) - Date.now() / 1000) < 60);
    const item = out[2]!.item as Json;
    assert.match(item.id as string, /^msg_[0-9a-f]{24}$/);
    assert.deepEqual(out[2], {
      type: 'response.output_item.added',
      sequence_number: 2,
      output_index: 0,
      item: { id: item.id, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
    });
    assert.deepEqual(out[3], {
      type: 'response.content_part.added',
      sequence_number: 3,
      item_id: item.id,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
    });
    assert.deepEqual(out[4], { type: 'response.output_text.delta', sequence_number: 4, item_id: item.id, output_index: 0, content_index: 0, delta: 'Hel', logprobs: [] });
    const part = { type: 'output_text', text: 'Hello', annotations: [], logprobs: [] };
    assert.deepEqual(out[6], { type: 'response.output_text.done', sequence_number: 6, item_id: item.id, output_index: 0, content_index: 0, text: 'Hello', logprobs: [] });
    assert.deepEqual(out[7], { type: 'response.content_part.done', sequence_number: 7, item_id: item.id, output_index: 0, content_index: 0, part });
    const done = { id: item.id, type: 'message', status: 'completed', role: 'assistant', content: [part] };
    assert.deepEqual(out[8], { type: 'response.output_item.done', sequence_number: 8, output_index: 0, item: done });
    const response = last(out);
    assert.deepEqual(response, {
      id: r.id,
      object: 'response',
      created_at: created.created_at,
      status: 'completed',
      error: null,
      incomplete_details: null,
      model: 'shown',
      output: [done],
      previous_response_id: null,
      truncation: 'disabled',
      ...ECHO,
      usage: { input_tokens: 3, input_tokens_details: { cached_tokens: 0 }, output_tokens: 2, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 5 },
    });
  });

  it('an answer with no event at all is an empty completed response without usage', () => {
    const { out } = run([]);
    assert.deepEqual(types(out), ['response.created', 'response.in_progress', 'response.completed']);
    assert.deepEqual([last(out).output, last(out).usage, last(out).status], [[], null, 'completed']);
  });

  it('cut at the token limit or by the content filter: response.incomplete with the reason', () => {
    for (const [reason, why] of [
      ['length', 'max_output_tokens'],
      ['content_filter', 'content_filter'],
    ] as const) {
      const { out } = run([
        { type: 'delta', index: 0, content: 'one two' },
        { type: 'finish', index: 0, reason },
        { type: 'finish', index: 0, reason: 'stop' },
      ]);
      assert.equal(out.at(-1)!.type, 'response.incomplete');
      assert.deepEqual([last(out).status, last(out).incomplete_details], ['incomplete', { reason: why }]);
    }
  });

  it('a refusal is text; other answers than the first are not shown; an empty delta adds nothing', () => {
    const { out } = run([
      { type: 'delta', index: 0, content: '' },
      { type: 'delta', index: 1, content: 'other' },
      { type: 'finish', index: 1, reason: 'length' },
      { type: 'delta', index: 0, refusal: 'No.' },
    ]);
    assert.equal(JSON.stringify(out).includes('other'), false);
    assert.deepEqual(last(out).status, 'completed');
    assert.deepEqual(
      (last(out).output as Json[]).map((o) => o.content),
      [[{ type: 'output_text', text: 'No.', annotations: [], logprobs: [] }]],
    );
  });

  it('function calls: one function_call item each, the arguments as deltas and whole when done', () => {
    const { out } = run([
      { type: 'delta', index: 0, content: 'Let me look.' },
      { type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'call_a', function: { name: 'get_weather', arguments: '{"city":' } }] },
      { type: 'delta', index: 0, toolCalls: [{ index: 0, function: { arguments: '"Paris"}' } }] },
      { type: 'delta', index: 0, toolCalls: [{ index: 1, function: { name: 'get_time' } }] },
      { type: 'delta', index: 0, toolCalls: [{ index: 1, function: {} }] },
      { type: 'finish', index: 0, reason: 'tool_calls' },
    ]);
    assert.deepEqual(types(out).slice(8), [
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const fc = out[8]!.item as Json;
    assert.match(fc.id as string, /^fc_[0-9a-f]{24}$/);
    assert.deepEqual(out[8]!.item, { id: fc.id, type: 'function_call', status: 'in_progress', call_id: 'call_a', name: 'get_weather', arguments: '' });
    assert.deepEqual(out[9], { type: 'response.function_call_arguments.delta', sequence_number: 9, item_id: fc.id, output_index: 1, delta: '{"city":' });
    assert.deepEqual(out[11], {
      type: 'response.function_call_arguments.done',
      sequence_number: 11,
      item_id: fc.id,
      output_index: 1,
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    });
    const output = last(out).output as Json[];
    assert.deepEqual(output[1], { id: fc.id, type: 'function_call', status: 'completed', call_id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' });
    assert.deepEqual({ ...output[2], id: '', call_id: '' }, { id: '', type: 'function_call', status: 'completed', call_id: '', name: 'get_time', arguments: '' });
    assert.match(output[2]!.call_id as string, /^call_[0-9a-f]{24}$/);
    assert.equal(output.length, 3);
  });

  it('a custom tool call: its input told whole when the call closes, unwrapped from {input}', () => {
    const { out } = run(
      [
        { type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'c1', function: { name: 'apply_patch', arguments: '{"input":"*** Begin' } }] },
        { type: 'delta', index: 0, toolCalls: [{ index: 0, function: { arguments: ' Patch"}' } }] },
      ],
      ['apply_patch'],
    );
    assert.deepEqual(types(out).slice(2), [
      'response.output_item.added',
      'response.custom_tool_call_input.delta',
      'response.custom_tool_call_input.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const id = (out[2]!.item as Json).id as string;
    assert.match(id, /^ctc_[0-9a-f]{24}$/);
    assert.deepEqual(out[2]!.item, { id, type: 'custom_tool_call', status: 'in_progress', call_id: 'c1', name: 'apply_patch', input: '' });
    assert.deepEqual(out[3], { type: 'response.custom_tool_call_input.delta', sequence_number: 3, item_id: id, output_index: 0, delta: '*** Begin Patch' });
    assert.deepEqual(out[4], { type: 'response.custom_tool_call_input.done', sequence_number: 4, item_id: id, output_index: 0, input: '*** Begin Patch' });
    assert.deepEqual(out[5]!.item, { id, type: 'custom_tool_call', status: 'completed', call_id: 'c1', name: 'apply_patch', input: '*** Begin Patch' });
  });

  it('text after a call opens a new message; a nameless fragment of a closed call is dropped', () => {
    const { out } = run([
      { type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: '{}' } }] },
      { type: 'delta', index: 0, content: 'x' },
      { type: 'delta', index: 0, toolCalls: [{ index: 0, function: { arguments: '{"late":1}' } }] },
      { type: 'delta', index: 0, content: 'y' },
    ]);
    const output = last(out).output as Json[];
    assert.deepEqual(
      output.map((o) => o.type),
      ['function_call', 'message'],
    );
    assert.equal(output[0]!.arguments, '{}');
    assert.deepEqual((output[1]!.content as Json[])[0]!.text, 'xy');
  });

  it('a failure after the answer began: response.failed with what was sent, the open item incomplete', () => {
    const text = run([{ type: 'delta', index: 0, content: 'Hel' }], [], 'fail').out;
    assert.equal(text.at(-1)!.type, 'response.failed');
    const failed = last(text);
    assert.deepEqual([failed.status, failed.error, failed.usage], ['failed', { code: 'server_error', message: 'the model crashed' }, null]);
    assert.deepEqual(
      { ...(failed.output as Json[])[0], id: '' },
      {
        id: '',
        type: 'message',
        status: 'incomplete',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Hel', annotations: [], logprobs: [] }],
      },
    );

    const calls = run(
      [
        { type: 'delta', index: 0, content: 'Done: ' },
        { type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: '{"a":' } }] },
      ],
      [],
      'fail',
    ).out;
    const output = last(calls).output as Json[];
    assert.deepEqual(
      output.map((o) => o.status),
      ['completed', 'incomplete'],
    );
    assert.deepEqual({ ...output[1], id: '' }, { id: '', type: 'function_call', status: 'incomplete', call_id: 'c1', name: 'f', arguments: '{"a":' });

    const custom = run(
      [{ type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'c2', function: { name: 'apply_patch', arguments: '{"input":"x"}' } }] }],
      ['apply_patch'],
      'fail',
    ).out;
    assert.deepEqual({ ...(last(custom).output as Json[])[0], id: '' }, { id: '', type: 'custom_tool_call', status: 'incomplete', call_id: 'c2', name: 'apply_patch', input: 'x' });

    const before = run([], [], 'fail').out;
    assert.deepEqual(types(before), ['response.created', 'response.in_progress', 'response.failed']);
  });

  it('passthrough: the upstream events go on as they came, the model in their response renamed; a failure keeps what was sent', () => {
    const upstream: Json[] = [
      { type: 'response.created', sequence_number: 0, response: { id: 'resp_up', model: 'gpt-x', status: 'in_progress', output: [] } },
      { type: 'response.output_item.added', sequence_number: 1, output_index: 0, item: { id: 'msg_up', type: 'message', status: 'in_progress', content: [] } },
      { type: 'response.output_text.delta', sequence_number: 2, output_index: 0, content_index: 0, item_id: 'msg_up', delta: 'Hi' },
      { type: 'response.refusal.delta', sequence_number: 3, output_index: 0, content_index: 1, item_id: 'msg_up', delta: 'no' },
      { type: 'response.output_item.added', sequence_number: 4, output_index: 1, item: { id: 'fc_up', type: 'function_call', status: 'in_progress', arguments: '' } },
      { type: 'response.function_call_arguments.delta', sequence_number: 5, output_index: 1, delta: '{"a"' },
      { type: 'response.output_item.added', sequence_number: 6, output_index: 2, item: { id: 'ctc_up', type: 'custom_tool_call', status: 'completed', input: 'p' } },
      { type: 'response.custom_tool_call_input.delta', sequence_number: 7, output_index: 2, delta: 'q' },
      { type: 'response.output_text.delta', sequence_number: 8, output_index: 5, delta: 'lost' },
    ];
    const r = renderer();
    const out: ResponsesEvent[] = [];
    for (const native of upstream) r.next({ type: 'delta', index: 0, native: native as ResponsesEvent }, out);
    r.next({ type: 'delta', index: 0, content: 'translated' }, out);
    r.next({ type: 'finish', index: 0, reason: 'stop' }, out);
    assert.deepEqual(out, [{ ...upstream[0], response: { id: 'resp_up', model: 'shown', status: 'in_progress', output: [] } }, ...upstream.slice(1)]);
    const ended: ResponsesEvent[] = [];
    r.end(ended);
    assert.deepEqual(ended, []);
    const failed: ResponsesEvent[] = [];
    r.fail('cut', failed);
    assert.deepEqual(failed, [
      {
        type: 'response.failed',
        sequence_number: 9,
        response: {
          id: 'resp_up',
          model: 'shown',
          status: 'failed',
          error: { code: 'server_error', message: 'cut' },
          usage: null,
          output: [
            {
              id: 'msg_up',
              type: 'message',
              status: 'incomplete',
              content: [
                { type: 'output_text', text: 'Hi', annotations: [] },
                { type: 'refusal', refusal: 'no' },
              ],
            },
            { id: 'fc_up', type: 'function_call', status: 'incomplete', arguments: '{"a"' },
            { id: 'ctc_up', type: 'custom_tool_call', status: 'completed', input: 'pq' },
          ],
        },
      },
    ]);
  });

  it('passthrough failure: items done are kept as done, deltas add up whatever they lack, unknown or empty events change nothing', () => {
    const upstream: Json[] = [
      { type: 'response.created', sequence_number: 0, response: { id: 'resp_up', status: 'in_progress', output: [] } },
      { type: 'response.output_item.added', sequence_number: 1, output_index: 0, item: { id: 'm', type: 'message', status: 'in_progress', content: [{ type: 'output_text' }] } },
      { type: 'response.output_text.delta', sequence_number: 2, output_index: 0, delta: 'a' },
      { type: 'response.output_text.delta', sequence_number: 3, output_index: 0, delta: 'b' },
      { type: 'response.output_text.delta', output_index: 0, content_index: 0 },
      { type: 'response.output_item.added', sequence_number: 4, output_index: 1, item: { id: 'f', type: 'function_call', status: 'in_progress' } },
      { type: 'response.function_call_arguments.delta', sequence_number: 5, output_index: 1, delta: '{"x"' },
      { type: 'response.function_call_arguments.delta', sequence_number: 6, output_index: 1, delta: ':1}' },
      { type: 'response.reasoning_summary_text.delta', sequence_number: 7, output_index: 1, delta: 'thinking' },
      { type: 'response.output_item.done', sequence_number: 8, output_index: 1, item: { id: 'f', type: 'function_call', status: 'completed', arguments: '{"x":1}' } },
      { type: 'response.output_item.added', sequence_number: 9, output_index: 3, item: { id: 'c', type: 'custom_tool_call', status: 'in_progress' } },
      { type: 'response.custom_tool_call_input.delta', sequence_number: 10, output_index: 3, delta: 'p' },
      { type: 'response.custom_tool_call_input.delta', sequence_number: 11, output_index: 3, delta: 'q' },
      { type: 'response.in_progress', response: null },
    ];
    const r = renderer();
    const out: ResponsesEvent[] = [];
    for (const native of upstream) r.next({ type: 'delta', index: 0, native: native as ResponsesEvent }, out);
    assert.deepEqual(out.at(-1), { type: 'response.in_progress', response: null });
    const failed: ResponsesEvent[] = [];
    r.fail('cut', failed);
    assert.equal(failed[0]!.sequence_number, 12);
    assert.deepEqual((failed[0]!.response as Json).output, [
      { id: 'm', type: 'message', status: 'incomplete', content: [{ type: 'output_text', text: 'ab' }] },
      { id: 'f', type: 'function_call', status: 'completed', arguments: '{"x":1}' },
      { id: 'c', type: 'custom_tool_call', status: 'incomplete', input: 'pq' },
    ]);
  });

  it('a call fragment without a function opens a call named by nothing; one without an id or a name is dropped', () => {
    const { out } = run([
      { type: 'delta', index: 0, toolCalls: [{ index: 4, id: 'c4' }] },
      { type: 'delta', index: 0, toolCalls: [{ index: 4 }] },
      { type: 'delta', index: 0, toolCalls: [{ index: 5 }] },
    ]);
    assert.deepEqual(
      (last(out).output as Json[]).map((o) => [o.type, o.call_id, o.name, o.arguments]),
      [['function_call', 'c4', '', '']],
    );
    assert.equal((out[1]!.response as Json).status, 'in_progress');
  });

  it("customInput: a custom tool's input from its {input} arguments, or the text as it came", () => {
    assert.equal(customInput('{"input":"x"}'), 'x');
    assert.equal(customInput('{"input":5}'), '{"input":5}');
    assert.equal(customInput('null'), 'null');
    assert.equal(customInput('*** Begin Patch'), '*** Begin Patch');
  });
});
