// Errors in words: the technical message of a failed request becomes a short sentence a person can
// act on; the original stays available behind "Show details".

export interface ErrorWords {
  /** One short sentence. */
  title: string;
  /** What to do, when there is something to do. */
  hint?: string;
  /** The original message; undefined when the title already is it. */
  detail?: string;
}

const RULES: ReadonlyArray<{ test: RegExp; title: string; hint?: string }> = [
  {
    test: /ollama[^\n]*(could not be reached|ECONNREFUSED|not running)/i,
    title: "Ollama isn't running.",
    hint: 'Start Ollama (or install it), then Retry.',
  },
  { test: /not found, try pulling it|model ['"][^'"]*['"] not found/i, title: "That model isn't installed in Ollama.", hint: 'Pull it with "Oblix: Pull a Model…", or pick another model.' },
  { test: /\b401\b|invalid[_ ]api[_ ]key|unauthori[sz]ed|incorrect api key/i, title: 'The API key was refused.', hint: 'Set a new one with "Oblix: Set API Key".' },
  { test: /no api key|has no api key/i, title: 'No API key is set for that provider.', hint: 'Add one with "Oblix: Set API Key".' },
  { test: /\b429\b|rate.?limit|quota/i, title: 'The service is limiting requests right now.', hint: 'Wait a moment, then Retry.' },
  { test: /could not be reached|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|fetch failed|network/i, title: "The model's server could not be reached.", hint: 'Check that it runs and the address is right, then Retry.' },
  { test: /timed? ?out|timeout|stayed silent/i, title: 'The model took too long to answer.', hint: 'Retry, or pick a smaller or faster model.' },
  { test: /no model can answer/i, title: 'No model can answer yet.', hint: 'Install Ollama, pull a model, or add a cloud API key.' },
];

export function errorInWords(message: string): ErrorWords {
  const rule = RULES.find((r) => r.test.test(message));
  if (!rule) return { title: message };
  return { title: rule.title, hint: rule.hint, detail: message };
}
