// Ollama's /api/chat and /api/generate as the parser reads them: each refusal with the field and words
// a client gets, Ollama's own defaults (stream on, temperature 0.8), the options carried and those named
// as ignored, and how messages, tool calls and images become the internal request.
import assert from 'node:assert/strict';
import { parseOllamaChat, parseOllamaGenerate } from '../../../../src/core/dialects/ollama/parse';
import type { OblixError } from '../../../../src/core/errors/oblix-error';

type Body = Record<string, unknown>;
const HI = { role: 'user', content: 'Hi' };
const chat = (extra: Body = {}): Body => ({ model: 'llama3.2', messages: [HI], ...extra });
const gen = (extra: Body = {}): Body => ({ model: 'llama3.2', prompt: 'Hi', ...extra });
const PNG = 'iVBORw0KGgo';

function refused(parse: (b: unknown) => unknown, body: unknown, param: string | null, code: string, words: RegExp | string): void {
  assert.throws(
    () => parse(body),
    (e: OblixError) => {
      assert.deepEqual({ status: e.status, param: e.param, code: e.code }, { status: 400, param, code }, JSON.stringify(body));
      if (typeof words === 'string') assert.equal(e.message, words);
      else assert.match(e.message, words);
      return true;
    },
  );
}

describe('ollama: the parser', () => {
  describe('/api/chat', () => {
    it("Ollama's defaults: streamed, temperature 0.8, nothing explicit, no tools", () => {
      const { request, ignored } = parseOllamaChat(chat());
      assert.deepEqual(ignored, []);
      assert.deepEqual(request.messages, [HI]);
      assert.deepEqual(
        [request.model, request.stream, request.temperature, request.top_p, request.maxTokens, request.tools, request.tool_choice, request.reasoning],
        ['llama3.2', true, 0.8, 1, null, null, null, undefined],
      );
      assert.deepEqual([...request.explicit], []);
      assert.deepEqual(request.native, { dialect: 'ollama-chat', body: chat(), headers: {} });
      assert.equal(parseOllamaChat(chat({ stream: false })).request.stream, false);
    });

    it('refuses a body that is not an object, no messages, and no message at all', () => {
      refused(parseOllamaChat, [], null, 'invalid_type', 'The request body must be a JSON object.');
      refused(parseOllamaChat, { model: 'm' }, 'messages', 'invalid_type', 'messages: must be an array, got nothing.');
      refused(parseOllamaChat, chat({ messages: [] }), 'messages', 'empty_array', 'messages: at least one message is needed.');
      refused(parseOllamaChat, chat({ messages: ['Hi'] }), 'messages[0]', 'invalid_type', 'messages[0]: must be an object, got the string "Hi".');
      refused(parseOllamaChat, chat({ messages: [{ role: 'user', content: 5 }] }), 'messages[0].content', 'invalid_type', 'messages[0].content: must be a string, got number 5.');
      refused(
        parseOllamaChat,
        chat({ messages: [{ role: 'bot', content: 'x' }] }),
        'messages[0].role',
        'invalid_value',
        'messages[0].role: must be system, user, assistant or tool, got the string "bot".',
      );
      refused(parseOllamaChat, chat({ stream: 'yes' }), 'stream', 'invalid_type', /must be a boolean/);
    });

    it('messages: a missing content is empty; user images become data: URLs by their magic bytes', () => {
      const { request } = parseOllamaChat(
        chat({
          messages: [
            { role: 'system', content: null },
            { role: 'user', images: [PNG, '/9j/4AAQ', 'R0lGODlh', 'UklGRiQ', 'data:image/png;base64,AA'] },
            { role: 'user', content: 'x', images: [] },
          ],
        }),
      );
      assert.deepEqual(request.messages, [
        { role: 'system', content: '' },
        {
          role: 'user',
          content: [
            { type: 'text', text: '' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
            { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } },
            { type: 'image_url', image_url: { url: 'data:image/gif;base64,R0lGODlh' } },
            { type: 'image_url', image_url: { url: 'data:image/webp;base64,UklGRiQ' } },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } },
          ],
        },
        { role: 'user', content: 'x' },
      ]);
      for (const images of ['AA', [''], [5]])
        refused(
          parseOllamaChat,
          chat({ messages: [{ role: 'user', content: 'x', images }] }),
          'messages[0].images',
          'invalid_type',
          'messages[0].images: must be an array of base64 strings.',
        );
    });

    it('tool calls get ids; each tool result goes to the call of its tool_name, or the next one in order', () => {
      const { request } = parseOllamaChat(
        chat({
          messages: [
            HI,
            {
              role: 'assistant',
              content: '',
              tool_calls: [{ function: { name: 'a', arguments: { x: 1 } } }, { function: { name: 'b' } }, { function: { name: 'c', arguments: {} } }],
            },
            { role: 'tool', tool_name: 'b', content: 'B' },
            { role: 'tool', content: 'A' },
            { role: 'tool', tool_name: 'zzz', content: 'C' },
            { role: 'tool', content: 'extra' },
            { role: 'assistant', content: 'done' },
          ],
        }),
      );
      assert.deepEqual(request.messages.slice(1), [
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } },
            { id: 'call_2', type: 'function', function: { name: 'b', arguments: '{}' } },
            { id: 'call_3', type: 'function', function: { name: 'c', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_2', content: 'B' },
        { role: 'tool', tool_call_id: 'call_1', content: 'A' },
        { role: 'tool', tool_call_id: 'call_3', content: 'C' },
        { role: 'tool', tool_call_id: 'call_4', content: 'extra' },
        { role: 'assistant', content: 'done' },
      ]);
      for (const call of ['x', {}, { function: { arguments: {} } }])
        refused(
          parseOllamaChat,
          chat({ messages: [HI, { role: 'assistant', content: '', tool_calls: [{ function: { name: 'a' } }, call] }] }),
          'messages[1].tool_calls[1]',
          'invalid_value',
          'messages[1].tool_calls[1]: must be {"function": {"name", "arguments"}}.',
        );
    });

    it('tools: functions with a name, carried with tool_choice auto; an empty list is none', () => {
      const { request } = parseOllamaChat(
        chat({
          tools: [{ type: 'function', function: { name: 'f', description: 'D', parameters: { type: 'object' } } }, { function: { name: 'g', description: 5, parameters: 'x' } }],
        }),
      );
      assert.deepEqual(request.tools, [
        { type: 'function', function: { name: 'f', description: 'D', parameters: { type: 'object' } } },
        { type: 'function', function: { name: 'g' } },
      ]);
      assert.equal(request.tool_choice, 'auto');
      assert.ok(request.explicit.has('tools'));
      const none = parseOllamaChat(chat({ tools: [] })).request;
      assert.deepEqual([none.tools, none.tool_choice, none.explicit.has('tools')], [null, null, false]);
      refused(parseOllamaChat, chat({ tools: {} }), 'tools', 'invalid_type', 'tools: must be an array, got an object.');
      for (const t of ['f', { function: {} }, { function: { name: '' } }, { name: 'f' }])
        refused(parseOllamaChat, chat({ tools: [t] }), 'tools[0].function.name', 'invalid_value', 'tools[0]: must be {"type": "function", "function": {"name", "parameters"}}.');
    });

    it('keep_alive and think are named as ignored; think asks for reasoning', () => {
      const { request, ignored } = parseOllamaChat(chat({ keep_alive: '5m', think: true }));
      assert.deepEqual(ignored, ['keep_alive', 'think']);
      assert.equal(request.reasoning, 'medium');
      assert.equal(parseOllamaChat(chat({ think: 'high' })).request.reasoning, 'high');
      assert.equal(parseOllamaChat(chat({ think: false })).request.reasoning, undefined);
    });
  });

  describe('options and format (both endpoints)', () => {
    it('carries temperature, top_p, num_predict, seed, the penalties and stop, and lists them as explicit', () => {
      const { request, ignored } = parseOllamaChat(
        chat({ options: { temperature: 0, top_p: 1, num_predict: 12.7, seed: 4.2, presence_penalty: -2, frequency_penalty: 2, stop: 'END' } }),
      );
      assert.deepEqual(ignored, []);
      assert.deepEqual(
        [request.temperature, request.top_p, request.maxTokens, request.maxTokensParam, request.seed, request.presence_penalty, request.frequency_penalty, request.stop],
        [0, 1, 12, 'max_tokens', 4, -2, 2, ['END']],
      );
      assert.deepEqual([...request.explicit].sort(), ['frequency_penalty', 'max_tokens', 'presence_penalty', 'seed', 'stop', 'temperature', 'top_p']);
    });

    it('num_predict -1 (unlimited), -2 (fill the context) and 0 set no limit', () => {
      for (const num_predict of [-1, -2, 0]) {
        const r = parseOllamaChat(chat({ options: { num_predict } })).request;
        assert.deepEqual([r.maxTokens, r.maxTokensParam], [null, null], String(num_predict));
      }
      assert.equal(parseOllamaChat(chat({ options: { num_predict: 1 } })).request.maxTokens, 1);
    });

    it('stop: a string, or strings; an empty list is none', () => {
      assert.deepEqual(parseOllamaChat(chat({ options: { stop: ['a', 'b'] } })).request.stop, ['a', 'b']);
      assert.equal(parseOllamaChat(chat({ options: { stop: [] } })).request.stop, null);
      assert.equal(parseOllamaChat(chat({ options: { stop: null } })).request.explicit.has('stop'), false);
      for (const stop of [5, ['a', 5]])
        refused(parseOllamaChat, chat({ options: { stop } }), 'options.stop', 'invalid_type', 'options.stop: must be a string or an array of strings.');
    });

    it('refuses options out of range, with the range in words', () => {
      refused(parseOllamaChat, chat({ options: 'x' }), 'options', 'invalid_type', 'options: must be an object, got the string "x".');
      refused(parseOllamaChat, chat({ options: [] }), 'options', 'invalid_type', /got an array/);
      const cases: [string, number, number][] = [
        ['temperature', 0, 2],
        ['top_p', 0, 1],
        ['num_predict', -2, 1e7],
        ['presence_penalty', -2, 2],
        ['frequency_penalty', -2, 2],
      ];
      for (const [k, min, max] of cases) {
        assert.ok(parseOllamaChat(chat({ options: { [k]: min } })));
        assert.ok(parseOllamaChat(chat({ options: { [k]: max } })));
        refused(
          parseOllamaChat,
          chat({ options: { [k]: min - 0.5 } }),
          `options.${k}`,
          'invalid_value',
          `options.${k}: must be a number between ${min} and ${max}, got number ${min - 0.5}.`,
        );
        refused(parseOllamaChat, chat({ options: { [k]: max + 0.5 } }), `options.${k}`, 'invalid_value', /must be a number between/);
        refused(parseOllamaChat, chat({ options: { [k]: '1' } }), `options.${k}`, 'invalid_value', /must be a number between/);
        refused(parseOllamaChat, chat({ options: { [k]: Infinity } }), `options.${k}`, 'invalid_value', /must be a number between/);
      }
    });

    it('options that carry nothing keep the defaults; null options and null values are not sent', () => {
      for (const options of [
        { num_ctx: 8192 },
        null,
        { temperature: null, top_p: null, num_predict: null, seed: null, presence_penalty: null, frequency_penalty: null, stop: null },
      ]) {
        const r = parseOllamaChat(chat({ options, format: null, tools: null })).request;
        assert.deepEqual(
          [r.temperature, r.top_p, r.maxTokens, r.maxTokensParam, r.seed, r.presence_penalty, r.frequency_penalty, r.stop, r.response_format, r.tools],
          [0.8, 1, null, null, null, 0, 0, null, null, null],
          JSON.stringify(options),
        );
        assert.deepEqual([...r.explicit], []);
      }
    });

    it('other options are named as ignored, one by one', () => {
      assert.deepEqual(parseOllamaChat(chat({ options: { num_ctx: 8192, top_k: 40, temperature: 0.1 } })).ignored, ['options.num_ctx', 'options.top_k']);
    });

    it('format: "json" is a JSON object answer, a schema a json_schema named response; "" is none', () => {
      const schema = { type: 'object', properties: {} };
      assert.deepEqual(parseOllamaChat(chat({ format: 'json' })).request.response_format, { type: 'json_object' });
      const r = parseOllamaChat(chat({ format: schema })).request;
      assert.deepEqual(r.response_format, { type: 'json_schema', json_schema: { name: 'response', schema } });
      assert.ok(r.explicit.has('response_format'));
      assert.equal(parseOllamaChat(chat({ format: '' })).request.response_format, null);
      refused(parseOllamaChat, chat({ format: 'yaml' }), 'format', 'invalid_value', 'format: must be "json" or a JSON schema object, got the string "yaml".');
      refused(parseOllamaChat, chat({ format: [] }), 'format', 'invalid_value', /got an array/);
    });
  });

  describe('/api/generate', () => {
    it('a prompt is one user message, after the system prompt; streamed by default', () => {
      const { request, ignored } = parseOllamaGenerate(gen({ system: 'S' }));
      assert.deepEqual(request.messages, [{ role: 'system', content: 'S' }, HI]);
      assert.deepEqual([request.stream, request.temperature, request.prompt], [true, 0.8, undefined]);
      assert.deepEqual(request.native, { dialect: 'ollama-generate', body: gen({ system: 'S' }), headers: {} });
      assert.deepEqual(ignored, []);
      assert.equal(parseOllamaGenerate(gen({ stream: false })).request.stream, false);
      assert.deepEqual(parseOllamaGenerate(gen({ system: '' })).request.messages, [HI]);
    });

    it('with images, the prompt and the images as content parts', () => {
      assert.deepEqual(parseOllamaGenerate(gen({ images: [PNG] })).request.messages, [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Hi' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          ],
        },
      ]);
      refused(parseOllamaGenerate, gen({ images: 'x' }), 'images', 'invalid_type', 'images: must be an array of base64 strings.');
      assert.deepEqual(parseOllamaGenerate(gen({ images: null })).request.messages, [HI]);
    });

    it('an empty or missing prompt without a suffix only loads the model', () => {
      for (const body of [gen({ prompt: '' }), { model: 'llama3.2' }, gen({ prompt: '', suffix: '' })]) {
        const p = parseOllamaGenerate(body);
        assert.equal(p.loadOnly, true, JSON.stringify(body));
        assert.deepEqual(p.request.messages, []);
      }
      assert.equal(parseOllamaGenerate(gen()).loadOnly, undefined);
      assert.equal(parseOllamaGenerate(gen({ prompt: '', suffix: '}' })).loadOnly, undefined);
    });

    it('a suffix is a fill-in-the-middle prompt; its system prompt is named as ignored', () => {
      const { request, ignored } = parseOllamaGenerate(gen({ prompt: 'def f(', suffix: '):', system: 'S' }));
      assert.deepEqual(request.prompt, { text: 'def f(', suffix: '):', raw: false });
      assert.deepEqual(request.messages, []);
      assert.deepEqual(ignored, ['system']);
      assert.deepEqual(parseOllamaGenerate(gen({ prompt: 'def f(', suffix: '):' })).ignored, []);
      assert.deepEqual(request.native, { dialect: 'ollama-generate', body: gen({ prompt: 'def f(', suffix: '):', system: 'S' }), headers: {} });
    });

    it('raw: the prompt as the client built it, its system prompt not named (raw has none)', () => {
      const { request, ignored } = parseOllamaGenerate(gen({ raw: true, system: 'S' }));
      assert.deepEqual(request.prompt, { text: 'Hi', suffix: null, raw: true });
      assert.deepEqual(ignored, []);
      refused(parseOllamaGenerate, gen({ raw: true, images: [PNG] }), 'images', 'invalid_value', 'images: a raw or fill-in-the-middle prompt cannot carry images.');
      refused(parseOllamaGenerate, gen({ suffix: 'x', images: [PNG] }), 'images', 'invalid_value', /cannot carry images/);
      assert.equal(parseOllamaGenerate(gen({ raw: false })).request.prompt, undefined);
    });

    it('template, context, keep_alive and think are named as ignored', () => {
      assert.deepEqual(parseOllamaGenerate(gen({ template: 'T', context: [1], keep_alive: 0, think: false })).ignored, ['template', 'context', 'keep_alive', 'think']);
      assert.deepEqual(parseOllamaGenerate(gen({ template: null })).ignored, []);
    });

    it('refuses a body that is not an object, and fields of the wrong type', () => {
      refused(parseOllamaGenerate, 'x', null, 'invalid_type', 'The request body must be a JSON object.');
      refused(parseOllamaGenerate, gen({ prompt: 5 }), 'prompt', 'invalid_type', 'prompt: must be a string, got number 5.');
      refused(parseOllamaGenerate, gen({ suffix: 5 }), 'suffix', 'invalid_type', /suffix: must be a string/);
      refused(parseOllamaGenerate, gen({ system: 5 }), 'system', 'invalid_type', /system: must be a string/);
      refused(parseOllamaGenerate, gen({ raw: 'yes' }), 'raw', 'invalid_type', /raw: must be a boolean/);
      refused(parseOllamaGenerate, { prompt: 'x' }, 'model', 'missing_required_parameter', 'model: Field required');
    });
  });
});
