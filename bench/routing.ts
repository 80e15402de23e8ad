// Measures (1) the median cost of one routing decision for `auto`, on signals already in memory,
// and (2) the CPU the background monitors use while idle, against a baseline of the same process
// without monitors, in the same run. Prints numbers; asserts nothing.
//   npm run bench:routing [-- --idle-seconds 60] [--json]
// bench/run.ts (npm run bench) runs this with --json in a process of its own for the same figures.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultConfig } from '../src/core/config/config';
import { Oblix } from '../src/core/oblix';
import { validateChatRequest } from '../src/core/dialects/openai-chat/parse';
import { FakeOllama } from '../test/fakes/fake-ollama';
import { FakeOpenAI } from '../test/fakes/fake-openai';

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
  const result = await measureRouting(idleSeconds);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result)); // for bench/run.ts, which runs this in a process of its own
    return;
  }
  const { decision, chosen, baselinePct, monitoredPct } = result;
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`);
  console.log('');
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| routing decision, median of ${decision.batches} batches × ${decision.perBatch} (features + policy + signal reads) | ${decision.medianUs.toFixed(2)} µs (p90 ${decision.p90Us.toFixed(2)} µs) |`);
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
