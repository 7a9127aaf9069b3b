import { CancelledError, EngineError, InputError } from '../engine/errors.js';
import { runAnalyzeCommand, ANALYZE_USAGE } from './commands/analyze-command.js';
import { runBatchCommand, BATCH_USAGE } from './commands/batch-command.js';
import { runRenderCommand, RENDER_USAGE } from './commands/render-command.js';
import { runSayCommand, SAY_USAGE } from './commands/say-command.js';
import { runVisemesCommand, VISEMES_USAGE } from './commands/visemes-command.js';
import { runStudioCommand, STUDIO_USAGE } from './commands/studio-command.js';
import { runVerifyCommand, VERIFY_USAGE } from './commands/verify-command.js';
import { createCommandContext, type CommandContext } from './command-context.js';
import { packageVersion } from './package-paths.js';

const USAGE = `Mouthpiece — make a face speak, locally.

Usage: mouthpiece <command> [options]

Commands:
  analyze <image|video>   find every face (0 = largest) with landmarks and masks
  say "<text>" -o f.wav   speak text with the built-in offline voice, with word and phoneme timings
  visemes <audio>         phonemes, visemes and mouth curves of a recording (--text to align a transcript)
  render --face F (--audio A | --say "…") -o out.mp4   make the face speak (or --scene scene.json)
  batch <manifest> -o DIR  render every row of a CSV/JSON manifest (resumable queue, captions, presets)
  verify <video>          check a video's signed credentials and invisible watermark (one-line verdict)
  studio                  serve the studio to a browser on this computer (127.0.0.1, token-protected)

Run \`mouthpiece <command> --help\` for a command's options.
Exit codes: 0 success, 2 bad input (the reason names the file), 1 internal failure.

${ANALYZE_USAGE}

${SAY_USAGE}

${VISEMES_USAGE}

${RENDER_USAGE}

${BATCH_USAGE}

${VERIFY_USAGE}

${STUDIO_USAGE}`;

type Command = (argv: string[], ctx: CommandContext) => Promise<void>;
const COMMANDS: Record<string, Command> = {
  analyze: runAnalyzeCommand,
  say: runSayCommand,
  visemes: runVisemesCommand,
  render: runRenderCommand,
  batch: runBatchCommand,
  verify: runVerifyCommand,
  studio: runStudioCommand,
};

/** Runs the CLI and returns its exit code; never throws. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`mouthpiece: unknown command "${name}". Run \`mouthpiece --help\`.\n`);
    return 2;
  }
  const abort = new AbortController();
  const ctx = createCommandContext({ signal: abort.signal });
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    await command(rest, ctx);
    return 0;
  } catch (error) {
    return reportError(error);
  } finally {
    process.off('SIGINT', onSigint);
    await ctx.dispose();
  }
}

/** One line on stderr; exit 2 for the user's input, 1 for our own failures. */
export function reportError(error: unknown): number {
  if (error instanceof InputError) {
    process.stderr.write(`mouthpiece: ${error.message}\n`);
    return 2;
  }
  if (error instanceof CancelledError) {
    process.stderr.write('mouthpiece: cancelled.\n');
    return 130;
  }
  if (error instanceof TypeError && /ERR_PARSE_ARGS|Unknown option|unexpected argument/i.test(`${(error as NodeJS.ErrnoException).code} ${error.message}`)) {
    process.stderr.write(`mouthpiece: ${error.message}\n`);
    return 2;
  }
  if (error instanceof EngineError) {
    process.stderr.write(`mouthpiece: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(`mouthpiece: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
