import type { EngineContext } from '../engine/engine-context.js';
import { createProgressReporter } from './progress-reporter.js';
import { defaultModelPaths } from './package-paths.js';

/** What every command gets: output, progress, and a lazily created engine. */
export interface CommandContext {
  /** Fires on Ctrl-C; long commands pass it to the engine so they stop cleanly. */
  signal: AbortSignal;
  out(text: string): void;
  progress(json: boolean): ReturnType<typeof createProgressReporter>;
  engine(): Promise<EngineContext>;
}

export function createCommandContext({ signal, env = process.env }: { signal: AbortSignal; env?: NodeJS.ProcessEnv }): CommandContext & {
  dispose(): Promise<void>;
} {
  let engine: Promise<EngineContext> | undefined;
  return {
    signal,
    out: (text) => process.stdout.write(`${text}\n`),
    progress: (json) => createProgressReporter({ json }),
    // Loaded on first use: commands that need no face models do not load their runtime.
    engine: () =>
      (engine ??= import('../engine/engine-context.js').then(({ createEngineContext }) =>
        createEngineContext({ ...defaultModelPaths(env), ffmpegPath: env.MOUTHPIECE_FFMPEG, ffprobePath: env.MOUTHPIECE_FFPROBE }),
      )),
    dispose: async () => {
      if (engine) await (await engine.catch(() => null))?.close();
    },
  };
}
