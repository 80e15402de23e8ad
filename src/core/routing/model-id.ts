// Model ids are `<provider>:<model>`; the model part may itself contain colons (`ollama:llama3.2:1b`).
export interface ModelRef {
  id: string;
  providerId: string;
  model: string;
}

export function parseModelId(id: string): ModelRef | null {
  const at = id.indexOf(':');
  if (at <= 0 || at === id.length - 1) return null;
  return { id, providerId: id.slice(0, at), model: id.slice(at + 1) };
}
