// `npm run bench:dialects`: what each client dialect adds. The same question goes directly to a
// fake OpenAI-compatible upstream (chat completions) and through `oblix serve` as chat completions,
// Anthropic Messages and OpenAI Responses (`model: "auto"`; the last two are translated to chat
// completions towards that upstream), interleaved request by request in a rotating order so machine
// noise hits all alike (bench/interleave.ts). Prints medians, each path's paired median over
// direct, and Messages' and Responses' paired median over Oblix's own chat completions. Asserts nothing.
//   npm run build && npm run bench:dialects [-- --rounds 2000]
import { FAKE_MODEL } from './fake-upstream';
import { runAgainstOblix, measures, type Path } from './interleave';
import { median, ms, pairedMedian, percentile, plusMs } from './stats';

const ASK = 'Say hello.';

runAgainstOblix({ headers: { 'anthropic-version': '2023-06-01' } }, async (bench) => {
  const paths: Path[] = [
    { name: 'direct', url: `${bench.upstreamUrl}/chat/completions`, body: (stream) => ({ model: FAKE_MODEL, stream, messages: [{ role: 'user', content: ASK }] }) },
    { name: 'Oblix chat completions', url: `${bench.oblixUrl}/chat/completions`, body: (stream) => ({ model: 'auto', stream, messages: [{ role: 'user', content: ASK }] }) },
    { name: 'Oblix Messages', url: `${bench.oblixUrl}/messages`, body: (stream) => ({ model: 'auto', stream, max_tokens: 256, messages: [{ role: 'user', content: ASK }] }) },
    { name: 'Oblix Responses', url: `${bench.oblixUrl}/responses`, body: (stream) => ({ model: 'auto', stream, input: ASK }) },
  ];
  const lines = [
    `| measure (${bench.rounds} rounds, interleaved) | p50 (p99) | added over direct (paired median) | added over Oblix chat completions (paired median) |`,
    '| --- | --- | --- | --- |',
  ];
  for (const stream of [false, true]) {
    const samples = await bench.interleave(paths, stream);
    for (const { key, label } of measures(stream)) {
      const col = samples.map((list) => list.map((s) => s[key]));
      paths.forEach((p, t) => {
        const v = col[t]!;
        const overDirect = t === 0 ? '—' : plusMs(pairedMedian(v, col[0]!));
        const overChat = t < 2 ? '—' : plusMs(pairedMedian(v, col[1]!));
        lines.push(`| ${p.name}, ${label} | ${ms(median(v))} (${ms(percentile(v, 99))}) | ${overDirect} | ${overChat} |`);
      });
    }
  }
  return lines;
});
