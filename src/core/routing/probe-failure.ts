// Why a provider's reachability probe failed, told apart by what came back (never by wording): the
// advice differs (start Ollama, fix the key, fix the path, point OLLAMA_HOST elsewhere).
import { transportFailure } from '../providers/transport-error';
import { UpstreamError } from '../providers/upstream-error';

export type ProbeFailure =
  /** No connection: refused, DNS, reset. */
  | 'unreachable'
  /** Connected, but nothing came back before the probe's timeout (hung, or overloaded). */
  | 'no-answer'
  /** 401 or 403: the key is missing, wrong or not allowed. */
  | 'wrong-key'
  /** 404: something answers there, but not this API at this path (a base URL without `/v1`). */
  | 'wrong-path'
  /** 508: the address is Oblix itself (OLLAMA_HOST pointed at Oblix). */
  | 'loop'
  /** Any other answer: a 5xx, or a body that is not the API's. */
  | 'bad-answer';

/** `timedOut`: the probe's own timeout fired (an abort then says nothing else). */
export function probeFailure(err: unknown, timedOut: boolean): ProbeFailure {
  if (timedOut) return 'no-answer';
  if (!(err instanceof UpstreamError)) return transportFailure(err) ? 'unreachable' : 'bad-answer';
  if (err.unreachable) return 'unreachable';
  const status = err.upstreamStatus ?? err.status;
  if (status === 401 || status === 403) return 'wrong-key';
  if (status === 404) return 'wrong-path';
  if (status === 508 || err.has('loop_detected')) return 'loop';
  return 'bad-answer';
}
