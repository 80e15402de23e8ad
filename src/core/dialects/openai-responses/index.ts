// OpenAI's Responses API: errors in OpenAI's shape.
import { sendError } from '../../http/respond';
import type { Dialect } from '../dialect';
import { handleResponses } from './handler';

export const openaiResponses: Dialect = { routes: { '/v1/responses': { POST: handleResponses } }, sendError };
