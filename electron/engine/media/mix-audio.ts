import { commitPartialFile, createPartialPath, ensureParentFolder, removePartialFile } from './atomic-file.js';
import { buildMixAudioArgs, type MixAudioArgsInput } from './audio-mix-args.js';
import { runFfmpeg } from './ffmpeg-adapter.js';
import type { FfmpegTools } from './ffmpeg-tools.js';

/** Mixes clips at their start times into one WAV soundtrack (see buildMixAudioArgs); atomic. */
export async function mixAudioClips(input: MixAudioArgsInput & { tools: FfmpegTools }, options: { signal?: AbortSignal } = {}): Promise<void> {
  await ensureParentFolder(input.outPath);
  const partialPath = createPartialPath(input.outPath);
  try {
    await runFfmpeg({ tools: input.tools, args: buildMixAudioArgs({ ...input, outPath: partialPath }), signal: options.signal });
    await commitPartialFile({ partialPath, outPath: input.outPath });
  } catch (error) {
    await removePartialFile(partialPath);
    throw error;
  }
}
