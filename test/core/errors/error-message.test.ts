// What a caught value says: its message, and the code views word it by (an Oblix code or a system
// one such as ECONNREFUSED), only when it is text.
import assert from 'node:assert/strict';
import { errorCode, errorMessage } from '../../../src/core/errors/error-message';
import { OblixError } from '../../../src/core/errors/oblix-error';

describe('errorMessage and errorCode', () => {
  it("gives an Error's message, and anything else as text", () => {
    assert.equal(errorMessage(new Error('boom')), 'boom');
    assert.equal(errorMessage('plain'), 'plain');
    assert.equal(errorMessage(42), '42');
  });

  it('gives the code an error carries when it is a string', () => {
    assert.equal(errorCode(OblixError.of('model_not_found', 'no such model')), 'model_not_found');
    assert.equal(errorCode(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })), 'ECONNREFUSED');
  });

  it('gives nothing for an error without a code, a code that is not text, or something not an Error', () => {
    assert.equal(errorCode(new Error('no code')), undefined);
    assert.equal(errorCode(new OblixError(500, 'no code given')), undefined);
    assert.equal(errorCode(Object.assign(new Error('numeric'), { code: 7 })), undefined);
    assert.equal(errorCode({ code: 'ECONNREFUSED' }), undefined);
    assert.equal(errorCode('ECONNREFUSED'), undefined);
  });

  it('names an Oblix error as such where it is printed (name, stack, String(err))', () => {
    const e = OblixError.of('invalid_json', 'bad body');
    assert.equal(e.name, 'OblixError');
    assert.equal(String(e), 'OblixError: bad body');
  });
});
