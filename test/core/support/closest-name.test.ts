// "Did you mean …?": the known name a typo most likely meant, and none when nothing is close.
import assert from 'node:assert/strict';
import { closestName } from '../../../src/core/support/closest-name';

describe('closest name', () => {
  const fields = ['mode', 'host', 'port', 'firstTokenTimeoutMs', 'idleTimeoutMs', 'maxCpuLoadPct', 'baseURL', 'local', 'models'];

  it('finds the field a typo meant: swapped, missing, doubled letters, case and separators aside', () => {
    for (const [typed, meant] of [
      ['mdoe', 'mode'],
      ['fristTokenTimeoutMs', 'firstTokenTimeoutMs'],
      ['maxCpuLoad', 'maxCpuLoadPct'],
      ['locall', 'local'],
      ['modles', 'models'],
      ['baseUrl', 'baseURL'],
      ['base_url', 'baseURL'],
      ['prot', 'port'],
    ]) {
      assert.equal(closestName(typed, fields), meant, typed);
    }
    assert.equal(closestName('--verison', ['--help', '--version']), '--version');
  });

  it('suggests nothing for a name that is no typo of any', () => {
    assert.equal(closestName('zzz', fields), undefined);
    assert.equal(closestName('temperature', fields), undefined);
    assert.equal(closestName('anything', []), undefined);
  });

  it('prefers the nearest of several', () => {
    assert.equal(closestName('hosts', ['host', 'hostname']), 'host');
  });
});
