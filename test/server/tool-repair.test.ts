// Tool calls a local model writes as text reach every client as tool calls, through the real server
// and the real SDKs, streaming and not: OpenAI chat `tool_calls`, Anthropic `tool_use` blocks,
// Responses `function_call` items, Ollama `tool_calls` (there through Ollama's own passthrough).
// Answers that only show JSON stay text; a call written wrong fails over to the next model.
import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { startHarness, type Harness } from '../harness';
import { CORPUS, CORPUS_TOOLS, type CorpusEntry } from '../fixtures/tool-text-corpus';

const LOCAL = 'ollama:llama3.2:latest';
type Dialect = 'chat' | 'messages' | 'responses' | 'ollama';
interface Got {
  text: string;
  calls: { name: string; args: unknown }[];
}

const FORMS = [
  'hermes',
  'hermes-after-prose',
  'hermes-two-in-a-row',
  'mistral',
  'mistral-v11',
  'llama-python-tag',
  'llama-bare',
  'llama-semicolons',
  'fenced-json',
  'pythonic',
  'pythonic-two',
];
const TEXTS = ['json-in-prose', 'package-json', 'code-with-name', 'tag-inline', 'markdown-link', 'prose'];
const entry = (id: string): CorpusEntry => CORPUS.find((e) => e.id === id)!;
const fn = (t: (typeof CORPUS_TOOLS)[number]): { name: string; description: string; parameters: Record<string, unknown> } => {
  if (t.type !== 'function') throw new Error('function tools only');
  return { name: t.function.name, description: t.function.description ?? '', parameters: t.function.parameters ?? {} };
};

