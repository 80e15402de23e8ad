// KeyStore through the three SecretStorage methods it uses.
import assert from 'node:assert/strict';
import { KeyStore } from '../../src/extension/secrets';

class MapSecrets {
  readonly map = new Map<string, string>();
  get(key: string): Thenable<string | undefined> {
    return Promise.resolve(this.map.get(key));
  }
  store(key: string, value: string): Thenable<void> {
    this.map.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Thenable<void> {
    this.map.delete(key);
    return Promise.resolve();
  }
}

describe('KeyStore', () => {
  it('prefers secret storage, falls back to the ecosystem variables', async () => {
    const secrets = new MapSecrets();
    const keys = new KeyStore(secrets, { OPENAI_API_KEY: 'sk-env', GROQ_API_KEY: 'gsk-env' });
    assert.equal(await keys.get('openai'), 'sk-env');
    assert.equal(await keys.get('groq'), 'gsk-env', 'a user-named provider reads <ID>_API_KEY');
    assert.equal(await keys.get('anthropic'), undefined);
    await keys.set('openai', '  sk-stored \n');
    assert.equal(await keys.get('openai'), 'sk-stored');
    assert.equal(await keys.has('openai'), true);
    await keys.remove('openai');
    assert.equal(await keys.get('openai'), 'sk-env');
  });

  it('refuses empty keys and keys with spaces inside', async () => {
    const keys = new KeyStore(new MapSecrets(), {});
    await assert.rejects(keys.set('openai', '   '), /empty/);
    await assert.rejects(keys.set('openai', 'sk-abc def'), /no spaces/);
  });

  it('makes the endpoint token once and keeps it', async () => {
    const secrets = new MapSecrets();
    const keys = new KeyStore(secrets, {});
    const t = await keys.serverToken();
    assert.match(t, /^oblix-[\w-]{32}$/);
    assert.equal(await new KeyStore(secrets, {}).serverToken(), t);
  });
});
