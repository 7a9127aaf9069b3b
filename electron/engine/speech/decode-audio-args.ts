/**
 * Pure builder of the ffmpeg argument list that turns any file with sound into raw PCM on stdout.
 * Nothing here runs a process (see media/ffmpeg-args.ts for the same style).
 */

import { firstAudioStreamInputArgs } from '../media/ffmpeg-args.js';

/** The analysis format of the speech stage: 16 kHz mono float. */
export const ANALYSIS_SAMPLE_RATE_HZ = 16_000;

export interface DecodePcmArgsInput {
  inputPath: string;
  sampleRateHz?: number;
  /** Raw sample format on stdout: 32-bit float (default) or 16-bit integer, little-endian. */
  sampleFormat?: 'f32le' | 's16le';
  /** ffmpeg audio filters applied after downmixing and resampling (joined into one `-af` chain). */
  audioFilters?: string[];
}

/** Decodes the first audio stream, downmixed to mono and resampled, as headerless samples on stdout. */
export function buildDecodePcmArgs(input: DecodePcmArgsInput): string[] {
  const sampleFormat = input.sampleFormat ?? 'f32le';
  const sampleRateHz = Math.round(input.sampleRateHz ?? ANALYSIS_SAMPLE_RATE_HZ);
  if (!(sampleRateHz >= 1000 && sampleRateHz <= 384_000)) throw new RangeError(`sample rate out of range: ${input.sampleRateHz}`);
  return [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    ...firstAudioStreamInputArgs(input.inputPath),
    '-ac',
    '1',
    '-ar',
    String(sampleRateHz),
    ...(input.audioFilters?.length ? ['-af', input.audioFilters.join(',')] : []),
    '-c:a',
    sampleFormat === 'f32le' ? 'pcm_f32le' : 'pcm_s16le',
    '-f',
    sampleFormat,
    'pipe:1',
  ];
}
