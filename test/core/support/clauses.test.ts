import assert from 'node:assert/strict';
import { clauses } from '../../../src/core/support/clauses';

describe('clauses', () => {
  it('joins a clause after a semicolon and a sentence after a period, and drops each final period', () => {
    assert.equal(
      clauses([
        'no local model is installed',
        'the prompt is about 900 tokens, vscode:a/b takes at most 50.',
        'You did not allow Oblix to use vscode:a/c. Reload the window to be asked again.',
      ]),
      'no local model is installed; the prompt is about 900 tokens, vscode:a/b takes at most 50. You did not allow Oblix to use vscode:a/c. Reload the window to be asked again',
    );
    assert.equal(`No model can answer: ${clauses(['x.'])}.`, 'No model can answer: x.');
    assert.equal(clauses([]), '');
  });
});
