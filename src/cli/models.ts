// `oblix models`: what `auto` can choose from, with each provider's state, without starting a server.
import { Oblix } from '../core/oblix';
import { parseServeArgs } from './options';

export async function listModels(argv: string[]): Promise<void> {
  const oblix = new Oblix(parseServeArgs(argv, process.env));
  await oblix.start();
  oblix.stop();
  const health = oblix.health();
  for (const p of health.providers) console.log(`${p.id.padEnd(12)} ${p.state.padEnd(8)} ${p.baseURL}`);
  console.log('');
  // Each model with where its prompts go and why (a declaration, the provider's kind, or a guess), its tier, and its roles.
  const locality = new Map(health.models.locality.map((l) => [l.id, l]));
  const roles = oblix.roles();
  for (const id of oblix.models()) {
    const l = locality.get(id);
    console.log(l ? `${id.padEnd(40)} ${l.local ? 'local' : 'cloud'} (${l.source}) ${health.models.tiers[id] ?? ''}  ${(roles.get(id) ?? []).join(', ')}` : id);
  }
  for (const problem of health.problems) console.error(`oblix: ${problem}`);
}
