// The routing vocabulary is one list: docs/routing.md names exactly the codes the router can send.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { failoverFrom, ROUTE_CODES, routeInWords } from '../../../src/core/routing/route-reason';

describe('routing vocabulary', () => {
  it('docs/routing.md lists every reason code, and no other', () => {
    const page = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'routing.md'), 'utf8');
    const list = /Reasons you will see in `x-oblix-route`:\n([\s\S]*?)\. `GET \/health`/.exec(page)?.[1];
    assert.ok(list, 'docs/routing.md has the list of reasons');
    const listed = [...list.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    assert.deepEqual(listed, [...ROUTE_CODES, 'failover-from:<id>']);
  });

  it('describes a failover by the model that failed', () => {
    assert.equal(failoverFrom('ollama:llama3.2'), 'failover-from:ollama:llama3.2');
    assert.equal(routeInWords(failoverFrom('ollama:llama3.2')), 'ollama:llama3.2 failed, so the next model answered');
  });

  it('describes a code by its words; an unknown one, even an Object.prototype name, stays as sent', () => {
    assert.equal(routeInWords('local-preferred'), 'local model preferred');
    assert.equal(routeInWords('cloud-unreachable'), 'cloud unreachable, so local');
    assert.equal(routeInWords('from-a-newer-server'), 'from-a-newer-server');
    assert.equal(routeInWords('constructor'), 'constructor');
  });
});
