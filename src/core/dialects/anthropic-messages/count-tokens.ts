// POST /v1/messages/count_tokens: an estimate from the same request features routing uses (about
// four characters a token), not a tokenizer; no upstream is asked, so it is free and instant.
import type { RequestContext } from '../dialect';
import { requestFeatures } from '../../routing/request-features';
import { readJsonBody } from '../../http/body';
import { sendJson } from '../../http/respond';
import { isObject } from '../json';
import { parseMessages } from './parse';

export async function handleCountTokens({ req, res, maxBodyBytes }: RequestContext): Promise<void> {
  const body = await readJsonBody(req, maxBodyBytes);
  // count_tokens takes no max_tokens; the parser wants one, and it does not change the count.
  const withMax = isObject(body) ? { max_tokens: 1, ...body } : body;
  const { request } = parseMessages(withMax, req.headers);
  sendJson(res, 200, { input_tokens: requestFeatures(request).promptTokens });
}
