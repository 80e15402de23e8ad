// Provider events to the client's objects, exactly: the chunks a stream sends (ChunkMaker) and the
// `chat.completion` a non-stream answer gets (CompletionAssembler), for content, interleaved tool
// calls, refusals, usage, finish reasons and n > 1.
import assert from 'node:assert/strict';
import { CompletionAssembler } from '../../../../src/core/dialects/openai-chat/accumulate';
import { ChunkMaker, type ResponseMeta } from '../../../../src/core/dialects/openai-chat/render';
import type { ProviderEvent } from '../../../../src/core/providers/provider';

const meta = (n = 1, includeUsage = false): ResponseMeta => ({ id: 'chatcmpl-1', created: 1700000000, model: 'auto (selected: ollama:x)', n, includeUsage });
const HEAD = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1700000000, model: 'auto (selected: ollama:x)' } as const;
const USAGE = { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 };

const text = (content: string, index = 0): ProviderEvent => ({ type: 'delta', index, content });
const finish = (reason: 'stop' | 'length' | 'tool_calls' | 'content_filter', index = 0): ProviderEvent => ({ type: 'finish', index, reason });

/** Two tool calls streamed as OpenAI does: each opens with id and name, then arguments arrive interleaved. */
const TOOL_EVENTS: ProviderEvent[] = [
  { type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] },
  { type: 'delta', index: 0, toolCalls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_', arguments: '{"q"' } }] },
  { type: 'delta', index: 0, toolCalls: [{ index: 0, function: { arguments: '{"city":' } }] },
  { type: 'delta', index: 0, toolCalls: [{ index: 1, function: { name: 'time', arguments: ':1}' } }] },
  { type: 'delta', index: 0, toolCalls: [{ index: 0, function: { arguments: '"Paris"}' } }] },
  finish('tool_calls'),
];

describe('ChunkMaker', () => {
  it('opens each choice with its role delta; no usage field without include_usage', () => {
    assert.deepEqual(new ChunkMaker(meta(2)).opening(), [
      { ...HEAD, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }] },
      { ...HEAD, choices: [{ index: 1, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }] },
    ]);
  });

  it('with include_usage, every chunk has usage: null and the last one has the usage and no choices', () => {
    const m = new ChunkMaker(meta(1, true));
    assert.deepEqual(m.opening(), [{ ...HEAD, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }], usage: null }]);
    assert.deepEqual(m.next(text('Hi')), { ...HEAD, choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null, logprobs: null }], usage: null });
    assert.equal(m.next({ type: 'usage', usage: USAGE }), null);
    assert.deepEqual(m.next(finish('length')), { ...HEAD, choices: [{ index: 0, delta: {}, finish_reason: 'length', logprobs: null }], usage: null });
    assert.deepEqual(m.closing(), [{ ...HEAD, choices: [], usage: USAGE }]);
  });

  it('a usage chunk with zeros when the upstream never said', () => {
    const m = new ChunkMaker(meta(1, true));
    m.next(finish('stop'));
    assert.deepEqual(m.closing(), [{ ...HEAD, choices: [], usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } }]);
  });

  it('passes content, tool calls and refusals on in the delta, and only what the event has', () => {
    const m = new ChunkMaker(meta());
    const choice = (delta: object): unknown => ({ ...HEAD, choices: [{ index: 0, delta, finish_reason: null, logprobs: null }] });
    assert.deepEqual(m.next(text('')), choice({ content: '' }));
    assert.deepEqual(m.next({ type: 'delta', index: 0 }), choice({}));
    assert.deepEqual(m.next({ type: 'delta', index: 0, refusal: 'no' }), choice({ refusal: 'no' }));
    assert.deepEqual(m.next({ type: 'delta', index: 0, content: 'a', refusal: 'b' }), choice({ content: 'a', refusal: 'b' }));
    const calls = TOOL_EVENTS.slice(0, 5).map((e) => m.next(e));
    assert.deepEqual(
      calls,
      TOOL_EVENTS.slice(0, 5).map((e) => choice({ tool_calls: (e as { toolCalls: unknown }).toolCalls })),
    );
  });

  it('says finish once per choice: a repeated finish or a delta after it is not passed on', () => {
    const m = new ChunkMaker(meta(2));
    assert.deepEqual(m.next(finish('stop', 1)), { ...HEAD, choices: [{ index: 1, delta: {}, finish_reason: 'stop', logprobs: null }] });
    assert.equal(m.next(finish('length', 1)), null);
    assert.equal(m.next(text('late', 1)), null);
    assert.deepEqual(m.next(text('on', 0)), { ...HEAD, choices: [{ index: 0, delta: { content: 'on' }, finish_reason: null, logprobs: null }] });
  });

  it('closes every choice the upstream left open with stop, in order, and no usage chunk without include_usage', () => {
    const m = new ChunkMaker(meta(3));
    m.next(finish('length', 1));
    assert.deepEqual(m.closing(), [
      { ...HEAD, choices: [{ index: 0, delta: {}, finish_reason: 'stop', logprobs: null }] },
      { ...HEAD, choices: [{ index: 2, delta: {}, finish_reason: 'stop', logprobs: null }] },
    ]);
    assert.deepEqual(m.closing(), []); // closed once
  });
});

