// `oblix <command>`: serve | chat | models, and --version / --help. Errors are one readable line and exit code 2 for misuse.
import { didYouMean } from '../core/support/closest-name';
import { redact } from '../core/support/redact';
import { VERSION } from '../core/support/version';
import { UsageError, SERVE_USAGE, CHAT_USAGE } from './options';
import { chat } from './chat/chat-command';
import { listModels } from './models';
import { serve } from './serve';
import { showUsage, USAGE_USAGE } from './usage';
import { errorMessage } from '../core/errors/error-message';

const USAGE = `Oblix ${VERSION}: a local AI router behind one OpenAI-compatible endpoint.

Usage: oblix <command>

Commands:
  serve    run the OpenAI-compatible router (default http://127.0.0.1:62549/v1)
  chat     chat in the terminal, or answer one question (-p "…", or on stdin)
  models   list the models the router can use; 'oblix models ID' adds the window agents get with ID
  usage    what was answered, spent and saved (oblix usage --help)

Options:
  -h, --help      show this help (also after a command: oblix serve --help)
  -v, --version   print the version

${SERVE_USAGE}`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  // Help wins over a command's own flags, so `oblix serve --help` never starts a server.
  if (command !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    console.log(command === 'serve' ? SERVE_USAGE : command === 'chat' ? CHAT_USAGE : command === 'usage' ? USAGE_USAGE : USAGE);
    return;
  }
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'models':
      return listModels(rest);
    case 'chat':
      return chat(rest);
    case 'usage':
      return showUsage(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    case 'version':
    case '--version':
    case '-v':
      console.log(VERSION);
      return;
    default:
      throw new UsageError(`${unknown(command)}\n\n${USAGE}`);
  }
}

/** `Unknown option '--verison': did you mean --version?`: a flag is matched against flags, a word against commands. */
function unknown(typed: string): string {
  const [what, known] = typed.startsWith('-') ? ['option', ['--help', '--version']] : ['command', ['serve', 'chat', 'models', 'usage', 'help', 'version']];
  const near = didYouMean(typed, known, (n) => n);
  return `Unknown ${what} '${typed}'${near ? `: ${near}` : '.'}`;
}

/** The `oblix` command: the npm package's bin (dist/cli.js) calls it from the one bundle it shares with the SDK. */
export function runCli(argv: string[]): void {
  main(argv).catch((err: unknown) => {
    const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`oblix: ${redact(errorMessage(err))}`);
    process.exit(usage ? 2 : 1);
  });
}

// Run as a program (tsx in the tests), not when the package's bundle is loaded as a library.
if (require.main === module) runCli(process.argv.slice(2));
