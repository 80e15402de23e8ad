// `oblix chat`: interactive with a terminal on both ends, else one-shot (-p, or a question on stdin).
import { OblixClient } from '../../sdk/client';
import { parseChatArgs, UsageError } from '../options';
import { ChatSession } from './chat-session';
import { oneShot, readAll } from './one-shot';
import { runRepl } from './repl';
import { styleFor } from './style';

export async function chat(argv: string[]): Promise<void> {
  const args = parseChatArgs(argv, process.env);
  const client = new OblixClient({ connect: args.inProcess ? 'in-process' : 'auto', env: process.env }, args.config, 'oblix-cli');
  const model = args.model ?? 'auto';
  if (args.resume && !client.sessions.get(args.resume)) throw new UsageError(`No session '${args.resume}' in ${client.sessions.dir}.`);
  try {
    const piped = !process.stdin.isTTY && args.prompt === undefined;
    if (args.prompt !== undefined || piped) {
      const prompt = args.prompt ?? (await readAll(process.stdin));
      if (prompt.trim() === '') throw new UsageError('No question: give one with -p "…" or on stdin.');
      if (!(await oneShot(client, prompt, model, args.resume, styleFor(process.stderr, process.env)))) process.exitCode = 1;
      return;
    }
    const style = styleFor(process.stdout, process.env);
    const where = await client.where();
    await runRepl(new ChatSession(client, process.stdout, style, model, args.resume), style, where === 'in-process' ? 'routing in this process' : `through the server at ${where}`);
  } finally {
    await client.close();
  }
}