describe('CompletionAssembler', () => {
  const HEAD_C = { id: 'chatcmpl-1', object: 'chat.completion', created: 1700000000, model: 'auto (selected: ollama:x)' } as const;
  const assemble = (events: ProviderEvent[], n = 1): unknown => {
    const a = new CompletionAssembler(meta(n));
    for (const e of events) a.add(e);
    return a.result();
  };

  it('joins content and reports the usage', () => {
    assert.deepEqual(assemble([text('Hel'), text('lo'), finish('stop'), { type: 'usage', usage: USAGE }]), {
      ...HEAD_C,
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello', refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: USAGE,
    });
  });

  it('without any event: empty content, finish stop, no usage field', () => {
    assert.deepEqual(assemble([]), { ...HEAD_C, choices: [{ index: 0, message: { role: 'assistant', content: '', refusal: null }, finish_reason: 'stop', logprobs: null }] });
  });

  it('assembles interleaved tool calls by their index, with null content', () => {
    assert.deepEqual(assemble(TOOL_EVENTS), {
      ...HEAD_C,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: [
              { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{"q":1}' } },
            ],
          },
          finish_reason: 'tool_calls',
          logprobs: null,
        },
      ],
    });
  });

  it('keeps content next to tool calls; a tool call with no id gets an empty one; a gap in indexes closes up', () => {
    const r = assemble([
      text('Let me check.'),
      { type: 'delta', index: 0, toolCalls: [{ index: 2, function: { name: 'f', arguments: '{}' } }] },
      { type: 'delta', index: 0, toolCalls: [{ index: 2, id: '', function: {} }] },
    ]) as { choices: { message: unknown }[] };
    assert.deepEqual(r.choices[0]!.message, {
      role: 'assistant',
      content: 'Let me check.',
      refusal: null,
      tool_calls: [{ id: '', type: 'function', function: { name: 'f', arguments: '{}' } }],
    });
  });

  it('an empty content delta still counts as content next to tool calls', () => {
    const r = assemble([text(''), TOOL_EVENTS[0]!]) as { choices: { message: { content: unknown } }[] };
    assert.equal(r.choices[0]!.message.content, '');
  });

  it('joins refusal fragments', () => {
    const r = assemble([{ type: 'delta', index: 0, refusal: 'I ' }, { type: 'delta', index: 0, refusal: 'cannot.' }, finish('content_filter')]) as { choices: unknown[] };
    assert.deepEqual(r.choices, [{ index: 0, message: { role: 'assistant', content: '', refusal: 'I cannot.' }, finish_reason: 'content_filter', logprobs: null }]);
  });

  it('n = 2: one choice per index, the first finish of each wins, events for other indexes are dropped', () => {
    const r = assemble([text('a', 1), text('b', 0), text('c', 1), finish('length', 1), finish('stop', 1), text('x', 2), finish('stop', 2)], 2) as { choices: unknown[] };
    assert.deepEqual(r.choices, [
      { index: 0, message: { role: 'assistant', content: 'b', refusal: null }, finish_reason: 'stop', logprobs: null },
      { index: 1, message: { role: 'assistant', content: 'ac', refusal: null }, finish_reason: 'length', logprobs: null },
    ]);
  });
});
