import { throwIfAborted } from '../engine/errors.js';
import { sweepStaleTempFolders } from '../engine/media/atomic-file.js';
import { createCommandContext, type CommandContext } from './command-context.js';
import { packageVersion } from '../engine/install-layout.js';
import { watchProcessLifecycle } from './process-lifecycle.js';
import { reportError } from './report-error.js';

const usage = (commandUsages: string[]) => `Mouthpiece — make a face speak, locally.

Usage: mouthpiece <command> [options]

Commands:
  analyze <image|video>   find every face (0 = largest) with landmarks and masks
  say "<text>" -o f.wav   speak text with the built-in offline voice, with word and phoneme timings
  visemes <audio>         phonemes, visemes and mouth curves of a recording (--text to align a transcript)
  render [--face F] (--audio A | --say "…") -o out.mp4   make the face speak (or --scene scene.json);
                          without --face, the bundled public-domain sample face speaks
  batch <manifest> -o DIR  render every row of a CSV/JSON manifest (resumable queue, captions, presets)
  verify <video>          check a video's signed credentials and invisible watermark (one-line verdict)
  studio                  serve the studio to a browser on this computer (127.0.0.1, token-protected)
  worker --farm URL       join a render farm: render jobs queued by \`batch --farm\` on other computers

Anywhere a face or a recording is asked for, "sample" names the bundled public-domain sample.
Run \`mouthpiece <command> --help\` for a command's options.
Exit codes: 0 success, 2 bad input (the reason names the file), 1 internal failure (or a full disk),
130 stopped by Ctrl-C, 143 by SIGTERM, 129 by SIGHUP or when the program that started it ends; a stopped
command removes its unfinished files. No command replaces an existing output without --overwrite, nor ever
writes over one of its own inputs.

${commandUsages.join('\n\n')}`;

type Command = (argv: string[], ctx: CommandContext) => Promise<void>;
/**
 * Each command is loaded when it is run, so `mouthpiece visemes` does not pay for loading the face models'
 * runtime, the caption fonts or the render queue (start-up counts in its speed).
 */
const COMMANDS: Record<string, () => Promise<{ run: Command; usage: string }>> = {
  analyze: () => import('./commands/analyze-command.js').then((m) => ({ run: m.runAnalyzeCommand, usage: m.ANALYZE_USAGE })),
  say: () => import('./commands/say-command.js').then((m) => ({ run: m.runSayCommand, usage: m.SAY_USAGE })),
  visemes: () => import('./commands/visemes-command.js').then((m) => ({ run: m.runVisemesCommand, usage: m.VISEMES_USAGE })),
  render: () => import('./commands/render-command.js').then((m) => ({ run: m.runRenderCommand, usage: m.RENDER_USAGE })),
  batch: () => import('./commands/batch-command.js').then((m) => ({ run: m.runBatchCommand, usage: m.BATCH_USAGE })),
  verify: () => import('./commands/verify-command.js').then((m) => ({ run: m.runVerifyCommand, usage: m.VERIFY_USAGE })),
  studio: () => import('./commands/studio-command.js').then((m) => ({ run: m.runStudioCommand, usage: m.STUDIO_USAGE })),
  worker: () => import('./commands/worker-command.js').then((m) => ({ run: m.runWorkerCommand, usage: m.WORKER_USAGE })),
};

/** Runs the CLI and returns its exit code; never throws. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const usages = await Promise.all(Object.values(COMMANDS).map(async (load) => (await load()).usage));
    process.stdout.write(`${usage(usages)}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(`mouthpiece: unknown command "${name}". Run \`mouthpiece --help\`.\n`);
    return 2;
  }
  const lifecycle = watchProcessLifecycle();
  const ctx = createCommandContext({ signal: lifecycle.signal });
  try {
    // Temporary folders of runs that were killed outright (kill -9, power cut) are removed by the next run.
    await sweepStaleTempFolders();
    throwIfAborted(lifecycle.signal);
    await (await load()).run(rest, ctx);
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
