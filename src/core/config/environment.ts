// Every environment variable Oblix reads, with what it sets: `oblix --help` prints this list and
// docs/configuration.md's table names exactly these (test/docs/config-reference.test.ts), so a
// variable cannot be read without being documented.

export interface EnvironmentVariable {
  readonly name: string;
  readonly meaning: string;
}

export const ENVIRONMENT_VARIABLES: readonly EnvironmentVariable[] = [
  { name: 'OLLAMA_HOST', meaning: 'where Ollama listens (host:port or a URL, as Ollama reads it)' },
  { name: 'OLLAMA_CONTEXT_LENGTH', meaning: 'the context window your Ollama runs models with, when you set it for Ollama' },
  { name: 'OPENAI_API_KEY', meaning: 'adds the openai provider (openai:gpt-4o-mini when no cloud model is named)' },
  { name: 'OPENAI_BASE_URL', meaning: "the openai provider's URL" },
  { name: 'ANTHROPIC_API_KEY', meaning: 'adds the anthropic provider (anthropic:claude-sonnet-5 when no cloud model is named)' },
  { name: 'ANTHROPIC_BASE_URL', meaning: "the anthropic provider's URL" },
  { name: '<ID>_API_KEY', meaning: "a configured provider's key (LMSTUDIO_API_KEY for lmstudio), unless apiKeyEnv names another" },
  { name: 'OBLIX_API_KEY', meaning: 'when set, requests must send it as a bearer token' },
  { name: 'OBLIX_DATA_DIR', meaning: 'where oblix serve, oblix chat and the SDK keep their files (default ~/.oblix)' },
  { name: 'NO_COLOR', meaning: 'when set, oblix chat prints no colours' },
];

/** The list as `oblix --help` shows it: one variable a line. */
export function environmentHelp(): string {
  const width = Math.max(...ENVIRONMENT_VARIABLES.map((v) => v.name.length));
  return ENVIRONMENT_VARIABLES.map((v) => `  ${v.name.padEnd(width)}  ${v.meaning}`).join('\n');
}
