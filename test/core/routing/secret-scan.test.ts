// The secret scan: every kind of credential the issue names is found, by a named rule; placeholders
// and ordinary code are not; every part of a prompt is read; no preset rule is left without a trigger.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { rules as preset } from '@secretlint/secretlint-rule-preset-recommend';
import type { ChatRequest } from '../../../src/core/request';
import { validateChatRequest } from '../../../src/core/dialects/openai-chat/parse';
import { PRESET_TRIGGERS } from '../../../src/core/routing/secret-rules';
import { secretIn, secretInPrompt } from '../../../src/core/routing/secret-scan';

// Built from pieces so that this file itself does not look like it leaks keys.
const rep = (s: string, n: number): string => s.repeat(n);
const PEM = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const SA_JSON = JSON.stringify({ type: 'service_account', project_id: 'p', private_key_id: 'a1b2c3d4e5f6', private_key: PEM, client_email: 'x@p.iam.gserviceaccount.com' });

/** [what, text, the rule that must name it] */
export const CREDENTIALS: readonly [string, string, string][] = [
  ['private key block', PEM, 'privatekey'],
  ['AWS access key id', 'key id ' + 'AKIA' + 'Q3XZ7WPLM2N4B5C6', 'aws'],
  ['AWS secret access key', 'aws_secret_access_key = ' + rep('wJalrXUtnF', 4), 'aws'],
  // In prose the JSON does not parse, and its key alone is enough for the private-key rule.
  ['GCP service account JSON', SA_JSON, 'privatekey'],
  ['GCP service account JSON, as a file', SA_JSON, 'gcp'],
  ['GCP API key', 'key=' + 'AIza' + 'SyA' + rep('b1C2d3E4f5', 3) + 'ab ', 'gcp-api-key'],
  ['GitHub token', 'ghp_' + rep('aB3dE6', 6), 'github'],
  ['GitLab token', 'glpat-' + rep('x1Y2z3', 4), 'gitlab'],
  ['Slack token', 'xoxb-' + '123456789012-1234567890123-' + rep('AbCdEfGh', 3), 'slack'],
  ['Stripe key', 'sk_live_' + rep('a1B2c3D4', 3), 'stripe'],
  ['OpenAI key', 'sk-proj-' + rep('a1B2c3D4e5', 7) + 'a1B2' + 'T3BlbkFJ' + rep('a1B2c3D4e5', 7) + 'a1B2', 'openai'],
  ['Anthropic key', 'sk-ant-api03-' + rep('a1B2c3D4e5', 9) + 'abcdeAA', 'anthropic'],
  ['Hugging Face token', 'hf_' + 'aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH', 'huggingface'],
  ['npm token', 'npm_' + rep('a1B2c3D4e5', 3) + 'a1B2c3', 'npm'],
  [
    'JWT',
    'Authorization: Bearer ' +
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' +
      '.' +
      'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ' +
      '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'jwt',
  ],
  ['connection string with a password', 'DATABASE_URL is ' + 'postgres://admin:' + 'S3cr3tP4ss' + '@db.example.com:5432/app', 'database-connection-string'],
  ['URL with a password', 'curl https://bob:' + 'hunter2Zx9' + '@example.com/x', 'basicauth'],
  ['.env *_SECRET line', 'PORT=3000\n' + 'WEBHOOK_SECRET=' + 'whsec_9f8e7d6c5b4a3210', 'dotenv-secret'],
  ['.env *_KEY line', 'export MAPS_API_KEY="' + 'k8Jd92xLq0Zp' + '"', 'dotenv-secret'],
];

const chat = (body: Record<string, unknown>): ChatRequest => validateChatRequest({ model: 'auto', ...body });

