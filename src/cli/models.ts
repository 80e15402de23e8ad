// `oblix models [ID]`: what `auto` can choose from, with each provider's state, without starting a
// server; then the context window an agent gets with ID (default `auto`), and the settings that tell
// Claude Code, Codex and opencode so.
import { Oblix } from '../core/oblix';
import { agentRecipes } from '../core/routing/agent-window';
import { parseServeArgs } from './options';

export async function listModels(argv: string[]): Promise<void> {
  const chosen = argv[0] !== undefined && !argv[0].startsWith('-') ? argv[0] : undefined;
  const config = parseServeArgs(chosen === undefined ? argv : argv.slice(1), process.env);
  const oblix = new Oblix(config);
  await oblix.start();
  oblix.stop();
  const health = oblix.health();
  for (const p of health.providers) console.log(`${p.id.padEnd(12)} ${p.state.padEnd(8)} ${p.baseURL}`);
  console.log('');
  // Each model with where its prompts go and why (a declaration, the provider's kind, or a guess), its tier, its roles, and a local model's window.
  const locality = new Map(health.models.locality.map((l) => [l.id, l]));
  const roles = oblix.roles();
  for (const id of oblix.models()) {
    const l = locality.get(id);
    const w = l?.local ? oblix.agentWindow(id) : null;
    console.log(
      l
        ? `${id.padEnd(40)} ${l.local ? 'local' : 'cloud'} (${l.source}) ${health.models.tiers[id] ?? ''}  ${(roles.get(id) ?? []).join(', ')}${w ? `  window ${w.window}` : ''}`
        : id,
    );
  }
  const model = chosen ?? 'auto';
  const w = oblix.agentWindow(model);
  console.log('');
  if (!w) {
    console.log(`Agents using ${model}: no local window to tell them (a cloud model, or one whose window Ollama has not reported); their own default holds.`);
  } else {
    console.log(`Agents using ${w.model}: a ${w.window}-token window (room ${w.output} for the answer; compact above ${w.compactAt}). Tell them:`);
    for (const line of agentRecipes(w, `http://${config.host}:${config.port}`)) console.log(`  ${line}`);
  }
  for (const problem of health.problems) console.error(`oblix: ${problem}`);
}
