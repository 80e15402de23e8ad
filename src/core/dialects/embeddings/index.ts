// OpenAI's Embeddings API: errors in OpenAI's shape.
import { sendError } from '../../http/respond';
import type { Dialect } from '../dialect';
import { handleEmbeddings } from './handler';

export const embeddings: Dialect = { routes: { '/v1/embeddings': { POST: handleEmbeddings } }, sendError };
