// The credential rules the secret scan runs. Secretlint's recommended preset, its own rule code run
// directly (its engine is async and costs milliseconds per prompt), each behind its triggers:
// literals every match of that rule contains, so one pass over the prompt for all the literals
// says which rules can match at all, and the others never run. Three of gitleaks' patterns fill what the preset
// leaves out (JWTs, GCP API keys, `.env` secret lines).
import { rules as preset } from '@secretlint/secretlint-rule-preset-recommend';

/** What a secretlint scanner rule is to us: its id, and a `file` handler that reports matches. */
interface ScannerRule {
  readonly meta: { readonly id: string; readonly type: string };
  create(context: RuleContext, options: Record<string, unknown>): { file?(source: RuleSource): unknown };
}

interface RuleContext {
  createTranslator(): (messageId: string) => string;
  report(descriptor: { message: string }): void;
  ignore(): void;
}

interface RuleSource {
  content: string;
  ext: string;
  contentType: 'text';
}

/** A literal every credential of a rule contains, and what must follow it (a sticky regex) when the literal alone is common. */
export interface Trigger {
  readonly literal: string;
  readonly then?: RegExp;
}

/** A rule that can say whether a text carries its kind of credential. */
export interface SecretRule {
  /** The rule's short name (`github`, `privatekey`, `jwt`): what a decision names, never the secret. */
  readonly name: string;
  readonly triggers: readonly Trigger[];
  /** Whether the text carries a credential, by the rule's own code. */
  matches(text: string): boolean;
  /**
   * For a rule whose credential stands on one line: whether the line holding a trigger at `at` carries
   * one. The scan asks this at each trigger instead of reading the whole text with `matches`.
   */
  matchesLineAt?(text: string, at: number): boolean;
}

const lits = (...literals: string[]): Trigger[] => literals.map((literal) => ({ literal }));
/** One literal and what must follow it (a sticky regex): for a prefix whose continuations are too many to list as literals. */
const after = (literal: string, then: RegExp): Trigger => ({ literal, then });
/** `user:password@` after a scheme's `://`, as the basic-auth rule and the connection-string rule read it. */
const URL_USERINFO = /[-a-zA-Z0-9_]{1,256}:[-a-zA-Z0-9_]{1,256}@/y;
const DB_USERINFO = /[^:/\s]{1,100}:[^@/\s]{1,200}@/y;

/**
 * Each preset rule's triggers, by its short name (from `@secretlint/secretlint-rule-<name>`): a
 * literal from the rule's own patterns (read from the preset's source) and what must follow it.
 * Literals are ASCII of three characters or more (literal-prefilter.ts finds them two bytes at a
 * time); the pass costs the same for more of them, but a literal whose first three characters are
 * common in code or prose (`sk-`, `://`, `ecret`) is checked wherever they stand.
 * test/core/routing/secret-scan.test.ts fails when an upgrade brings a rule that has none, so no rule is
 * silently left out.
 */
