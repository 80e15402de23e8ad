// Code references in questions and errors in words: the pure parts of the chat page.
import assert from 'node:assert/strict';
import { ERROR_CODES } from '../../src/core/errors/error-codes';
import { errorInWords } from '../../src/webview/error-words';
import { questionParts, referenceLabel } from '../../src/webview/reference';

describe('question references', () => {
  it('splits the question from the code of Ask Oblix About Selection', () => {
    const parts = questionParts('Why?\n\nFrom `a/b.ts` (typescript, lines 3–5):\n```typescript\nx\ny\nz\n```');
    assert.deepEqual(parts, [
      { kind: 'text', text: 'Why?' },
      { kind: 'reference', reference: { file: 'a/b.ts', language: 'typescript', startLine: 3, endLine: 5, code: 'x\ny\nz' } },
    ]);
    const ref = parts[1];
    assert.ok(ref?.kind === 'reference');
    assert.equal(referenceLabel(ref.reference), 'b.ts:3-5');
  });

  it('reads the older one-line header and longer fences around backticks', () => {
    const parts = questionParts('From `hello.py` (python, line 1):\n````python\nprint("```")\n````');
    assert.deepEqual(parts, [{ kind: 'reference', reference: { file: 'hello.py', language: 'python', startLine: 1, endLine: 1, code: 'print("```")' } }]);
  });

  it('leaves a question without a reference as it is', () => {
    assert.deepEqual(questionParts('Plain ```code``` here'), [{ kind: 'text', text: 'Plain ```code``` here' }]);
  });
});

describe('errors in words', () => {
  it('tells Ollama not running, keeping the technical text', () => {
    const raw = 'Ollama at http://127.0.0.1:34285 could not be reached (ECONNREFUSED): fetch failed';
    assert.deepEqual(errorInWords(raw), { title: "Ollama isn't running.", hint: 'Start Ollama (or install it), then Retry.', detail: raw });
  });

  it('never makes the raw text the title: an unknown message gets a plain sentence, the text as its detail', () => {
    assert.deepEqual(errorInWords('upstream closed'), { title: 'The request failed.', hint: 'Retry, or pick another model.', detail: 'upstream closed' });
  });

  it("keeps the extension's own sentences as titles", () => {
    assert.equal(errorInWords('Oblix is still answering the previous question: stop it or wait for the answer.').title, 'Oblix is still answering the previous question.');
    assert.equal(errorInWords('Stopped before the answer began.').title, 'Stopped before the answer began.');
    assert.equal(errorInWords('Oblix is still starting; try again in a moment.').title, 'Oblix is still starting.');
  });

  it('says a refused consent to an editor model in words; Ollama not running stays the title when both are why nothing answered', () => {
    const refused =
      'You did not allow Oblix to use vscode:copilot/gpt-4.1 (VS Code asked for consent), so Oblix passes it over for the rest of this session. Reload the window to be asked again.';
    assert.deepEqual(errorInWords(refused, 'no_permissions'), {
      title: 'You did not allow Oblix to use that editor model.',
      hint: 'Oblix passes it over for the rest of this session: reload the window to be asked again, or pick another model.',
      detail: refused,
    });
    const both = `No model can answer: Ollama is not running at http://127.0.0.1:11434. ${refused}`;
    assert.equal(errorInWords(both).title, "Ollama isn't running.");
  });

  it('gives every error code Oblix sends its own sentence', () => {
    const raw = 'xyzzy 500';
    for (const code of ERROR_CODES) {
      const words = errorInWords(raw, code);
      assert.notEqual(words.title, 'The request failed.', code);
      assert.match(words.title, /^[A-Z"'].*\.$/, `${code}: one sentence`);
      assert.equal(words.detail, raw);
    }
    assert.equal(errorInWords(raw, 'ECONNRESET').title, 'The request failed.', "a code that is not Oblix's");
  });
});
