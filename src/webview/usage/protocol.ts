// What the extension posts to the usage view: the ledger summed three ways (core/ledger/summary.ts),
// restated here as the fields the view reads, since the webview imports nothing from core.

export interface UsageRowData {
  key: string;
  requests: number;
  tokensIn: number;
  tokensOut: number;
  localTokens: number;
  cloudTokens: number;
  costUSD: number;
  unpriced: number;
  savedUSD: number;
  errors: number;
}

export interface BudgetData {
  period: 'daily' | 'monthly';
  spentUSD: number;
  limitUSD: number;
  share: number;
  resetsAt: number;
}

export interface UsageSummaryData {
  from: string;
  to: string;
  days: number;
  totals: UsageRowData & { localShare: number };
  rows: UsageRowData[];
  budgets: BudgetData[];
  corrupt: number;
  recording: boolean;
}

export interface UsageMessage {
  type: 'usage';
  byDay: UsageSummaryData;
  byModel: UsageSummaryData;
  byClient: UsageSummaryData;
}
