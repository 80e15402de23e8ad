// The SSE reader under the OpenAI-kind chat stream: split events, CRLF, multi-line data, comments.
import assert from 'node:assert/strict';
import { SseReader } from '../../../../src/core/providers/openai/sse-reader';

describe('SseReader', () => {
  it('yields each event once it is complete, across arbitrary splits', () => {
    const r = new SseReader();
    assert.deepEqual(r.push('data: {"a":1}\n\nda'), ['{"a":1}']);
    assert.deepEqual(r.push('ta: [DO'), []);
    assert.deepEqual(r.push('NE]\n\n'), ['[DONE]']);
  });

  it('reads CRLF line ends, joins multi-line data and skips comments and other fields', () => {
    const r = new SseReader();
    assert.deepEqual(r.push(': keep-alive\r\n\r\nevent: x\r\ndata: one\r\ndata:two\r\nid: 3\r\n\r\n'), ['one\ntwo']);
  });
});
