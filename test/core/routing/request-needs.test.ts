// What routing reads a request to need: the kind (autocomplete, background, agent, chat), the
// modifiers, and how hard a chat turn looks, from the internal request whatever dialect built it.
import assert from 'node:assert/strict';
import { parseMessages } from '../../../src/core/dialects/anthropic-messages/parse';
import { parseOllamaChat, parseOllamaGenerate } from '../../../src/core/dialects/ollama/parse';
import { parseResponses } from '../../../src/core/dialects/openai-responses/parse';
import type { ChatRequest } from '../../../src/core/request';
import { validateChatRequest } from '../../../src/core/dialects/openai-chat/parse';
import { DIFFICULTY_WEIGHTS, HARD_AT } from '../../../src/core/routing/difficulty';
import { needsInWords, readNeeds } from '../../../src/core/routing/request-needs';
import { isSmallTierName } from '../../../src/core/routing/task-kind';

const chat = (body: Record<string, unknown>): ChatRequest => validateChatRequest({ model: 'auto', ...body });
const user = (content: string): { role: string; content: string } => ({ role: 'user', content });
const TOOL = { type: 'function', function: { name: 'read_file', parameters: { type: 'object' } } };
const CALL = { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }] };
const RESULT = { role: 'tool', tool_call_id: 'c1', content: 'export const a = 1;' };

describe('request needs: task kinds', () => {
  it('small-tier model names are background calls; others are not', () => {
    const small = ['claude-haiku-4-5-20251001', 'claude-3-5-haiku-latest', 'gpt-4o-mini', 'gpt-5-mini-2025-08-07', 'gpt-4.1-nano', 'gemini-2.5-flash', 'mistral-small-latest'];
    const not = ['claude-sonnet-4-5-20250929', 'gpt-4o', 'auto', 'minimax-m2', 'llama3.2', 'qwen3-coder:30b'];
    assert.deepEqual(
      small.filter((m) => !isSmallTierName(m)),
      [],
    );
    assert.deepEqual(
      not.filter((m) => isSmallTierName(m)),
      [],
    );
  });

  it('a small-tier name the client sent counts even when an alias made it auto', () => {
    const r = chat({ model: 'claude-haiku-4-5', messages: [user('Write a 5-word title for this conversation about parsers.')] });
    r.model = 'auto';
    assert.equal(readNeeds(r).kind, 'background');
  });

  it('a short prompt with no tools and a small answer cap is background; the same without the cap is chat', () => {
    assert.equal(readNeeds(chat({ max_tokens: 50, messages: [user('Summarise in one line: the build failed on lint.')] })).kind, 'background');
    assert.equal(readNeeds(chat({ messages: [user('Summarise in one line: the build failed on lint.')] })).kind, 'chat');
    assert.equal(readNeeds(chat({ max_tokens: 4096, messages: [user('Summarise in one line.')] })).kind, 'chat');
    assert.equal(readNeeds(chat({ max_tokens: 50, messages: [user('x'.repeat(4001))] })).kind, 'chat');
  });

  it('tools plus tool calls or results is agent; tools alone on a first turn is chat', () => {
    assert.equal(readNeeds(chat({ tools: [TOOL], messages: [user('Read a.ts'), CALL, RESULT] })).kind, 'agent');
    assert.equal(readNeeds(chat({ tools: [TOOL], messages: [user('Read a.ts'), CALL] })).kind, 'agent');
    assert.equal(readNeeds(chat({ tools: [TOOL], messages: [user('Read a.ts')] })).kind, 'chat');
    assert.equal(readNeeds(chat({ tools: [TOOL], tool_choice: 'none', messages: [user('Read a.ts'), CALL, RESULT] })).kind, 'chat');
  });

  it('a prompt to continue (completions, FIM) is autocomplete, with no pass over its text', () => {
    const r = chat({ messages: [user('x')] });
    r.prompt = { text: 'def add(a, b):\n    ', suffix: '\n', raw: false };
    assert.deepEqual(readNeeds(r), { kind: 'autocomplete', modifiers: [], difficulty: { score: 0, signals: [] } });
  });

  it('the same agent turn reads the same in Chat Completions, Messages, Responses and Ollama', () => {
    const openai = chat({ tools: [TOOL], messages: [user('Read a.ts'), CALL, RESULT] });
    const messages = parseMessages(
      {
        model: 'claude-sonnet-4-5',
        max_tokens: 1000,
        tools: [{ name: 'read_file', input_schema: { type: 'object' } }],
        messages: [
          user('Read a.ts'),
          { role: 'assistant', content: [{ type: 'tool_use', id: 'c1', name: 'read_file', input: { path: 'a.ts' } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'c1', content: 'export const a = 1;' }] },
        ],
      },
      {},
    ).request;
    const responses = parseResponses({
      model: 'gpt-5',
      tools: [{ type: 'function', name: 'read_file', parameters: { type: 'object' } }],
      input: [
        user('Read a.ts'),
        { type: 'function_call', call_id: 'c1', name: 'read_file', arguments: '{"path":"a.ts"}' },
        { type: 'function_call_output', call_id: 'c1', output: 'export const a = 1;' },
      ],
    }).request;
    const ollama = parseOllamaChat({
      model: 'llama3.2',
      tools: [TOOL],
      messages: [
        user('Read a.ts'),
        { role: 'assistant', content: '', tool_calls: [{ function: { name: 'read_file', arguments: { path: 'a.ts' } } }] },
        { role: 'tool', content: 'export const a = 1;' },
      ],
    }).request;
    assert.deepEqual(
      [openai, messages, responses, ollama].map((r) => readNeeds(r).kind),
      ['agent', 'agent', 'agent', 'agent'],
    );
  });
});

