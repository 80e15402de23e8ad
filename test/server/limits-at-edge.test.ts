// The server's own limits at their edge, over real HTTP: JSON nesting depth (the last depth accepted
// and the first refused) and the body size, chunked and not, at the limit and one byte past it.
import assert from 'node:assert/strict';
import { MAX_JSON_DEPTH, tooDeepAt } from '../../src/core/http/json-depth';
import { DISCARD_LIMIT } from '../../src/core/http/body';
import { ignoredParamsHeader } from '../../src/core/http/respond';
import { startHarness, type Harness } from '../harness';
import { raw } from '../raw-http';

const OLLAMA = 'ollama:llama3.2:latest';
const LIMIT = 2048;

/** `levels` arrays, one inside the other: `[[[]]]` is 3 levels. */
const nest = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

/** A chat body whose whole JSON nests `levels` deep: the body object is level 1, `x` holds the rest. */
const chatNested = (levels: number): string => `{"model":"${OLLAMA}","messages":[{"role":"user","content":"Hi"}],"x":${nest(levels - 1)}}`;

describe('limits at their edge', () => {
  describe('JSON nesting depth (json-depth.ts)', () => {
    it(`is ${MAX_JSON_DEPTH} levels`, () => assert.equal(MAX_JSON_DEPTH, 100));

    it('tooDeepAt: exactly max levels pass, one more is refused, at any max', () => {
      for (const max of [1, 2, 3, 5, MAX_JSON_DEPTH]) {
        assert.equal(tooDeepAt(JSON.parse(nest(max)), max), null, `${max} levels, max ${max}`);
        assert.notEqual(tooDeepAt(JSON.parse(nest(max + 1)), max), null, `${max + 1} levels, max ${max}`);
      }
      assert.equal(tooDeepAt(JSON.parse(nest(MAX_JSON_DEPTH))), null, 'the default max');
      assert.notEqual(tooDeepAt(JSON.parse(nest(MAX_JSON_DEPTH + 1))), null, 'the default max');
      // Scalars and empty containers do not count as a level beneath.
      assert.equal(tooDeepAt({ a: { b: 1, c: 'x', d: null } }, 2), null);
      assert.equal(tooDeepAt({ a: { b: {} } }, 2), 'a.b');
    });

    it('names where it is too deep: up to three levels of path, in objects and arrays', () => {
      assert.equal(tooDeepAt([[]], 1), '[0]');
      assert.equal(tooDeepAt({ a: [{ b: [[[]]] }] }, 3), 'a[0].b');
      assert.equal(tooDeepAt({ tools: [{ function: { parameters: { a: { b: {} } } } }] }, 4), 'tools[0].function');
      assert.equal(tooDeepAt({}, 0), '(the body)');
    });

    describe('over HTTP', () => {
      let h: Harness;
      before(async () => (h = await startHarness()));
      after(() => h.stop());

      it(`a body ${MAX_JSON_DEPTH} levels deep is answered; ${MAX_JSON_DEPTH + 1} is a 400 json_too_deep naming where`, async () => {
        const ok = await raw(h.base, { body: chatNested(MAX_JSON_DEPTH) });
        assert.equal(ok.status, 200, ok.text);
        const deep = await raw(h.base, { body: chatNested(MAX_JSON_DEPTH + 1) });
        assert.equal(deep.status, 400);
        const e = (deep.json as { error: { code: string; param: string } }).error;
        assert.equal(e.code, 'json_too_deep');
        assert.equal(e.param, 'x[0][0]');
      });
    });
  });

  describe('x-oblix-ignored-params (respond.ts): at most 400 characters, then "+N more"', () => {
    /** n names of 9 characters; with ", " between them, 36 take 9 * 36 + 2 * 35 = 394 characters. */
    const names = (n: number, len = 9): string[] => Array.from({ length: n }, (_, i) => `p${String(i).padStart(len - 1, '0')}`);

    it('a list of exactly 400 characters is shown whole; one more character and the last name becomes "+1 more"', () => {
      const base = names(36); // 394 characters
      const fits = [...base, 'abcd']; // + ", abcd" = 400
      assert.equal(fits.join(', ').length, 400);
      assert.equal(ignoredParamsHeader(fits), fits.join(', '));
      const over = [...base, 'abcde']; // 401
      assert.equal(ignoredParamsHeader(over), `${base.join(', ')}, +1 more`);
    });

    it('counts what it leaves out, and names none when even the first is too long', () => {
      assert.equal(ignoredParamsHeader(names(50)), `${names(36).join(', ')}, +14 more`);
      assert.equal(ignoredParamsHeader(['x'.repeat(401), 'y']), '+2 more');
      assert.equal(ignoredParamsHeader(['x'.repeat(400)]), 'x'.repeat(400));
      assert.equal(ignoredParamsHeader([]), '');
    });

    it('keeps the header valid whatever the names hold', () => assert.equal(ignoredParamsHeader(['naïve\n']), 'na?ve?'));
  });

  describe('body size (body.ts)', () => {
    let h: Harness;
    before(async () => (h = await startHarness({ configure: (c) => (c.maxBodyBytes = LIMIT) })));
    after(() => h.stop());

    const bodyOfSize = (bytes: number): string => {
      const base = JSON.stringify({ model: OLLAMA, messages: [{ role: 'user', content: '' }] });
      const body = JSON.stringify({ model: OLLAMA, messages: [{ role: 'user', content: 'x'.repeat(bytes - base.length) }] });
      assert.equal(Buffer.byteLength(body), bytes);
      return body;
    };

    for (const chunkSize of [undefined, 100, 1]) {
      const how = chunkSize === undefined ? 'with Content-Length' : `chunked by ${chunkSize}`;
      it(`${how}: exactly the limit is answered, one byte more is a 413`, async () => {
        const at = await raw(h.base, { body: bodyOfSize(LIMIT), chunkSize });
        assert.equal(at.status, 200, at.text);
        const past = await raw(h.base, { body: bodyOfSize(LIMIT + 1), chunkSize });
        assert.equal(past.status, 413);
        assert.equal((past.json as { error: { code: string } }).error.code, 'request_too_large');
      });
    }

    it(`a declared Content-Length past the discard limit (${DISCARD_LIMIT} bytes) is refused before any byte is read`, async () => {
      // Nothing is sent after the headers: the 413 can only come from the declared length.
      const r = await raw(h.base, { headers: { 'content-type': 'application/json', 'content-length': String(DISCARD_LIMIT + 1) }, method: 'POST' });
      assert.equal(r.status, 413);
    });
  });
});
