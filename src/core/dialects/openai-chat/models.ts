// GET /v1/models: the ids a client may name, in OpenAI's list shape, with the roles each serves.
import { sendJson } from '../../http/respond';
import type { Oblix } from '../../oblix';
import type { RequestContext } from '../dialect';

export function handleModels({ oblix, res }: RequestContext): void {
  sendJson(res, 200, modelList(oblix));
}

/**
 * A local model's window, in the Anthropic Models API's fields (`max_input_tokens`, `max_tokens`),
 * which Claude Code's gateway model discovery reads; nothing for a cloud model, whose agent knows it.
 */
function windowFields(oblix: Oblix, id: string): { max_input_tokens?: number; max_tokens?: number } {
  const w = oblix.agentWindow(id);
  return w ? { max_input_tokens: w.window, max_tokens: w.output } : {};
}

function modelList(oblix: Oblix): unknown {
  const created = Math.floor(Date.now() / 1000);
  const roles = oblix.roles();
  return {
    object: 'list',
    data: oblix.models().map((id) => ({
      id,
      object: 'model',
      created,
      owned_by: id === 'auto' ? 'oblix' : id.slice(0, id.indexOf(':')),
      roles: id === 'auto' ? ['chat', 'completion', 'embedding'] : (roles.get(id) ?? []),
      ...windowFields(oblix, id),
    })),
  };
}
