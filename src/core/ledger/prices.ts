// What a model costs, in USD per million input and output tokens: a built-in table for the models
// the `openai` and `anthropic` providers offer, which `prices` in the config (`oblix.prices` in VS
// Code) overrides or extends. A model with no price costs "unknown" (null), never 0: a made-up zero
// would hide spend from a budget. A local model costs 0.

export interface Price {
  /** USD per million input (prompt) tokens. */
  input: number;
  /** USD per million output (completion) tokens. */
  output: number;
}

/**
 * The date this table was written down, from the providers' published list prices (standard tier,
 * no batch or cache discounts). Prices change: `prices` in the config overrides any entry.
 */
export const PRICES_TAKEN = '2026-12-07';

/** By the model's name at its provider (the part after `openai:` / `anthropic:`). */
export const BUILT_IN_PRICES: Readonly<Record<string, Price>> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  o3: { input: 2, output: 8 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'claude-sonnet-5': { input: 3, output: 15 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-3-5-haiku-latest': { input: 0.8, output: 4 },
};

/** Only the providers whose model names the built-in table means. */
const BUILT_IN_PROVIDERS = new Set(['openai', 'anthropic']);

export class PriceTable {
  constructor(private readonly overrides: Readonly<Record<string, Price>> = {}) {}

  /** An override by full id, then by bare name; then the built-in table for `openai:` and `anthropic:` ids. */
  of(id: string): Price | null {
    const own = this.overrides[id];
    if (own) return own;
    const colon = id.indexOf(':');
    const name = colon < 0 ? id : id.slice(colon + 1);
    const bare = this.overrides[name];
    if (bare) return bare;
    if (colon >= 0 && !BUILT_IN_PROVIDERS.has(id.slice(0, colon))) return null;
    return BUILT_IN_PRICES[name] ?? BUILT_IN_PRICES[withoutDate(name)] ?? null;
  }

  /** USD for these tokens; 0 for a local model, null when the price is unknown. */
  cost(id: string, local: boolean, tokensIn: number, tokensOut: number): number | null {
    if (local) return 0;
    const p = this.of(id);
    return p ? (tokensIn * p.input + tokensOut * p.output) / 1e6 : null;
  }
}

/** `claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`, `gpt-4o-2024-08-06` → `gpt-4o`: a dated snapshot costs what its family does. */
function withoutDate(name: string): string {
  return name.replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, '');
}
