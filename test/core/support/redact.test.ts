// The secret scrubber blanks keys and key-shaped text, and leaves Oblix's own placeholders alone.
import assert from 'node:assert/strict';
import { redact } from '../../../src/core/support/redact';

describe('redact', () => {
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
