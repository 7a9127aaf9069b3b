import type { FaceSoundView } from '../../contract/types';
import type { FfmpegTools } from '../../engine/media/index.js';

/** Enough for the timeline's widest zoom (a bar every few pixels) without sending a long clip's every sample. */
export const SOUND_PEAKS_PER_SEC = 50;
const DECODE_RATE_HZ = 8000;

/**
 * A clip's sound as peaks, decoded by ffmpeg (the page cannot decode every container the engine reads, MPEG-1 among
 * them). Mono at 8 kHz: a 10-minute clip is under 10 MB of samples, read once.
 */
export async function readSoundPeaks(tools: FfmpegTools, filePath: string): Promise<FaceSoundView> {
  const { probeMedia, runFfmpeg } = await import('../../engine/media/index.js');
  if (!(await probeMedia(tools, filePath)).hasAudio) return { peaksPerSec: SOUND_PEAKS_PER_SEC, peaks: [] };
  const args = ['-v', 'error', '-i', filePath, '-vn', '-ac', '1', '-ar', String(DECODE_RATE_HZ), '-f', 's16le', '-'];
  const { stdout } = await runFfmpeg({ tools, args, collectStdout: true });
  const samples = new Int16Array(stdout.buffer, stdout.byteOffset, Math.floor(stdout.length / 2));
  const slice = DECODE_RATE_HZ / SOUND_PEAKS_PER_SEC;
  const peaks: number[] = [];
  for (let start = 0; start < samples.length; start += slice) {
    let peak = 0;
    for (let i = start; i < Math.min(samples.length, start + slice); i++) peak = Math.max(peak, Math.abs(samples[i]));
    peaks.push(Math.round((peak / 32768) * 1000) / 1000);
  }
  return { peaksPerSec: SOUND_PEAKS_PER_SEC, peaks };
}
