/**
 * Pure builder of the ffmpeg command that lays voice clips on one soundtrack at their start times
 * (a scene with several speakers or several clips). Nothing here runs a process.
 */
import { formatNumber } from './ffmpeg-args.js';

export interface AudioMixClip {
  path: string;
  /** Where the clip starts in the soundtrack, seconds ≥ 0. */
  startSec: number;
  /** Level change of this clip, dB (e.g. −18 to keep a clip's own sound under a new voice). */
  gainDb?: number;
}

export interface MixAudioArgsInput {
  clips: AudioMixClip[];
  /** Length of the soundtrack: clips are padded with silence or cut to it. */
  durationSec: number;
  outPath: string;
  sampleRateHz?: number;
}

/**
 * Each clip is resampled to stereo at the output rate, delayed to its start (`adelay`), padded and trimmed to
 * the full length (so `amix` sees equally long inputs and never re-weights them when one ends), then
 * summed: amix divides by the input count, `volume` restores each voice to its own level. Overlapping
 * voices add up as they would in a room. Output: 16-bit PCM WAV.
 */
export function buildMixAudioArgs(input: MixAudioArgsInput): string[] {
  const { clips, durationSec, outPath } = input;
  if (clips.length === 0) throw new RangeError('buildMixAudioArgs: no clips to mix');
  if (!(durationSec > 0)) throw new RangeError(`buildMixAudioArgs: durationSec must be > 0, got ${durationSec}`);
  const rate = input.sampleRateHz ?? 48_000;
  const duration = formatNumber(durationSec);
  const args = ['-hide_banner', '-nostdin', '-v', 'error'];
  for (const clip of clips) args.push('-i', clip.path);
  const chains = clips.map((clip, i) => {
    if (!(clip.startSec >= 0) || !Number.isFinite(clip.startSec)) throw new RangeError(`buildMixAudioArgs: clip ${i} starts at ${clip.startSec}`);
    const delayMs = Math.round(clip.startSec * 1000);
    const steps = [`aresample=${rate}`, 'aformat=sample_fmts=fltp:channel_layouts=stereo'];
    if (clip.gainDb !== undefined && clip.gainDb !== 0) steps.push(`volume=${formatNumber(clip.gainDb)}dB`);
    if (delayMs > 0) steps.push(`adelay=${delayMs}|${delayMs}`);
    steps.push('apad', `atrim=end=${duration}`);
    return `[${i}:a]${steps.join(',')}[mix_${i}]`;
  });
  const inputs = clips.map((_, i) => `[mix_${i}]`).join('');
  const sum = clips.length === 1 ? `${inputs}anull[mix_out]` : `${inputs}amix=inputs=${clips.length}:duration=first:dropout_transition=0,volume=${clips.length}[mix_out]`;
  args.push('-filter_complex', [...chains, sum].join(';'), '-map', '[mix_out]');
  args.push('-c:a', 'pcm_s16le', '-ar', String(rate), '-ac', '2', '-t', duration, '-f', 'wav', '-y', outPath);
  return args;
}
