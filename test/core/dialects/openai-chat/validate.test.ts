// Chat request validation, rule by rule: each refusal names the exact `param` and `code` a client
// sees, and each limit is tried on both sides (the last value accepted, the first one refused).
import assert from 'node:assert/strict';
import { OblixError } from '../../../../src/core/errors/oblix-error';
import { validateChatRequest } from '../../../../src/core/dialects/openai-chat/parse';

type Body = Record<string, unknown>;
const USER = [{ role: 'user', content: 'hi' }];
const base = (extra: Body = {}): Body => ({ model: 'm', messages: USER, ...extra });
const TOOL = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } };

/** Asserts the body is refused with a 400 naming `param` and `code`. */
function refused(body: unknown, param: string | null, code: string, message?: string): void {
  assert.throws(
    () => validateChatRequest(body),
    (e: unknown) => {
      assert.ok(e instanceof OblixError, String(e));
      assert.deepEqual({ status: e.status, type: e.type, param: e.param, code: e.code }, { status: 400, type: 'invalid_request_error', param, code });
      if (message !== undefined) assert.equal(e.message, message);
      return true;
    },
  );
}

describe('validateChatRequest', () => {
  it('applies the documented defaults to a minimal request', () => {
    const r = validateChatRequest(base());
    assert.deepEqual(r, {
      model: 'm',
      messages: USER,
      temperature: 0.7,
      top_p: 1,
      n: 1,
      stream: false,
      includeUsage: false,
      maxTokens: null,
      maxTokensParam: null,
      presence_penalty: 0,
      frequency_penalty: 0,
      logit_bias: null,
      user: null,
      stop: null,
      seed: null,
      response_format: null,
      tools: null,
      tool_choice: null,
      explicit: new Set(['model', 'messages']),
      extra: {},
      requestedModel: 'm',
    });
  });

  it('keeps every value the client sent, and lists as explicit only the non-null ones', () => {
    const r = validateChatRequest(
      base({
        temperature: 0,
        top_p: 0.5,
        n: 3,
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: 9,
        presence_penalty: -2,
        frequency_penalty: 2,
        logit_bias: { '50256': -100 },
        user: 'u1',
        stop: 'END',
        seed: 7,
        user_extra: undefined,
        top_k: 40,
        seed2: null,
      }),
    );
    assert.deepEqual(
      [r.temperature, r.top_p, r.n, r.stream, r.includeUsage, r.maxTokens, r.maxTokensParam, r.presence_penalty, r.frequency_penalty, r.logit_bias, r.user, r.stop, r.seed],
      [0, 0.5, 3, true, true, 9, 'max_tokens', -2, 2, { '50256': -100 }, 'u1', ['END'], 7],
    );
    assert.deepEqual(
      [...r.explicit].sort(),
      [
        'frequency_penalty',
        'logit_bias',
        'max_tokens',
        'messages',
        'model',
        'n',
        'presence_penalty',
        'seed',
        'stop',
        'stream',
        'stream_options',
        'temperature',
        'top_k',
        'top_p',
        'user',
      ].sort(),
    );
    // Unknown parameters travel in `extra` (null included: the client sent it); undefined ones do not.
    assert.deepEqual(r.extra, { top_k: 40, seed2: null });
  });

  it('takes null for every optional parameter as not sent', () => {
    const keys = ['temperature', 'top_p', 'n', 'max_tokens', 'max_completion_tokens', 'presence_penalty', 'frequency_penalty', 'logit_bias', 'user', 'stop', 'seed'];
    const nulls = Object.fromEntries([...keys, 'response_format', 'tools', 'tool_choice'].map((k) => [k, null]));
    const r = validateChatRequest(base(nulls));
    assert.deepEqual(
      [
        r.temperature,
        r.top_p,
        r.n,
        r.maxTokens,
        r.maxTokensParam,
        r.presence_penalty,
        r.frequency_penalty,
        r.logit_bias,
        r.user,
        r.stop,
        r.seed,
        r.response_format,
        r.tools,
        r.tool_choice,
      ],
      [0.7, 1, 1, null, null, 0, 0, null, null, null, null, null, null, null],
    );
  });

  it('names what it got in each refusal: null, an array, an object, a string, a number', () => {
    refused(base({ messages: [USER[0], null] }), 'messages[1]', 'invalid_type', "'messages[1]' must be an object, got null.");
    refused(base({ messages: [USER[0], []] }), 'messages[1]', 'invalid_type', "'messages[1]' must be an object, got an array.");
    refused(
      base({ messages: [{ role: 'user', content: { text: 'x' } }] }),
      'messages[0].content',
      'invalid_type',
      "'messages[0].content' must be a string or an array of content parts, got an object.",
    );
    refused(
      base({ messages: [{ role: 'user', content: true }] }),
      'messages[0].content',
      'invalid_type',
      "'messages[0].content' must be a string or an array of content parts, got boolean true.",
    );
    refused(base({ n: 'x'.repeat(41) }), 'n', 'invalid_type', `'n' must be an integer, got the string "${'x'.repeat(40)}…".`);
  });

  describe('the body and the model', () => {
    it('refuses a body that is not an object', () => {
      for (const b of [null, [], 'x', 3]) refused(b, null, 'invalid_type', 'The request body must be a JSON object.');
    });
    it('refuses a missing, empty or non-string model', () => {
      refused({ messages: USER }, 'model', 'missing_required_parameter', 'you must provide a model parameter');
      refused(base({ model: null }), 'model', 'missing_required_parameter');
      refused(base({ model: 5 }), 'model', 'invalid_type');
      refused(base({ model: '   ' }), 'model', 'invalid_type');
      refused(base({ model: '' }), 'model', 'invalid_type');
    });
    it('takes printable ASCII only (it travels back in a header), trimmed', () => {
      const trimmed = validateChatRequest(base({ model: '  ollama:llama3.2  ' }));
      assert.deepEqual([trimmed.model, trimmed.requestedModel], ['ollama:llama3.2', 'ollama:llama3.2']);
      assert.equal(validateChatRequest(base({ model: '!~' })).model, '!~'); // \x21 and \x7e: the edges
      refused(base({ model: 'a b' }), 'model', 'invalid_value');
      refused(base({ model: 'a\x7f' }), 'model', 'invalid_value');
      refused(base({ model: 'modèle' }), 'model', 'invalid_value');
      refused(base({ model: 'a\nb' }), 'model', 'invalid_value');
    });
  });

  describe('stream and stream_options', () => {
    it('stream must be a boolean', () => {
      refused(base({ stream: 'true' }), 'stream', 'invalid_type', '\'stream\' must be a boolean, got the string "true".');
      assert.equal(validateChatRequest(base({ stream: null })).stream, false);
    });
    it('stream_options only with stream, as an object, with a boolean include_usage', () => {
      refused(base({ stream_options: { include_usage: true } }), 'stream_options', 'invalid_value');
      refused(base({ stream: false, stream_options: {} }), 'stream_options', 'invalid_value');
      refused(base({ stream: true, stream_options: [] }), 'stream_options', 'invalid_type', "'stream_options' must be an object.");
      refused(base({ stream: true, stream_options: 'x' }), 'stream_options', 'invalid_type');
      refused(
        base({ stream: true, stream_options: { include_usage: 'yes' } }),
        'stream_options.include_usage',
        'invalid_type',
        "'stream_options.include_usage' must be a boolean.",
      );
      assert.equal(validateChatRequest(base({ stream: false, stream_options: null })).includeUsage, false);
      assert.equal(validateChatRequest(base({ stream: true, stream_options: {} })).includeUsage, false);
      assert.equal(validateChatRequest(base({ stream: true, stream_options: { include_usage: false } })).includeUsage, false);
      assert.equal(validateChatRequest(base({ stream: true, stream_options: { include_usage: true } })).includeUsage, true);
    });
  });

  describe('number ranges, each on both sides of its limits', () => {
    const ranges: [string, number, number][] = [
      ['temperature', 0, 2],
      ['top_p', 0, 1],
      ['presence_penalty', -2, 2],
      ['frequency_penalty', -2, 2],
    ];
    for (const [key, min, max] of ranges) {
      it(`${key}: ${min}..${max}`, () => {
        assert.equal((validateChatRequest(base({ [key]: min })) as unknown as Body)[key], min);
        assert.equal((validateChatRequest(base({ [key]: max })) as unknown as Body)[key], max);
        refused(base({ [key]: min - 0.01 }), key, 'invalid_value', `${min - 0.01} is out of range for '${key}': expected a value between ${min} and ${max}.`);
        refused(base({ [key]: max + 0.01 }), key, 'invalid_value');
        refused(base({ [key]: '1' }), key, 'invalid_type');
        refused(base({ [key]: Infinity }), key, 'invalid_type');
        refused(base({ [key]: NaN }), key, 'invalid_type');
      });
    }

    it('n: an integer from 1 to 128', () => {
      assert.equal(validateChatRequest(base({ n: 1 })).n, 1);
      assert.equal(validateChatRequest(base({ n: 128 })).n, 128);
      refused(base({ n: 0 }), 'n', 'invalid_value', "0 is less than the minimum of 1 - 'n'.");
      refused(base({ n: 129 }), 'n', 'invalid_value', "129 is greater than the maximum of 128 - 'n'.");
      refused(base({ n: 1.5 }), 'n', 'invalid_type', "'n' must be an integer, got number 1.5.");
      refused(base({ n: '2' }), 'n', 'invalid_type');
    });

    for (const key of ['max_tokens', 'max_completion_tokens']) {
      it(`${key}: an integer of at least 1`, () => {
        const r = validateChatRequest(base({ [key]: 1 }));
        assert.deepEqual([r.maxTokens, r.maxTokensParam], [1, key]);
        refused(base({ [key]: 0 }), key, 'invalid_value');
        refused(base({ [key]: 2.5 }), key, 'invalid_type');
        refused(base({ [key]: [] }), key, 'invalid_type', `'${key}' must be an integer, got an array.`);
      });
    }

    it('max_completion_tokens wins over max_tokens, and its name is kept', () => {
      const r = validateChatRequest(base({ max_tokens: 5, max_completion_tokens: 6 }));
      assert.deepEqual([r.maxTokens, r.maxTokensParam], [6, 'max_completion_tokens']);
    });

    it('seed: any safe integer', () => {
      assert.equal(validateChatRequest(base({ seed: Number.MIN_SAFE_INTEGER })).seed, Number.MIN_SAFE_INTEGER);
      assert.equal(validateChatRequest(base({ seed: Number.MAX_SAFE_INTEGER })).seed, Number.MAX_SAFE_INTEGER);
      assert.equal(validateChatRequest(base({ seed: 0 })).seed, 0);
      refused(base({ seed: Number.MIN_SAFE_INTEGER - 1 }), 'seed', 'invalid_value');
      refused(base({ seed: Number.MAX_SAFE_INTEGER + 1 }), 'seed', 'invalid_value');
      refused(base({ seed: 0.5 }), 'seed', 'invalid_type');
    });
  });

  describe('logit_bias, user and stop', () => {
    it('logit_bias: token ids to numbers from -100 to 100', () => {
      assert.deepEqual(validateChatRequest(base({ logit_bias: { '0': -100, '123': 100 } })).logit_bias, { '0': -100, '123': 100 });
      assert.deepEqual(validateChatRequest(base({ logit_bias: {} })).logit_bias, {});
      refused(base({ logit_bias: [] }), 'logit_bias', 'invalid_type');
      refused(base({ logit_bias: 'x' }), 'logit_bias', 'invalid_type');
      refused(base({ logit_bias: { abc: 1 } }), 'logit_bias', 'invalid_value', 'Invalid key in \'logit_bias\': "abc" is not a token id.');
      refused(base({ logit_bias: { '-1': 1 } }), 'logit_bias', 'invalid_value');
      refused(base({ logit_bias: { '12a': 1 } }), 'logit_bias', 'invalid_value', 'Invalid key in \'logit_bias\': "12a" is not a token id.');
      refused(base({ logit_bias: { '1': 100.5 } }), 'logit_bias', 'invalid_value', "Invalid value for token 1 in 'logit_bias': expected a number between -100 and 100.");
      refused(base({ logit_bias: { '1': -100.5 } }), 'logit_bias', 'invalid_value');
      refused(base({ logit_bias: { '1': '5' } }), 'logit_bias', 'invalid_value');
    });
    it('user: a string', () => {
      refused(base({ user: 5 }), 'user', 'invalid_type', "'user' must be a string, got number 5.");
      assert.equal(validateChatRequest(base({ user: '' })).user, '');
    });
    it('stop: a string or up to 4 strings; an empty list is none', () => {
      assert.deepEqual(validateChatRequest(base({ stop: '' })).stop, ['']);
      assert.deepEqual(validateChatRequest(base({ stop: ['a', 'b', 'c', 'd'] })).stop, ['a', 'b', 'c', 'd']);
      assert.equal(validateChatRequest(base({ stop: [] })).stop, null);
      refused(base({ stop: ['a', 'b', 'c', 'd', 'e'] }), 'stop', 'invalid_value', "'stop' may hold at most 4 sequences, got 5.");
      refused(base({ stop: ['a', 1] }), 'stop', 'invalid_type');
      refused(base({ stop: 1 }), 'stop', 'invalid_type', "'stop' must be a string or an array of strings, got number 1.");
      refused(base({ stop: { a: 1 } }), 'stop', 'invalid_type');
    });
  });

  describe('response_format', () => {
    it('text and json_object keep only their type', () => {
      assert.deepEqual(validateChatRequest(base({ response_format: { type: 'text', extra: 1 } })).response_format, { type: 'text' });
      assert.deepEqual(validateChatRequest(base({ response_format: { type: 'json_object', schema: {} } })).response_format, { type: 'json_object' });
    });
    it('json_schema needs a named json_schema whose schema, when given, is an object', () => {
      const rf = { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' }, strict: true } };
      assert.deepEqual(validateChatRequest(base({ response_format: rf })).response_format, rf);
      assert.deepEqual(validateChatRequest(base({ response_format: { type: 'json_schema', json_schema: { name: 'y' } } })).response_format, {
        type: 'json_schema',
        json_schema: { name: 'y' },
      });
      refused(base({ response_format: { type: 'json_schema' } }), 'response_format.json_schema', 'invalid_type', "'response_format.json_schema' must be an object with a 'name'.");
      refused(base({ response_format: { type: 'json_schema', json_schema: { schema: {} } } }), 'response_format.json_schema', 'invalid_type');
      refused(base({ response_format: { type: 'json_schema', json_schema: [] } }), 'response_format.json_schema', 'invalid_type');
      refused(
        base({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema: [] } } }),
        'response_format.json_schema.schema',
        'invalid_type',
        "'response_format.json_schema.schema' must be a JSON Schema object.",
      );
      refused(base({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema: 'object' } } }), 'response_format.json_schema.schema', 'invalid_type');
    });
    it('refuses anything else', () => {
      refused(base({ response_format: 'json' }), 'response_format', 'invalid_type');
      refused(base({ response_format: [] }), 'response_format', 'invalid_type', "'response_format' must be an object, got an array.");
      refused(
        base({ response_format: { type: 'xml' } }),
        'response_format.type',
        'invalid_value',
        "Invalid 'response_format.type' the string \"xml\": expected 'text', 'json_object' or 'json_schema'.",
      );
      refused(base({ response_format: {} }), 'response_format.type', 'invalid_value');
    });
  });

  describe('tools and tool_choice', () => {
    it('tools: function tools with a 1-64 character name of letters, digits, _ and -', () => {
      assert.deepEqual(validateChatRequest(base({ tools: [TOOL] })).tools, [TOOL]);
      assert.equal(validateChatRequest(base({ tools: [] })).tools, null);
      const named = (name: unknown): Body => base({ tools: [{ type: 'function', function: { name } }] });
      assert.ok(validateChatRequest(named('a'.repeat(64))).tools);
      assert.ok(validateChatRequest(named('A-z_0-9')).tools);
      refused(named('a'.repeat(65)), 'tools[0].function.name', 'invalid_value', "'tools[0].function.name' must be 1-64 letters, digits, underscores or dashes.");
      refused(named(''), 'tools[0].function.name', 'invalid_value');
      refused(named('a.b'), 'tools[0].function.name', 'invalid_value');
      refused(named(5), 'tools[0].function.name', 'invalid_value');
      refused(base({ tools: [TOOL, { type: 'function', function: { name: 'x y' } }] }), 'tools[1].function.name', 'invalid_value');
    });
    it('tools: shapes', () => {
      refused(base({ tools: {} }), 'tools', 'invalid_type');
      refused(base({ tools: [{ type: 'code', function: { name: 'a' } }] }), 'tools[0]', 'invalid_type');
      refused(base({ tools: [{ type: 'function' }] }), 'tools[0]', 'invalid_type', "'tools[0]' must be {type: 'function', function: {...}}.");
      refused(base({ tools: ['x'] }), 'tools[0]', 'invalid_type');
      refused(
        base({ tools: [{ type: 'function', function: { name: 'a', parameters: [] } }] }),
        'tools[0].function.parameters',
        'invalid_type',
        "'tools[0].function.parameters' must be a JSON Schema object.",
      );
      assert.ok(validateChatRequest(base({ tools: [{ type: 'function', function: { name: 'a', parameters: {} } }] })).tools);
    });
    it("tool_choice: 'none' always; 'auto', 'required' and a named function only with tools", () => {
      assert.equal(validateChatRequest(base({ tool_choice: 'none' })).tool_choice, 'none');
      assert.equal(validateChatRequest(base({ tools: [TOOL], tool_choice: 'auto' })).tool_choice, 'auto');
      assert.equal(validateChatRequest(base({ tools: [TOOL], tool_choice: 'required' })).tool_choice, 'required');
      const named = { type: 'function', function: { name: 'get_weather' } };
      assert.deepEqual(validateChatRequest(base({ tools: [TOOL], tool_choice: named })).tool_choice, named);
      refused(base({ tool_choice: 'auto' }), 'tool_choice', 'invalid_value', "'tool_choice' is only allowed when 'tools' are specified.");
      refused(base({ tools: [], tool_choice: 'required' }), 'tool_choice', 'invalid_value');
      refused(base({ tool_choice: named }), 'tool_choice', 'invalid_value');
      refused(
        base({ tools: [TOOL], tool_choice: { type: 'function', function: { name: 'other' } } }),
        'tool_choice',
        'invalid_value',
        "'tool_choice' names the function \"other\", which is not in 'tools'.",
      );
      refused(
        base({ tools: [TOOL], tool_choice: 'sometimes' }),
        'tool_choice',
        'invalid_type',
        "'tool_choice' must be 'none', 'auto', 'required' or {type: 'function', function: {name}}.",
      );
      const second = { type: 'function', function: { name: 'second' } };
      assert.deepEqual(validateChatRequest(base({ tools: [TOOL, second], tool_choice: second })).tool_choice, second);
      refused(base({ tools: [TOOL], tool_choice: { type: 'function', function: {} } }), 'tool_choice', 'invalid_type');
      refused(base({ tools: [TOOL], tool_choice: { type: 'tool', function: { name: 'get_weather' } } }), 'tool_choice', 'invalid_type');
    });
  });

  describe('messages', () => {
    it('must be a non-empty array', () => {
      refused({ model: 'm' }, 'messages', 'missing_required_parameter', "Missing required parameter: 'messages'.");
      refused(base({ messages: null }), 'messages', 'missing_required_parameter');
      refused(base({ messages: 'hi' }), 'messages', 'invalid_type');
      refused(base({ messages: {} }), 'messages', 'invalid_type');
      refused(base({ messages: [] }), 'messages', 'empty_array');
    });
    it('each message is an object with a known role', () => {
      refused(base({ messages: [USER[0], 'hi'] }), 'messages[1]', 'invalid_type');
      refused(base({ messages: [{ role: 'bot', content: 'x' }] }), 'messages[0].role', 'invalid_value');
      refused(base({ messages: [{ content: 'x' }] }), 'messages[0].role', 'invalid_value');
      for (const role of ['system', 'developer', 'user', 'assistant', 'function']) assert.ok(validateChatRequest(base({ messages: [{ role, content: 'x' }] })));
      assert.ok(validateChatRequest(base({ messages: [{ role: 'tool', content: 'x', tool_call_id: 'c1' }] })));
    });
    it('content: required except on assistant turns; a string or an array of parts', () => {
      refused(base({ messages: [{ role: 'user' }] }), 'messages[0].content', 'missing_required_parameter', "Missing required parameter: 'messages[0].content'.");
      refused(base({ messages: [{ role: 'system', content: null }] }), 'messages[0].content', 'missing_required_parameter');
      assert.ok(validateChatRequest(base({ messages: [{ role: 'assistant' }] })));
      assert.ok(validateChatRequest(base({ messages: [{ role: 'assistant', content: null }] })));
      refused(base({ messages: [{ role: 'user', content: 5 }] }), 'messages[0].content', 'invalid_type');
      refused(base({ messages: [{ role: 'user', content: { text: 'x' } }] }), 'messages[0].content', 'invalid_type');
    });
    it('content parts: text, image_url (user only, with a url), refusal, input_audio, file', () => {
      const part = (p: unknown, role = 'user'): Body => base({ messages: [{ role, content: [{ type: 'text', text: 'a' }, p] }] });
      assert.ok(validateChatRequest(part({ type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } })));
      for (const type of ['refusal', 'input_audio', 'file']) assert.ok(validateChatRequest(part({ type })));
      refused(part('x'), 'messages[0].content[1]', 'invalid_type');
      refused(part({ text: 'x' }), 'messages[0].content[1]', 'invalid_type', "'messages[0].content[1]' must be a content part object with a 'type'.");
      refused(part({ type: 'text', text: 5 }), 'messages[0].content[1].text', 'invalid_type');
      refused(part({ type: 'text' }), 'messages[0].content[1].text', 'invalid_type', "'messages[0].content[1].text' must be a string.");
      refused(
        part({ type: 'image_url', image_url: { url: 'http://x/y.png' } }, 'system'),
        'messages[0].content[1].type',
        'invalid_value',
        'Image content parts are only allowed in user messages.',
      );
      refused(part({ type: 'image_url', image_url: { url: 'http://x/y.png' } }, 'assistant'), 'messages[0].content[1].type', 'invalid_value');
      refused(
        part({ type: 'image_url', image_url: { url: '' } }),
        'messages[0].content[1].image_url.url',
        'invalid_type',
        "'messages[0].content[1].image_url.url' must be a URL or a data: URL.",
      );
      refused(part({ type: 'image_url', image_url: 'http://x/y.png' }), 'messages[0].content[1].image_url.url', 'invalid_type');
      refused(part({ type: 'video' }), 'messages[0].content[1].type', 'invalid_value', "Invalid content part type the string \"video\": expected 'text' or 'image_url'.");
    });
    it('tool messages need a tool_call_id', () => {
      refused(base({ messages: [USER[0], { role: 'tool', content: 'x' }] }), 'messages[1].tool_call_id', 'missing_required_parameter');
      refused(base({ messages: [{ role: 'tool', content: 'x', tool_call_id: 5 }] }), 'messages[0].tool_call_id', 'missing_required_parameter');
    });
    it('tool_calls: only on assistant turns, as an array of well-formed calls', () => {
      const call = { id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } };
      assert.ok(validateChatRequest(base({ messages: [{ role: 'assistant', tool_calls: [call] }] })));
      assert.ok(validateChatRequest(base({ messages: [{ role: 'assistant', content: 'x', tool_calls: [] }] })));
      assert.ok(validateChatRequest(base({ messages: [{ role: 'user', content: 'x', tool_calls: null }] })));
      refused(base({ messages: [{ role: 'user', content: 'x', tool_calls: [call] }] }), 'messages[0].tool_calls', 'invalid_value');
      refused(
        base({ messages: [{ role: 'assistant', content: 'x', tool_calls: call }] }),
        'messages[0].tool_calls',
        'invalid_value',
        "'messages[0].tool_calls' is only allowed as an array on assistant messages.",
      );
      const bad = (c: Body): Body => base({ messages: [{ role: 'assistant', tool_calls: [call, c] }] });
      refused(bad({ ...call, id: 1 }), 'messages[0].tool_calls[1]', 'invalid_type');
      refused(bad({ ...call, type: 'tool' }), 'messages[0].tool_calls[1]', 'invalid_type');
      refused(bad({ ...call, function: 'f' }), 'messages[0].tool_calls[1]', 'invalid_type');
      refused(bad({ ...call, function: { arguments: '{}' } }), 'messages[0].tool_calls[1]', 'invalid_type');
      refused(bad({ ...call, function: { name: 'f', arguments: {} } }), 'messages[0].tool_calls[1]', 'invalid_type');
    });
  });
});
