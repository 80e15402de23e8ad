// The fakes reject what the real upstreams reject, so a translation bug fails where it happens.
import assert from 'node:assert/strict';
import { FakeAnthropic } from './fake-anthropic';
import { FakeOllama } from './fake-ollama';
import { FakeOpenAI } from './fake-openai';

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await r.text();
  // The error's message, unescaped, when the body is JSON (the three APIs nest it differently).
  try {
    return { status: r.status, text: JSON.stringify(JSON.parse(text) as unknown, null, 0).replace(/\\"/g, '"') };
  } catch {
    return { status: r.status, text };
  }
}

describe('fake upstreams validate what they receive', () => {
  describe('FakeAnthropic: the Messages API turn rules', () => {
    const fake = new FakeAnthropic();
    before(() => fake.start());
    after(() => fake.stop());
    const send = (messages: unknown[]): Promise<{ status: number; text: string }> =>
      post(`${fake.url}/v1/messages`, { model: 'claude-sonnet-4-5', max_tokens: 10, messages }, { 'anthropic-version': '2023-06-01' });
    const use = { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }] };
    const result = (id: string): unknown => ({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'ok' }] });

    it('accepts user, assistant with tool_use, user with its tool_result', async () => {
      const r = await send([{ role: 'user', content: 'hi' }, use, result('toolu_1')]);
      assert.equal(r.status, 200, r.text);
    });

    const BAD: { what: string; messages: unknown[]; error: RegExp }[] = [
      { what: 'no messages', messages: [], error: /at least one message/ },
      { what: 'a first assistant turn', messages: [{ role: 'assistant', content: 'hi' }], error: /first message must use the "user" role/ },
      {
        what: 'two user turns in a row',
        messages: [
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
        ],
        error: /roles must alternate/,
      },
      {
        what: 'a system turn',
        messages: [
          { role: 'system', content: 'a' },
          { role: 'user', content: 'b' },
        ],
        error: /Unexpected role "system"/,
      },
      {
        what: 'a developer turn',
        messages: [
          { role: 'user', content: 'a' },
          { role: 'developer', content: 'b' },
        ],
        error: /Input should be 'user' or 'assistant'/,
      },
      {
        what: 'tool_result in an assistant turn',
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: [{ type: 'tool_result', tool_use_id: 'x', content: 'ok' }] },
        ],
        error: /tool_result blocks can only be in user messages/,
      },
      {
        what: 'tool_use in a user turn',
        messages: [{ role: 'user', content: [{ type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }] }],
        error: /tool_use blocks can only be in assistant messages/,
      },
      {
        what: 'a tool_result for an unknown tool_use id',
        messages: [{ role: 'user', content: 'hi' }, use, result('toolu_2')],
        error: /corresponding `tool_use` block in the previous message/,
      },
      { what: 'an empty text block', messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }], error: /text content blocks must be non-empty/ },
    ];
    for (const c of BAD) {
      it(`rejects ${c.what} with 400`, async () => {
        const r = await send(c.messages);
        assert.equal(r.status, 400, r.text);
        assert.match(r.text, c.error);
      });
    }
  });

  describe('FakeOllama: known roles, string content', () => {
    const fake = new FakeOllama();
    before(() => fake.start());
    after(() => fake.stop());
    const send = (messages: unknown[]): Promise<{ status: number; text: string }> => post(`${fake.url}/api/chat`, { model: 'llama3.2', stream: false, messages });

    it('accepts system, user, assistant and tool', async () => {
      const r = await send(['system', 'user', 'assistant', 'tool'].map((role) => ({ role, content: 'x' })));
      assert.equal(r.status, 200, r.text);
    });

    it('rejects the developer role with 400', async () => {
      const r = await send([{ role: 'developer', content: 'x' }]);
      assert.equal(r.status, 400);
      assert.match(r.text, /invalid role: developer/);
    });

    it('rejects content parts (an array) with 400', async () => {
      const r = await send([{ role: 'user', content: [{ type: 'text', text: 'x' }] }]);
      assert.equal(r.status, 400);
      assert.match(r.text, /cannot unmarshal array/);
    });
  });

  describe('FakeOpenAI: tool messages answer the tool calls just before them', () => {
    const fake = new FakeOpenAI();
    before(() => fake.start());
    after(() => fake.stop());
    const send = (messages: unknown[]): Promise<{ status: number; text: string }> => post(`${fake.url}/v1/chat/completions`, { model: 'gpt-4o-mini', messages });
    const calls = (...ids: string[]): unknown => ({
      role: 'assistant',
      content: null,
      tool_calls: ids.map((id) => ({ id, type: 'function', function: { name: 'f', arguments: '{}' } })),
    });
    const tool = (id: string): unknown => ({ role: 'tool', tool_call_id: id, content: 'ok' });
    const user = { role: 'user', content: 'hi' };

    it('accepts an assistant with two tool calls answered by two tool messages', async () => {
      const r = await send([user, calls('call_1', 'call_2'), tool('call_2'), tool('call_1'), user]);
      assert.equal(r.status, 200, r.text);
    });

    const BAD: { what: string; messages: unknown[]; error: RegExp }[] = [
      { what: 'a tool message with no tool calls before it', messages: [user, tool('call_1')], error: /must be a response to a preceeding message with 'tool_calls'/ },
      { what: 'a tool message for another id', messages: [user, calls('call_1'), tool('call_9')], error: /must be a response to a preceeding message/ },
      {
        what: 'a tool message after a user turn that followed the calls',
        messages: [user, calls('call_1'), tool('call_1'), user, tool('call_1')],
        error: /must be a response to a preceeding message/,
      },
      { what: 'an unanswered tool call', messages: [user, calls('call_1', 'call_2'), tool('call_1'), user], error: /did not have response messages: call_2/ },
      { what: 'an unknown role', messages: [{ role: 'robot', content: 'x' }], error: /Invalid value: 'robot'/ },
      { what: 'no messages', messages: [], error: /empty array/ },
    ];
    for (const c of BAD) {
      it(`rejects ${c.what} with 400`, async () => {
        const r = await send(c.messages);
        assert.equal(r.status, 400, r.text);
        assert.match(r.text, c.error);
      });
    }
  });
});
