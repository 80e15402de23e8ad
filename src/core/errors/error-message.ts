// What to print for a caught value: anything can be thrown, and only an Error has a message.
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The `code` a caught error carries (Oblix's error code, or a system one), when it has one: views word it. */
export function errorCode(err: unknown): string | undefined {
  const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
