// The labelled routing set stays usable: every recorded body still parses with Oblix's own dialect
// parsers (a parser change that breaks an agent's real traffic shows here first), the references
// into shared.jsonl resolve, and the set keeps its size and its two labels.
import assert from 'node:assert/strict';
import { loadRoutingSet } from '../../bench/routing-set';
import { pack, unpack } from '../../bench/routing-set-store';

describe('routing set (bench/routing-set)', () => {
  it('holds at least 300 labelled requests from the five agents and the chat prompts, all parsed', () => {
    const set = loadRoutingSet();
    assert.ok(set.length >= 300, `${set.length} requests`);
    const agents = new Set(set.map((r) => r.source.split(' ')[0]));
    for (const a of ['claude-code', 'codex', 'opencode', 'continue', 'cline', 'chat']) assert.ok(agents.has(a), `no requests from ${a}`);
    for (const r of set) assert.ok(r.label === 'small' || r.label === 'strong', `${r.id}: ${r.label}`);
    assert.equal(new Set(set.map((r) => r.id)).size, set.length, 'ids are unique');
  });

  it('packs long strings and tool lists by reference and unpacks them as they were', () => {
    const body = { model: 'm', system: 'x'.repeat(500), tools: [{ name: 't' }], messages: [{ role: 'user', content: 'hi' }] };
    const shared = new Map<string, unknown>();
    const packed = pack(body, shared) as Record<string, unknown>;
    assert.equal(shared.size, 2);
    assert.ok(typeof packed.system === 'object' && typeof packed.tools === 'object');
    assert.deepEqual(unpack(JSON.parse(JSON.stringify(packed)), shared), body);
  });
});
