import type { EngineContext } from '../engine/engine-context.js';
import { assertToolSetting } from '../engine/media/ffmpeg-tools.js';
import { loadSampleMedia, type SampleMedia } from '../engine/samples/index.js';
import { createProgressReporter } from './progress-reporter.js';
import { defaultModelPaths, defaultSamplesDir } from '../engine/install-layout.js';

/** A MOUTHPIECE_FFMPEG / MOUTHPIECE_FFPROBE that is set must work: the user asked for that binary, not another. */
export async function checkToolSettings(env: NodeJS.ProcessEnv): Promise<void> {
  if (env.MOUTHPIECE_FFMPEG) await assertToolSetting({ tool: 'ffmpeg', setting: 'MOUTHPIECE_FFMPEG', value: env.MOUTHPIECE_FFMPEG });
  if (env.MOUTHPIECE_FFPROBE) await assertToolSetting({ tool: 'ffprobe', setting: 'MOUTHPIECE_FFPROBE', value: env.MOUTHPIECE_FFPROBE });
}

/** What every command gets: output, progress, and a lazily created engine. */
export interface CommandContext {
  /** Fires on Ctrl-C; long commands pass it to the engine so they stop cleanly. */
  signal: AbortSignal;
  out(text: string): void;
  progress(json: boolean): ReturnType<typeof createProgressReporter>;
  engine(): Promise<EngineContext>;
  /** The bundled sample face and voice (read on first use: only `sample` values and a render without --face need them). */
  samples(): Promise<SampleMedia>;
}

export function createCommandContext({ signal, env = process.env }: { signal: AbortSignal; env?: NodeJS.ProcessEnv }): CommandContext & {
  dispose(): Promise<void>;
} {
  let engine: Promise<EngineContext> | undefined;
  let samples: Promise<SampleMedia> | undefined;
  return {
    signal,
    out: (text) => process.stdout.write(`${text}\n`),
    progress: (json) => createProgressReporter({ json }),
    // Loaded on first use: commands that need no face models do not load their runtime.
    engine: () =>
      (engine ??= checkToolSettings(env).then(() => import('../engine/engine-context.js').then(({ createEngineContext }) =>
        createEngineContext({ ...defaultModelPaths(env), ffmpegPath: env.MOUTHPIECE_FFMPEG, ffprobePath: env.MOUTHPIECE_FFPROBE }),
      ))),
    samples: () => (samples ??= loadSampleMedia(defaultSamplesDir(env))),
    dispose: async () => {
      if (engine) await (await engine.catch(() => null))?.close();
    },
  };
}
