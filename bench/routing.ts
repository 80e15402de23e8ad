// Measures (1) how well `balanced` routes the labelled routing set (bench/routing-set/, LABELS.md):
// agreement per source and kind, confusion, share sent strong, cost at list prices, and the
// difficulty weights fitted on a training split; (2) kind + difficulty + secret scan on a 30 KB
// prompt; (3) the median cost of one routing decision for `auto`, on signals already in memory,
// and (4) the CPU the background monitors use while idle, against a baseline of the same process
// without monitors, in the same run. Prints numbers; asserts nothing.
//   npm run bench:routing [-- --idle-seconds 60] [--no-idle] [--json]
// `--json` prints (3) and (4) only, for bench/run.ts.
// bench/run.ts (npm run bench) runs this with --json in a process of its own for the same figures.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultConfig } from '../src/core/config/config';
import { Oblix } from '../src/core/oblix';
import { validateChatRequest } from '../src/core/dialects/openai-chat/parse';
import { FakeOllama } from '../test/fakes/fake-ollama';
import { FakeOpenAI } from '../test/fakes/fake-openai';
import { DIFFICULTY_WEIGHTS, HARD_AT } from '../src/core/routing/difficulty';
import { agreement, report, scoreAll } from './routing-agreement';
import { FIRST_GUESS, fit, split } from './routing-fit';
import { loadRoutingSet } from './routing-set';
import { measureNeedsCost, needsCostTable } from './needs-cost';

export interface RoutingResult {
  decision: { medianUs: number; p90Us: number; batches: number; perBatch: number };
  chosen: { id: string; reason: string } | undefined;
  /** Idle CPU of this process without Oblix (percent of one core), over idleSeconds / 2. */
  baselinePct: number;
  /** Idle CPU with the connectivity, resources and model-facts monitors running, over idleSeconds. */
  monitoredPct: number;
  idleSeconds: number;
}

export async function measureRouting(idleSeconds: number): Promise<RoutingResult> {
  const ollama = new FakeOllama();
  ollama.models = [
    { name: 'llama3.2:latest', contextLength: 131072, capabilities: ['completion', 'tools'], loaded: true },
    { name: 'qwen2.5-coder:7b', contextLength: 32768, capabilities: ['completion', 'tools'] },
    { name: 'llava:latest', contextLength: 4096, capabilities: ['completion', 'vision'] },
  ];
  const openai = new FakeOpenAI();
  await Promise.all([ollama.start(), openai.start()]);
  const config = {
    ...defaultConfig(),
    providers: [
      { id: 'ollama', kind: 'ollama' as const, baseURL: ollama.url },
      { id: 'openai', kind: 'openai' as const, baseURL: `${openai.url}/v1`, apiKey: 'x', local: false },
    ],
    cloudModels: ['openai:gpt-4o-mini', 'openai:gpt-4o'],
  };

  // Baseline: the same process, fakes listening, no Oblix monitors (after start-up settles).
  await sleep(3_000);
  const base = await cpuOver(idleSeconds / 2);

  const oblix = new Oblix(config);
  await oblix.start();
  const request = validateChatRequest({
    model: 'auto',
    messages: [
      { role: 'system', content: 'You are a careful coding assistant.' },
      { role: 'user', content: 'Explain this function.\n```ts\n' + 'const x = 1;\n'.repeat(80) + '```' },
      { role: 'assistant', content: 'It declares x eighty times.' },
      { role: 'user', content: 'Make it shorter.' },
    ],
    tools: [{ type: 'function', function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }],
  });
  const decision = decisionCost(oblix, request);
  const chosen = oblix.plan(request).candidates[0];

  const monitored = await cpuOver(idleSeconds);
  oblix.stop();
  await Promise.all([ollama.stop(), openai.stop()]);

  const pct = (r: { cpuMs: number; wallMs: number }): number => (100 * r.cpuMs) / r.wallMs;
  return { decision, chosen, baselinePct: pct(base), monitoredPct: pct(monitored), idleSeconds };
}

