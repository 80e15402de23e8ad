// `npm run bench:completions`: the latency Oblix adds to autocomplete. The same legacy
// /v1/completions requests (a FIM-style prompt with a suffix) go directly to a fake
// OpenAI-compatible upstream and through `oblix serve` (`model: "auto"`, the completion role
// naming that upstream), interleaved request by request, alternating which goes first, so machine
// noise hits both alike (bench/interleave.ts). Prints medians and the paired median of the
// difference. Asserts nothing.
//   npm run build && npm run bench:completions [-- --rounds 2000]
import { FAKE_MODEL } from './fake-upstream';
import { runAgainstOblix, measures, type Path } from './interleave';
import { median, ms, pairedMedian, percentile, plusMs } from './stats';

const completion = (model: string) => (stream: boolean) => ({ model, prompt: 'def add(a, b):\n    ', suffix: '\n\nprint(add(1, 2))\n', max_tokens: 64, temperature: 0.2, stream });

runAgainstOblix({ oblixConfig: { roles: { completion: [`fakecloud:${FAKE_MODEL}`] } } }, async (bench) => {
  const paths: Path[] = [
    { name: 'direct', url: `${bench.upstreamUrl}/completions`, body: completion(FAKE_MODEL) },
    { name: 'oblix', url: `${bench.oblixUrl}/completions`, body: completion('auto') },
  ];
  const lines = [`| measure (${bench.rounds} interleaved rounds) | direct | Oblix | added (paired median) |`, '| --- | --- | --- | --- |'];
  for (const stream of [false, true]) {
    const samples = await bench.interleave(paths, stream);
    for (const { key, label } of measures(stream)) {
      const [d, o] = samples.map((list) => list.map((s) => s[key])) as [number[], number[]];
      lines.push(`| ${label} p50 (p99) | ${ms(median(d))} (${ms(percentile(d, 99))}) | ${ms(median(o))} (${ms(percentile(o, 99))}) | ${plusMs(pairedMedian(o, d))} |`);
    }
  }
  return lines;
});
