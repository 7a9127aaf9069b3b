import { produceFileAtomic } from './atomic-file.js';
import { buildMixAudioArgs, type MixAudioArgsInput } from './audio-mix-args.js';
import { runFfmpeg } from './ffmpeg-adapter.js';
import type { FfmpegTools } from './ffmpeg-tools.js';

/** Mixes clips at their start times into one WAV soundtrack (see buildMixAudioArgs); atomic. */
export async function mixAudioClips(input: MixAudioArgsInput & { tools: FfmpegTools }, options: { signal?: AbortSignal } = {}): Promise<void> {
  await produceFileAtomic(input.outPath, async (partialPath) => {
    await runFfmpeg({ tools: input.tools, args: buildMixAudioArgs({ ...input, outPath: partialPath }), signal: options.signal });
  });
}
