/**
 * The loudness of a video's own soundtrack, one value per video frame: what the mouth opening is compared with.
 */
import { runFfmpeg } from '../media/ffmpeg-adapter.js';
import type { FfmpegTools } from '../media/ffmpeg-tools.js';
import { InputError } from '../errors.js';
import { buildDecodePcmArgs } from '../speech/decode-audio-args.js';

export const ENVELOPE_SAMPLE_RATE_HZ = 16_000;

/**
 * The speech band whose loudness follows the mouth best: below it is voicing that sounds through closed lips
 * (the murmur of m, b), above it the hiss of s/f that barely opens the mouth.
 */
export const SPEECH_BAND_HZ: [number, number] = [300, 3000];

/**
 * Decodes the first audio stream of a file to 16 kHz mono 32-bit float on stdout, band-passed to the speech
 * band, with sample 0 at the file's time 0 (an audio stream that starts late is padded with silence).
 */
export function buildDecodeMonoPcmArgs(input: { inputPath: string; sampleRateHz?: number; bandHz?: [number, number] | null }): string[] {
  const band = input.bandHz === undefined ? SPEECH_BAND_HZ : input.bandHz;
  return buildDecodePcmArgs({
    inputPath: input.inputPath,
    sampleRateHz: input.sampleRateHz ?? ENVELOPE_SAMPLE_RATE_HZ,
    // Pads (or trims) to the container's time 0, so sound that starts after the picture stays where it plays.
    audioFilters: ['aresample=async=1:first_pts=0', ...(band ? [`highpass=f=${band[0]}`, `lowpass=f=${band[1]}`] : [])],
  });
}

/** The soundtrack of a media file as 16 kHz mono samples (speech band only unless `bandHz` is null). */
export async function decodeMonoPcm(
  tools: FfmpegTools,
  filePath: string,
  options: { signal?: AbortSignal; bandHz?: [number, number] | null } = {},
): Promise<Float32Array> {
  const args = buildDecodeMonoPcmArgs({ inputPath: filePath, bandHz: options.bandHz });
  const { stdout } = await runFfmpeg({ tools, args, collectStdout: true, signal: options.signal });
  const samples = new Float32Array(stdout.buffer.slice(stdout.byteOffset, stdout.byteOffset + (stdout.byteLength - (stdout.byteLength % 4))));
  if (samples.length === 0) throw new InputError('BAD_AUDIO', `${filePath}: has no sound to measure.`, filePath);
  return samples;
}

/**
 * RMS of the samples that play while each video frame is shown ([i/fps, (i+1)/fps)), smoothed over three
 * frames. `frameCount` pads (with 0) or cuts to the number of measured frames.
 */
export function frameEnvelope(samples: Float32Array, input: { sampleRateHz: number; fps: number; frameCount: number }): number[] {
  const rms: number[] = [];
  for (let i = 0; i < input.frameCount; i++) {
    const from = Math.round((i / input.fps) * input.sampleRateHz);
    const to = Math.min(samples.length, Math.round(((i + 1) / input.fps) * input.sampleRateHz));
    let sumSq = 0;
    for (let s = from; s < to; s++) sumSq += samples[s] * samples[s];
    rms.push(to > from ? Math.sqrt(sumSq / (to - from)) : 0);
  }
  return smoothThreeTap(rms);
}

export function smoothThreeTap(values: number[]): number[] {
  return values.map((v, i) => {
    const before = values[Math.max(0, i - 1)];
    const after = values[Math.min(values.length - 1, i + 1)];
    return 0.25 * before + 0.5 * v + 0.25 * after;
  });
}