export const PRESET_TRIGGERS: Readonly<Record<string, readonly Trigger[]>> = {
  // Access key ids, and `aws_secret_access_key = ...` / `aws_account_id: ...` in any of the rule's spellings.
  aws: [
    ...lits('A3T', 'AKIA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'ASIA'),
    // `ecret` and `_?(?:ACCESS|[Aa]ccess)` after it, spelt out: `ec` alone is too common a pair for the prefilter.
    ...lits(...['ecret', 'ECRET'].flatMap((s) => ['', '_'].flatMap((u) => ['ACCESS', 'Access', 'access'].map((a) => s + u + a)))),
    after('ccount', /_?(?:ID|[Ii]d)?["']?\s*(?::|=>|=)/y),
    after('CCOUNT', /_?(?:ID|[Ii]d)?["']?\s*(?::|=>|=)/y),
  ],
  gcp: lits('"private_key_id"'),
  privatekey: lits('-----BEGIN'),
  npm: [...lits('npm_', 'x-oauth-basic@'), after('_authToken', /=/y)],
  basicauth: [after('://', URL_USERINFO)],
  slack: [after('xox', /[bpaor]-/y), ...lits('xapp-', 'hooks.slack.com', 'HOOKS.SLACK.COM')],
  sendgrid: lits('SG.'),
  shopify: [after('shp', /(?:pa|ca|at|ss)_/y)],
  stripe: lits('k_live_', 'k_test_'),
  github: lits('ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'),
  gitlab: lits('glpat-'),
  grafana: lits('glc_', 'glsa_'),
  // Both of the rule's patterns carry `T3BlbkFJ`; `sk-` alone stands in ordinary text (`task-list`).
  openai: lits('T3BlbkFJ'),
  anthropic: lits('sk-ant-api0'),
  groq: lits('gsk_'),
  huggingface: lits('hf_'),
  linear: lits('lin_api_'),
  notion: lits('ntn_'),
  '1password': lits('ops_ey'),
  // mongodb, mysql, postgres (the rule reads them case-insensitively): a user and password before the host.
  'database-connection-string': [after('://', DB_USERINFO)],
  'hashicorp-vault': lits('hvs.', 'hvb.', 'hvr.'),
  vercel: lits('vcp_', 'vci_', 'vcc_', 'vcr_', 'vck_'),
  databricks: [after('dapi', /[A-Fa-f0-9]{32}/y)],
  docker: lits('dckr_pat_'),
  figma: lits('figd_'),
  cloudflare: lits('cfk_', 'cfut_', 'cfat_'),
  tailscale: lits('tskey-'),
};

/** Rules that only filter what others found (secretlint-disable comments): a prompt must not switch the scan off. */
const FILTERS = new Set(['filter-comments']);

/**
 * gitleaks' patterns (config/gitleaks.toml) for what the preset has no rule for, as the trigger
 * and the pattern: JWTs (rule `jwt`), GCP API keys (`gcp-api-key`); and `.env` lines that set a
 * `*_SECRET`/`*_KEY`/`*_TOKEN`/`*_PASSWORD` to a value that is not a placeholder or a reference.
 */
const EXTRA: readonly { name: string; triggers: readonly Trigger[]; pattern: RegExp; oneLine?: true }[] = [
  // A JWT's header is base64 JSON: `{"` or `{ "` encode as eyJ / eyA.
  { name: 'jwt', triggers: lits('eyJ', 'eyA'), pattern: /\b(ey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9/\\_-]{17,}\.(?:[a-zA-Z0-9/\\_-]{10,}={0,2})?)(?:['|"\n\r\s`;]|$)/ },
  { name: 'gcp-api-key', triggers: lits('AIza'), pattern: /\b(AIza[\w-]{35})(?:[`'"\s;]|\\[nr]|$)/ },
  {
    name: 'dotenv-secret',
    triggers: ['_SECRET', '_KEY', '_TOKEN', '_PASSWORD'].map((literal) => ({ literal, then: /[ \t]*=/y })),
    // A value of 8+ characters that is not `$VAR`, `${...}`, `<placeholder>`, `your-...`, `xxx` or `...`.
    pattern: /^[ \t]*(?:export[ \t]+)?[A-Z][A-Z0-9_]*_(?:SECRET|KEY|TOKEN|PASSWORD)[ \t]*=[ \t]*['"]?(?![$<{%]|your|YOUR|xxx|XXX|changeme)(?![^\s'"#]*\.\.\.)[^\s'"#]{8,}/m,
    // No part of it crosses a line end (\s takes in \r and \u2028 too), and the whole-text /m scan costs ~1 ns a character.
    oneLine: true,
  },
];

/** Secretlint's message ids and their data carry the secret: the translator hands back the id alone. */
const ID_ONLY = (): ((messageId: string) => string) => (messageId) => messageId;

class Found extends Error {}

function presetRule(rule: ScannerRule): SecretRule | null {
  const name = rule.meta.id.replace(/^@secretlint\/secretlint-rule-/, '');
  if (rule.meta.type !== 'scanner' || FILTERS.has(name)) return null;
  const triggers = PRESET_TRIGGERS[name];
  if (triggers === undefined) throw new Error(`secret scan: secretlint rule ${rule.meta.id} has no trigger in PRESET_TRIGGERS`);
  let hit = false;
  const context: RuleContext = {
    createTranslator: ID_ONLY,
    // The first report is enough: the throw stops the rule there (a rule that catches it has set `hit`).
    report: () => {
      hit = true;
      throw new Found();
    },
    ignore: () => undefined,
  };
  // enableIDScanRule: an AWS access key id in a prompt counts (secretlint's CLI leaves it off for repositories full of examples).
  const handler = rule.create(context, { enableIDScanRule: true });
  // The GCP rule reads service-account JSON only in a `.json` file: a prompt part is offered as one.
  const ext = name === 'gcp' ? '.json' : '';
  return {
    name,
    triggers,
    matches(text) {
      hit = false;
      try {
        // A rule's async branches (.p12 files) need a file path; a prompt part has none, so they return at once.
        void handler.file?.({ content: text, ext, contentType: 'text' });
      } catch (err) {
        if (!(err instanceof Found)) throw err;
      }
      return hit;
    },
  };
}

/** Every rule the scan runs: the preset's scanners, then gitleaks' extras. */
export const SECRET_RULES: readonly SecretRule[] = [
  ...(preset as unknown as readonly ScannerRule[]).flatMap((r) => presetRule(r) ?? []),
  ...EXTRA.map(({ name, triggers, pattern, oneLine }): SecretRule => ({
    name,
    triggers,
    matches: (text) => pattern.test(text),
    ...(oneLine && { matchesLineAt: (text: string, at: number) => pattern.test(lineAt(text, at)) }),
  })),
];

/** The line (between `\n`s) that holds position `at`. */
function lineAt(text: string, at: number): string {
  const end = text.indexOf('\n', at);
  return text.slice(text.lastIndexOf('\n', at - 1) + 1, end < 0 ? text.length : end);
}
