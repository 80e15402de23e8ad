// The loop `npm run bench:completions` and `npm run bench:dialects` share: a fake OpenAI-compatible
// upstream and `oblix serve` in processes of their own, then the same request on several paths,
// interleaved request by request in a rotating order so machine noise hits every path alike. Each
// answer is checked (status 200, the fake's last token) or the run fails; the tables are the callers'.
import { Agent, request } from 'undici';
import { startFakeUpstreamProcess, startOblix, type Child } from './children';
import { FAKE_CONTENT } from './fake-upstream';

export interface Sample {
  firstByteMs: number;
  totalMs: number;
}

/** One way to ask: a URL and the JSON body to POST there, stream or not. */
export interface Path {
  name: string;
  url: string;
  body: (stream: boolean) => unknown;
}

/** What a table reports of a run: the first byte for streams only, the total for both. */
export function measures(stream: boolean): { key: keyof Sample; label: string }[] {
  const kind = stream ? 'stream' : 'non-stream';
  return [...(stream ? [{ key: 'firstByteMs' as const, label: `${kind} first byte` }] : []), { key: 'totalMs', label: `${kind} total` }];
}

/** `--rounds N` (default 2000), and the warm-up rounds measured before them and left out. */
export function roundsFromArgv(): { rounds: number; warmup: number } {
  const i = process.argv.indexOf('--rounds');
  const rounds = i >= 0 && Number(process.argv[i + 1]) > 0 ? Number(process.argv[i + 1]) : 2000;
  return { rounds, warmup: Math.min(200, rounds) };
}

async function send(agent: Agent, headers: Record<string, string>, p: Path, stream: boolean): Promise<Sample> {
  const t0 = performance.now();
  const res = await request(p.url, { dispatcher: agent, method: 'POST', headers, body: JSON.stringify(p.body(stream)) });
  let text = '';
  let firstByteMs = Number.NaN;
  res.body.setEncoding('utf8');
  for await (const chunk of res.body as AsyncIterable<string>) {
    if (text === '') firstByteMs = performance.now() - t0;
    text += chunk;
  }
  const totalMs = performance.now() - t0;
  if (res.statusCode !== 200 || !text.includes(FAKE_CONTENT[FAKE_CONTENT.length - 1]!)) throw new Error(`${p.name}: bad answer (${res.statusCode}): ${text.slice(0, 300)}`);
  return { firstByteMs, totalMs };
}

export interface Bench {
  /** Measured rounds (after the warm-up), for the tables' headers. */
  rounds: number;
  upstreamUrl: string;
  oblixUrl: string;
  /** Warm-up then the measured rounds, every path once a round, who goes first rotating: samples per path, in round order (so index j pairs round j across paths). */
  interleave(paths: Path[], stream: boolean): Promise<Sample[][]>;
}

/**
 * Starts the fake upstream and `oblix serve` (`oblixConfig` merged into its config file), runs
 * `measure`, prints the lines it returns and stops both, whatever happened. Every request carries
 * `headers` besides its JSON content type.
 */
export function runAgainstOblix(opts: { oblixConfig?: Record<string, unknown>; headers?: Record<string, string> }, measure: (bench: Bench) => Promise<string[]>): void {
  const { rounds, warmup } = roundsFromArgv();
  const headers = { 'content-type': 'application/json', ...opts.headers };
  const agent = new Agent({ connections: 4, keepAliveTimeout: 60_000 });
  const children: Child[] = [];
  const interleave = async (paths: Path[], stream: boolean): Promise<Sample[][]> => {
    const samples: Sample[][] = paths.map(() => []);
    for (let r = 0; r < warmup + rounds; r++) {
      for (let k = 0; k < paths.length; k++) {
        const t = (r + k) % paths.length; // rotate who goes first
        const s = await send(agent, headers, paths[t]!, stream);
        if (r >= warmup) samples[t]!.push(s);
      }
    }
    return samples;
  };
  const main = async (): Promise<void> => {
    try {
      const upstream = await startFakeUpstreamProcess();
      children.push(upstream.child);
      const oblix = await startOblix(upstream.url, { config: opts.oblixConfig });
      children.push(oblix.child);
      console.log((await measure({ rounds, upstreamUrl: upstream.url, oblixUrl: oblix.url, interleave })).join('\n'));
    } finally {
      await agent.close();
      await Promise.all(children.map((c) => c.stop()));
    }
  };
  void main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
