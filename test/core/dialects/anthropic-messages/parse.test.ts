// POST /v1/messages as the parser reads it: each refusal with the field and words a client gets (a
// 400 in Anthropic's shape), the defaults no client states, how each block becomes a chat message,
// and which fields a translating upstream cannot carry (named in x-oblix-ignored-params).
import assert from 'node:assert/strict';
import { parseMessages, type ParsedMessages } from '../../../../src/core/dialects/anthropic-messages/parse';
import type { OblixError } from '../../../../src/core/errors/oblix-error';

type Body = Record<string, unknown>;
const HI = [{ role: 'user', content: 'Hi' }];
const base = (extra: Body = {}): Body => ({ model: 'auto', max_tokens: 10, messages: HI, ...extra });
const TOOL = { name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object' } };
const parse = (body: unknown, headers: Record<string, string | string[]> = {}): ParsedMessages => parseMessages(body, headers);
const messagesOf = (messages: unknown[], extra: Body = {}): unknown => parse(base({ messages, ...extra })).request.messages;

function refused(body: unknown, param: string, code: string, words: RegExp | string): void {
  assert.throws(
    () => parse(body),
    (e: OblixError) => {
      assert.deepEqual({ status: e.status, type: e.type, param: e.param, code: e.code }, { status: 400, type: 'invalid_request_error', param, code }, JSON.stringify(body));
      if (typeof words === 'string') assert.equal(e.message, words);
      else assert.match(e.message, words);
      return true;
    },
  );
}

describe('anthropic-messages: the parser', () => {
  it('applies the Messages defaults to a minimal request, and sends max_tokens under its OpenAI name', () => {
    const { request, ignored } = parse(base());
    assert.deepEqual(ignored, []);
    assert.equal(request.model, 'auto');
    assert.equal(request.requestedModel, 'auto');
    assert.deepEqual(request.messages, [{ role: 'user', content: 'Hi' }]);
    assert.deepEqual(
      [request.temperature, request.top_p, request.stream, request.maxTokens, request.maxTokensParam, request.stop, request.user, request.tools, request.tool_choice],
      [1, 1, false, 10, 'max_completion_tokens', null, null, null, null],
    );
    assert.deepEqual([...request.explicit], ['max_tokens']);
    assert.deepEqual(request.extra, {});
    assert.equal(request.reasoning, undefined);
    assert.deepEqual(request.native, { dialect: 'anthropic-messages', body: base(), headers: {} });
  });

  it('keeps what the client sent, and lists it as explicit', () => {
    const { request } = parse(base({ temperature: 0, top_p: 1, stop_sequences: ['END'], metadata: { user_id: 'u1' }, stream: true, tools: [TOOL], tool_choice: { type: 'auto' } }));
    assert.deepEqual([request.temperature, request.top_p, request.stop, request.user, request.stream, request.tool_choice], [0, 1, ['END'], 'u1', true, 'auto']);
    assert.deepEqual([...request.explicit].sort(), ['max_tokens', 'stop', 'temperature', 'tool_choice', 'tools', 'top_p', 'user']);
  });

  it('forwards only the anthropic-version and anthropic-beta headers, a repeated one joined', () => {
    const { request } = parse(base(), { 'anthropic-version': '2023-06-01', 'anthropic-beta': ['a', 'b'], authorization: 'Bearer x', 'x-api-key': 'k' });
    assert.deepEqual(request.native?.headers, { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'a,b' });
  });

  it('takes null for every optional field as not sent', () => {
    const { request } = parse(base({ system: null, temperature: null, top_p: null, stop_sequences: null, metadata: null, tools: null, tool_choice: null, stream: null }));
    assert.deepEqual([request.temperature, request.top_p, request.stop, request.user, request.tools, request.tool_choice, request.stream], [1, 1, null, null, null, null, false]);
    assert.deepEqual([...request.explicit], ['max_tokens']);
  });

  it('extended thinking asks for high reasoning; disabled thinking asks for none', () => {
    assert.equal(parse(base({ thinking: { type: 'enabled', budget_tokens: 1024 } })).request.reasoning, 'high');
    assert.equal(parse(base({ thinking: { type: 'disabled' } })).request.reasoning, undefined);
  });

  describe('refusals', () => {
    it('the body, the model and max_tokens', () => {
      refused([], 'body', 'invalid_type', 'The request body must be a JSON object.');
      refused({ max_tokens: 10, messages: HI }, 'model', 'missing_required_parameter', 'model: Field required');
      refused(base({ model: null }), 'model', 'missing_required_parameter', 'model: Field required');
      for (const model of ['modèle', 'a b', 'é-x', 5])
        refused(
          base({ model }),
          'model',
          'invalid_type',
          `model: must be 'auto', '<provider>:<model>' or an alias (printable ASCII, no spaces), got ${typeof model === 'string' ? `the string ${JSON.stringify(model)}` : 'number 5'}.`,
        );
      assert.deepEqual([parse(base({ model: ' auto ' })).request.model, parse(base({ model: ' auto ' })).request.requestedModel], ['auto', 'auto']);
      refused(base({ max_tokens: undefined }), 'max_tokens', 'missing_required_parameter', 'max_tokens: Field required');
      refused(base({ max_tokens: null }), 'max_tokens', 'missing_required_parameter', 'max_tokens: Field required');
      refused(base({ max_tokens: 0 }), 'max_tokens', 'invalid_value', 'max_tokens: 0 is less than the minimum of 1.');
      assert.equal(parse(base({ max_tokens: 1 })).request.maxTokens, 1);
    });

    it('messages: a non-empty array of objects with a user, assistant or system role', () => {
      refused(base({ messages: undefined }), 'messages', 'missing_required_parameter', 'messages: Field required (an array), got nothing.');
      refused(base({ messages: null }), 'messages', 'missing_required_parameter', 'messages: Field required (an array), got null.');
      refused(base({ messages: [] }), 'messages', 'empty_array', 'messages: at least one message is required.');
      refused(base({ messages: [HI[0], 'Hi'] }), 'messages.1', 'invalid_type', 'messages.1: must be an object {role, content}, got the string "Hi".');
      refused(
        base({ messages: [{ role: 'tool', content: 'x' }] }),
        'messages.0.role',
        'invalid_value',
        'messages.0.role: must be "user", "assistant" or "system", got the string "tool".',
      );
      refused(
        base({ messages: [{ role: 'user', content: 5 }] }),
        'messages.0.content',
        'invalid_type',
        'messages.0.content: must be a string or an array of content blocks, got number 5.',
      );
      refused(base({ messages: [{ role: 'user' }] }), 'messages.0.content', 'invalid_type', /got nothing\.$/);
    });

    it('content blocks: a type the API knows, in the role it belongs to', () => {
      const user = (b: unknown): Body => base({ messages: [{ role: 'user', content: [b] }] });
      const assistant = (b: unknown): Body => base({ messages: [HI[0], { role: 'assistant', content: [b] }] });
      refused(user('x'), 'messages.0.content.0', 'invalid_type', 'messages.0.content.0: must be a content block with a "type".');
      refused(user({ text: 'x' }), 'messages.0.content.0', 'invalid_type', /with a "type"/);
      refused(user({ type: 'text' }), 'messages.0.content.0.text', 'invalid_type', 'messages.0.content.0.text: Field required (a string).');
      refused(
        user({ type: 'video' }),
        'messages.0.content.0.type',
        'invalid_value',
        /^messages\.0\.content\.0\.type: unknown content block type the string "video"; expected text, image/,
      );
      refused(
        assistant({ type: 'image', source: { type: 'url', url: 'http://x/y.png' } }),
        'messages.1.content.0',
        'invalid_value',
        'messages.1.content.0: image blocks are only allowed in user messages.',
      );
      refused(
        user({ type: 'tool_use', id: 'c1', name: 'f', input: {} }),
        'messages.0.content.0',
        'invalid_value',
        'messages.0.content.0: tool_use blocks are only allowed in assistant messages.',
      );
      refused(
        assistant({ type: 'tool_result', tool_use_id: 'c1' }),
        'messages.1.content.0',
        'invalid_value',
        'messages.1.content.0: tool_result blocks are only allowed in user messages.',
      );
      refused(user({ type: 'tool_result' }), 'messages.0.content.0.tool_use_id', 'missing_required_parameter', 'messages.0.content.0.tool_use_id: Field required.');
      refused(
        user({ type: 'tool_result', tool_use_id: 'c1', content: 5 }),
        'messages.0.content.0.content',
        'invalid_type',
        'messages.0.content.0.content: must be a string or an array of blocks.',
      );
      for (const b of [
        { id: 1, name: 'f', input: {} },
        { id: 'c1', name: 2, input: {} },
        { id: 'c1', name: 'f', input: [] },
        { id: 'c1', name: 'f' },
      ])
        refused(assistant({ type: 'tool_use', ...b }), 'messages.1.content.0', 'invalid_type', 'messages.1.content.0: tool_use needs id, name and an input object.');
    });

    it('image sources: base64 with a media type and data, or a url', () => {
      const img = (source: unknown): Body => base({ messages: [{ role: 'user', content: [{ type: 'image', source }] }] });
      for (const source of [
        undefined,
        'http://x/y.png',
        { type: 'base64', media_type: 'image/png' },
        { type: 'base64', data: 'AA' },
        { type: 'base64', media_type: 1, data: 'AA' },
        { type: 'url' },
        { type: 'url', url: 5 },
        { type: 'file', url: 'http://x/y.png' },
        { type: 'url', media_type: 'image/png', data: 'AA' },
      ])
        refused(img(source), 'messages.0.content.0.source', 'invalid_type', 'messages.0.content.0.source: must be {type: "base64", media_type, data} or {type: "url", url}.');
    });

    it('system: a string or text blocks, at the top and mid-conversation', () => {
      refused(base({ system: 5 }), 'system', 'invalid_type', 'system: must be a string or an array of text blocks, got number 5.');
      refused(base({ system: [{ type: 'image' }] }), 'system.0', 'invalid_type', 'system.0: must be a text block {type: "text", text}.');
      refused(base({ system: [{ type: 'text', text: 'a' }, { type: 'text' }] }), 'system.1', 'invalid_type', /^system\.1: /);
      refused(base({ system: ['a'] }), 'system.0', 'invalid_type', /^system\.0: /);
      refused(base({ system: [null] }), 'system.0', 'invalid_type', /^system\.0: /);
      refused(base({ system: [{ type: 'image', text: 'alt' }] }), 'system.0', 'invalid_type', /^system\.0: /);
      refused(
        base({ messages: [HI[0], { role: 'system', content: 5 }] }),
        'messages.1.content',
        'invalid_type',
        /^messages\.1\.content: must be a string or an array of text blocks/,
      );
      refused(
        base({ messages: [HI[0], { role: 'system', content: [{ type: 'text', text: 1 }] }] }),
        'messages.1.content.0',
        'invalid_type',
        /^messages\.1\.content\.0: must be a text block/,
      );
    });

    it('sampling, stop_sequences, metadata and stream', () => {
      refused(base({ temperature: 1.01 }), 'temperature', 'invalid_value', 'temperature: 1.01 is out of range, expected a value between 0 and 1.');
      refused(base({ temperature: -0.01 }), 'temperature', 'invalid_value', /out of range/);
      refused(base({ top_p: 1.01 }), 'top_p', 'invalid_value', /out of range/);
      refused(base({ top_p: '1' }), 'top_p', 'invalid_type', 'top_p: must be a number, got the string "1".');
      assert.equal(parse(base({ temperature: 1 })).request.temperature, 1);
      for (const stop_sequences of ['END', [1], ['a', 2], {}])
        refused(base({ stop_sequences }), 'stop_sequences', 'invalid_type', /^stop_sequences: must be an array of strings, got /);
      refused(base({ metadata: 'u1' }), 'metadata', 'invalid_type', 'metadata: must be an object, got the string "u1".');
      refused(base({ metadata: [] }), 'metadata', 'invalid_type', /got an array/);
      refused(base({ metadata: { user_id: 5 } }), 'metadata.user_id', 'invalid_type', 'metadata.user_id: must be a string, got number 5.');
      refused(base({ stream: 'yes' }), 'stream', 'invalid_type', 'stream: must be a boolean, got the string "yes".');
    });

    it('tools: named, with an input schema', () => {
      refused(base({ tools: {} }), 'tools', 'invalid_type', 'tools: must be an array, got an object.');
      for (const t of ['x', { description: 'd' }, { name: 5 }, { name: '' }]) refused(base({ tools: [TOOL, t] }), 'tools.1', 'invalid_type', 'tools.1: a tool needs a name.');
      refused(base({ tools: [{ name: 'x' }] }), 'tools.0.input_schema', 'missing_required_parameter', 'tools.0.input_schema: Field required (a JSON Schema object).');
      refused(base({ tools: [{ name: 'x', input_schema: [] }] }), 'tools.0.input_schema', 'missing_required_parameter', /input_schema/);
    });

    it('tool_choice: auto, any, none or a tool that exists', () => {
      refused(base({ tools: [TOOL], tool_choice: 'auto' }), 'tool_choice', 'invalid_type', 'tool_choice: must be {type: "auto" | "any" | "tool" | "none"}.');
      refused(base({ tools: [TOOL], tool_choice: {} }), 'tool_choice', 'invalid_type', /must be \{type/);
      refused(
        base({ tools: [TOOL], tool_choice: { type: 'required' } }),
        'tool_choice.type',
        'invalid_value',
        'tool_choice.type: must be "auto", "any", "tool" or "none", got the string "required".',
      );
      refused(base({ tool_choice: { type: 'any' } }), 'tool_choice', 'invalid_value', 'tool_choice: "any" needs tools.');
      refused(
        base({ tools: [TOOL], tool_choice: { type: 'tool', name: 'other' } }),
        'tool_choice.name',
        'invalid_value',
        'tool_choice.name: the string "other" is not one of the tools.',
      );
      refused(base({ tools: [TOOL], tool_choice: { type: 'tool' } }), 'tool_choice.name', 'invalid_value', 'tool_choice.name: nothing is not one of the tools.');
      refused(base({ tool_choice: { type: 'tool', name: 'get_weather' } }), 'tool_choice.name', 'invalid_value', /is not one of the tools/);
    });
  });

  describe('the translation to chat messages', () => {
    it('system text and blocks go first, blocks joined by a blank line', () => {
      assert.deepEqual(messagesOf(HI, { system: 'Be brief.' }), [{ role: 'system', content: 'Be brief.' }, ...HI]);
      assert.deepEqual(
        messagesOf(HI, {
          system: [
            { type: 'text', text: 'A' },
            { type: 'text', text: 'B' },
          ],
        }),
        [{ role: 'system', content: 'A\n\nB' }, ...HI],
      );
      assert.deepEqual(messagesOf(HI, { system: '' }), HI);
      assert.deepEqual(messagesOf(HI, { system: [] }), HI);
      assert.deepEqual(messagesOf(HI, { system: null }), HI);
    });

    it('a mid-conversation system turn stays a system message in its place', () => {
      const m = [HI[0], { role: 'system', content: [{ type: 'text', text: 'Now in French.' }] }, { role: 'user', content: 'Bonjour' }];
      assert.deepEqual(messagesOf(m), [HI[0], { role: 'system', content: 'Now in French.' }, { role: 'user', content: 'Bonjour' }]);
      assert.deepEqual(messagesOf([HI[0], { role: 'system', content: 'S' }]), [HI[0], { role: 'system', content: 'S' }]);
    });

    it('user text blocks become one string, joined by newlines; with an image, content parts', () => {
      const text = (t: string): Body => ({ type: 'text', text: t });
      assert.deepEqual(messagesOf([{ role: 'user', content: [text('a'), text('b')] }]), [{ role: 'user', content: 'a\nb' }]);
      assert.deepEqual(
        messagesOf([
          {
            role: 'user',
            content: [
              text('look'),
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA' } },
              { type: 'image', source: { type: 'url', url: 'http://x/y.png' } },
            ],
          },
        ]),
        [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'look' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } },
              { type: 'image_url', image_url: { url: 'http://x/y.png' } },
            ],
          },
        ],
      );
    });

    it('tool results become tool messages before the rest of the user turn; is_error is said in words', () => {
      const m = [
        HI[0],
        { role: 'assistant', content: [{ type: 'tool_use', id: 'c1', name: 'f', input: { a: 1 } }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'and then' },
            { type: 'tool_result', tool_use_id: 'c1', content: 'sunny' },
            { type: 'tool_result', tool_use_id: 'c2', content: 'no such city', is_error: true },
            { type: 'tool_result', tool_use_id: 'c3', is_error: false },
            {
              type: 'tool_result',
              tool_use_id: 'c4',
              content: [{ type: 'text', text: 'x' }, { type: 'image', source: {} }, 'junk', { type: 'text', text: '' }, { type: 'text', text: 'y' }],
            },
          ],
        },
      ];
      const { request, ignored } = parse(base({ messages: m }));
      assert.deepEqual(request.messages, [
        HI[0],
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
        { role: 'tool', tool_call_id: 'c2', content: 'Error: no such city' },
        { role: 'tool', tool_call_id: 'c3', content: '' },
        { role: 'tool', tool_call_id: 'c4', content: 'x\ny' },
        { role: 'user', content: 'and then' },
      ]);
      assert.deepEqual(ignored, ['tool_result.image']);
    });

    it('a tool result with null content is empty; only text blocks of an array count, whatever else carries text', () => {
      const m = (content: unknown): unknown[] => [
        HI[0],
        { role: 'assistant', content: [{ type: 'tool_use', id: 'c1', name: 'f', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'c1', content }] },
      ];
      assert.deepEqual((messagesOf(m(null)) as unknown[]).slice(2), [{ role: 'tool', tool_call_id: 'c1', content: '' }]);
      const p = parse(
        base({
          messages: m([
            { type: 'image', text: 'alt', source: {} },
            { type: 'text', text: 5 },
            { type: 'text', text: 'T' },
          ]),
        }),
      );
      assert.deepEqual(p.request.messages.slice(2), [{ role: 'tool', tool_call_id: 'c1', content: 'T' }]);
      assert.deepEqual(p.ignored, ['tool_result.image']);
    });

    it('a user turn of tool results only adds no empty user message', () => {
      const m = [
        HI[0],
        { role: 'assistant', content: [{ type: 'tool_use', id: 'c1', name: 'f', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'c1', content: 'ok' }] },
      ];
      assert.deepEqual((messagesOf(m) as unknown[]).slice(2), [{ role: 'tool', tool_call_id: 'c1', content: 'ok' }]);
    });

    it('assistant text blocks are joined as they are; with tool_use, tool calls beside the text', () => {
      const text = (t: string): Body => ({ type: 'text', text: t });
      assert.deepEqual(messagesOf([HI[0], { role: 'assistant', content: [text('a'), text('b')] }]), [HI[0], { role: 'assistant', content: 'ab' }]);
      assert.deepEqual(messagesOf([HI[0], { role: 'assistant', content: 'plain' }]), [HI[0], { role: 'assistant', content: 'plain' }]);
      assert.deepEqual(messagesOf([HI[0], { role: 'assistant', content: [text('Let me look.'), { type: 'tool_use', id: 'c1', name: 'f', input: {} }] }]), [
        HI[0],
        { role: 'assistant', content: 'Let me look.', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      ]);
    });

    it('an assistant turn with nothing a translating upstream can take is left out, and its thinking named', () => {
      const { request, ignored } = parse(
        base({ messages: [HI[0], { role: 'assistant', content: [{ type: 'thinking', thinking: '...', signature: 's' }] }, { role: 'user', content: 'go on' }] }),
      );
      assert.deepEqual(request.messages, [HI[0], { role: 'user', content: 'go on' }]);
      assert.deepEqual(ignored, ['thinking']);
      assert.deepEqual(messagesOf([HI[0], { role: 'assistant', content: [] }]), [HI[0]]);
    });
  });

  describe('what a translating upstream cannot carry', () => {
    it('unknown top-level fields, but not the carried ones nor nulls', () => {
      const { ignored } = parse(base({ top_k: 40, service_tier: 'auto', container: null, system: 'S', metadata: {}, stream: false }));
      assert.deepEqual(ignored, ['top_k', 'service_tier']);
    });

    it('cache_control on system blocks, content blocks and tools', () => {
      const cc = { cache_control: { type: 'ephemeral' } };
      assert.deepEqual(parse(base({ system: [{ type: 'text', text: 'S', ...cc }] })).ignored, ['cache_control']);
      assert.deepEqual(parse(base({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', ...cc }] }] })).ignored, ['cache_control']);
      assert.deepEqual(parse(base({ tools: [{ ...TOOL, ...cc }] })).ignored, ['cache_control']);
      assert.deepEqual(parse(base({ system: [{ type: 'text', text: 'S', cache_control: null }] })).ignored, []);
    });

    it('thinking, documents, search results and server tool blocks are dropped and named', () => {
      const cases: [Body, string, string][] = [
        [{ type: 'redacted_thinking', data: 'x' }, 'assistant', 'thinking'],
        [{ type: 'document', source: {} }, 'user', 'document'],
        [{ type: 'search_result', content: [] }, 'user', 'search_result'],
        [{ type: 'server_tool_use', id: 's', name: 'web_search', input: {} }, 'assistant', 'server_tool_use'],
        [{ type: 'web_search_tool_result', tool_use_id: 's', content: [] }, 'assistant', 'web_search_tool_result'],
      ];
      for (const [b, role, name] of cases) {
        const { request, ignored } = parse(base({ messages: [HI[0], { role, content: [{ type: 'text', text: 'T' }, b] }] }));
        assert.deepEqual(ignored, [name], name);
        assert.deepEqual(request.messages, [HI[0], { role, content: 'T' }], name);
      }
    });

    it('server tools (web search, code execution) are named by their name; custom tools are translated', () => {
      const { request, ignored } = parse(
        base({
          tools: [
            { type: 'web_search_20250305', name: 'web_search' },
            { type: 'custom', ...TOOL },
            { ...TOOL, name: 'plain', description: 5, type: null },
          ],
        }),
      );
      assert.deepEqual(ignored, ['tools.web_search']);
      assert.deepEqual(request.tools, [
        { type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object' } } },
        { type: 'function', function: { name: 'plain', parameters: { type: 'object' } } },
      ]);
      const only = parse(base({ tools: [{ type: 'web_search_20250305', name: 'web_search' }] }));
      assert.equal(only.request.tools, null);
      assert.ok(!only.request.explicit.has('tools'));
    });
  });

  describe('tool_choice and stop_sequences', () => {
    const withTools = (tool_choice: unknown): ParsedMessages['request'] => parse(base({ tools: [TOOL], tool_choice })).request;
    it('auto, any, none and tool map to auto, required, none and a named function', () => {
      assert.equal(withTools({ type: 'auto' }).tool_choice, 'auto');
      assert.equal(withTools({ type: 'any' }).tool_choice, 'required');
      assert.equal(withTools({ type: 'none' }).tool_choice, 'none');
      assert.deepEqual(withTools({ type: 'tool', name: 'get_weather' }).tool_choice, { type: 'function', function: { name: 'get_weather' } });
      const second = parse(base({ tools: [TOOL, { ...TOOL, name: 'second' }], tool_choice: { type: 'tool', name: 'second' } })).request;
      assert.deepEqual(second.tool_choice, { type: 'function', function: { name: 'second' } });
      assert.equal(parse(base({ tool_choice: { type: 'none' } })).request.tool_choice, 'none');
    });
    it('auto without tools is no choice at all', () => {
      const r = parse(base({ tool_choice: { type: 'auto' } })).request;
      assert.equal(r.tool_choice, null);
      assert.ok(!r.explicit.has('tool_choice'));
    });
    it('disable_parallel_tool_use: true becomes parallel_tool_calls: false; otherwise nothing is sent', () => {
      assert.deepEqual(withTools({ type: 'any', disable_parallel_tool_use: true }).extra, { parallel_tool_calls: false });
      assert.deepEqual(withTools({ type: 'any', disable_parallel_tool_use: false }).extra, {});
      assert.deepEqual(withTools({ type: 'auto' }).extra, {});
    });
    it('an empty stop_sequences is none', () => {
      const r = parse(base({ stop_sequences: [] })).request;
      assert.equal(r.stop, null);
      assert.ok(!r.explicit.has('stop'));
    });
  });
});