describe('tool repair through the server, every dialect', function () {
  this.timeout(30_000);
  let h: Harness;
  let anthropic: Anthropic;
  let ollama: Ollama;
  before(async () => {
    h = await startHarness();
    anthropic = new Anthropic({ baseURL: h.base, apiKey: 'placeholder', maxRetries: 0 });
    ollama = new Ollama({ host: h.base });
  });
  after(() => h.stop());

  async function ask(dialect: Dialect, stream: boolean, model = LOCAL): Promise<Got> {
    const user = 'Do it.';
    if (dialect === 'chat') {
      const body = { model, tools: CORPUS_TOOLS, messages: [{ role: 'user' as const, content: user }] };
      const res = stream ? await h.client.chat.completions.stream(body).finalChatCompletion() : await h.client.chat.completions.create(body);
      const m = res.choices[0]!.message;
      if (m.tool_calls?.length) assert.equal(res.choices[0]!.finish_reason, 'tool_calls');
      return {
        text: m.content ?? '',
        calls: (m.tool_calls ?? []).map((c) => (c.type === 'function' ? { name: c.function.name, args: JSON.parse(c.function.arguments) as unknown } : { name: '', args: null })),
      };
    }
    if (dialect === 'messages') {
      const body = {
        model,
        max_tokens: 500,
        tools: CORPUS_TOOLS.map(fn).map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters as Anthropic.Tool.InputSchema })),
        messages: [{ role: 'user' as const, content: user }],
      };
      const msg = stream ? await anthropic.messages.stream(body).finalMessage() : await anthropic.messages.create(body);
      const calls = msg.content.flatMap((b) => (b.type === 'tool_use' ? [{ name: b.name, args: b.input }] : []));
      if (calls.length) assert.equal(msg.stop_reason, 'tool_use');
      return { text: msg.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join(''), calls };
    }
    if (dialect === 'responses') {
      const body = { model, input: user, tools: CORPUS_TOOLS.map(fn).map((t) => ({ type: 'function' as const, strict: false, ...t })) };
      const res = stream ? await h.client.responses.stream(body).finalResponse() : await h.client.responses.create(body);
      return { text: res.output_text, calls: res.output.flatMap((o) => (o.type === 'function_call' ? [{ name: o.name, args: JSON.parse(o.arguments) as unknown }] : [])) };
    }
    const body = { model, tools: CORPUS_TOOLS.map((t) => ({ type: 'function', function: fn(t) })), messages: [{ role: 'user', content: user }] };
    if (!stream) {
      const res = await ollama.chat({ ...body, stream: false });
      return { text: res.message.content, calls: (res.message.tool_calls ?? []).map((c) => ({ name: c.function.name, args: c.function.arguments })) };
    }
    const got: Got = { text: '', calls: [] };
    for await (const part of await ollama.chat({ ...body, stream: true })) {
      got.text += part.message.content;
      for (const c of part.message.tool_calls ?? []) got.calls.push({ name: c.function.name, args: c.function.arguments });
    }
    return got;
  }

  for (const dialect of ['chat', 'messages', 'responses', 'ollama'] as const) {
    for (const stream of [false, true]) {
      for (const id of FORMS) {
        it(`${dialect}, ${stream ? 'stream' : 'whole'}: ${id} comes out as tool calls`, async () => {
          const e = entry(id);
          if (typeof e.expect !== 'object') throw new Error('a form entry');
          h.ollama.reply = e.text;
          const got = await ask(dialect, stream);
          assert.deepEqual(
            got.calls,
            e.expect.calls.map((c) => ({ name: c.name, args: c.arguments })),
          );
          assert.equal(got.text.trim(), e.expect.before ?? '');
        });
      }
      for (const id of TEXTS) {
        it(`${dialect}, ${stream ? 'stream' : 'whole'}: ${id} stays text`, async () => {
          h.ollama.reply = entry(id).text;
          const got = await ask(dialect, stream);
          assert.deepEqual(got.calls, []);
          assert.equal(got.text, entry(id).text);
        });
      }
    }
  }

  it('tools not declared: a <tool_call> answer is text, as the model wrote it', async () => {
    h.ollama.reply = entry('hermes').text;
    const res = await h.client.chat.completions.create({ model: LOCAL, messages: [{ role: 'user', content: 'Do it.' }] });
    assert.equal(res.choices[0]!.message.content, entry('hermes').text);
  });

  it('tool_choice "none": the text stays text', async () => {
    h.ollama.reply = entry('hermes').text;
    const res = await h.client.chat.completions.create({ model: LOCAL, tool_choice: 'none', tools: CORPUS_TOOLS, messages: [{ role: 'user', content: 'Do it.' }] });
    assert.equal(res.choices[0]!.message.content, entry('hermes').text);
  });

  for (const id of ['hermes-bad-arguments', 'hermes-not-json', 'hermes-unknown-tool']) {
    it(`${id}: before the first byte, the request fails over to the next model, and the decision says invalid-tool-call`, async () => {
      h.ollama.reply = entry(id).text;
      h.openai.toolCall = { name: 'write_file', arguments: { path: 'hello.txt', content: 'Hello, world!\n' } };
      try {
        const { data, response } = await h.client.chat.completions
          .create({ model: 'auto', tools: CORPUS_TOOLS, messages: [{ role: 'user', content: 'Write hello.txt' }] })
          .withResponse();
        assert.equal(response.headers.get('x-oblix-model'), 'openai:gpt-4o-mini');
        assert.equal(response.headers.get('x-oblix-route'), `failover-from:${LOCAL}`);
        const call = data.choices[0]!.message.tool_calls?.[0];
        assert.ok(call?.type === 'function' && call.function.name === 'write_file');
        assert.match(h.oblix.health().lastDecision!.attempts[0]!.error, /^invalid-tool-call: /);
        // Streaming: the same, the held call never reached the client.
        const streamed = await h.client.chat.completions
          .stream({ model: 'auto', tools: CORPUS_TOOLS, messages: [{ role: 'user', content: 'Write hello.txt' }] })
          .finalChatCompletion();
        assert.equal(streamed.choices[0]!.message.content ?? '', '');
        assert.equal(streamed.choices[0]!.message.tool_calls?.[0]?.function.name, 'write_file');
        assert.equal(h.oblix.health().lastDecision!.selected, 'openai:gpt-4o-mini');
      } finally {
        h.openai.toolCall = undefined;
      }
    });
  }
});
