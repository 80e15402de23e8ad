// `npm run bench:tool-repair`: how well tool calls written as text are repaired, and what holding
// text back costs. First the corpus (test/fixtures/tool-text-corpus.ts), streamed by words and by
// characters through the repair step: the repair rate (calls made into the right tool calls, and
// calls written wrong caught) and the false-positive rate (answers that are text turned into
// anything else). Then the time to the first token a client sees, through the real server and a
// fake Ollama that streams one word every few milliseconds, with and without tools declared,
// interleaved request by request. Prints medians; asserts nothing.
//   npm run bench:tool-repair [-- --rounds 60 --token-ms 10]
import { startHarness } from '../test/harness';
import { asExpected, runRepair } from '../test/fixtures/run-repair';
import { CORPUS, CORPUS_TOOLS } from '../test/fixtures/tool-text-corpus';
import { median, ms, percentile } from './stats';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function corpusRates(): Promise<string[]> {
  const lines = ['| streamed by | calls repaired | calls written wrong caught | text left as text (false positives) |', '| --- | --- | --- | --- |'];
  for (const how of ['whole', 'words', 'chars'] as const) {
    const count = { calls: [0, 0], invalid: [0, 0], text: [0, 0] };
    for (const e of CORPUS) {
      const kind = typeof e.expect === 'object' ? 'calls' : e.expect;
      const ok = asExpected(e, await runRepair(e, how));
      count[kind][0] += ok ? 1 : 0;
      count[kind][1] += 1;
    }
    const rate = ([ok, all]: number[]): string => `${ok}/${all} (${((100 * ok!) / all!).toFixed(0)}%)`;
    const fp = count.text[1]! - count.text[0]!;
    lines.push(
      `| ${how} | ${rate(count.calls)} | ${rate(count.invalid)} | ${rate(count.text)} (${fp} false positive${fp === 1 ? '' : 's'}, ${((100 * fp) / count.text[1]!).toFixed(0)}%) |`,
    );
  }
  return lines;
}

async function firstToken(): Promise<string[]> {
  const rounds = arg('rounds', 60);
  const tokenMs = arg('token-ms', 10);
  const h = await startHarness();
  h.ollama.faults.tokenDelayMs = tokenMs;
  const prose = CORPUS.find((e) => e.id === 'prose')!.text;
  const call = CORPUS.find((e) => e.id === 'hermes')!.text;
  const cases = [
    { name: 'plain answer, no tools', reply: prose, tools: false, none: false },
    { name: 'plain answer, tools declared', reply: prose, tools: true, none: false },
    { name: 'plain answer, tools declared with tool_choice none (no repair step)', reply: prose, tools: true, none: true },
    { name: '<tool_call> text, no tools (first text token)', reply: call, tools: false, none: false },
    { name: '<tool_call> text, tools declared (the repaired call)', reply: call, tools: true, none: false },
  ];
  const samples: number[][] = cases.map(() => []);
  try {
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < cases.length; k++) {
        const t = (k + r) % cases.length; // a rotating order, so drift hits every case alike
        const c = cases[t]!;
        h.ollama.reply = c.reply;
        const started = performance.now();
        const res = await fetch(`${h.base}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'ollama:llama3.2:latest',
            stream: true,
            messages: [{ role: 'user', content: 'Go.' }],
            ...(c.tools && { tools: CORPUS_TOOLS }),
            ...(c.none && { tool_choice: 'none' }),
          }),
        });
        const reader = res.body!.getReader();
        const decoder = new TextDecoder();
        let seen = '';
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          seen += decoder.decode(chunk.value, { stream: true });
          if (/"(content|arguments)":"[^"]/.test(seen)) {
            samples[t]!.push(performance.now() - started);
            break;
          }
        }
        await reader.cancel();
      }
    }
  } finally {
    await h.stop();
  }
  const lines = [`| first token a client sees (${rounds} rounds, a word every ${tokenMs} ms) | p50 | p90 |`, '| --- | --- | --- |'];
  cases.forEach((c, t) => lines.push(`| ${c.name} | ${ms(median(samples[t]!), 1)} | ${ms(percentile(samples[t]!, 90), 1)} |`));
  return lines;
}

void (async () => {
  console.log((await corpusRates()).join('\n'));
  console.log('');
  console.log((await firstToken()).join('\n'));
})();
