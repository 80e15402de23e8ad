// Each client's engine, for `oblix chat`'s /why, /mode, /prefer: kept outside OblixClient's types,
// so the package's API (and its .d.ts) stays execute, sessions, serve and close.
import type { Engine } from './engine';

const ENGINES = new WeakMap<object, () => Promise<Engine>>();

export function registerEngine(client: object, connect: () => Promise<Engine>): void {
  ENGINES.set(client, connect);
}

export function engineOf(client: object): Promise<Engine> {
  const connect = ENGINES.get(client);
  if (!connect) throw new Error('Not an OblixClient.');
  return connect();
}