async function main(): Promise<void> {
  const idleSeconds = Number(process.argv[process.argv.indexOf('--idle-seconds') + 1]) || 60;
  const json = process.argv.includes('--json');
  if (!json) printRoutingSet();
  if (!json && process.argv.includes('--no-idle')) return;
  const result = await measureRouting(idleSeconds);
  if (json) {
    console.log(JSON.stringify(result)); // for bench/run.ts, which runs this in a process of its own
    return;
  }
  printIdle(result);
}

/** The labelled set under the current weights, the fit on its training split, and the 30 KB cost. */
function printRoutingSet(): void {
  const set = scoreAll(loadRoutingSet());
  console.log(`## Labelled set: ${set.length} requests, under \`balanced\` with the weights in difficulty.ts`);
  console.log('');
  console.log(report(set));
  const { train, heldOut } = split(set);
  const fitted = fit(train, { ...FIRST_GUESS.weights }, FIRST_GUESS.hardAt);
  const f = (x: number): string => `${(100 * x).toFixed(1)} %`;
  console.log('');
  console.log(`## Fit of the difficulty weights from the first guess (coordinate descent, ${fitted.rounds} rounds; train ${train.length}, held out ${heldOut.length})`);
  console.log('');
  console.log('| weights | train agreement | held-out agreement |');
  console.log('|---|---|---|');
  console.log(
    `| first guess (hard at ${FIRST_GUESS.hardAt}) | ${f(agreement(train, FIRST_GUESS.weights, FIRST_GUESS.hardAt))} | ${f(agreement(heldOut, FIRST_GUESS.weights, FIRST_GUESS.hardAt))} |`,
  );
  console.log(`| in difficulty.ts (hard at ${HARD_AT}) | ${f(agreement(train, DIFFICULTY_WEIGHTS, HARD_AT))} | ${f(agreement(heldOut, DIFFICULTY_WEIGHTS, HARD_AT))} |`);
  console.log(
    `| fitted on train (hard at ${fitted.hardAt.toFixed(3)}) | ${f(agreement(train, fitted.weights, fitted.hardAt))} | ${f(agreement(heldOut, fitted.weights, fitted.hardAt))} |`,
  );
  console.log('');
  console.log(
    `Fitted: ${Object.entries(fitted.weights)
      .map(([k, v]) => `${k} ${v.toFixed(3)}`)
      .join(', ')}; hard at ${fitted.hardAt.toFixed(3)}.`,
  );
  console.log('');
  console.log(needsCostTable(measureNeedsCost()));
  console.log('');
}

function printIdle(result: RoutingResult): void {
  const { decision, chosen, baselinePct, monitoredPct, idleSeconds } = result;
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`);
  console.log('');
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(
    `| routing decision, median of ${decision.batches} batches × ${decision.perBatch} (features + policy + signal reads) | ${decision.medianUs.toFixed(2)} µs (p90 ${decision.p90Us.toFixed(2)} µs) |`,
  );
  console.log(`| chosen for the sample request | ${chosen?.id} (${chosen?.reason}) |`);
  console.log(`| idle CPU, baseline without monitors (${idleSeconds / 2} s) | ${baselinePct.toFixed(3)} % of one core |`);
  console.log(`| idle CPU, with connectivity + resources + model-facts monitors (${idleSeconds} s) | ${monitoredPct.toFixed(3)} % of one core |`);
  console.log(`| monitors' own share (difference) | ${(monitoredPct - baselinePct).toFixed(3)} % of one core |`);
}

function decisionCost(oblix: Oblix, request: ReturnType<typeof validateChatRequest>): { medianUs: number; p90Us: number; batches: number; perBatch: number } {
  const perBatch = 2_000;
  const batches = 200;
  for (let i = 0; i < 20_000; i++) oblix.plan(request); // warm up the JIT
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) oblix.plan(request);
    samples.push(Number(process.hrtime.bigint() - t0) / 1_000 / perBatch);
  }
  samples.sort((a, b) => a - b);
  return { medianUs: samples[Math.floor(batches / 2)]!, p90Us: samples[Math.floor(batches * 0.9)]!, batches, perBatch };
}

async function cpuOver(seconds: number): Promise<{ cpuMs: number; wallMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000, wallMs: performance.now() - t0 };
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
