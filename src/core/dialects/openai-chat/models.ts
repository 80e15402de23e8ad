// GET /v1/models: the ids a client may name, in OpenAI's list shape, with the roles each serves.
import { sendJson } from '../../http/respond';
import type { Oblix } from '../../oblix';
import type { RequestContext } from '../dialect';

export function handleModels({ oblix, res }: RequestContext): void {
  sendJson(res, 200, modelList(oblix));
}

function modelList(oblix: Oblix): unknown {
  const created = Math.floor(Date.now() / 1000);
  const roles = oblix.roles();
  return {
    object: 'list',
    data: oblix.models().map((id) => ({ id, object: 'model', created, owned_by: id === 'auto' ? 'oblix' : id.slice(0, id.indexOf(':')), roles: id === 'auto' ? ['chat', 'completion', 'embedding'] : (roles.get(id) ?? []) })),
  };
}
