// How each upstream failure counts against its provider's health (failureKind), whether another
// model may be tried (UpstreamError.failover), and how model ids split into provider and model.
import assert from 'node:assert/strict';
import { upstreamCode, type AnyErrorCode } from '../../../src/core/errors/error-codes';
import { UpstreamError } from '../../../src/core/providers/upstream-error';
import { failureKind } from '../../../src/core/routing/failure-kind';
import { parseModelId } from '../../../src/core/routing/model-id';

const err = (status: number, code: AnyErrorCode | null = null, unreachable = false): UpstreamError => new UpstreamError('p', status, 'x', unreachable, code);

describe('failure kinds', () => {
  it('unreachable first, whatever the status or code', () => {
    assert.equal(failureKind(err(502, 'upstream_unreachable', true)), 'unreachable');
    assert.equal(failureKind(err(504, 'first_token_timeout', true)), 'unreachable');
    assert.equal(failureKind(err(400, null, true)), 'unreachable');
  });

  it('the two timeouts by their code, whatever the status', () => {
    assert.equal(failureKind(err(504, 'first_token_timeout')), 'timeout');
    assert.equal(failureKind(err(504, 'idle_timeout')), 'timeout');
    assert.equal(failureKind(err(400, 'idle_timeout')), 'timeout');
    assert.equal(failureKind(err(504, upstreamCode('gateway_timeout'))), 'server');
  });

  it('429 is rate-limited; 500 and up are server errors; below 500 says nothing about health', () => {
    const table: [number, string | null][] = [
      [429, 'rate-limited'],
      [500, 'server'],
      [502, 'server'],
      [503, 'server'],
      [529, 'server'],
      [499, null],
      [404, null],
      [408, null],
      [400, null],
      [401, null],
    ];
    assert.deepEqual(
      table.map(([s]) => [s, failureKind(err(s))]),
      table,
    );
  });

  it('failover: unreachable, 404, 408, 429 and 500 up; not the other 4xx', () => {
    const table: [number, boolean, boolean][] = [
      [502, true, true],
      [400, true, true],
      [404, false, true],
      [408, false, true],
      [429, false, true],
      [500, false, true],
      [504, false, true],
      [400, false, false],
      [401, false, false],
      [403, false, false],
      [409, false, false],
      [422, false, false],
      [499, false, false],
    ];
    assert.deepEqual(
      table.map(([s, u]) => [s, u, err(s, null, u).failover]),
      table,
    );
  });
});

describe('model ids', () => {
  it('split at the first colon; the model part keeps its own colons', () => {
    assert.deepEqual(parseModelId('ollama:llama3.2:1b'), { id: 'ollama:llama3.2:1b', providerId: 'ollama', model: 'llama3.2:1b' });
    assert.deepEqual(parseModelId('a:b'), { id: 'a:b', providerId: 'a', model: 'b' });
    assert.deepEqual(parseModelId('a::'), { id: 'a::', providerId: 'a', model: ':' });
  });

  it('no provider or no model: null', () => {
    for (const id of ['', 'auto', ':llama', 'ollama:', ':']) assert.equal(parseModelId(id), null, id);
  });
});
