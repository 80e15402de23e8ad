// `keepAlive`: how long Ollama keeps a model loaded after a request, sent as its `keep_alive`. Ollama
// takes a number of seconds (negative: forever, 0: unload at once) or a Go duration ("30m", "1h30m").
// A string of digits (as a settings box holds it) is seconds; anything else is refused here rather
// than by Ollama on every request.
import { isUnset, type ProblemLog } from './problem';

const GO_DURATION = /^-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

export function readKeepAlive(v: unknown, log: ProblemLog): string | number | undefined {
  if (isUnset(v)) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^-?\d+$/.test(t)) return Number(t);
    if (GO_DURATION.test(t)) return t;
  }
  log.add('keepAlive', `must be a duration such as "30m", "1h" or "-1" (keep loaded), or a number of seconds, not ${JSON.stringify(v)}`, "using Ollama's own (5 minutes)");
  return undefined;
}
