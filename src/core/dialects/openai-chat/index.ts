// OpenAI's Chat Completions API, and its model list.
import { sendError } from '../../http/respond';
import type { Dialect } from '../dialect';
import { handleChat } from './handler';
import { handleModels } from './models';

export const openaiChat: Dialect = {
  routes: { '/v1/chat/completions': { POST: handleChat }, '/v1/models': { GET: handleModels } },
  sendError,
};
