/**
 * Probes remembered for one job. A render reads its clip and its voice from many places (framing, analysis,
 * tracking, speech, loudness, each frame reader); each of them used to start an ffprobe of its own, 7 of the clip
 * and 5 of the voice per dub. Tools made by `rememberProbes` answer a repeated probe of an unchanged file (same
 * size and modification time) from the first one; other tools probe every time.
 */
import type { FfmpegTools } from './ffmpeg-tools.js';
import type { MediaInfo } from './media-info.js';

interface Remembered {
  sizeBytes: number;
  mtimeMs: number;
  info: MediaInfo;
}

const memos = new WeakMap<FfmpegTools, Map<string, Remembered>>();

/** A copy of `tools` whose probes are remembered for as long as the copy is in use (one render, one job). */
export function rememberProbes(tools: FfmpegTools): FfmpegTools {
  if (memos.has(tools)) return tools;
  const scoped = { ...tools };
  memos.set(scoped, new Map());
  return scoped;
}

export function recalledProbe(tools: FfmpegTools, filePath: string, file: { sizeBytes: number; mtimeMs: number }): MediaInfo | undefined {
  const seen = memos.get(tools)?.get(filePath);
  return seen && seen.sizeBytes === file.sizeBytes && seen.mtimeMs === file.mtimeMs ? seen.info : undefined;
}

export function rememberProbe(tools: FfmpegTools, filePath: string, file: { sizeBytes: number; mtimeMs: number }, info: MediaInfo): void {
  memos.get(tools)?.set(filePath, { ...file, info });
}
