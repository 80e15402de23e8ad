// Each redaction net on its own, with texts it must scrub and texts it must leave alone: the keys
// Oblix was given, URL credentials, Bearer tokens, api-key fields and sk-/rk-/pk- keys; Oblix's own
// `<PLACEHOLDER>` hints are not keys.
import assert from 'node:assert/strict';
import { redact, redactUrl, registerSecret } from '../../../src/core/support/redact';

type Case = [input: string, expected: string];

/** Unchanged: each input is expected back as it is. */
const same = (...inputs: string[]): Case[] => inputs.map((s) => [s, s]);

const SHAPES: { name: string; positives: Case[]; negatives: Case[] }[] = [
  {
    name: 'URL credentials (user:password@)',
    positives: [
      ['http://user:pass@localhost:11434/api', 'http://***@localhost:11434/api'],
      ['fetch HTTPS://u:p@example.com failed', 'fetch HTTPS://***@example.com failed'],
      ['postgres+ssl://admin:s3cr3t@db:5432/x', 'postgres+ssl://***@db:5432/x'],
      ['redis://:only-password@cache', 'redis://***@cache'],
      ['https://ghp_token123@github.com/o/r', 'https://***@github.com/o/r'],
      ['"url":"http://a:b@h"', '"url":"http://***@h"'],
    ],
    negatives: same('mailto:me@example.com', 'https://example.com/pkg@1.2.3', 'https://host/?to=a@b.c', 'write to me@example.com', 'https://example.com', '://x:y@h'),
  },
  {
    name: 'Bearer tokens',
    positives: [
      ['Authorization: Bearer abcdef', 'Authorization: Bearer ***'],
      ['bearer eyJhbGciOi.payload.sig_-+/=~', 'bearer ***'],
      ['BEARER\t  tok123456 rest', 'BEARER\t  *** rest'],
      ['{"authorization":"Bearer abc.def.ghi"}', '{"authorization":"Bearer ***"}'],
    ],
    // Five characters are too few to be a token; "bearers" and "bearer" without a following token stay.
    negatives: same('Authorization: Bearer abcde', 'the bearers abcdefgh', 'a bearer', 'Bearer', 'bearer: none', 'rebearer abcdefgh'),
  },
  {
    name: 'api-key fields',
    positives: [
      ['x-api-key: abcdef', 'x-api-key: ***'],
      // The value runs to a space, quote, comma, semicolon or brace: a query's later parameters go too (the safe side).
      ['?api_key=abcdefgh&x=1 next', '?api_key=*** next'],
      ['{"apiKey": "abcdefgh"}', '{"apiKey": "***"}'],
      ["API-KEY = 'abcdefgh';", "API-KEY = '***';"],
      ['X-Api-Key:abcdefgh,next', 'X-Api-Key:***,next'],
      ['apikey=abcdef}', 'apikey=***}'],
    ],
    negatives: same('x-api-key: abcde', 'apikeys: abcdefgh', 'api key: abcdefgh', 'the api-key header', 'api_key=', 'rapi_key=abcdefgh'),
  },
  {
    name: 'sk-, rk-, pk- keys',
    positives: [
      ['sk-abcdefgh', '***'],
      ['key sk-proj-ABCDEFGH1234 leaked', 'key *** leaked'],
      ['sk-ant-api03-abc_DEF-123', '***'],
      ['rk-12345678', '***'],
      ['pk-live_12345678.', '***.'],
      ['(sk-abcdefgh)', '(***)'],
    ],
    // Too short, part of a longer word, or upper-case prefixes (which no provider issues).
    negatives: same('sk-abcdefg', 'task-12345678', 'desk-lamp-12345678', 'SK-ABCDEFGH', 'sk_abcdefgh', 'ask-questions-please'),
  },
];

describe('redact', () => {
  for (const shape of SHAPES) {
    describe(shape.name, () => {
      for (const [input, expected] of shape.positives) it(`scrubs ${JSON.stringify(input)}`, () => assert.equal(redact(input), expected));
      for (const [input, expected] of shape.negatives) it(`leaves ${JSON.stringify(input)}`, () => assert.equal(redact(input), expected));
    });
  }

  describe("Oblix's own placeholders", () => {
    it('keeps a <PLACEHOLDER> that names a key, as in the 401 hint', () => {
      const hint = 'send `Authorization: Bearer <OBLIX_API_KEY>` (or `x-api-key: <OBLIX_API_KEY>`).';
      assert.equal(redact(hint), hint);
      assert.equal(redact('api_key=<YOUR_KEY> here'), 'api_key=<YOUR_KEY> here');
    });

    it('still blanks real values after x-api-key, api_key= and in JSON, angle brackets or not', () => {
      assert.equal(redact('x-api-key: abc123def456'), 'x-api-key: ***');
      assert.equal(redact('api_key=zz9-yy8-xx7 rest'), 'api_key=*** rest');
      assert.equal(redact('{"x-api-key":"q1w2e3r4t5"}'), '{"x-api-key":"***"}');
      assert.equal(redact('x-api-key: <abc123def456>'), 'x-api-key: ***');
      assert.equal(redact('x-api-key: <KEY>s3cr3tvalue'), 'x-api-key: ***');
      assert.equal(redact('Authorization: Bearer tok3n-value-1'), 'Authorization: Bearer ***');
      assert.equal(redact('key sk-proj-abcdefgh1234'), 'key ***');
    });
  });

  describe('keys Oblix was given (registerSecret)', () => {
    // Shapeless values, so only the exact-match net can catch them; unique to this test.
    const KEY = 'Zq7rW2nMx9';
    const EIGHT = 'Yh3%Tg8!';
    const SEVEN = 'Yh3%Tg9';
    before(() => {
      registerSecret(KEY);
      registerSecret(EIGHT);
      registerSecret(SEVEN);
      registerSecret(undefined);
      registerSecret('');
    });

    it('scrubs every occurrence, inside words and quotes too', () => {
      assert.equal(redact(`key ${KEY} and again "${KEY}"; x${KEY}y`), 'key *** and again "***"; x***y');
    });
    it('takes a key of exactly 8 characters', () => assert.equal(redact(`k=${EIGHT}`), 'k=***'));
    it('ignores one of 7 characters (it would blank ordinary words)', () => assert.equal(redact(`k=${SEVEN}`), `k=${SEVEN}`));
    it('leaves text without a known key alone', () => assert.equal(redact('Zq7rW2nMx (one short)'), 'Zq7rW2nMx (one short)'));
  });

  describe('redactUrl', () => {
    const CASES: Case[] = [
      ['http://user:pw@localhost:11434/v1', 'http://***@localhost:11434/v1'],
      ['https://user@example.com/', 'https://***@example.com/'],
      ['https://:pw@example.com/', 'https://***@example.com/'],
      // Without credentials the URL comes back exactly as written (not normalised).
      ['HTTP://Example.COM:80/A', 'HTTP://Example.COM:80/A'],
      ['http://localhost:11434', 'http://localhost:11434'],
      // Not a URL: the shape nets still apply.
      ['not a url sk-abcdefghij', 'not a url ***'],
      ['//u:p@h', '//u:p@h'],
    ];
    for (const [input, expected] of CASES) it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => assert.equal(redactUrl(input), expected));
  });
});
