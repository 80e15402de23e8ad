// The ledger line of one answer: what answered, its tokens, its cost, what a local answer saved, and
// for a refused request nothing spent; never the prompt.
import assert from 'node:assert/strict';
import type { Decision } from '../../../src/core/decision';
import type { Ledger } from '../../../src/core/ledger/ledger';
import { PriceTable } from '../../../src/core/ledger/prices';
import type { UsageRecord } from '../../../src/core/ledger/record';
import { UsageRecorder } from '../../../src/core/ledger/usage-recorder';
import type { ChatRequest } from '../../../src/core/request';
import { readNeeds } from '../../../src/core/routing/request-needs';
import { validateChatRequest } from '../../../src/core/dialects/openai-chat/parse';

const CATALOG = new Map([
  ['ollama:llama3.2', true],
  ['openai:gpt-4o-mini', false],
  ['vscode:copilot/gpt-4.1', false],
]);

function recorder(): { r: UsageRecorder; lines: UsageRecord[] } {
  const lines: UsageRecord[] = [];
  const ledger = { prices: new PriceTable({ 'openai:gpt-4o-mini': { input: 1, output: 2 } }), add: (rec: UsageRecord) => lines.push(rec) } as unknown as Ledger;
  const r = new UsageRecorder(ledger, {
    isLocal: (id) => CATALOG.get(id) === true,
    includedCost: (id) => (id.startsWith('vscode:') ? 'included in subscription' : undefined),
    known: (id) => CATALOG.has(id),
    ids: () => [...CATALOG.keys()],
  });
  return { r, lines };
}

const request: ChatRequest = validateChatRequest({ model: 'auto', messages: [{ role: 'user', content: 'a secret prompt' }] });
const decision = (over: Partial<Decision>): Decision => ({
  at: '',
  requested: 'auto',
  selected: 'ollama:llama3.2',
  reason: 'local-preferred',
  candidates: [],
  passedOver: [],
  attempts: [],
  notes: [],
  needs: readNeeds(request),
  prefer: 'balanced',
  ...over,
});

describe('usage recorder', () => {
  it('prices a local answer at 0 and saves what the first cloud candidate it knows would have cost', () => {
    const { r, lines } = recorder();
    const candidates = [
      { id: 'ollama:llama3.2', reason: 'local-preferred' as const },
      { id: 'gone:model', reason: 'tier-fallback' as const }, // no longer in the catalog: not a cloud model to compare with
      { id: 'openai:gpt-4o-mini', reason: 'tier-fallback' as const },
    ];
    r.chat(request, decision({ candidates }), Date.now(), 5, { tokensIn: 1000, tokensOut: 500, chars: 0, outcome: 'ok' });
    assert.equal(lines[0]!.costUSD, 0);
    assert.equal(lines[0]!.savedUSD, (1000 * 1 + 500 * 2) / 1e6);
    assert.equal(lines[0]!.estimated, false);
    assert.doesNotMatch(JSON.stringify(lines[0]), /secret prompt/);
  });

  it("estimates tokens the upstream did not count, and an editor model's answer has no price of ours but a note", () => {
    const { r, lines } = recorder();
    r.chat(request, decision({ selected: 'vscode:copilot/gpt-4.1', reason: 'no-small-model' }), Date.now(), 5, { tokensIn: null, tokensOut: null, chars: 40, outcome: 'ok' });
    assert.equal(lines[0]!.tokensOut, 10);
    assert.ok(lines[0]!.tokensIn > 0);
    assert.equal(lines[0]!.estimated, true);
    assert.equal(lines[0]!.costUSD, null);
    assert.equal(lines[0]!.costNote, 'included in subscription');
    assert.equal(lines[0]!.savedUSD, null);
  });

  it('records a refused request as nothing spent, with its error code as the reason', () => {
    const { r, lines } = recorder();
    r.chat(request, decision({ selected: null, reason: 'model_ambiguous' }), Date.now(), null, {
      tokensIn: null,
      tokensOut: 0,
      chars: 0,
      outcome: 'error',
      error: 'model_ambiguous',
    });
    assert.deepEqual([lines[0]!.model, lines[0]!.costUSD, lines[0]!.tokensIn, lines[0]!.reason, lines[0]!.error], [null, 0, 0, 'model_ambiguous', 'model_ambiguous']);
  });
});
