// `oblix serve`: the router as a standalone server, stopped cleanly by SIGINT/SIGTERM.
import { Oblix } from '../core/oblix';
import { DEFAULT_SHUTDOWN_GRACE_MS, OblixServer } from '../core/server/http-server';
import { everyInterface, listenError } from './listen-address';
import { parseServeArgs } from './options';
import { errorMessage } from '../core/errors/error-message';
import { budgetInWords } from '../core/ledger/budget';
import { openLedger } from './open-ledger';
import { prewarmInWords } from '../core/routing/prewarm';

export async function serve(argv: string[]): Promise<void> {
  const config = parseServeArgs(argv, process.env);
  const ledger = openLedger(config);
  if (ledger.corruptAtStart) console.error(`oblix: skipped ${ledger.corruptAtStart} corrupt line(s) in the usage ledger`);
  ledger.onBudgetWarning((s) => console.error(`oblix: cloud budget ${budgetInWords(s)} spent; at 100 % cloud models stop answering`));
  const oblix = new Oblix(config, { ledger });
  const server = new OblixServer(oblix, { host: config.host, port: config.port, allowedOrigins: config.allowedOrigins, apiKey: config.apiKey, maxBodyBytes: config.maxBodyBytes });
  let url: string;
  try {
    url = await server.listen();
  } catch (err) {
    throw listenError(err, config.host, config.port);
  }
  const wide = everyInterface(config.host);
  if (wide) console.error(`oblix: ${wide}`);
  // The port opens first (a clash fails at once); the ready line waits for the first inventory of
  // every provider, bounded at ~2 s, so the first requests route on what the upstreams said.
  const started = oblix.start().then(
    async () => {
      for (const p of oblix.health().problems) console.error(`oblix: ${p}`);
      // In the background, after the ready line may have gone: requests never wait for a warm-up.
      if (config.prewarm) for (const o of await oblix.prewarm()) console.error(`oblix: ${prewarmInWords(o)}`);
    },
    (err: unknown) => console.error(`oblix: the background monitors did not start: ${errorMessage(err)}`),
  );
  await oblix.ready();
  const pending = oblix.health().factsPending;
  if (pending.length) console.error(`oblix: still waiting for ${pending.join(', ')}; routing on what is known until they answer.`);
  console.log(`Oblix listening on ${url}`);
  void started;

  const shutdown = (signal: string): void => {
    console.error(`oblix: ${signal}, stopping (answers in flight get ${DEFAULT_SHUTDOWN_GRACE_MS / 1000} s to finish)`);
    void server.close().then(() => {
      oblix.stop();
      ledger.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
