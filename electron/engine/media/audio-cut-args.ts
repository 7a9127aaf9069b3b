/** Pure builder of the ffmpeg command that copies one span of a recording into a WAV. Nothing here runs a process. */
import { formatNumber } from './ffmpeg-args.js';

export interface CutAudioArgsInput {
  inputPath: string;
  /** Seconds into the recording where the span starts. */
  startSec: number;
  /** Seconds into the recording where the span ends (after startSec); to the end of the recording when absent. */
  endSec?: number;
  outPath: string;
}

/**
 * Input seek (sample-accurate when decoding, which ffmpeg does here), then exactly the span's length; the sound keeps
 * its own rate and channels and becomes 16-bit PCM, so the cut plays at the recording's quality.
 */
export function buildCutAudioArgs({ inputPath, startSec, endSec, outPath }: CutAudioArgsInput): string[] {
  if (!(startSec >= 0) || !Number.isFinite(startSec)) throw new RangeError(`buildCutAudioArgs: startSec must be ≥ 0, got ${startSec}`);
  if (endSec !== undefined && (!(endSec > startSec) || !Number.isFinite(endSec))) throw new RangeError(`buildCutAudioArgs: endSec must be after startSec (${startSec}), got ${endSec}`);
  return [
    '-hide_banner', '-nostdin', '-v', 'error',
    '-ss', formatNumber(startSec), ...(endSec === undefined ? [] : ['-t', formatNumber(endSec - startSec)]), '-i', inputPath,
    '-vn', '-map', '0:a:0', '-c:a', 'pcm_s16le', '-f', 'wav', '-y', outPath,
  ];
}
