// The Messages stream a client reads, event by event, from the provider events of a translated answer
// (and of a passed-through one), and the message object the same events fold into for a JSON answer.
import assert from 'node:assert/strict';
import { MessageAccumulator } from '../../../../src/core/dialects/anthropic-messages/accumulate';
import { MessagesRenderer, stopReason } from '../../../../src/core/dialects/anthropic-messages/render';
import type { NativeEvent } from '../../../../src/core/dialects/native';
import type { ProviderEvent } from '../../../../src/core/providers/provider';

const START = {
  type: 'message_start',
  message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'shown', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0 } },
};

function render(events: ProviderEvent[], end = true): NativeEvent[] {
  const r = new MessagesRenderer('msg_1', 'shown');
  const out: NativeEvent[] = [];
  for (const ev of events) r.next(ev, out);
  if (end) r.end(out);
  return out;
}

function fold(events: NativeEvent[]): Record<string, unknown> {
  const acc = new MessageAccumulator();
  for (const ev of events) acc.add(ev);
  return acc.result();
}

describe('anthropic-messages: the stream and the message a client gets', () => {
  it('text: message_start, ping, one text block with its deltas, message_delta with the stop reason and usage, message_stop', () => {
    const out = render([
      { type: 'delta', index: 0, content: 'Hel' },
      { type: 'delta', index: 0, content: 'lo' },
      { type: 'finish', index: 0, reason: 'stop' },
      { type: 'usage', usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
    ]);
    assert.deepEqual(out, [
      START,
      { type: 'ping' },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { input_tokens: 3, output_tokens: 2 } },
      { type: 'message_stop' },
    ]);
    assert.deepEqual(fold(out), {
      ...START.message,
      content: [{ type: 'text', text: 'Hello' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 3, output_tokens: 2 },
    });
  });

  it('an answer with no event at all still starts, and ends with zero usage and end_turn', () => {
    assert.deepEqual(render([]), [
      START,
      { type: 'ping' },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { input_tokens: 0, output_tokens: 0 } },
      { type: 'message_stop' },
    ]);
  });

  it('a refusal is text; an empty delta opens no block', () => {
    const out = render([
      { type: 'delta', index: 0, content: '' },
      { type: 'delta', index: 0, refusal: 'No.' },
    ]);
    assert.deepEqual(out.slice(2, 5), [
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'No.' } },
      { type: 'content_block_stop', index: 0 },
    ]);
  });

  it('tool calls: text, then one tool_use block per call, their arguments as input_json_delta, stop reason tool_use', () => {
    const out = render([
      { type: 'delta', index: 0, content: 'Let me look.' },
      { type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'call_a', function: { name: 'get_weather', arguments: '{"city":' } }] },
      { type: 'delta', index: 0, toolCalls: [{ index: 0, function: { arguments: '"Paris"}' } }] },
      { type: 'delta', index: 0, toolCalls: [{ index: 1, function: { name: 'get_time' } }] },
      { type: 'finish', index: 0, reason: 'tool_calls' },
    ]);
    assert.deepEqual(out.slice(2), [
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Let me look.' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'call_a', name: 'get_weather', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_msg_1_1', name: 'get_time', input: {} } },
      { type: 'content_block_stop', index: 2 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { input_tokens: 0, output_tokens: 0 } },
      { type: 'message_stop' },
    ]);
    const message = fold(out);
    assert.deepEqual(message.content, [
      { type: 'text', text: 'Let me look.' },
      { type: 'tool_use', id: 'call_a', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'toolu_msg_1_1', name: 'get_time', input: {} },
    ]);
    assert.equal(message.stop_reason, 'tool_use');
  });

  it('text after a tool call opens a new text block; a nameless fragment of a closed call is dropped', () => {
    const out = render(
      [
        { type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: '{}' } }] },
        { type: 'delta', index: 0, content: 'x' },
        { type: 'delta', index: 0, toolCalls: [{ index: 0, function: { arguments: '{"late":1}' } }] },
        { type: 'delta', index: 0, content: 'y' },
      ],
      false,
    );
    assert.deepEqual(out.slice(2), [
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'c1', name: 'f', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'x' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'y' } },
    ]);
  });

  it('a call fragment without a function: named by nothing, its arguments none; one without an id or a name is dropped', () => {
    const out = render(
      [
        { type: 'delta', index: 0, toolCalls: [{ index: 4, id: 'c4' }] },
        { type: 'delta', index: 0, toolCalls: [{ index: 4 }] },
        { type: 'delta', index: 0, toolCalls: [{ index: 5 }] },
      ],
      false,
    );
    assert.deepEqual(out.slice(2), [{ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'c4', name: '', input: {} } }]);
  });

  it('only the first answer is shown (Messages has one per request); the first finish reason wins', () => {
    const out = render([
      { type: 'delta', index: 1, content: 'other' },
      { type: 'finish', index: 1, reason: 'length' },
      { type: 'delta', index: 0, content: 'mine' },
      { type: 'finish', index: 0, reason: 'length' },
      { type: 'finish', index: 0, reason: 'stop' },
    ]);
    assert.equal(JSON.stringify(out).includes('other'), false);
    assert.deepEqual(out.at(-2), { type: 'message_delta', delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { input_tokens: 0, output_tokens: 0 } });
  });

  it('finish reasons: length, tool and function calls, the content filter, and the rest', () => {
    assert.deepEqual((['length', 'tool_calls', 'function_call', 'content_filter', 'stop'] as const).map(stopReason), ['max_tokens', 'tool_use', 'tool_use', 'refusal', 'end_turn']);
  });

  it('passthrough: the upstream events go on as they came, the model in message_start renamed, no closing events added', () => {
    const upstream: NativeEvent[] = [
      { type: 'message_start', message: { id: 'msg_up', model: 'claude-x', content: [], usage: { input_tokens: 5 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 7, input_tokens: null } },
      { type: 'message_stop' },
    ];
    const out = render([
      ...upstream.map((native): ProviderEvent => ({ type: 'delta', index: 0, native })),
      { type: 'delta', index: 0, content: 'ignored' },
      { type: 'finish', index: 0, reason: 'stop' },
    ]);
    assert.deepEqual(out, [{ ...upstream[0], message: { id: 'msg_up', model: 'shown', content: [], usage: { input_tokens: 5 } } }, ...upstream.slice(1)]);
    assert.deepEqual(fold(out), {
      id: 'msg_up',
      model: 'shown',
      content: [{ type: 'thinking', thinking: 'hmm', signature: 'sig' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 5, output_tokens: 7 },
    });
    const odd = render([{ type: 'delta', index: 0, native: { type: 'message_start', message: 'x' } }]);
    assert.deepEqual(odd, [{ type: 'message_start', message: { model: 'shown' } }]);
  });

  it('folding: citations add up, arguments that are not JSON are kept as text, deltas of unknown blocks are dropped', () => {
    const message = fold([
      START,
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation: { n: 1 } } },
      { type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation: { n: 2 } } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'a' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 't', name: 'f', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'u', name: 'g', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'content_block_delta', index: 7, delta: { type: 'text_delta', text: 'lost' } },
      { type: 'message_delta', delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 1 } },
      { type: 'message_delta', delta: { stop_sequence: null } },
    ]);
    assert.deepEqual(message.content, [
      { type: 'text', text: 'a', citations: [{ n: 1 }, { n: 2 }] },
      { type: 'tool_use', id: 't', name: 'f', input: { input: '{"a":' } },
      { type: 'tool_use', id: 'u', name: 'g', input: {} },
    ]);
    assert.deepEqual([message.stop_reason, message.usage], ['max_tokens', { input_tokens: 0, output_tokens: 1 }]);
    assert.deepEqual(new MessageAccumulator().result(), { content: [] });
    // A delta of a kind it does not know, usage sent as null, a block whose start came at index 1 only,
    // and a message_delta before any message_start change nothing else.
    assert.deepEqual(
      fold([
        START,
        { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 1, delta: { type: 'future_delta', text: 'x' } },
        { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: null },
      ]),
      { ...START.message, stop_reason: 'end_turn', content: [{ type: 'text', text: '' }] },
    );
    assert.deepEqual(fold([{ type: 'message_delta', delta: { stop_reason: 'end_turn' } }]), { content: [] });
  });
});
