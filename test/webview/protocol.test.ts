// The webview ↔ extension contract: what the extension accepts from the (untrusted) webview.
import assert from 'node:assert/strict';
import { routeInWords } from '../../src/core/routing/route-reason';
import { ALLOWED_COMMANDS, parseFromWebview } from '../../src/webview/protocol';

describe('parseFromWebview', () => {
  it('accepts each well-formed message', () => {
    const valid = [
      { type: 'ready' },
      { type: 'newSession' },
      { type: 'send', requestId: 'r1', prompt: 'Hello', model: 'auto' },
      { type: 'stop', requestId: 'r1' },
      { type: 'selectModel', model: 'ollama:llama3.2' },
      { type: 'switchSession', sessionId: 's1' },
      { type: 'renameSession', sessionId: 's1' },
      { type: 'deleteSession', sessionId: 's1' },
      { type: 'exportSession', sessionId: 's1' },
      { type: 'copyCode', code: 'x' },
      { type: 'insertCode', code: '' },
      { type: 'openCode', code: 'x', language: 'typescript' },
      ...ALLOWED_COMMANDS.map((command) => ({ type: 'runCommand', command })),
    ];
    for (const message of valid) assert.deepEqual(parseFromWebview(message), message, JSON.stringify(message));
  });

  it('keeps only the type of messages that carry nothing else', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready', extra: 1 }), { type: 'ready' });
  });

  it('rejects what is not a message object', () => {
    for (const raw of [null, undefined, 'ready', 42, [], true]) assert.equal(parseFromWebview(raw), null, String(raw));
  });

  it('rejects unknown types and missing or mistyped fields', () => {
    const malformed: unknown[] = [
      {},
      { type: 'explode' },
      { type: 'send', requestId: 'r1', prompt: 'Hi' },
      { type: 'send', requestId: 1, prompt: 'Hi', model: 'auto' },
      { type: 'send', requestId: 'r1', prompt: 'Hi', model: null },
      { type: 'stop' },
      { type: 'selectModel', model: 3 },
      { type: 'switchSession' },
      { type: 'deleteSession', sessionId: { id: 's1' } },
      { type: 'copyCode' },
      { type: 'openCode', code: 'x' },
      { type: 'openCode', language: 'ts' },
    ];
    for (const raw of malformed) assert.equal(parseFromWebview(raw), null, JSON.stringify(raw));
  });

  it('rejects a blank prompt', () => {
    assert.equal(parseFromWebview({ type: 'send', requestId: 'r1', prompt: '  \n ', model: 'auto' }), null);
  });

  it('runs only the allowed commands', () => {
    for (const command of ['workbench.action.terminal.new', 'oblix.removeApiKey', 'oblix.copyServerApiKey', '', undefined, 7]) {
      assert.equal(parseFromWebview({ type: 'runCommand', command }), null, String(command));
    }
  });
});

describe('routeInWords', () => {
  it('puts known reason codes in words', () => {
    assert.equal(routeInWords('local-preferred'), 'local model preferred');
    assert.equal(routeInWords('explicit'), 'chosen by you');
    assert.equal(routeInWords('local-only'), 'local-only mode');
    assert.equal(routeInWords('low-memory'), 'not enough free memory for the local model');
  });

  it('names the model that failed over', () => {
    assert.equal(routeInWords('failover-from:ollama:llama3.2'), 'ollama:llama3.2 failed, so the next model answered');
  });

  it('passes unknown codes through', () => {
    assert.equal(routeInWords('something-new'), 'something-new');
  });
});
