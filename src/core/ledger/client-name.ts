// The short name of the tool that sent a request, from its User-Agent, for the ledger's "client"
// column. Most specific first: Claude Code and Codex also name the SDK they are built on.
const CLIENTS: readonly (readonly [RegExp, string])[] = [
  // Oblix's own package through a server (src/sdk/sdk-caller.ts): the same names as in-process.
  [/^oblix-sdk\b/, 'sdk'],
  [/^oblix-cli\b/, 'oblix-cli'],
  [/claude-cli|claude-code/i, 'claude-code'],
  [/codex/i, 'codex'],
  [/cline/i, 'cline'],
  [/continue/i, 'continue'],
  [/opencode/i, 'opencode'],
  [/aider/i, 'aider'],
  [/qwen-code/i, 'qwen-code'],
  [/zed/i, 'zed'],
  [/jetbrains|intellij/i, 'jetbrains'],
  [/^ollama-js|ollama-python|^ollama\//i, 'ollama-client'],
  [/^OpenAI\/Python/i, 'openai-python'],
  [/^OpenAI\/JS/i, 'openai-node'],
  [/^Anthropic\/Python/i, 'anthropic-python'],
  [/^Anthropic\/JS/i, 'anthropic-node'],
  [/^curl\//i, 'curl'],
];

export function clientName(userAgent: string | undefined): string {
  if (!userAgent) return 'other';
  for (const [re, name] of CLIENTS) if (re.test(userAgent)) return name;
  return 'other';
}
