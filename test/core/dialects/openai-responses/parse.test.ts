// POST /v1/responses as the parser reads it: each refusal with the param, code and words a client gets
// (a 400 in OpenAI's shape), the defaults no client states, how each input item becomes a chat message,
// what is named as ignored for a translating upstream, and the request fields the answer echoes.
import assert from 'node:assert/strict';
import { parseResponses, type ParsedResponses } from '../../../../src/core/dialects/openai-responses/parse';
import type { OblixError } from '../../../../src/core/errors/oblix-error';

type Body = Record<string, unknown>;
const base = (extra: Body = {}): Body => ({ model: 'auto', input: 'Hi', ...extra });
const FN = { type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } };
const messagesOf = (input: unknown, extra: Body = {}): unknown => parseResponses(base({ input, ...extra })).request.messages;
const HI = { role: 'user', content: 'Hi' };

function refused(body: unknown, param: string, code: string, words: RegExp | string): void {
  assert.throws(
    () => parseResponses(body),
    (e: OblixError) => {
      assert.deepEqual({ status: e.status, type: e.type, param: e.param, code: e.code }, { status: 400, type: 'invalid_request_error', param, code }, JSON.stringify(body));
      if (typeof words === 'string') assert.equal(e.message, words);
      else assert.match(e.message, words);
      return true;
    },
  );
}

