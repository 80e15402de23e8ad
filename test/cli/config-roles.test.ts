// The config file's model roles and completion timeout: read when right, refused with a readable message when wrong.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfigFile, UsageError } from '../../src/cli/options';

function file(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'oblix-roles-')), 'oblix.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('config file: roles', () => {
  it('reads roles and completionFirstTokenTimeoutMs', () => {
    const roles = {
      completion: ['ollama:qwen2.5-coder:1.5b'],
      embedding: ['ollama:nomic-embed-text'],
      embeddingFailover: { 'ollama:nomic-embed-text': 'lmstudio:nomic-embed-text' },
    };
    const c = readConfigFile(file({ roles, completionFirstTokenTimeoutMs: 3000 }));
    assert.deepEqual(c.roles, roles);
    assert.equal(c.completionFirstTokenTimeoutMs, 3000);
  });

  it('refuses roles that are not model ids, and unknown role names', () => {
    assert.throws(
      () => readConfigFile(file({ roles: { completion: ['qwen'] } })),
      (e) => e instanceof UsageError && /not a model id/.test(e.message),
    );
    assert.throws(
      () => readConfigFile(file({ roles: { autocomplete: [] } })),
      (e) => e instanceof UsageError && /"roles\.autocomplete" is not a known field/.test(e.message),
    );
    assert.throws(() => readConfigFile(file({ roles: [] })), UsageError);
  });
});
