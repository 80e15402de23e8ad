// A ledger record for tests, with any field changed.
import type { UsageRecord } from '../../../src/core/ledger/record';

export function usageRecord(extra: Partial<UsageRecord> = {}): UsageRecord {
  return {
    v: 1,
    t: Date.now(),
    dialect: 'openai-chat',
    client: 'other',
    requested: 'auto',
    model: 'ollama:llama3.2',
    local: true,
    kind: 'chat',
    reason: 'local-preferred',
    tokensIn: 10,
    tokensOut: 5,
    estimated: false,
    ttftMs: 3,
    durationMs: 9,
    outcome: 'ok',
    costUSD: 0,
    savedUSD: null,
    ...extra,
  };
}
