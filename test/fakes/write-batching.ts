// Controls how a fake's response body is cut into socket writes, so a test can feed Oblix the same
// upstream answer in every batching a real network gives: one event per read, everything in one
// read, or reads that split an event (and a UTF-8 character) anywhere.
import type * as http from 'node:http';

export type WriteBatching =
  /** Each of the fake's writes (one event, one NDJSON line) goes out alone. */
  | 'per-write'
  /** The whole body (headers too) goes out in one write, when the fake ends the response. */
  | 'all-at-once'
  /** The whole body is cut into pieces of this many bytes, whatever they split. */
  | { splitEvery: number };

/**
 * Holds the fake's writes and sends them, once it ends the response, in the chosen batching.
 * Timing faults (delays, stalls, cuts) do not combine with this: the body goes out only at the end.
 */
export function batchWrites(res: http.ServerResponse, mode: WriteBatching): void {
  const pieces: Buffer[] = [];
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  const end = res.end.bind(res) as () => void;
  const hold = (chunk: unknown): void => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) pieces.push(Buffer.from(chunk));
  };
  // Replaced on this one response only; the fakes write strings and never pass callbacks.
  res.write = ((chunk: unknown) => {
    hold(chunk);
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    hold(chunk);
    void send(res, cut(pieces, mode), write, end);
    return res;
  }) as typeof res.end;
}

function cut(pieces: Buffer[], mode: WriteBatching): Buffer[] {
  if (mode === 'per-write') return pieces;
  const body = Buffer.concat(pieces);
  if (mode === 'all-at-once') return [body];
  const out: Buffer[] = [];
  for (let i = 0; i < body.length; i += mode.splitEvery) out.push(body.subarray(i, i + mode.splitEvery));
  return out;
}

async function send(res: http.ServerResponse, pieces: Buffer[], write: (chunk: Buffer) => boolean, end: () => void): Promise<void> {
  for (const p of pieces) {
    if (res.destroyed) return;
    write(p);
    await leftSocket(res); // the reader gets this piece in a read of its own before the next is written
  }
  end();
}

/** Waits until what was written has left the socket (node:http corks the first writes). */
async function leftSocket(res: http.ServerResponse): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  const socket = res.socket;
  if (!socket || socket.writableLength === 0) return;
  await new Promise((resolve) => {
    socket.once('drain', resolve);
    socket.once('close', resolve);
  });
}
