// API keys in VS Code's SecretStorage, with the ecosystem's environment variables as the fallback.
// A key never goes to settings files or the log.
import { randomBytes } from 'node:crypto';
import type { SecretStorage } from 'vscode';
import { apiKeyVariable } from '../core/config/rules';

const SERVER_TOKEN = 'oblix.server.token';

export class KeyStore {
  constructor(
    private readonly secrets: Pick<SecretStorage, 'get' | 'store' | 'delete'>,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async get(providerId: string): Promise<string | undefined> {
    const stored = await this.secrets.get(keyName(providerId));
    if (stored) return stored;
    return this.env[apiKeyVariable(providerId)] || undefined;
  }

  async has(providerId: string): Promise<boolean> {
    return Boolean(await this.secrets.get(keyName(providerId)));
  }

  async set(providerId: string, key: string): Promise<void> {
    const k = key.trim();
    if (!k) throw new Error('An API key cannot be empty.');
    if (/\s/.test(k)) throw new Error('An API key has no spaces in it: check what was pasted.');
    await this.secrets.store(keyName(providerId), k);
  }

  async remove(providerId: string): Promise<void> {
    await this.secrets.delete(keyName(providerId));
  }

  /** The bearer token clients must send when `oblix.server.requireApiKey` is on; made once. */
  async serverToken(): Promise<string> {
    const existing = await this.secrets.get(SERVER_TOKEN);
    if (existing) return existing;
    const token = `oblix-${randomBytes(24).toString('base64url')}`;
    await this.secrets.store(SERVER_TOKEN, token);
    return token;
  }
}

const keyName = (providerId: string): string => `oblix.apiKey.${providerId}`;
