// Token counts, OpenAI's shape: in its own dependency-free file, so the SDK's published types
// (sessions, execute results) need nothing of the wire types in request.ts.
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}
