// The user's `roles` setting, as a type with no imports: the config declares it without pulling in the
// catalog and the locality rules that read it (that was a config <-> routing import cycle).
export interface ModelRoles {
  /** Models `auto` may choose for chat; unset: every model that is not embedding-only. */
  chat?: string[];
  /** Models for text completion and fill-in-the-middle, local first; unset: local models that can. */
  completion?: string[];
  /** The first is what `auto` embeds with; unset: the first local embedding model by name. */
  embedding?: string[];
  /** `{"ollama:nomic-embed-text": "lmstudio:nomic-embed-text"}`: when the key fails, the value gives the same vectors. */
  embeddingFailover?: Record<string, string>;
}
