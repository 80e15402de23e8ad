// The routed answer's event batches → VS Code response parts: text as it comes, tool calls whole.
import assert from 'node:assert/strict';
import type { ProviderEvent } from '../../src/core/providers/provider';
import type { PartFactory } from '../../src/extension/lm/parts';
import { reportParts } from '../../src/extension/lm/response-parts';

type Part = { text: string } | { callId: string; name: string; input: object };
const PARTS: PartFactory<Part> = { text: (text) => ({ text }), toolCall: (callId, name, input) => ({ callId, name, input }) };

async function* batches(...list: ProviderEvent[][]): AsyncGenerator<ProviderEvent[]> {
  yield* list;
}

async function collect(...list: ProviderEvent[][]): Promise<{ parts: Part[]; finish: string | null }> {
  const parts: Part[] = [];
  const finish = await reportParts(batches(...list), PARTS, (p) => parts.push(p));
  return { parts, finish };
}

describe('lm: answer events to response parts', () => {
  it('reports text of choice 0 as it arrives, and nothing of usage or other choices', async () => {
    const { parts, finish } = await collect(
      [
        { type: 'delta', index: 0, content: 'Hel' },
        { type: 'delta', index: 1, content: 'other' },
      ],
      [
        { type: 'delta', index: 0, content: 'lo' },
        { type: 'finish', index: 0, reason: 'stop' },
      ],
      [{ type: 'usage', usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }],
    );
    assert.deepEqual(parts, [{ text: 'Hel' }, { text: 'lo' }]);
    assert.equal(finish, 'stop');
  });

  it('assembles streamed tool-call fragments and parses the arguments once the call is whole', async () => {
    const { parts, finish } = await collect(
      [{ type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"ci' } }] }],
      [
        {
          type: 'delta',
          index: 0,
          toolCalls: [
            { index: 0, function: { arguments: 'ty":"Paris"}' } },
            { index: 1, id: 'call_b', function: { name: 'now', arguments: '' } },
          ],
        },
      ],
      [{ type: 'finish', index: 0, reason: 'tool_calls' }],
    );
    assert.deepEqual(parts, [
      { callId: 'call_a', name: 'get_weather', input: { city: 'Paris' } },
      { callId: 'call_b', name: 'now', input: {} },
    ]);
    assert.equal(finish, 'tool_calls');
  });

  it('still reports a call when the stream ends without a finish event, with an id made up if the upstream gave none', async () => {
    const { parts, finish } = await collect([{ type: 'delta', index: 0, toolCalls: [{ index: 0, function: { name: 'now', arguments: '{}' } }] }]);
    assert.equal(finish, null);
    assert.equal(parts.length, 1);
    const call = parts[0]!;
    assert.ok('callId' in call && /^call_[0-9a-f-]{36}$/.test(call.callId) && call.name === 'now');
  });

  it('fails with a clear message on arguments that are not a JSON object', async () => {
    await assert.rejects(
      collect([{ type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{"a":' } }] }], [{ type: 'finish', index: 0, reason: 'tool_calls' }]),
      /tool 'f' with arguments that are not valid JSON: \{"a":/,
    );
    await assert.rejects(collect([{ type: 'delta', index: 0, toolCalls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '[1]' } }] }]), /not a JSON object/);
  });
});
