// The usage ledger through the real `oblix serve` and the real SDKs: what a record holds (never the
// text), that a kill -9 under load loses at most the records in flight, and budgets that hold
// across a restart, warn at 80 % and stop the cloud at 100 %.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { readLedger } from '../../src/core/ledger/reader';
import type { UsageRecord } from '../../src/core/ledger/record';
import { FakeOllama } from '../fakes/fake-ollama';
import { FakeOpenAI } from '../fakes/fake-openai';
import { quietMachineConfig, runToExit, startServe, type Running } from './serve-process';

const EASY = [{ role: 'user' as const, content: 'What is the capital of France? zebra-marker-1' }];
const HARD = [{ role: 'user' as const, content: 'Design a lock-free queue in src/queue.ts and prove its invariant; explain the trade-offs.' }];

describe('oblix serve: the usage ledger', function () {
  this.timeout(60_000);
  const ollama = new FakeOllama();
  const cloud = new FakeOpenAI();
  let s: Running | undefined;
  before(() => Promise.all([ollama.start(), cloud.start()]));
  const made: string[] = [];
  after(async () => {
    await Promise.all([ollama.stop(), cloud.stop()]);
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => s?.stop());

  const env = (dataDir: string): NodeJS.ProcessEnv => ({ OLLAMA_HOST: ollama.url, OPENAI_BASE_URL: `${cloud.url}/v1`, OPENAI_API_KEY: 'sk-test', OBLIX_DATA_DIR: dataDir });
  const serve = async (dataDir: string, extra: Record<string, unknown> = {}): Promise<Running> =>
    (s = await startServe(['--port', '0', '--config', quietMachineConfig(extra), '--local-model', 'llama3.2:latest', '--cloud-model', 'openai:gpt-4o-mini'], env(dataDir)));
  const tmp = (): string => made[made.push(fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-data-'))) - 1]!;
  const ledgerOf = (dataDir: string) => readLedger(path.join(dataDir, 'usage'));
  /** The writer flushes on the server's next event-loop turn: wait until `n` records are on disk. */
  const records = async (dataDir: string, n: number): Promise<UsageRecord[]> => {
    for (let i = 0; i < 200; i++) {
      const r = ledgerOf(dataDir).records;
      if (r.length >= n) return r;
      await new Promise((res) => setTimeout(res, 25));
    }
    return ledgerOf(dataDir).records;
  };

  it('records each answer from each dialect with client, model, kind, tokens, timings, cost and saved; never the text', async () => {
    const dataDir = tmp();
    const srv = await serve(dataDir);
    const openai = new OpenAI({ baseURL: srv.url, apiKey: 'x', maxRetries: 0 });
    await openai.chat.completions.create({ model: 'auto', messages: EASY });
    const stream = await openai.chat.completions.create({ model: 'openai:gpt-4o-mini', messages: HARD, stream: true });
    for await (const _ of stream);
    const anthropic = new Anthropic({ baseURL: srv.base, apiKey: 'x', maxRetries: 0 });
    await anthropic.messages.create({ model: 'claude-sonnet-5', max_tokens: 100, messages: EASY });
    await openai.embeddings.create({ model: 'openai:text-embedding-3-small', input: 'zebra-marker-2' });
    const [local, explicit, messages, embedding] = await records(dataDir, 4);
    assert.equal(embedding!.kind, 'embedding');
    assert.equal(embedding!.dialect, 'embeddings');
    assert.equal(embedding!.model, 'openai:text-embedding-3-small');
    assert.ok(embedding!.tokensIn > 0 && embedding!.tokensOut === 0);
    assert.equal(local!.dialect, 'openai-chat');
    assert.equal(local!.client, 'openai-node');
    assert.equal(local!.model, 'ollama:llama3.2:latest');
    assert.equal(local!.local, true);
    assert.equal(local!.kind, 'chat');
    assert.equal(local!.reason, 'chat-easy-small');
    assert.equal(local!.outcome, 'ok');
    assert.equal(local!.estimated, false, 'Ollama gave its counts');
    assert.ok(local!.tokensIn > 0 && local!.tokensOut > 0);
    assert.equal(local!.costUSD, 0);
    assert.ok(local!.savedUSD! > 0, 'a local answer saves what gpt-4o-mini would have cost');
    assert.ok(typeof local!.ttftMs === 'number' && local!.durationMs >= local!.ttftMs);
    assert.equal(explicit!.model, 'openai:gpt-4o-mini');
    assert.equal(explicit!.local, false);
    assert.equal(explicit!.reason, 'explicit');
    assert.ok(explicit!.costUSD! > 0);
    assert.equal(explicit!.savedUSD, null);
    assert.equal(messages!.dialect, 'anthropic-messages');
    assert.equal(messages!.client, 'anthropic-node');
    const text = fs.readFileSync(path.join(dataDir, 'usage', fs.readdirSync(path.join(dataDir, 'usage'))[0]!), 'utf8');
    assert.ok(!text.includes('zebra-marker') && !text.includes('lock-free'), 'no prompt text in the ledger');
    const answer = (await openai.chat.completions.create({ model: 'auto', messages: EASY })).choices[0]!.message.content!;
    await records(dataDir, 5);
    assert.ok(!fs.readFileSync(path.join(dataDir, 'usage', fs.readdirSync(path.join(dataDir, 'usage'))[0]!), 'utf8').includes(answer.slice(0, 12)), 'no answer text in the ledger');
  });

  it('a kill -9 under load loses at most the record in flight, and leaves no broken line', async () => {
    const dataDir = tmp();
    const srv = await serve(dataDir);
    const openai = new OpenAI({ baseURL: srv.url, apiKey: 'x', maxRetries: 0 });
    let started = 0;
    let completed = 0;
    let killed = false;
    const worker = async (): Promise<void> => {
      while (!killed) {
        started++;
        try {
          const stream = await openai.chat.completions.create({ model: 'auto', messages: EASY, stream: true });
          for await (const _ of stream);
          if (!killed) completed++;
        } catch {
          return; // the server is gone
        }
        if (completed >= 60 && !killed) {
          killed = true;
          srv.proc.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await srv.exited;
    const read = ledgerOf(dataDir);
    assert.equal(read.corrupt, 0, 'no broken line');
    assert.ok(read.records.length >= completed - 1, `${read.records.length} records for ${completed} answers completed before the kill`);
    assert.ok(read.records.length <= started, `${read.records.length} records, ${started} requests`);
  });

  it('budgets: held across a restart, a warning and x-oblix-budget at 80 %, then budget-spent for auto and 402 budget_exceeded for a cloud id', async () => {
    const dataDir = tmp();
    // $1 per output token makes the cost of one answer a whole number of dollars.
    const prices = { 'openai:gpt-4o-mini': { input: 0, output: 1_000_000 } };
    let srv = await serve(dataDir, { prices });
    let openai = new OpenAI({ baseURL: srv.url, apiKey: 'x', maxRetries: 0 });
    await openai.chat.completions.create({ model: 'openai:gpt-4o-mini', messages: EASY });
    const cost = (await records(dataDir, 1))[0]!.costUSD!;
    assert.ok(cost > 0);
    await srv.stop(); // kill -9: what was spent is on disk

    srv = await serve(dataDir, { prices, budget: { dailyUSD: cost * 2.2 } }); // restarted at 45 %
    openai = new OpenAI({ baseURL: srv.url, apiKey: 'x' }); // the SDK's own retries, to show it does not retry a 402
    const first = await openai.chat.completions.create({ model: 'openai:gpt-4o-mini', messages: EASY }).withResponse();
    assert.equal(first.response.headers.get('x-oblix-budget'), null, 'under 80 % at the start: no header');
    await records(dataDir, 2);
    const local = await openai.chat.completions.create({ model: 'auto', messages: EASY }).withResponse();
    assert.match(local.response.headers.get('x-oblix-budget') ?? '', /^daily 91% of \$\d+\.\d\d$/);
    assert.match(srv.stderr(), /cloud budget daily 91% of \$[\d.]+ spent/);
    await openai.chat.completions.create({ model: 'openai:gpt-4o-mini', messages: EASY }); // 91 % < 100 %: still answers
    await records(dataDir, 4);
    const cloudCalls = cloud.requests.length;
    const refused = await openai.chat.completions.create({ model: 'openai:gpt-4o-mini', messages: EASY }).then(
      () => null,
      (err: unknown) => err,
    );
    assert.ok(refused instanceof OpenAI.APIError);
    assert.equal(refused.status, 402);
    assert.equal(refused.code, 'budget_exceeded');
    assert.match(refused.message, /daily cloud budget is spent .* resets at \d{4}-.*raise budget\.dailyUSD \(oblix\.budget\.dailyUSD in VS Code\)/);
    assert.equal(cloud.requests.length, cloudCalls, 'nothing went to the cloud');
    const hard = await openai.chat.completions.create({ model: 'auto', messages: HARD }).withResponse();
    assert.equal(hard.response.headers.get('x-oblix-model'), 'ollama:llama3.2:latest');
    assert.equal(hard.response.headers.get('x-oblix-route'), 'budget-spent');
    const all = await records(dataDir, 6);
    assert.equal(all.filter((r) => r.error === 'budget_exceeded').length, 1, 'the SDK did not retry the 402');
  });

  it('GET /v1/usage and `oblix usage` sum the ledger by day, model, client and kind; a wrong query is a 400 naming the parameter', async () => {
    const dataDir = tmp();
    const srv = await serve(dataDir);
    const openai = new OpenAI({ baseURL: srv.url, apiKey: 'x', maxRetries: 0 });
    await openai.chat.completions.create({ model: 'auto', messages: EASY });
    await openai.chat.completions.create({ model: 'openai:gpt-4o-mini', messages: EASY });
    await records(dataDir, 2);
    const byModel = (await (await fetch(`${srv.url}/usage?days=7&by=model`)).json()) as {
      rows: { key: string; requests: number }[];
      totals: { requests: number; localShare: number; costUSD: number; savedUSD: number };
    };
    assert.deepEqual(byModel.rows.map((r) => r.key).sort(), ['ollama:llama3.2:latest', 'openai:gpt-4o-mini']);
    assert.equal(byModel.totals.requests, 2);
    assert.ok(byModel.totals.localShare > 0 && byModel.totals.localShare < 1);
    const byDay = (await (await fetch(`${srv.url}/usage`)).json()) as { days: number; rows: unknown[] };
    assert.equal(byDay.days, 30);
    assert.equal(byDay.rows.length, 30, 'one row per day, empty days included, for the charts');
    const bad = await fetch(`${srv.url}/usage?by=colour`);
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { param: string } }).error.param, 'by');
    const table = await runToExit(['usage', '--by', 'client', '--days', '7'], { OBLIX_DATA_DIR: dataDir });
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^openai-node\s+2\s/m);
    assert.match(table.stdout, /Served locally: \d+% of tokens/);
    const json = await runToExit(['usage', '--json', '--by', 'model', '--days', '7', '--data-dir', dataDir]);
    assert.deepEqual(JSON.parse(json.stdout).totals, byModel.totals);
    const wrong = await runToExit(['usage', '--days', '0'], { OBLIX_DATA_DIR: dataDir });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--days must be a whole number from 1 to 400/);
  });
});
