// OblixError.of builds Oblix's own errors from the code table: the status and type a code has are
// spelled once, in error-codes.ts, and the wire body is what the hand-spelled constructor gave.
import assert from 'node:assert/strict';
import { ERROR_CODES, errorCodeInfo } from '../../../src/core/errors/error-codes';
import { OblixError } from '../../../src/core/errors/oblix-error';

describe('OblixError.of', () => {
  it('takes the status from the code table, for every code', () => {
    for (const code of ERROR_CODES) assert.equal(OblixError.of(code, 'm').status, errorCodeInfo(code).status, code);
  });

  it('gives the body the constructor gave, param and all', () => {
    const e = OblixError.of('model_not_found', "The model 'x' does not exist.", { param: 'model' });
    assert.deepEqual(e.toBody(), { error: { message: "The model 'x' does not exist.", type: 'invalid_request_error', param: 'model', code: 'model_not_found' } });
    assert.deepEqual(OblixError.of('no_model_available', 'none').toBody().error.type, 'service_unavailable');
    assert.equal(OblixError.of('local_only', 'cloud').type, 'permission_error');
    assert.equal(OblixError.of('invalid_api_key', 'key').type, 'authentication_error');
  });

  it("keeps the type the status alone does not say (501 no_ollama, 508 loop_detected are the request's fault)", () => {
    assert.equal(OblixError.of('no_ollama', 'm').type, 'invalid_request_error');
    assert.equal(OblixError.of('loop_detected', 'm').type, 'invalid_request_error');
    assert.equal(OblixError.of('internal_error', 'm').type, 'server_error');
  });

  it('carries retryAfter when given', () => {
    assert.equal(OblixError.of('server_shutting_down', 'm', { retryAfter: 3 }).retryAfter, 3);
    assert.equal(OblixError.of('server_shutting_down', 'm').retryAfter, null);
  });
});
