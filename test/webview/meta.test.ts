// The line under an answer.
import assert from 'node:assert/strict';
import { answerMeta } from '../../src/webview/meta';

describe('answerMeta', () => {
  it('lists model, route in words, tokens, time to first token and speed', () => {
    const items = answerMeta({
      id: '1',
      role: 'assistant',
      content: 'x',
      at: '',
      model: 'ollama:llama3.2',
      route: 'local-preferred',
      routeText: 'local model preferred',
      usage: { prompt_tokens: 10, completion_tokens: 32, total_tokens: 42 },
      timeToFirstTokenMs: 321.6,
      tokensPerSecond: 41.234,
    });
    assert.deepEqual(
      items.map((i) => [i.kind, i.text]),
      [
        ['model', 'ollama:llama3.2'],
        ['route', 'local model preferred'],
        ['tokens', '32 tokens (42 total)'],
        ['ttft', 'first token 322 ms'],
        ['tps', '41.2 tokens/s'],
      ],
    );
  });

  it('omits what is missing and puts a bare route code in words', () => {
    const items = answerMeta({ id: '1', role: 'assistant', content: '', at: '', route: 'cloud-fallback', timeToFirstTokenMs: null, tokensPerSecond: null });
    assert.deepEqual(
      items.map((i) => [i.kind, i.text]),
      [['route', 'cloud fallback']],
    );
    assert.deepEqual(answerMeta({ id: '1', role: 'assistant', content: '', at: '' }), []);
  });

  it('shows an odd route code as itself', () => {
    const items = answerMeta({ id: '1', role: 'assistant', content: '', at: '', route: 'constructor' });
    assert.deepEqual(
      items.map((i) => i.text),
      ['constructor'],
    );
  });
});