describe('request needs: modifiers', () => {
  it('reasoning: Anthropic thinking, reasoning_effort and reasoning.effort medium or high, Ollama think', () => {
    const hi = [user('hi')];
    const kinds = [
      parseMessages({ model: 'claude-sonnet-4-5', max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: hi }, {}).request,
      chat({ reasoning_effort: 'high', messages: hi }),
      chat({ reasoning_effort: 'medium', messages: hi }),
      parseResponses({ model: 'gpt-5', reasoning: { effort: 'high' }, input: 'hi' }).request,
      parseOllamaChat({ model: 'qwen3', think: true, messages: hi }).request,
      parseOllamaGenerate({ model: 'qwen3', think: 'high', prompt: 'hi' }).request,
    ].map((r) => readNeeds(r).modifiers);
    assert.deepEqual(kinds, [['reasoning'], ['reasoning'], ['reasoning'], ['reasoning'], ['reasoning'], ['reasoning']]);
    const none = [
      parseMessages({ model: 'claude-sonnet-4-5', max_tokens: 2000, thinking: { type: 'disabled' }, messages: hi }, {}).request,
      chat({ reasoning_effort: 'low', messages: hi }),
      chat({ reasoning_effort: 'minimal', messages: hi }),
      parseResponses({ model: 'gpt-5', reasoning: { effort: 'low' }, input: 'hi' }).request,
      parseOllamaChat({ model: 'qwen3', think: false, messages: hi }).request,
    ].map((r) => readNeeds(r).modifiers);
    assert.deepEqual(none, [[], [], [], [], []]);
  });

  it('long-context past 128 000 characters, vision with an image', () => {
    assert.deepEqual(readNeeds(chat({ messages: [user('a'.repeat(128_001))] })).modifiers, ['long-context']);
    assert.deepEqual(readNeeds(chat({ messages: [user('a'.repeat(128_000))] })).modifiers, []);
    assert.deepEqual(
      readNeeds(
        chat({
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'what is this' },
                { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } },
              ],
            },
          ],
        }),
      ).modifiers,
      ['vision'],
    );
  });
});

describe('request needs: difficulty', () => {
  const score = (text: string, extra: Record<string, unknown> = {}): number => readNeeds(chat({ messages: [user(text)], ...extra })).difficulty.score;

  it('the weights sum to 1, so the score stays in [0, 1]', () => {
    assert.equal(Math.round(Object.values(DIFFICULTY_WEIGHTS).reduce((a, b) => a + b, 0) * 1000) / 1000, 1);
  });

  it('easy factual questions score below the threshold', () => {
    for (const q of ['What is the capital of France?', 'hello', 'Translate "good morning" to Spanish.', 'Write a function that adds two numbers.']) {
      assert.ok(score(q) < HARD_AT, `${q}: ${score(q)}`);
    }
  });

  it('design, debugging and proof tasks score at or above it', () => {
    const hard = [
      'Design the database schema for a multi-tenant SaaS and explain the trade-offs.',
      'Debug this: it crashes with a segfault.\n```c\nint main() { char *p = 0; *p = 1; }\n```',
      'Prove that the algorithm terminates and state its loop invariant.',
      'Refactor src/router.ts and src/policy.ts to remove the race condition, then update test/router.test.ts.',
    ];
    for (const q of hard) assert.ok(score(q) >= HARD_AT, `${q}: ${score(q)}`);
  });

  it('each signal adds its weight: code, files, steps, languages, turns, tools', () => {
    const signals = (text: string, extra: Record<string, unknown> = {}): string[] => readNeeds(chat({ messages: [user(text)], ...extra })).difficulty.signals.map((s) => s.name);
    assert.deepEqual(signals('Look at ```x = 1```'), ['code']);
    assert.deepEqual(signals('Compare a.ts, b.ts and c.ts'), ['files']);
    assert.deepEqual(signals('1. open it\n2. read it\n3. close it\n4. save it'), ['steps']);
    assert.deepEqual(signals('Port this from python to rust and golang'), ['languages']);
    assert.deepEqual(signals('ok', { tools: [TOOL, TOOL, TOOL, TOOL, TOOL] }), ['tools']);
    const turns = readNeeds(
      chat({
        messages: [user('a'), { role: 'assistant', content: 'b' }, user('c'), { role: 'assistant', content: 'd' }, user('e'), { role: 'assistant', content: 'f' }, user('g')],
      }),
    ).difficulty;
    // 4 user turns: half strength ((4 - 1) / 6), so half the weight.
    const half = Math.round(DIFFICULTY_WEIGHTS.turns * 0.5 * 1000) / 1000;
    assert.deepEqual(turns, { score: half, signals: [{ name: 'turns', value: half }] });
  });

  it('the strongest signals come first, and the words say kind, difficulty and modifiers', () => {
    const n = readNeeds(chat({ reasoning_effort: 'high', messages: [user('Debug the deadlock in worker.go:\n```go\nmu.Lock()\n```')] }));
    assert.deepEqual(n.difficulty.signals.map((s) => s.name).slice(0, 2), ['hard-words', 'code']);
    assert.equal(needsInWords(n), `chat, hard (${n.difficulty.score.toFixed(2)}: design/debug/proof words, code), reasoning`);
  });
});
