// The message-content readers the translating providers share: text of parts, images (data: URLs
// split into media type and bytes), tool names by call id, tool arguments, generated call ids.
import assert from 'node:assert/strict';
import { OblixError } from '../../../src/core/errors/oblix-error';
import type { ChatMessage } from '../../../src/core/request';
import { imagesOf, newToolCallId, parseArguments, textOf, toolNamesById } from '../../../src/core/providers/content';

type Content = ChatMessage['content'];

describe('content readers', () => {
  it('textOf: a string as is; text and refusal parts joined by newlines, other parts and empty texts skipped', () => {
    assert.equal(textOf('a b'), 'a b');
    assert.equal(textOf(''), '');
    assert.equal(textOf(null as unknown as Content), '');
    assert.equal(textOf(undefined as unknown as Content), '');
    const parts = [
      { type: 'text', text: 'one' },
      { type: 'image_url', image_url: { url: 'https://x.test/a.png' } },
      { type: 'text', text: '' },
      { type: 'refusal', refusal: 'two' },
      { type: 'text', text: 'three' },
    ] as unknown as Content;
    assert.equal(textOf(parts), 'one\ntwo\nthree');
    assert.equal(textOf([] as unknown as Content), '');
  });

  it('imagesOf: every image part in order with its index among all parts; data: URLs split into media type and base64', () => {
    const parts = [
      { type: 'text', text: 'x' },
      { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } },
      { type: 'image_url', image_url: { url: 'https://x.test/a.png' } },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,' } },
      { type: 'image_url', image_url: { url: 'data:image/svg+xml,<svg/>' } }, // not base64: a plain URL
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AA\nBB' } },
      { type: 'image_url', image_url: { url: 'https://x.test/?u=data:image/png;base64,AA' } }, // data: inside a URL: still a plain URL
    ] as unknown as Content;
    assert.deepEqual(imagesOf(parts), [
      { url: 'data:image/jpeg;base64,/9j/4AAQ', part: 1, data: { mediaType: 'image/jpeg', base64: '/9j/4AAQ' } },
      { url: 'https://x.test/a.png', part: 2 },
      { url: 'data:image/png;base64,', part: 3, data: { mediaType: 'image/png', base64: '' } },
      { url: 'data:image/svg+xml,<svg/>', part: 4 },
      { url: 'data:image/png;base64,AA\nBB', part: 5, data: { mediaType: 'image/png', base64: 'AA\nBB' } },
      { url: 'https://x.test/?u=data:image/png;base64,AA', part: 6 },
    ]);
    assert.deepEqual(imagesOf('data:image/png;base64,AA'), []);
  });

  it('toolNamesById: the function name of each assistant tool call', () => {
    const messages = [
      { role: 'user', content: 'hi', tool_calls: [{ id: 'u1', type: 'function', function: { name: 'no', arguments: '' } }] },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } },
          { id: 'c2', type: 'function', function: { name: 'g', arguments: '{}' } },
        ],
      },
      { role: 'assistant', content: 'x' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'h', arguments: '{}' } }] },
    ] as unknown as ChatMessage[];
    assert.deepEqual(
      [...toolNamesById(messages)],
      [
        ['c1', 'h'],
        ['c2', 'g'],
      ],
    );
  });

  it('parseArguments: a JSON object, or {} for an empty string; anything else is a 400 naming the param', () => {
    assert.deepEqual(parseArguments('{"a":[1]}', 'p'), { a: [1] });
    assert.deepEqual(parseArguments('', 'p'), {});
    for (const bad of ['[]', 'null', '1', '"s"', '{', ' ']) {
      assert.throws(
        () => parseArguments(bad, 'messages[2].tool_calls[0].function.arguments'),
        (e: OblixError) =>
          e.status === 400 &&
          e.param === 'messages[2].tool_calls[0].function.arguments' &&
          e.code === 'invalid_value' &&
          e.message === "'messages[2].tool_calls[0].function.arguments' must be a JSON object encoded as a string.",
        bad,
      );
    }
  });

  it('newToolCallId: call_ and base-36 text, different each time', () => {
    const ids = Array.from({ length: 50 }, () => newToolCallId());
    for (const id of ids) assert.match(id, /^call_[0-9a-z]+$/);
    assert.equal(new Set(ids).size, 50);
  });
});