describe('secret scan', () => {
  for (const [what, text, rule] of CREDENTIALS) {
    it(`finds a ${what}, by rule ${rule}`, () => {
      // A part that is the file itself (an attached JSON) is read by the GCP rule; prose around it by the others.
      assert.equal(secretIn(what.endsWith('as a file') ? text : `Here is my config, please fix it:\n${text}\nThanks`), rule);
    });
  }

  it('finds each credential as the whole text, at its very start or end, at odd and even positions, among characters above 0xff', () => {
    for (const [what, text, rule] of CREDENTIALS) {
      // Service-account JSON is named by the GCP rule when the text is the JSON alone, by the private-key rule inside prose.
      if (what.startsWith('GCP service account')) continue;
      // Line breaks around it (some rules want a word or a line to start there); the lengths move it to odd and even positions.
      for (const around of ['', '\n', ' \n', 'xy\n', '→\n', 'Ł\n']) {
        assert.equal(secretIn(around + text), rule, `${what} after ${JSON.stringify(around)}`);
        assert.equal(secretIn(text + [...around].reverse().join('')), rule, `${what} before ${JSON.stringify(around)}`);
      }
    }
  });

  it('finds credentials in either case where the rule reads them in either case', () => {
    const aws = rep('wJalrXUtnF', 4);
    for (const [text, rule] of [
      ['postgres://admin:' + 'S3cr3tP4ss' + '@db.example.com:5432/app', 'database-connection-string'],
      ['POSTGRES://admin:' + 'S3cr3tP4ss' + '@db.example.com:5432/app', 'database-connection-string'],
      ['https://hooks.slack.com/services/' + 'T00000000/B00000000/' + rep('X', 24), 'slack'],
      ['HTTPS://HOOKS.SLACK.COM/services/' + 'T00000000/B00000000/' + rep('X', 24), 'slack'],
      ['aws_secret_access_key = ' + aws, 'aws'],
      ['AWS_SECRET_ACCESS_KEY = ' + aws, 'aws'],
      ['awsSecretAccessKey: "' + aws + '"', 'aws'],
      ['aws_account_id: ' + '123456789012', 'aws'],
      ['AWS_ACCOUNT_ID=' + '123456789012', 'aws'],
    ])
      assert.equal(secretIn(text!), rule, text);
  });

  it('reads each line a .env trigger stands on, not only the first one', () => {
    assert.equal(secretIn('const CACHE_KEY = x;\n' + 'API_KEY=' + 'k8Jd92xLq0Zp'), 'dotenv-secret');
    assert.equal(secretIn('A=1\r\n' + 'API_KEY=' + 'k8Jd92xLq0Zp' + '\r\n'), 'dotenv-secret');
    assert.equal(secretIn('API_KEY=' + 'k8Jd92xLq0Zp'), 'dotenv-secret');
    assert.equal(secretIn('const CACHE_KEY = x;\nconst OTHER_KEY = y;'), null);
  });

  it('leaves placeholders, references and ordinary code alone', () => {
    for (const text of [
      'export OPENAI_API_KEY=sk-...          # adds openai:gpt-4o-mini',
      'ANTHROPIC_API_KEY=sk-ant-...',
      'OPENAI_API_KEY=$OPENAI_API_KEY',
      'API_KEY=<your key here>',
      'const apiKey = process.env.OPENAI_API_KEY; // from the environment',
      '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
      'see https://user@example.com/docs and postgres://localhost:5432/app',
      'const tokens = await task-runner.sk-list(); // success, accounts',
      'AKIAIOSFODNN7EXAMPLE is the example id in AWS docs',
    ])
      assert.equal(secretIn(text), null, text);
  });

  it('reads every part of a prompt: system, messages, tool calls, tool results, FIM prefix and suffix', () => {
    const key = 'ghp_' + rep('aB3dE6', 6);
    const user = { role: 'user', content: 'hi' };
    assert.equal(secretInPrompt(chat({ messages: [user] })), null);
    assert.equal(secretInPrompt(chat({ messages: [{ role: 'system', content: `token ${key}` }, user] })), 'github');
    assert.equal(
      secretInPrompt(
        chat({
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'look' },
                { type: 'text', text: key },
              ],
            },
          ],
        }),
      ),
      'github',
    );
    const call = { id: 'c1', type: 'function', function: { name: 'run', arguments: JSON.stringify({ cmd: `git push https://${key}@github.com` }) } };
    assert.equal(secretInPrompt(chat({ messages: [user, { role: 'assistant', content: null, tool_calls: [call] }] })), 'github');
    assert.equal(
      secretInPrompt(
        chat({
          messages: [
            user,
            { role: 'assistant', content: null, tool_calls: [{ ...call, function: { name: 'run', arguments: '{}' } }] },
            { role: 'tool', tool_call_id: 'c1', content: `pushed with ${key}` },
          ],
        }),
      ),
      'github',
    );
    const fim = (text: string, suffix: string | null): ChatRequest => ({ ...chat({ messages: [user] }), messages: [], prompt: { text, suffix, raw: false } });
    assert.equal(secretInPrompt(fim('def f():\n', null)), null);
    assert.equal(secretInPrompt(fim(`KEY = "${key}"\n`, null)), 'github');
    assert.equal(secretInPrompt(fim('def f():\n', `\nTOKEN = "${key}"`)), 'github');
  });

  it('finds a credential in a long part seen before, and again the next time (the memo of parts)', () => {
    const long = 'x = 1\n'.repeat(200) + 'npm_' + rep('a1B2c3D4e5', 3) + 'a1B2c3';
    const req = chat({ messages: [{ role: 'user', content: long }] });
    assert.equal(secretInPrompt(req), 'npm');
    assert.equal(secretInPrompt(chat({ messages: [{ role: 'user', content: long.slice(0) }] })), 'npm');
  });

  it("has a trigger for every scanner rule in secretlint's recommended preset", () => {
    const scanners = (preset as unknown as { meta: { id: string; type: string } }[])
      .filter((r) => r.meta.type === 'scanner')
      .map((r) => r.meta.id.replace('@secretlint/secretlint-rule-', ''));
    assert.ok(scanners.length >= 20);
    assert.deepEqual(
      scanners.filter((n) => n !== 'filter-comments' && !PRESET_TRIGGERS[n]),
      [],
    );
  });
});
