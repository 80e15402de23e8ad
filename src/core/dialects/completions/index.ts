// OpenAI's legacy Completions API (autocomplete, fill-in-the-middle): errors in OpenAI's shape.
import { sendError } from '../../http/respond';
import type { Dialect } from '../dialect';
import { handleCompletions } from './handler';

export const completions: Dialect = { routes: { '/v1/completions': { POST: handleCompletions } }, sendError };
