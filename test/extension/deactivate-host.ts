// A stand-in for VS Code's extension host at deactivation, run as its own process: an Oblix endpoint
// with a fake OpenAI that stalls after its first token. On a line on stdin it does what the host
// does: deactivate (Oblix's endAnswers, no promise awaited), then exit one second later.
import { DEACTIVATE_GRACE_MS, endAnswers, HOST_EXIT_AFTER_DEACTIVATE_MS } from '../../src/extension/deactivation';
import { startHarness } from '../harness';

async function main(): Promise<void> {
  const h = await startHarness();
  h.openai.faults = { stallAfterTokens: 1 };
  process.stdin.once('data', () => {
    void endAnswers({ stop: (graceMs) => h.server.close(graceMs ?? DEACTIVATE_GRACE_MS) });
    setTimeout(() => process.exit(0), HOST_EXIT_AFTER_DEACTIVATE_MS);
  });
  process.stdout.write(`ready ${h.base}\n`);
}

void main();
