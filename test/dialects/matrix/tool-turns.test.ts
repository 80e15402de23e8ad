// Translation matrix, the agent turn after a tool call: each dialect's history of a call and its
// result, through its own SDK, to every upstream kind. The upstream must get the call and the result
// in its own shape and linked to each other (the fakes refuse an unanswered call or a stray result).
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { Ollama } from 'ollama';
import type { Harness } from '../../harness';
import { arr, isRecord, str } from '../../fakes/fake-server';
import { CALL, REPLY, resetMatrix, startMatrixHarness, SYSTEM, UPSTREAMS, type Kind, type Upstream } from './fixture';

const ASK = 'Weather in Paris?';
const RESULT = 'Sunny, 21 °C';
const SCHEMA = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

/** The tool turn as the upstream received it, in one shape whatever its wire format. */
interface ToolTurn {
  roles: string[];
  tools: [string, unknown][];
  call: { id: string | undefined; name: string | undefined; args: unknown };
  result: { id: string | undefined; text: string };
}

function received(h: Harness, up: Upstream): ToolTurn {
  const posts = h[up.kind].requests.filter((r) => r.path === up.chatPath);
  assert.equal(posts.length, 1);
  const b = posts[0]!.body;
  const messages = arr(b, 'messages');
  const roles = messages.map((m) => str(m, 'role') ?? '');
  if (up.kind === 'anthropic') {
    const blocks = messages.flatMap((m) => (isRecord(m) && Array.isArray(m.content) ? (m.content as unknown[]) : []));
    const use = blocks.find((x) => str(x, 'type') === 'tool_use');
    const res = blocks.find((x) => str(x, 'type') === 'tool_result');
    const content = isRecord(res) ? res.content : undefined;
    return {
      roles: [...(isRecord(b) && b.system !== undefined ? ['system'] : []), ...roles],
      tools: arr(b, 'tools').map((t) => [str(t, 'name') ?? '', isRecord(t) ? t.input_schema : undefined]),
      call: { id: str(use, 'id'), name: str(use, 'name'), args: isRecord(use) ? use.input : undefined },
      result: {
        id: str(res, 'tool_use_id'),
        text:
          typeof content === 'string'
            ? content
            : arr({ c: content }, 'c')
                .map((x) => str(x, 'text') ?? '')
                .join(''),
      },
    };
  }
  const assistant = messages.find((m) => str(m, 'role') === 'assistant');
  const call = arr(assistant, 'tool_calls')[0];
  const fn = isRecord(call) ? call.function : undefined;
  const tool = messages.find((m) => str(m, 'role') === 'tool');
  const args = isRecord(fn) ? fn.arguments : undefined;
  return {
    roles,
    tools: arr(b, 'tools').map((t) => {
      const f = isRecord(t) ? t.function : undefined;
      return [str(f, 'name') ?? '', isRecord(f) ? f.parameters : undefined];
    }),
    // OpenAI carries arguments as JSON text, Ollama as an object; neither's ids exist on Ollama.
    call: { id: str(call, 'id'), name: str(fn, 'name'), args: typeof args === 'string' ? (JSON.parse(args) as unknown) : args },
    result: { id: str(tool, 'tool_call_id'), text: str(tool, 'content') ?? '' },
  };
}

const ROLES: Record<Kind, string[]> = {
  ollama: ['system', 'user', 'assistant', 'tool'],
  openai: ['system', 'user', 'assistant', 'tool'],
  // Anthropic: the system prompt apart, the result in a user turn.
  anthropic: ['system', 'user', 'assistant', 'user'],
};

type Send = (h: Harness, model: string) => Promise<string>;

const DIALECTS: { name: string; send: Send }[] = [
  {
    name: 'OpenAI chat',
    send: async (h, model) => {
      const r = await h.client.chat.completions.create({
        model,
        tools: [{ type: 'function', function: { name: CALL.name, parameters: SCHEMA } }],
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: ASK },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: CALL.name, arguments: JSON.stringify(CALL.arguments) } }] },
          { role: 'tool', tool_call_id: 'call_1', content: RESULT },
        ],
      });
      return r.choices[0]!.message.content ?? '';
    },
  },
  {
    name: 'Responses',
    send: async (h, model) => {
      const r = await h.client.responses.create({
        model,
        instructions: SYSTEM,
        store: false,
        tools: [{ type: 'function', name: CALL.name, strict: false, parameters: SCHEMA }],
        input: [
          { role: 'user', content: ASK },
          { type: 'function_call', call_id: 'call_1', name: CALL.name, arguments: JSON.stringify(CALL.arguments) },
          { type: 'function_call_output', call_id: 'call_1', output: RESULT },
        ],
      });
      return r.output_text;
    },
  },
  {
    name: 'Anthropic Messages',
    send: async (h, model) => {
      const client = new Anthropic({ baseURL: h.base, apiKey: 'placeholder', maxRetries: 0 });
      const r = await client.messages.create({
        model,
        max_tokens: 100,
        system: SYSTEM,
        tools: [{ name: CALL.name, input_schema: SCHEMA as Anthropic.Tool.InputSchema }],
        messages: [
          { role: 'user', content: ASK },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: CALL.name, input: CALL.arguments }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: RESULT }] },
        ],
      });
      return r.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    },
  },
  {
    name: 'Ollama /api/chat',
    send: async (h, model) => {
      const r = await new Ollama({ host: h.base }).chat({
        model,
        stream: false,
        tools: [{ type: 'function', function: { name: CALL.name, parameters: SCHEMA as never } }],
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: ASK },
          { role: 'assistant', content: '', tool_calls: [{ function: { name: CALL.name, arguments: CALL.arguments } }] },
          { role: 'tool', content: RESULT, tool_name: CALL.name },
        ],
      });
      return r.message.content;
    },
  },
];

describe('translation matrix: a tool call and its result, sent back', () => {
  let h: Harness;
  before(async () => (h = await startMatrixHarness()));
  after(() => h.stop());

  for (const d of DIALECTS) {
    for (const up of UPSTREAMS) {
      it(`${d.name} → ${up.kind}`, async () => {
        resetMatrix(h, false);
        const text = await d.send(h, up.kind === 'ollama' && d.name.startsWith('Ollama') ? up.upstreamModel : up.id);
        assert.equal(text, REPLY);
        if (d.name === 'Responses' && up.kind === 'openai') {
          // OpenAI speaks Responses: the history goes as the client wrote it, call and output linked by call_id.
          const posts = h.openai.requests.filter((q) => q.path === '/v1/responses');
          assert.equal(posts.length, 1);
          const input = arr(posts[0]!.body, 'input');
          assert.deepEqual(
            input.map((i) => str(i, 'type') ?? str(i, 'role')),
            ['user', 'function_call', 'function_call_output'],
          );
          assert.equal(str(input[1], 'call_id'), str(input[2], 'call_id'));
          assert.equal(str(input[2], 'output'), RESULT);
          return;
        }
        const got = received(h, up);
        assert.deepEqual(got.roles, ROLES[up.kind]);
        assert.deepEqual(got.tools, [[CALL.name, SCHEMA]]);
        assert.equal(got.call.name, CALL.name);
        assert.deepEqual(got.call.args, CALL.arguments);
        assert.equal(got.result.text, RESULT);
        // Ollama links a result to its call by order; the others by id, which must match.
        if (up.kind !== 'ollama') {
          assert.ok(got.call.id, 'the call has an id');
          assert.equal(got.result.id, got.call.id);
        }
      });
    }
  }
});
