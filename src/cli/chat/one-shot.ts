// `oblix chat -p QUESTION` and `echo QUESTION | oblix chat`: the answer alone on stdout (what a
// script pipes on), the model, route, tokens and time on stderr. A failure exits 1.
import { errorMessage } from '../../core/errors/error-message';
import type { OblixClient } from '../../sdk/client';
import { answerFooter } from './answer-footer';
import type { Style } from './style';

export async function oneShot(client: OblixClient, prompt: string, model: string, sessionId: string | undefined, errStyle: Style): Promise<boolean> {
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    let ended = '';
    for await (const c of client.execute({ prompt, model, stream: true, signal: abort.signal, ...(sessionId && { sessionId }) })) {
      if (c.type === 'text') {
        process.stdout.write(c.text);
        ended = c.text;
      } else {
        if (!ended.endsWith('\n')) process.stdout.write('\n');
        process.stderr.write(`${errStyle.dim(`oblix: ${answerFooter(c.result)}`)}\n`);
      }
    }
    return true;
  } catch (err) {
    process.stderr.write(`oblix: ${errorMessage(err)}\n`);
    return false;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** All of stdin, as a piped question. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}
