// Where each built-in provider kind lives when nobody says otherwise. Apart from the providers so that
// the config can default to them without importing a provider (and through it, half the core).
export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
