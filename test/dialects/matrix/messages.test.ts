// Translation matrix, Anthropic Messages (`@anthropic-ai/sdk`) × every upstream kind × stream or not.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsNonStreaming, RawMessageStreamEvent, Tool } from '@anthropic-ai/sdk/resources/messages';
import type { Harness } from '../../harness';
import { CALL, CUT, LIMIT, resetMatrix, sentChat, startMatrixHarness, STOP, STOPPED, SYSTEM, UPSTREAMS, USER, stopList, type Kind } from './fixture';

const TOOLS: Tool[] = [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }];

interface Row {
  name: string;
  params: Omit<MessageCreateParamsNonStreaming, 'model' | 'messages' | 'system'>;
  tool?: boolean;
  text: string;
  stopReason: (kind: Kind) => Message['stop_reason'];
  outputTokens?: number;
  upstream: { stop?: string[]; maxTokens: number };
}

const ROWS: Row[] = [
  {
    name: 'text cut by a stop sequence',
    params: { max_tokens: 50, stop_sequences: [STOP] },
    text: STOPPED,
    // Only Anthropic says which sequence matched; the others say they stopped.
    stopReason: (kind) => (kind === 'anthropic' ? 'stop_sequence' : 'end_turn'),
    outputTokens: 2,
    upstream: { stop: [STOP], maxTokens: 50 },
  },
  { name: 'text cut by max_tokens', params: { max_tokens: LIMIT }, text: CUT, stopReason: () => 'max_tokens', outputTokens: 3, upstream: { maxTokens: LIMIT } },
  { name: 'a tool call', params: { max_tokens: 50, tools: TOOLS }, tool: true, text: '', stopReason: () => 'tool_use', upstream: { maxTokens: 50 } },
];

/** Folds a raw event stream into a Message, checking ids and block indexes on the way. */
async function readStream(events: AsyncIterable<RawMessageStreamEvent>): Promise<Message> {
  let msg: Message | undefined;
  const open = new Set<number>();
  const json = new Map<number, string>();
  for await (const ev of events) {
    if (ev.type === 'message_start') msg = { ...ev.message, content: [] };
    assert.ok(msg, 'message_start comes first');
    if (ev.type === 'content_block_start') {
      assert.equal(ev.index, msg.content.length, 'blocks start in index order');
      open.add(ev.index);
      msg.content.push(ev.content_block.type === 'tool_use' ? { ...ev.content_block, input: {} } : ev.content_block);
    } else if (ev.type === 'content_block_delta') {
      assert.ok(open.has(ev.index), 'a delta for an open block');
      const block = msg.content[ev.index]!;
      if (ev.delta.type === 'text_delta' && block.type === 'text') block.text += ev.delta.text;
      if (ev.delta.type === 'input_json_delta') json.set(ev.index, (json.get(ev.index) ?? '') + ev.delta.partial_json);
    } else if (ev.type === 'content_block_stop') {
      assert.ok(open.delete(ev.index), 'a stop for an open block');
      const block = msg.content[ev.index]!;
      if (block.type === 'tool_use') block.input = JSON.parse(json.get(ev.index) ?? '{}') as unknown;
    } else if (ev.type === 'message_delta') {
      msg.stop_reason = ev.delta.stop_reason;
      msg.stop_sequence = ev.delta.stop_sequence;
      // As the SDK's MessageStream does: message_delta's usage is cumulative and may carry input_tokens.
      msg.usage = { ...msg.usage, output_tokens: ev.usage.output_tokens, ...(ev.usage.input_tokens != null ? { input_tokens: ev.usage.input_tokens } : {}) };
    }
  }
  assert.equal(open.size, 0, 'every block closed');
  return msg!;
}

describe('translation matrix: Anthropic Messages', () => {
  let h: Harness;
  let client: Anthropic;
  before(async () => {
    h = await startMatrixHarness();
    client = new Anthropic({ baseURL: h.base, apiKey: 'placeholder', maxRetries: 0 });
  });
  after(() => h.stop());

  for (const up of UPSTREAMS) {
    for (const row of ROWS) {
      for (const stream of [false, true]) {
        it(`${row.name} → ${up.kind}, ${stream ? 'streamed' : 'JSON'}`, async () => {
          resetMatrix(h, row.tool === true);
          const body = { ...row.params, model: up.id, system: SYSTEM, messages: [{ role: 'user' as const, content: USER }] };
          const m = stream ? await readStream(await client.messages.create({ ...body, stream: true })) : await client.messages.create(body);

          const sent = sentChat(h, up.kind);
          assert.equal(sent.model, up.upstreamModel);
          assert.deepEqual(sent.messages, [
            ['system', SYSTEM],
            ['user', USER],
          ]);
          assert.deepEqual(sent.tools, row.tool ? ['get_weather'] : []);
          assert.deepEqual(stopList(sent.stop), row.upstream.stop);
          assert.equal(sent.maxTokens, row.upstream.maxTokens);

          assert.match(m.id, /^msg_/);
          assert.equal(m.model, up.id);
          assert.equal(m.stop_reason, row.stopReason(up.kind));
          assert.equal(m.stop_sequence, m.stop_reason === 'stop_sequence' ? STOP : null);
          if (row.tool) {
            assert.equal(m.content.length, 1);
            const block = m.content[0]!;
            assert.equal(block.type, 'tool_use');
            if (block.type !== 'tool_use') return;
            // The upstream's own id (toolu_…, call_…), so that the tool_result finds its call again.
            assert.ok(block.id.length > 0, 'a tool_use id');
            assert.equal(block.name, CALL.name);
            assert.deepEqual(block.input, CALL.arguments);
          } else {
            assert.deepEqual(
              m.content.map((b) => [b.type, b.type === 'text' ? b.text : '']),
              [['text', row.text]],
            );
          }
          assert.ok(m.usage.input_tokens > 0);
          if (row.outputTokens !== undefined) assert.equal(m.usage.output_tokens, row.outputTokens);
        });
      }
    }
  }
});
