// `oblix serve` as a user mistypes it, through the real process: every wrong name or value is refused
// with exit 2 and a message that names it (and what was likely meant), never started on a guess.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { raw } from '../raw-http';
import { runToExit, startServe } from './serve-process';

function configFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'oblix-typo-')), 'oblix.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

/** Runs `oblix <args>` and expects a refusal: exit 2, and these lines on stderr. */
async function refused(args: string[], env: NodeJS.ProcessEnv, ...expected: (string | RegExp)[]): Promise<string> {
  const { code, stdout, stderr } = await runToExit(args, env);
  assert.equal(code, 2, `${args.join(' ')} should be refused; stdout: ${stdout} stderr: ${stderr}`);
  assert.doesNotMatch(stdout, /listening/);
  for (const line of expected) {
    if (typeof line === 'string') assert.ok(stderr.includes(line), `stderr names ${line}:\n${stderr}`);
    else assert.match(stderr, line);
  }
  return stderr;
}

describe('oblix serve: mistyped config, flags and environment', function () {
  this.timeout(60_000);
  const offline = { OLLAMA_HOST: 'http://127.0.0.1:9' };

  it('refuses a config file with a mistyped field, naming each one and the field it meant', async () => {
    const file = configFile({
      mdoe: 'local-only',
      fristTokenTimeoutMs: 5000,
      thresholds: { maxCpuLoad: 50 },
      providers: [{ id: 'lmstudio', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:1234/v1', locall: true, modles: ['qwen'] }],
      modelAliases: { 'gpt-5*': 'opnai:gpt-4o' },
    });
    await refused(
      ['serve', '--port', '0', '--config', file],
      { ...offline, OPENAI_API_KEY: 'sk-test' },
      `oblix: ${file}: "mdoe" is not a known field; did you mean "mode"?`,
      `oblix: ${file}: "fristTokenTimeoutMs" is not a known field; did you mean "firstTokenTimeoutMs"?`,
      `"thresholds.maxCpuLoad" is not a known field; did you mean "maxCpuLoadPct"?`,
      `"providers[0].locall" is not a known field; did you mean "local"?`,
      `"providers[0].modles" is not a known field; did you mean "models"?`,
      `has 'opnai:gpt-4o', which names the provider 'opnai', and that is not configured; did you mean 'openai'?`,
    );
  });

  it('refuses a key in the config file, pointing to OBLIX_API_KEY', async () => {
    await refused(['serve', '--port', '0', '--config', configFile({ apiKey: 'secret' })], offline, /"apiKey" cannot be set in a file: set OBLIX_API_KEY/);
  });

  it('names an OLLAMA_HOST that is not http(s) and an OLLAMA_CONTEXT_LENGTH that is no number', async () => {
    const stderr = await refused(
      ['serve', '--port', '0'],
      { OLLAMA_HOST: 'ftp://127.0.0.1:11434', OLLAMA_CONTEXT_LENGTH: 'abc' },
      'oblix: OLLAMA_HOST "ftp://127.0.0.1:11434" uses ftp://, but Ollama answers over http:// or https://',
      'oblix: OLLAMA_CONTEXT_LENGTH must be a whole number from 1 to 16777216, not "abc".',
    );
    assert.doesNotMatch(stderr, /http:\/\/ftp/, 'no garbled URL');
  });

  it('names a negative number as a wrong value of its flag, not as an ambiguous argument', async () => {
    for (const [flag, range] of [
      ['--port', '0 to 65535'],
      ['--first-token-timeout', '1 to 3600000'],
      ['--idle-timeout', '0 to 3600000'],
    ] as const) {
      const stderr = await refused(['serve', flag, '-1'], offline, `oblix: ${flag} must be a whole number from ${range}, not "-1".`);
      assert.doesNotMatch(stderr, /ambiguous/);
    }
  });

  it('says why it cannot listen on a --host that is not this machine', async () => {
    await refused(
      ['serve', '--port', '0', '--host', 'no-such-host.invalid'],
      offline,
      /^oblix: --host no-such-host\.invalid is not a name this machine can resolve \(ENOTFOUND\)\. Give an address of this machine/m,
    );
    await refused(['serve', '--port', '0', '--host', '192.0.2.1'], offline, /^oblix: --host 192\.0\.2\.1 is not an address of this machine \(EADDRNOTAVAIL\)/m);
  });

  it('suggests the flag or command a typo meant', async () => {
    await refused(['--verison'], {}, "oblix: Unknown option '--verison': did you mean --version?");
    await refused(['serv'], {}, "oblix: Unknown command 'serv': did you mean serve?");
    await refused(['serve', '--prot', '0'], offline, "oblix: Unknown option '--prot': did you mean --port? See oblix serve --help.");
  });

  it('warns that --host 0.0.0.0 still answers only loopback Host names, and what to do instead', async () => {
    const s = await startServe(['--port', '0', '--host', '0.0.0.0'], offline);
    try {
      assert.match(
        s.stderr(),
        /^oblix: --host 0\.0\.0\.0 listens on every interface, yet only requests whose Host is a loopback name .* are answered: a request from another machine to this machine's address is refused with 403 host_not_allowed/m,
      );
      // What the warning says is what happens: a loopback Host is served, another address refused.
      const base = `http://127.0.0.1:${new URL(s.url).port}`;
      assert.equal((await raw(base, { path: '/health' })).status, 200);
      const other = await raw(base, { path: '/health', headers: { host: '192.0.2.7' } });
      assert.equal(other.status, 403);
    } finally {
      await s.stop();
    }
  });

  it('gives no such warning on the default loopback host', async () => {
    const s = await startServe(['--port', '0'], offline);
    try {
      assert.doesNotMatch(s.stderr(), /every interface/);
    } finally {
      await s.stop();
    }
  });
});
