// docs/configuration.md has one table of every setting by all its names: the `oblix serve` flags,
// the config file's fields, the environment variables and the VS Code settings. Each column is
// compared with the code's own list, both ways, so a setting added, renamed or dropped in the code
// fails here until the table says so; and `oblix --help` names every flag and variable of the table.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SERVE_OPTIONS, SERVE_USAGE } from '../../src/cli/options';
import { ENVIRONMENT_VARIABLES } from '../../src/core/config/environment';
import { CONFIG_FIELDS, PRIVACY_FIELDS, PROVIDER_FIELDS, ROLE_FIELDS, THRESHOLD_FIELDS } from '../../src/core/config/fields';
import { ROOT, codeBlocks, codeSpans, tableRows } from './doc-files';

const PAGE = 'docs/configuration.md';
const rows = (): string[][] => tableRows(PAGE, 'settings-table');
/** The code spans of one column, every row. */
const column = (i: number): string[] => rows().flatMap((r) => codeSpans(r[i] ?? ''));
const sorted = (names: Iterable<string>): string[] => [...new Set(names)].sort();

/** Config fields by their documented names: nested objects' fields as `thresholds.x`, a provider's as `providers[].x`. */
function configFieldNames(): string[] {
  const nested: Record<string, readonly string[]> = { thresholds: THRESHOLD_FIELDS, roles: ROLE_FIELDS, privacy: PRIVACY_FIELDS };
  return CONFIG_FIELDS.flatMap((f) => (f === 'providers' ? [f, ...PROVIDER_FIELDS.map((p) => `providers[].${p}`)] : nested[f] ? nested[f].map((n) => `${f}.${n}`) : [f]));
}

function settingKeys(): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[] };
  };
  return [manifest.contributes.configuration].flat().flatMap((c) => Object.keys(c.properties));
}

/** Every `env.NAME` / `env['NAME']` the source reads directly (names built at run time, `<ID>_API_KEY`, are in the list by hand). */
function variablesReadBySource(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return variablesReadBySource(path);
    if (!path.endsWith('.ts')) return [];
    const text = readFileSync(path, 'utf8');
    return [...text.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]+)|\[['"]([A-Z][A-Z0-9_]+)['"]\])/g)].map((m) => m[1] ?? m[2]!);
  });
}

describe('docs: the configuration table', () => {
  it('has the columns it is read by', () => {
    const header = /<!-- settings-table -->\n(.*)\n/.exec(readFileSync(join(ROOT, PAGE), 'utf8'))?.[1];
    assert.equal(header, '| Flag | Config field | Environment | VS Code setting | Default | What it sets |');
    for (const r of rows()) assert.equal(r.length, 6, `a row of 6 cells: ${r.join(' | ')}`);
  });

  it('names every flag of oblix serve, and no other', () => {
    assert.deepEqual(sorted(column(0)), sorted(Object.keys(SERVE_OPTIONS).map((f) => `--${f}`)));
  });

  it('names every config field (nested ones by their path), and no other', () => {
    assert.deepEqual(sorted(column(1)), sorted(configFieldNames()));
  });

  it('names every environment variable Oblix reads, and no other', () => {
    assert.deepEqual(sorted(column(2)), sorted(ENVIRONMENT_VARIABLES.map((v) => v.name)));
    const listed = new Set(ENVIRONMENT_VARIABLES.map((v) => v.name));
    assert.deepEqual(sorted(variablesReadBySource().filter((v) => !listed.has(v))), [], 'a variable the source reads is missing from src/core/config/environment.ts');
  });

  it('names every VS Code setting of package.json, and no other', () => {
    assert.deepEqual(sorted(column(3)), sorted(settingKeys()));
  });

  it('shows the usage of oblix serve as oblix serve --help prints it', () => {
    const usage = codeBlocks(PAGE).find((b) => b.text.startsWith('Usage: oblix serve'));
    assert.ok(usage, `${PAGE} has the usage block`);
    assert.equal(usage.text.trim(), SERVE_USAGE.split('\n\n')[0]);
  });

  it('gives every row a default', () => {
    for (const r of rows()) assert.ok(r[4] && r[4] !== '', `no default: ${r.join(' | ')}`);
  });

  it('oblix --help and oblix serve --help name every flag and variable of the table', () => {
    const cli = (args: string[]): string => execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), ...args], { encoding: 'utf8' });
    for (const help of [cli(['--help']), cli(['serve', '--help'])]) {
      const missing = [...column(0), ...column(2)].filter((name) => !help.includes(name));
      assert.deepEqual(missing, []);
    }
  });
});