describe('openai-responses: the parser', () => {
  it('applies the Responses defaults to a minimal request, and echoes them as OpenAI does', () => {
    const p = parseResponses(base());
    assert.deepEqual(p.ignored, []);
    assert.deepEqual([...p.customTools], []);
    const r = p.request;
    assert.deepEqual(r.messages, [HI]);
    assert.deepEqual(
      [r.model, r.temperature, r.top_p, r.stream, r.maxTokens, r.maxTokensParam, r.user, r.tools, r.tool_choice, r.response_format, r.reasoning],
      ['auto', 1, 1, false, null, null, null, null, null, null, undefined],
    );
    assert.deepEqual([...r.explicit], []);
    assert.deepEqual(r.extra, {});
    assert.deepEqual(r.native, { dialect: 'openai-responses', body: base(), headers: {} });
    assert.deepEqual(p.echo, {
      instructions: null,
      max_output_tokens: null,
      metadata: {},
      parallel_tool_calls: true,
      temperature: 1,
      top_p: 1,
      tool_choice: 'auto',
      tools: [],
      text: { format: { type: 'text' } },
      reasoning: { effort: null, summary: null },
      store: false,
      user: null,
    });
  });

  it('keeps what the client sent, lists it as explicit and echoes it', () => {
    const text = { format: { type: 'json_object' } };
    const p = parseResponses(
      base({
        instructions: 'Be brief.',
        temperature: 2,
        top_p: 0,
        max_output_tokens: 1,
        user: 'u1',
        stream: true,
        tools: [FN],
        tool_choice: 'required',
        parallel_tool_calls: false,
        text,
        metadata: { a: 'b' },
        reasoning: { effort: 'low', summary: 'auto' },
      }),
    );
    const r = p.request;
    assert.deepEqual(r.messages, [{ role: 'system', content: 'Be brief.' }, HI]);
    assert.deepEqual(
      [r.temperature, r.top_p, r.maxTokens, r.maxTokensParam, r.user, r.stream, r.tool_choice, r.response_format, r.reasoning],
      [2, 0, 1, 'max_completion_tokens', 'u1', true, 'required', { type: 'json_object' }, 'low'],
    );
    assert.deepEqual([...r.explicit].sort(), ['response_format', 'temperature', 'tool_choice', 'tools', 'top_p', 'user']);
    assert.deepEqual(r.extra, { parallel_tool_calls: false });
    assert.deepEqual(p.echo, {
      instructions: 'Be brief.',
      max_output_tokens: 1,
      metadata: { a: 'b' },
      parallel_tool_calls: false,
      temperature: 2,
      top_p: 0,
      tool_choice: 'required',
      tools: [FN],
      text,
      reasoning: { effort: 'low', summary: 'auto' },
      store: false,
      user: 'u1',
    });
    assert.deepEqual(p.ignored.sort(), ['metadata', 'reasoning']);
  });

  describe('refusals', () => {
    it('the stateful parameters: previous_response_id, conversation, background and item_reference', () => {
      for (const key of ['previous_response_id', 'conversation'])
        refused(
          base({ [key]: 'x' }),
          key,
          'unsupported_parameter',
          `'${key}' is not supported: Oblix is stateless and keeps no responses. Send the whole conversation in 'input' (with 'store': false, as Codex does).`,
        );
      refused(base({ background: true }), 'background', 'unsupported_parameter', "'background' is not supported: Oblix keeps no responses to poll.");
      assert.ok(parseResponses(base({ background: false, previous_response_id: null, conversation: null })));
      refused(base({ input: [{ type: 'item_reference', id: 'msg_1' }] }), 'input[0].type', 'unsupported_parameter', /^'item_reference' is not supported/);
    });

    it('the body, the model and the input', () => {
      refused([], 'body', 'invalid_type', 'The request body must be a JSON object.');
      refused({ input: 'Hi' }, 'model', 'missing_required_parameter', 'model: Field required');
      refused({ model: 'auto' }, 'input', 'missing_required_parameter', "Missing required parameter: 'input' (a string or an array of input items), got nothing.");
      refused(base({ input: 5 }), 'input', 'missing_required_parameter', /got number 5\.$/);
      refused(base({ input: [] }), 'input', 'empty_array', "'input' must hold at least one message or item.");
      refused(base({ input: [], instructions: 'S' }), 'input', 'empty_array', /at least one/);
      refused(base({ input: [{ role: 'developer', content: 'S' }] }), 'input', 'empty_array', /at least one/);
      refused(base({ instructions: 5 }), 'instructions', 'invalid_type', 'instructions: must be a string, got number 5.');
      assert.deepEqual(parseResponses(base({ instructions: null, user: null })).request.messages, [HI]);
    });

    it('input items: an object of a known type', () => {
      refused(base({ input: ['Hi'] }), 'input[0]', 'invalid_type', '\'input[0]\' must be an input item object, got the string "Hi".');
      refused(
        base({ input: [HI, { type: 'telepathy' }] }),
        'input[1].type',
        'invalid_value',
        "Invalid input item type the string \"telepathy\": expected 'message', 'function_call', 'function_call_output', 'custom_tool_call', 'custom_tool_call_output' or 'reasoning'.",
      );
      refused(base({ input: [{ type: 5 }] }), 'input[0].type', 'invalid_value', /type number 5/);
    });

    it('calls need string call_id, name and arguments (input for a custom tool call); outputs a call_id', () => {
      const call = { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' };
      for (const bad of [{ call_id: 1 }, { name: 1 }, { arguments: {} }])
        refused(base({ input: [{ ...call, ...bad }] }), 'input[0]', 'invalid_type', "'input[0]' (function_call) needs string 'call_id', 'name' and 'arguments'.");
      const custom = { type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: 'x' };
      for (const bad of [{ call_id: 1 }, { name: 1 }, { input: 1 }])
        refused(base({ input: [{ ...custom, ...bad }] }), 'input[0]', 'invalid_type', "'input[0]' (custom_tool_call) needs string 'call_id', 'name' and 'input'.");
      refused(base({ input: [{ ...custom, input: undefined, arguments: 'x' }] }), 'input[0]', 'invalid_type', /'input'\.$/);
      for (const type of ['function_call_output', 'custom_tool_call_output'])
        refused(base({ input: [HI, { type, output: 'x' }] }), 'input[1].call_id', 'missing_required_parameter', "Missing required parameter: 'input[1].call_id'.");
      refused(
        base({ input: [{ type: 'function_call_output', call_id: 'c1', output: 5 }] }),
        'input[0].output',
        'invalid_type',
        "'input[0].output' must be a string or an array of content parts, got number 5.",
      );
      refused(base({ input: [{ type: 'function_call_output', call_id: 'c1' }] }), 'input[0].output', 'invalid_type', /got nothing\.$/);
    });

    it('messages: a known role, content as a string or parts of known types, images in user turns only', () => {
      refused(
        base({ input: [{ role: 'tool', content: 'x' }] }),
        'input[0].role',
        'invalid_value',
        "'input[0].role' must be 'user', 'assistant', 'system' or 'developer', got the string \"tool\".",
      );
      refused(base({ input: [{ content: 'x' }] }), 'input[0].role', 'invalid_value', /got nothing\.$/);
      refused(
        base({ input: [{ role: 'user', content: 5 }] }),
        'input[0].content',
        'invalid_type',
        "'input[0].content' must be a string or an array of content parts, got number 5.",
      );
      const part = (p: unknown, role = 'user'): Body => base({ input: [{ role, content: [p] }] });
      refused(part('x'), 'input[0].content[0]', 'invalid_type', "'input[0].content[0]' must be a content part with a 'type'.");
      refused(part({ text: 'x' }), 'input[0].content[0]', 'invalid_type', /with a 'type'/);
      for (const type of ['input_text', 'output_text', 'summary_text'])
        refused(part({ type }), 'input[0].content[0].text', 'invalid_type', "'input[0].content[0].text' must be a string.");
      refused(
        part({ type: 'input_image', image_url: 'http://x/y.png' }, 'assistant'),
        'input[0].content[0]',
        'invalid_value',
        "'input[0].content[0]': images are only allowed in user messages.",
      );
      refused(part({ type: 'input_image', image_url: 'http://x/y.png' }, 'developer'), 'input[0].content[0]', 'invalid_value', /only allowed in user messages/);
      refused(
        part({ type: 'input_video' }),
        'input[0].content[0].type',
        'invalid_value',
        "Invalid content part type the string \"input_video\": expected 'input_text', 'output_text' or 'input_image'.",
      );
    });

    it('sampling, max_output_tokens, user, stream and parallel_tool_calls', () => {
      refused(base({ temperature: 2.01 }), 'temperature', 'invalid_value', 'temperature: 2.01 is out of range, expected a value between 0 and 2.');
      refused(base({ top_p: 1.01 }), 'top_p', 'invalid_value', 'top_p: 1.01 is out of range, expected a value between 0 and 1.');
      refused(base({ max_output_tokens: 0 }), 'max_output_tokens', 'invalid_value', 'max_output_tokens: 0 is less than the minimum of 1.');
      refused(base({ max_output_tokens: 1.5 }), 'max_output_tokens', 'invalid_type', /must be an integer/);
      refused(base({ user: 1 }), 'user', 'invalid_type', 'user: must be a string, got number 1.');
      refused(base({ stream: 'yes' }), 'stream', 'invalid_type', 'stream: must be a boolean, got the string "yes".');
      refused(base({ parallel_tool_calls: 'no' }), 'parallel_tool_calls', 'invalid_type', /must be a boolean/);
    });

    it('tools: objects with a type; functions and custom tools with a 1-64 character name and a schema object', () => {
      refused(base({ tools: {} }), 'tools', 'invalid_type', "'tools' must be an array, got an object.");
      for (const t of ['x', { name: 'f' }, { type: 5 }]) refused(base({ tools: [FN, t] }), 'tools[1]', 'invalid_type', "'tools[1]' must be a tool object with a 'type'.");
      for (const name of [undefined, '', 'a'.repeat(65), 'a b', 5])
        for (const type of ['function', 'custom'])
          refused(base({ tools: [{ type, name }] }), 'tools[0].name', 'invalid_value', "'tools[0].name' must be 1-64 letters, digits, underscores or dashes.");
      refused(base({ tools: [{ ...FN, parameters: [] }] }), 'tools[0].parameters', 'invalid_type', "'tools[0].parameters' must be a JSON Schema object.");
      refused(base({ tools: [{ ...FN, parameters: 'object' }] }), 'tools[0].parameters', 'invalid_type', /JSON Schema object/);
    });

    it('tool_choice: none, auto, required, a tool that exists, or an object (carried as nothing)', () => {
      refused(
        base({ tools: [FN], tool_choice: 'sometimes' }),
        'tool_choice',
        'invalid_type',
        "'tool_choice' must be 'none', 'auto', 'required' or {type: 'function' | 'custom', name}.",
      );
      refused(base({ tools: [FN], tool_choice: 5 }), 'tool_choice', 'invalid_type', /must be 'none'/);
      refused(
        base({ tools: [FN], tool_choice: { type: 'function', name: 'nope' } }),
        'tool_choice',
        'invalid_value',
        "'tool_choice' names the tool \"nope\", which is not in 'tools'.",
      );
      refused(base({ tool_choice: { type: 'custom', name: 'get_weather' } }), 'tool_choice', 'invalid_value', /not in 'tools'/);
    });

    it('text.format: text, json_object or a named json_schema with a schema object', () => {
      refused(base({ text: 'json' }), 'text', 'invalid_type', '\'text\' must be an object, got the string "json".');
      refused(base({ text: { format: 'json' } }), 'text.format', 'invalid_type', "'text.format' must be an object.");
      refused(
        base({ text: { format: { type: 'json_schema', schema: {} } } }),
        'text.format',
        'invalid_type',
        "'text.format' of type 'json_schema' needs a 'name' and a 'schema' object.",
      );
      refused(base({ text: { format: { type: 'json_schema', name: 'x' } } }), 'text.format', 'invalid_type', /needs a 'name'/);
      refused(base({ text: { format: { type: 'json_schema', name: 'x', schema: [] } } }), 'text.format', 'invalid_type', /needs a 'name'/);
      refused(
        base({ text: { format: { type: 'yaml' } } }),
        'text.format.type',
        'invalid_value',
        "Invalid 'text.format.type' the string \"yaml\": expected 'text', 'json_object' or 'json_schema'.",
      );
    });
  });

  describe('input items as chat messages', () => {
    it('a string is one user message; instructions go first; an empty instruction is none', () => {
      assert.deepEqual(messagesOf('Hi', { instructions: 'S' }), [{ role: 'system', content: 'S' }, HI]);
      assert.deepEqual(messagesOf('Hi', { instructions: '' }), [HI]);
    });

    it('messages: developer turns become system turns; an item without a type is a message', () => {
      assert.deepEqual(
        messagesOf([
          { type: 'message', role: 'developer', content: 'D' },
          { role: 'system', content: 'S' },
          { role: 'user', content: 'U' },
          { role: 'assistant', content: 'A' },
        ]),
        [
          { role: 'system', content: 'D' },
          { role: 'system', content: 'S' },
          { role: 'user', content: 'U' },
          { role: 'assistant', content: 'A' },
        ],
      );
    });

    it('text parts are joined into one string; a refusal is kept as text', () => {
      assert.deepEqual(
        messagesOf([
          HI,
          {
            role: 'assistant',
            content: [
              { type: 'output_text', text: 'a' },
              { type: 'refusal', refusal: 'b' },
              { type: 'refusal', refusal: 5 },
              { type: 'summary_text', text: 'c' },
            ],
          },
          {
            role: 'user',
            content: [{ type: 'input_text', text: 'x' }, { type: 'input_file', file_id: 'f' }, { type: 'input_audio' }, { type: 'input_text', text: 'y' }],
          },
        ]),
        [HI, { role: 'assistant', content: 'abc' }, { role: 'user', content: 'xy' }],
      );
      const p = parseResponses(base({ input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'f' }, { type: 'input_audio' }, { type: 'input_text', text: 'y' }] }] }));
      assert.deepEqual(p.ignored, ['input_file', 'input_audio']);
    });

    it('a user turn with an image keeps its parts; an image by file id is dropped and named', () => {
      const p = parseResponses(
        base({
          input: [
            {
              role: 'user',
              content: [
                { type: 'input_text', text: 'look' },
                { type: 'input_image', image_url: 'data:image/png;base64,AA' },
                { type: 'input_image', file_id: 'f1' },
              ],
            },
          ],
        }),
      );
      assert.deepEqual(p.request.messages, [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } },
          ],
        },
      ]);
      assert.deepEqual(p.ignored, ['input_image.file_id']);
    });

    it('calls join the assistant turn before them, or start one; custom tool input is wrapped as {input}', () => {
      assert.deepEqual(
        messagesOf([
          HI,
          { role: 'assistant', content: 'Let me look.' },
          { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{"a":1}' },
          { type: 'custom_tool_call', call_id: 'c2', name: 'apply_patch', input: '*** Begin Patch' },
          { type: 'function_call_output', call_id: 'c1', output: 'ok' },
          { type: 'custom_tool_call_output', call_id: 'c2', output: [{ type: 'input_text', text: 'a' }, { type: 'input_image' }, 'junk', { type: 'output_text', text: 'b' }] },
          { type: 'function_call', call_id: 'c3', name: 'f', arguments: '{}' },
        ]),
        [
          HI,
          {
            role: 'assistant',
            content: 'Let me look.',
            tool_calls: [
              { id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
              { id: 'c2', type: 'function', function: { name: 'apply_patch', arguments: '{"input":"*** Begin Patch"}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'ok' },
          { role: 'tool', tool_call_id: 'c2', content: 'ab' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c3', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        ],
      );
      const output = [
        { type: 'input_image', text: 'alt' },
        { type: 'output_text', text: 5 },
        { type: 'output_text', text: 'ok' },
      ];
      const p = parseResponses(base({ input: [HI, { type: 'function_call_output', call_id: 'c1', output }] }));
      assert.deepEqual(p.request.messages[1], { role: 'tool', tool_call_id: 'c1', content: 'ok' });
      assert.deepEqual(p.ignored, ['tool_output.image']);
      // A call with nothing before it starts the assistant turn itself.
      assert.deepEqual(messagesOf([{ type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' }]), [
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      ]);
    });

    it('reasoning items and hosted tool items are dropped and named', () => {
      const p = parseResponses(
        base({ input: [HI, { type: 'reasoning', encrypted_content: 'x' }, { type: 'web_search_call' }, { type: 'local_shell_call_output' }, { type: 'mcp_list_tools' }] }),
      );
      assert.deepEqual(p.request.messages, [HI]);
      assert.deepEqual(p.ignored, ['input.reasoning', 'input.web_search_call', 'input.local_shell_call_output', 'input.mcp_list_tools']);
      for (const type of ['local_shell_call', 'file_search_call', 'computer_call', 'computer_call_output', 'image_generation_call', 'code_interpreter_call', 'mcp_call'])
        assert.deepEqual(parseResponses(base({ input: [HI, { type }] })).ignored, [`input.${type}`]);
    });
  });

  describe('tools, tool_choice and text.format', () => {
    it('function tools keep their schema, description and strict; without parameters an empty object schema', () => {
      const r = parseResponses(
        base({
          tools: [
            { ...FN, strict: true },
            { type: 'function', name: 'bare', parameters: null, description: 5, strict: 'yes' },
            { type: 'function', name: 'none' },
          ],
        }),
      ).request;
      assert.deepEqual(r.tools, [
        { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: FN.parameters, strict: true } },
        { type: 'function', function: { name: 'bare', description: undefined, parameters: { type: 'object', properties: {} } } },
        { type: 'function', function: { name: 'none', description: undefined, parameters: { type: 'object', properties: {} } } },
      ]);
    });

    it('a custom tool is a function of one string input, its grammar spelled out; its name is kept', () => {
      const p = parseResponses(
        base({
          tools: [
            { type: 'custom', name: 'apply_patch', description: 'Patch files', format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' } },
            { type: 'custom', name: 'free', format: { type: 'text' } },
            { type: 'custom', name: 'nosyntax', format: { type: 'grammar', definition: 'G' } },
            { type: 'custom', name: 'nodef', format: { type: 'grammar', syntax: 'lark' } },
            { type: 'custom', name: 'plain', format: { type: 'text', definition: 'G' } },
          ],
        }),
      );
      const schema = (description: string): Body => ({ type: 'object', properties: { input: { type: 'string', description } }, required: ['input'], additionalProperties: false });
      const free = 'The raw input to the tool, as free-form text.';
      assert.deepEqual(p.request.tools, [
        {
          type: 'function',
          function: { name: 'apply_patch', description: 'Patch files', parameters: schema('The raw input to the tool, following this lark grammar:\nstart: "x"') },
        },
        { type: 'function', function: { name: 'free', description: undefined, parameters: schema(free) } },
        { type: 'function', function: { name: 'nosyntax', description: undefined, parameters: schema('The raw input to the tool, following this  grammar:\nG') } },
        { type: 'function', function: { name: 'nodef', description: undefined, parameters: schema(free) } },
        { type: 'function', function: { name: 'plain', description: undefined, parameters: schema(free) } },
      ]);
      assert.deepEqual([...p.customTools], ['apply_patch', 'free', 'nosyntax', 'nodef', 'plain']);
    });

    it('hosted tools are named as ignored; with no other tool there are none', () => {
      const p = parseResponses(base({ tools: [{ type: 'web_search' }, FN, { type: 'local_shell' }] }));
      assert.deepEqual(p.ignored, ['tools.web_search', 'tools.local_shell']);
      assert.equal(p.request.tools?.length, 1);
      const only = parseResponses(base({ tools: [{ type: 'web_search' }], tool_choice: 'required', parallel_tool_calls: true }));
      assert.equal(only.request.tools, null);
      assert.equal(only.request.tool_choice, null);
      assert.deepEqual(only.request.extra, {});
      assert.deepEqual([...only.request.explicit], []);
    });

    it('tool_choice: none always; auto and required only with tools; a named function or custom tool', () => {
      const choice = (tool_choice: unknown, tools: unknown = [FN, { type: 'custom', name: 'apply_patch' }]): ParsedResponses => parseResponses(base({ tools, tool_choice }));
      assert.equal(choice('none', null).request.tool_choice, 'none');
      assert.ok(choice('none', null).request.explicit.has('tool_choice'));
      assert.equal(choice('auto').request.tool_choice, 'auto');
      assert.equal(choice('required').request.tool_choice, 'required');
      assert.equal(choice('auto', null).request.tool_choice, null);
      assert.ok(!choice('auto', null).request.explicit.has('tool_choice'));
      assert.deepEqual(choice({ type: 'function', name: 'get_weather' }).request.tool_choice, { type: 'function', function: { name: 'get_weather' } });
      assert.deepEqual(choice({ type: 'custom', name: 'apply_patch' }).request.tool_choice, { type: 'function', function: { name: 'apply_patch' } });
      const allowed = choice({ type: 'allowed_tools', mode: 'auto', tools: [] });
      assert.equal(allowed.request.tool_choice, null);
      assert.deepEqual(allowed.ignored, ['tool_choice']);
      assert.deepEqual(choice({ type: 'function' }).ignored, ['tool_choice']);
      const hosted = choice({ type: 'web_search', name: 'get_weather' });
      assert.deepEqual([hosted.request.tool_choice, hosted.ignored], [null, ['tool_choice']]);
      assert.equal(choice(null).request.tool_choice, null);
    });

    it('parallel_tool_calls is passed on only with tools', () => {
      assert.deepEqual(parseResponses(base({ tools: [FN], parallel_tool_calls: true })).request.extra, { parallel_tool_calls: true });
      assert.deepEqual(parseResponses(base({ parallel_tool_calls: false })).request.extra, {});
      assert.deepEqual(parseResponses(base({ tools: [FN] })).request.extra, {});
    });

    it('text.format: text is none; json_schema keeps name, schema, strict and description; verbosity is named', () => {
      const format = (f: unknown): unknown => parseResponses(base({ text: { format: f } })).request.response_format;
      assert.equal(format({ type: 'text' }), null);
      assert.equal(format(null), null);
      assert.equal(parseResponses(base({ text: null })).request.response_format, null);
      assert.equal(parseResponses(base({ text: {} })).request.explicit.has('response_format'), false);
      assert.deepEqual(format({ type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: false, description: 'D', extra: 1 }), {
        type: 'json_schema',
        json_schema: { name: 'out', schema: { type: 'object' }, strict: false, description: 'D' },
      });
      assert.deepEqual(format({ type: 'json_schema', name: 'out', schema: {}, strict: 'yes', description: 5 }), { type: 'json_schema', json_schema: { name: 'out', schema: {} } });
      assert.deepEqual(parseResponses(base({ text: { verbosity: 'low' } })).ignored, ['text.verbosity']);
      assert.deepEqual(parseResponses(base({ text: { verbosity: null } })).ignored, []);
    });
  });

  describe('what a translating upstream cannot carry, and what chat-kind upstreams take as is', () => {
    it('unknown fields are named; handled ones and nulls are not', () => {
      const p = parseResponses(base({ top_logprobs: 2, truncation: 'auto', prompt: null, store: false, include: [], metadata: {}, reasoning: null }));
      assert.deepEqual(p.ignored, ['top_logprobs', 'truncation']);
    });
    it('store: true, a non-empty include, metadata and reasoning are named', () => {
      const p = parseResponses(base({ store: true, include: ['reasoning.encrypted_content'], metadata: { a: 'b' }, reasoning: { effort: 'bogus' } }));
      assert.deepEqual(p.ignored.sort(), ['include', 'metadata', 'reasoning', 'store']);
      assert.equal(p.request.reasoning, undefined);
    });
    it('prompt_cache_key, safety_identifier and service_tier travel as they are', () => {
      const p = parseResponses(base({ prompt_cache_key: 'k', safety_identifier: 's', service_tier: 'flex' }));
      assert.deepEqual(p.request.extra, { prompt_cache_key: 'k', safety_identifier: 's', service_tier: 'flex' });
      assert.deepEqual(p.ignored, []);
    });
  });
});
