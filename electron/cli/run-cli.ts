import { throwIfAborted } from '../engine/errors.js';
import { sweepStaleTempFolders } from '../engine/media/atomic-file.js';
import { runAnalyzeCommand, ANALYZE_USAGE } from './commands/analyze-command.js';
import { runBatchCommand, BATCH_USAGE } from './commands/batch-command.js';
import { runRenderCommand, RENDER_USAGE } from './commands/render-command.js';
import { runSayCommand, SAY_USAGE } from './commands/say-command.js';
import { runVisemesCommand, VISEMES_USAGE } from './commands/visemes-command.js';
import { runStudioCommand, STUDIO_USAGE } from './commands/studio-command.js';
import { runWorkerCommand, WORKER_USAGE } from './commands/worker-command.js';
import { createCommandContext, type CommandContext } from './command-context.js';
import { packageVersion } from './package-paths.js';
import { watchProcessLifecycle } from './process-lifecycle.js';
import { reportError } from './report-error.js';

const USAGE = `Mouthpiece — make a face speak, locally.

Usage: mouthpiece <command> [options]

Commands:
  analyze <image|video>   find every face (0 = largest) with landmarks and masks
  say "<text>" -o f.wav   speak text with the built-in offline voice, with word and phoneme timings
  visemes <audio>         phonemes, visemes and mouth curves of a recording (--text to align a transcript)
  render --face F (--audio A | --say "…") -o out.mp4   make the face speak (or --scene scene.json)
  batch <manifest> -o DIR  render every row of a CSV/JSON manifest (resumable queue, captions, presets)
  studio                  serve the studio to a browser on this computer (127.0.0.1, token-protected)
  worker --farm URL       join a render farm: render jobs queued by \`batch --farm\` on other computers

Run \`mouthpiece <command> --help\` for a command's options.
Exit codes: 0 success, 2 bad input (the reason names the file), 1 internal failure (or a full disk),
130 stopped by Ctrl-C, 143 by SIGTERM, 129 by SIGHUP or when the program that started it ends; a stopped
command removes its unfinished files. No command replaces an existing output without --overwrite, nor ever
writes over one of its own inputs.

${ANALYZE_USAGE}

${SAY_USAGE}

${VISEMES_USAGE}

${RENDER_USAGE}

${BATCH_USAGE}

${STUDIO_USAGE}

${WORKER_USAGE}`;

type Command = (argv: string[], ctx: CommandContext) => Promise<void>;
const COMMANDS: Record<string, Command> = {
  analyze: runAnalyzeCommand,
  say: runSayCommand,
  visemes: runVisemesCommand,
  render: runRenderCommand,
  batch: runBatchCommand,
  studio: runStudioCommand,
  worker: runWorkerCommand,
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
  const lifecycle = watchProcessLifecycle();
  const ctx = createCommandContext({ signal: lifecycle.signal });
  try {
    // Temporary folders of runs that were killed outright (kill -9, power cut) are removed by the next run.
    await sweepStaleTempFolders();
    throwIfAborted(lifecycle.signal);
    await command(rest, ctx);
    lifecycle.settle(0);
    return 0;
  } catch (error) {
    const code = reportError(error, { command: name, stopCause: lifecycle.stopCause() });
    lifecycle.settle(code);
    return code;
  } finally {
    await ctx.dispose();
    lifecycle.dispose();
  }
}
