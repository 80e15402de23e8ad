// The config file's providers find their key where the extension finds it: `apiKeyEnv`, else <ID>_API_KEY.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfigFile } from '../../src/cli/options';

function file(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'oblix-keys-')), 'oblix.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('config file: provider keys', () => {
  const vars = ['OBLIXTESTGROQ_API_KEY', 'OBLIX_TEST_NAMED_KEY'];
  afterEach(() => {
    for (const v of vars) delete process.env[v];
  });

  it('reads the variable apiKeyEnv names, else <ID>_API_KEY, else none', () => {
    process.env.OBLIXTESTGROQ_API_KEY = 'from-id';
    process.env.OBLIX_TEST_NAMED_KEY = 'from-named';
    const providers = [
      { id: 'oblixtestgroq', kind: 'openai-compatible', baseURL: 'https://api.example.com/v1' },
      { id: 'named', kind: 'openai-compatible', baseURL: 'https://api.example.com/v1', apiKeyEnv: 'OBLIX_TEST_NAMED_KEY' },
      { id: 'keyless', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:1234/v1' },
    ];
    const c = readConfigFile(file({ providers }));
    const key = (id: string): string | undefined => c.providers.find((p) => p.id === id)?.apiKey;
    assert.equal(key('oblixtestgroq'), 'from-id');
    assert.equal(key('named'), 'from-named');
    assert.equal(key('keyless'), undefined);
  });
});
