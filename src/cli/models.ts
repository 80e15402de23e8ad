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
  const roles = oblix.roles();
  for (const id of oblix.models()) console.log(id === 'auto' ? id : `${id.padEnd(40)} ${(roles.get(id) ?? []).join(', ')}`);
  for (const problem of health.problems) console.error(`oblix: ${problem}`);
}
