// Every JSON, TOML and YAML snippet of the docs parses, and every config example (a JSON object whose
// keys are all config fields) passes the normaliser that `oblix serve --config` uses, without a
// problem: an example users copy never fails to start.
import assert from 'node:assert/strict';
import { parse as parseToml } from 'smol-toml';
import { parseDocument } from 'yaml';
import { CLI_RULES } from '../../src/cli/options';
import { CONFIG_FIELDS } from '../../src/core/config/fields';
import { normaliseConfig, type RawConfig } from '../../src/core/config/normalise';
import { codeBlocks, docFiles, read } from './doc-files';

/** What the README's quick start exports before `npm start`. */
const QUICK_START_ENV = { OPENAI_API_KEY: 'sk-placeholder', ANTHROPIC_API_KEY: 'sk-ant-placeholder' };

const blocks = docFiles().flatMap(codeBlocks);
/** Other agents' config files whose fields share names with Oblix's (`privacy`, `providers`). */
const OTHER_TOOLS_FILES = ['~/.qwen/settings.json', '~/.pi/agent/models.json'];
/** The prose just before a block, which says what file it is. */
const introduction = (b: { file: string; line: number }): string =>
  read(b.file)
    .split('\n')
    .slice(Math.max(0, b.line - 4), b.line - 1)
    .join('\n');
/** A snippet the prose introduces as another agent's file: not an Oblix config, whatever its keys. */
const othersFile = (b: { file: string; line: number }): boolean => OTHER_TOOLS_FILES.some((f) => introduction(b).includes(`\`${f}\``));
const where = (b: { file: string; line: number }): string => `${b.file}:${b.line}`;
const isConfig = (v: unknown): v is RawConfig =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => (CONFIG_FIELDS as readonly string[]).includes(k));

describe('docs: snippets', () => {
  const json = blocks.filter((b) => b.lang === 'json');
  const toml = blocks.filter((b) => b.lang === 'toml');

  it('finds the snippets', () => {
    assert.ok(json.length >= 4, `${json.length} JSON snippets`);
    assert.ok(toml.length >= 1, `${toml.length} TOML snippets`);
  });

  for (const b of json) {
    const config = !othersFile(b) && isConfig(JSON.parse(b.text));
    it(`${where(b)}: JSON parses${config ? ', and the config passes the normaliser' : ` (${othersFile(b) ? "another agent's file" : 'not a config'})`}`, () => {
      const value: unknown = JSON.parse(b.text);
      if (!config || !isConfig(value)) return;
      // With the keys the quick start exports: an example may name openai: or anthropic: models.
      const { problems } = normaliseConfig({ raw: value, env: QUICK_START_ENV, rules: CLI_RULES });
      assert.deepEqual(problems, []);
    });
  }

  for (const b of blocks.filter((x) => x.lang === 'yaml')) {
    it(`${where(b)}: YAML parses`, () => {
      assert.deepEqual(
        parseDocument(b.text).errors.map((e) => e.message),
        [],
      );
    });
  }

  for (const b of toml) {
    it(`${where(b)}: TOML parses`, () => {
      assert.doesNotThrow(() => parseToml(b.text));
    });
  }

  it("a JSON snippet with a config field and a field Oblix does not know is a mistake, not another tool's file", () => {
    const mixed = json.filter((b) => {
      if (othersFile(b)) return false;
      const v: unknown = JSON.parse(b.text);
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
      const keys = Object.keys(v);
      const known = keys.filter((k) => (CONFIG_FIELDS as readonly string[]).includes(k));
      return known.length > 0 && known.length < keys.length;
    });
    assert.deepEqual(mixed.map(where), []);
  });

  it('the normaliser would notice a bad example', () => {
    const { problems } = normaliseConfig({ raw: { mdoe: 'auto' } as RawConfig, env: {}, rules: CLI_RULES });
    assert.ok(problems.length > 0);
  });
});
