// An upstream's HTTP error answer as an Error, in the shape toUpstreamError reads (status, error
// body, headers). Shared: the OpenAI stream and the Ollama passthrough both throw it.
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly error: unknown,
    readonly headers: Headers,
  ) {
    super(`${status} ${typeof error === 'string' ? error : JSON.stringify(error)}`);
  }
}
