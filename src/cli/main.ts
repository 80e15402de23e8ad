// `oblix <command>`: serve | models. Errors are one readable line and exit code 2 for misuse.
import { redact } from '../core/redact';
import { UsageError, SERVE_USAGE } from './options';
import { listModels } from './models';
import { serve } from './serve';

const USAGE = `Usage: oblix <command>

Commands:
  serve    run the OpenAI-compatible router (default http://127.0.0.1:62549/v1)
  models   list the models the router can use

${SERVE_USAGE}`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'models':
      return listModels(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      throw new UsageError(`Unknown command '${command}'.\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  console.error(`oblix: ${redact(err instanceof Error ? err.message : String(err))}`);
  process.exit(usage ? 2 : 1);
});
