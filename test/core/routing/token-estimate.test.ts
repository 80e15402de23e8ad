// The routing token estimate: runs of letters, digits, punctuation and whitespace (docs/performance/TOKENS.md has its error).
import assert from 'node:assert/strict';
import { validateChatRequest } from '../../../src/core/dialects/openai-chat/parse';
import { requestFeatures } from '../../../src/core/routing/request-features';
import { estimateTokens } from '../../../src/core/routing/token-estimate';

describe('token estimate', () => {
  it('counts indentation and punctuation that characters / 4 misses', () => {
    const python = '    def f(self, x):\n        return x[0] + 1\n'.repeat(100);
    const prose = 'The quick brown fox jumps over the lazy dog. '.repeat(100);
    // Real counts (cl100k_base, gpt-tokenizer): 1700 and 1001 tokens.
    for (const [text, real] of [
      [python, 1700],
      [prose, 1001],
    ] as const) {
      const est = estimateTokens(text);
      assert.ok(Math.abs(est - real) < Math.abs(Math.ceil(text.length / 4) - real), `${est} is further from ${real} than characters / 4`);
      assert.ok(Math.abs(est / real - 1) < 0.25, `${est} vs ${real}`);
    }
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('日本語のテキスト'), 8);
  });

  it('prices whitespace that ends the text: a line break, or more than one space', () => {
    assert.equal(estimateTokens('ab'), 1); // 0.46 + 2 × 0.13
    assert.equal(estimateTokens('a '), 1); // a single space joins the next word: free
    assert.equal(estimateTokens('a  '), 3); // 0.59 + 1.5
    assert.equal(estimateTokens('a\n'), 3); // 0.59 + 1.89
  });

  it('counts the first code unit of the CJK range as a token', () => {
    assert.equal(estimateTokens('\u2e80'), 1);
  });

  it('never exceeds the bound the policy tries first', () => {
    for (const text of ['\na'.repeat(5000), '\n;'.repeat(5000), 'x'.repeat(10_000), '1'.repeat(10_000), ' .'.repeat(5000), '日本'.repeat(5000), '  \n'.repeat(3000)]) {
      const f = requestFeatures(validateChatRequest({ model: 'auto', messages: [{ role: 'user', content: text }] }));
      assert.ok(f.promptTokens <= f.promptTokensAtMost, `${JSON.stringify(text.slice(0, 4))}: ${f.promptTokens} > ${f.promptTokensAtMost}`);
    }
  });
});

describe('token estimate of a long text', () => {
  it('samples it, within a few percent of reading it all', () => {
    const parts = ['    def f(self, x):\n        return x[0] + 1\n', 'The quick brown fox jumps over the lazy dog. ', 'const x = { a: 1, b: [2, 3] };\n'];
    const text = Array.from({ length: 3000 }, (_, i) => parts[i % 3]).join('');
    // Read whole: in pieces under the sampling threshold (a cut splits at most one run per piece).
    let whole = 0;
    for (let i = 0; i < text.length; i += 30_000) whole += estimateTokens(text.slice(i, i + 30_000));
    assert.ok(text.length > 100_000);
    assert.ok(Math.abs(estimateTokens(text) / whole - 1) < 0.05, `${estimateTokens(text)} vs ${whole}`);
  });

  it('reads a text of exactly the threshold whole, and samples a longer one up to its end', () => {
    // Whole: one run (0.46) + 32768 letters (0.13 each) = 4260.3; in 8 samples it would be 8 runs.
    assert.equal(estimateTokens('a'.repeat(32_768)), 4261);
    // Sampled: 8 × (0.46 + 4096 × 0.13), scaled by 40000 / 32768 = 5204.6; read whole it would be 5200.5.
    assert.equal(estimateTokens('a'.repeat(40_000)), 5205);
    // Digits (0.5 each) only in the last 12000 characters: the samples must be spread to the very end.
    assert.equal(estimateTokens('a'.repeat(32_000) + '1'.repeat(12_000)), 10091);
  });
});
