// What routing reads off a request, in exact numbers: the estimate (text, framing per message,
// images, tool calls, tools, a prompt and its suffix, with the 10 % margin), the length-only bound,
// the answer's reserve and its cap, and the tools / images / structured-output flags.
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/core/request';
import { validateChatRequest } from '../../../src/core/dialects/openai-chat/parse';
import { DEFAULT_OUTPUT_RESERVE, estimateMessages, MAX_OUTPUT_RESERVE, requestFeatures } from '../../../src/core/routing/request-features';
import { estimateTokens } from '../../../src/core/routing/token-estimate';

const req = (body: Record<string, unknown>): ChatRequest => validateChatRequest({ model: 'auto', ...body });
const HELLO = [{ role: 'user', content: 'hello world' }]; // 11 characters, 3 tokens
const WEATHER = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }; // 84 characters as JSON
const IMAGE = { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } };

describe('request features', () => {
  it('the token counts these expectations are built on', () => {
    assert.deepEqual(['hello world', 'You are terse.', 'What is this?', 'get_weather', '{"city":"Paris"}', 'def f(', '):', ''].map(estimateTokens), [3, 4, 4, 2, 5, 3, 1, 0]);
    assert.equal(JSON.stringify([WEATHER]).length, 86);
    assert.deepEqual([DEFAULT_OUTPUT_RESERVE, MAX_OUTPUT_RESERVE], [512, 8192]);
  });

  it('one short message: 4 for the framing, the text with 10 % more, and a bound of 1.375 per character plus one', () => {
    const f = requestFeatures(req({ messages: HELLO }));
    assert.deepEqual(
      {
        promptTokens: f.promptTokens,
        promptTokensAtMost: f.promptTokensAtMost,
        outputTokens: f.outputTokens,
        needsTools: f.needsTools,
        hasImages: f.hasImages,
        structuredOutput: f.structuredOutput,
      },
      { promptTokens: 4 + Math.ceil(3 * 1.1), promptTokensAtMost: 4 + Math.ceil(11 * 1.375) + 1, outputTokens: 512, needsTools: false, hasImages: false, structuredOutput: false },
    );
    assert.deepEqual([f.promptTokens, f.promptTokensAtMost], [8, 21]);
  });

  it('every kind of content counts: system text, text parts, 768 per image, tool call names and arguments, tool results', () => {
    const messages = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, IMAGE, IMAGE] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'hello world' },
    ];
    const f = requestFeatures(req({ messages }));
    const fixed = 4 * 4 + 2 * 768;
    assert.equal(f.promptTokens, fixed + Math.ceil((4 + 4 + 2 + 5 + 3) * 1.1)); // 1572
    assert.equal(f.promptTokens, 1572);
    assert.equal(f.promptTokensAtMost, fixed + Math.ceil((14 + 13 + 11 + 16 + 11) * 1.375) + 1); // 1643
    assert.equal(f.promptTokensAtMost, 1643);
    assert.equal(f.hasImages, true);
    assert.equal(estimateMessages(req({ messages }).messages), 1572);
  });

  it('an answer without tool calls, and a file part, add only their text: a file is not an image', () => {
    const messages = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'hello world' },
          { type: 'file', file: { file_id: 'f1' } },
        ],
      },
      { role: 'assistant', content: 'hello world' },
      { role: 'assistant', content: 'hello world', tool_calls: null },
    ];
    const f = requestFeatures(req({ messages }));
    assert.equal(f.promptTokens, 3 * 4 + Math.ceil(3 * 3 * 1.1)); // 22
    assert.equal(f.promptTokensAtMost, 3 * 4 + Math.ceil(3 * 11 * 1.375) + 1); // 59
    assert.equal(f.hasImages, false);
    assert.equal(estimateMessages(req({ messages }).messages), 22);
  });

  it('tools count by their JSON; they are needed unless tool_choice is none', () => {
    const f = requestFeatures(req({ messages: HELLO, tools: [WEATHER] }));
    assert.equal(f.promptTokensAtMost, 4 + Math.ceil((11 + 86) * 1.375) + 1);
    assert.equal(f.promptTokens, 4 + Math.ceil((3 + estimateTokens(JSON.stringify([WEATHER]))) * 1.1));
    assert.equal(f.needsTools, true);
    assert.equal(requestFeatures(req({ messages: HELLO, tools: [WEATHER], tool_choice: 'auto' })).needsTools, true);
    assert.equal(requestFeatures(req({ messages: HELLO, tools: [WEATHER], tool_choice: 'none' })).needsTools, false);
  });

  it('a prompt to continue counts its text and its suffix', () => {
    const withSuffix = requestFeatures({ ...req({ messages: HELLO }), prompt: { text: 'def f(', suffix: '):', raw: false } });
    assert.deepEqual([withSuffix.promptTokens, withSuffix.promptTokensAtMost], [4 + Math.ceil((3 + 3 + 1) * 1.1), 4 + Math.ceil((11 + 6 + 2) * 1.375) + 1]);
    assert.deepEqual([withSuffix.promptTokens, withSuffix.promptTokensAtMost], [12, 32]);
    const bare = requestFeatures({ ...req({ messages: HELLO }), prompt: { text: 'def f(', suffix: null, raw: true } });
    assert.deepEqual([bare.promptTokens, bare.promptTokensAtMost], [11, 29]);
  });

  it('the answer reserve: max_tokens up to 8192, 512 when unset', () => {
    const out = (max?: number): number => requestFeatures(req({ messages: HELLO, ...(max === undefined ? {} : { max_tokens: max }) })).outputTokens;
    assert.deepEqual([out(), out(1), out(8191), out(8192), out(8193), out(64000)], [512, 1, 8191, 8192, 8192, 8192]);
  });

  it('structured output: json_object and json_schema, not text', () => {
    const so = (rf: unknown): boolean => requestFeatures(req({ messages: HELLO, response_format: rf })).structuredOutput;
    assert.deepEqual([so({ type: 'json_object' }), so({ type: 'json_schema', json_schema: { name: 'r' } }), so({ type: 'text' }), so(null)], [true, true, false, false]);
  });

  it('the bound is never below the estimate, even for text that costs more than a token per character', () => {
    const dense = '\na'.repeat(500);
    const f = requestFeatures(req({ messages: [{ role: 'user', content: dense }] }));
    assert.ok(f.promptTokensAtMost >= f.promptTokens, `${f.promptTokensAtMost} < ${f.promptTokens}`);
  });
});
