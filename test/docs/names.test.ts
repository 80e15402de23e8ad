// Every name the reference pages (README.md and docs/*.md) give in code — an `oblix` flag, an
// environment variable, a setting or command id (`oblix.…`) — exists in the code, so a rename fails
// here instead of leaving users a name that does nothing. Names that belong to other tools are
// listed below, each with whose it is. (That every name of the code is documented is checked by
// config-reference.test.ts, commands.test.ts, and the error-code and route-reason tests.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHAT_OPTIONS } from '../../src/cli/options';
import { ENVIRONMENT_VARIABLES } from '../../src/core/config/environment';
import { ERROR_CODES, errorCodeInfo, type ErrorCode } from '../../src/core/errors/error-codes';
import { ROUTE_CODES } from '../../src/core/routing/route-reason';
import { COMMAND_ALIASES } from '../../src/extension/ids';
import { RENAMED_SETTINGS } from '../../src/extension/settings-renamed';
import { ROOT, codeSpans, prose, referencePages } from './doc-files';

/** Other tools' variables the recipes set, and one example of a variable Oblix builds at run time. */
const OTHER_VARIABLES: Readonly<Record<string, string>> = {
  ANTHROPIC_AUTH_TOKEN: "Claude Code's",
  ANTHROPIC_MODEL: "Claude Code's",
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "Claude Code's",
  CLAUDE_CODE_MAX_CONTEXT_TOKENS: "Claude Code's",
  CLAUDE_CODE_MAX_OUTPUT_TOKENS: "Claude Code's",
  CODEX_OSS_BASE_URL: "Codex's",
  CODEX_OSS_PORT: "Codex's",
  HTTP_PROXY: 'the proxy convention, which qwen-code reads',
  HTTPS_PROXY: 'the proxy convention, which qwen-code reads',
  NO_PROXY: 'the proxy convention, which qwen-code ignores',
  OLLAMA_NUM_PARALLEL: "Ollama's",
  OPENCODE_DISABLE_AUTOUPDATE: "opencode's",
  OPENCODE_DISABLE_DEFAULT_PLUGINS: "opencode's",
  OPENCODE_DISABLE_MODELS_FETCH: "opencode's",
  PI_OFFLINE: "pi's",
};
/** `<ID>_API_KEY` stands for any provider's: `LMSTUDIO_API_KEY` is one. */
const isProviderKeyVariable = (name: string): boolean => /^[A-Z][A-Z0-9_]*_API_KEY$/.test(name) && ENVIRONMENT_VARIABLES.some((v) => v.name === '<ID>_API_KEY');

/** Flags named on purpose though they do not exist: the help's example of a typo. */
const EXAMPLE_TYPOS = new Set(['--verison']);

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[] };
};
const settings = [manifest.contributes.configuration].flat().flatMap((c) => Object.keys(c.properties));
const commands = manifest.contributes.commands.map((c) => c.command);
/** Files named `oblix.…` that are not ids. */
const FILE_NAMES = new Set(['oblix.json', 'oblix.vsix']);

function knownOblixName(name: string): boolean {
  if (settings.includes(name) || commands.includes(name) || FILE_NAMES.has(name)) return true;
  if (name in COMMAND_ALIASES) return true;
  if (name.startsWith('oblix.') && name.slice('oblix.'.length) in RENAMED_SETTINGS) return true;
  return settings.some((s) => s.startsWith(`${name}.`)); // a section: `oblix.routing.*`
}

/** Each page's code spans outside code blocks, with the page they are on. */
function spans(): { file: string; span: string }[] {
  return referencePages().flatMap((file) => codeSpans(prose(file)).map((span) => ({ file, span })));
}

describe('docs: every name the docs give exists in the code', () => {
  it('finds names to check on every page', () => {
    assert.ok(referencePages().length >= 8, referencePages().join(', '));
    assert.ok(spans().length > 500);
  });

  it('oblix flags: a code span that starts with a flag or with `oblix`', () => {
    const known = new Set([...Object.keys(CHAT_OPTIONS).map((f) => `--${f}`), '--help', '--version']); // chat's flags include serve's
    const unknown = spans().flatMap(({ file, span }) => {
      const flags = /^--[a-z]/.test(span) ? [span.split(/[\s=]/)[0]!] : span.startsWith('oblix ') ? (span.match(/--[a-z][a-z-]*/g) ?? []) : [];
      return flags.filter((f) => !known.has(f) && !EXAMPLE_TYPOS.has(f)).map((f) => `${file}: ${f}`);
    });
    assert.deepEqual(unknown, []);
  });

  it('environment variables', () => {
    const known = new Set(ENVIRONMENT_VARIABLES.map((v) => v.name));
    const unknown = spans().flatMap(({ file, span }) =>
      // (?<!\[) … (?!\]): not a model's special token, `[TOOL_CALLS]`.
      (span.match(/(?<!\[)\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b(?!\])/g) ?? [])
        .filter((v) => !known.has(v) && !(v in OTHER_VARIABLES) && !isProviderKeyVariable(v))
        .map((v) => `${file}: ${v}`),
    );
    assert.deepEqual(unknown, []);
  });

  it('settings and command ids (`oblix.…`)', () => {
    const unknown = spans().flatMap(({ file, span }) => (span.match(/\boblix\.[A-Za-z][A-Za-z.]*[A-Za-z]/g) ?? []).filter((n) => !knownOblixName(n)).map((n) => `${file}: ${n}`));
    assert.deepEqual(unknown, []);
  });

  it('route reasons (`x-oblix-route: …`) and error codes with their status (`503 no_model_available`)', () => {
    const text = referencePages()
      .map((f) => `${f}\n${prose(f)}`)
      .join('\n');
    const reasons = [...text.matchAll(/x-oblix-route: ([a-z][a-z-]*)/g)].map((m) => m[1]!);
    assert.ok(reasons.length > 0);
    assert.deepEqual(
      reasons.filter((r) => !(ROUTE_CODES as readonly string[]).includes(r)),
      [],
    );
    const withStatus = spans().flatMap(({ span }) => (/^(\d{3}) ([a-z]+(?:_[a-z]+)+)$/.exec(span) ?? []).slice(1));
    assert.ok(withStatus.length > 0);
    const wrong: string[] = [];
    for (let i = 0; i < withStatus.length; i += 2) {
      const [status, code] = [withStatus[i]!, withStatus[i + 1]!];
      if (!(ERROR_CODES as readonly string[]).includes(code) || String(errorCodeInfo(code as ErrorCode).status) !== status) wrong.push(`${status} ${code}`);
    }
    assert.deepEqual(wrong, []);
  });
});
