// What to print for a caught value: anything can be thrown, and only an Error has a message.
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
