import type { RenderJobSpec } from './render-job.js';

export interface SoundtrackClip {
  path: string;
  /** Where the clip starts on the timeline, seconds. */
  start: number;
  trimStart: number;
  trimEnd: number;
}

const SAMPLE_RATE_HZ = 48_000;

/** The recorded clips of every track, in timeline order (script clips have no recording until speech synthesis). */
export function collectSoundtrackClips(spec: RenderJobSpec): SoundtrackClip[] {
  return spec.tracks
    .flatMap((track) => track.clips)
    .flatMap((clip) => (clip.kind === 'audio' ? [{ path: clip.path, start: clip.start, trimStart: clip.trimStart, trimEnd: clip.trimEnd }] : []))
    .sort((a, b) => a.start - b.start);
}

/**
 * ffmpeg arguments that mix the clips into one mono 48 kHz WAV exactly `durationSec` long: each clip cut to its trim
 * span, delayed to its place on the timeline, summed (amix divides by the input count; `volume` undoes that), padded
 * with silence. With no clips the result is silence.
 */
export function buildSoundtrackArgs({ clips, durationSec, outPath }: { clips: SoundtrackClip[]; durationSec: number; outPath: string }): string[] {
  const duration = durationSec.toFixed(3);
  if (clips.length === 0) {
    return ['-hide_banner', '-nostdin', '-y', '-f', 'lavfi', '-i', `anullsrc=r=${SAMPLE_RATE_HZ}:cl=mono`, '-t', duration, '-c:a', 'pcm_s16le', '-f', 'wav', outPath];
  }
  const inputs = clips.flatMap((clip) => ['-i', clip.path]);
  const chains = clips.map((clip, index) => {
    const delayMs = Math.round(clip.start * 1000);
    return (
      `[${index}:a]atrim=start=${clip.trimStart.toFixed(3)}:end=${clip.trimEnd.toFixed(3)},asetpts=PTS-STARTPTS,` +
      `aformat=sample_rates=${SAMPLE_RATE_HZ}:channel_layouts=mono,adelay=${delayMs}[c${index}]`
    );
  });
  const labels = clips.map((_, index) => `[c${index}]`).join('');
  const mix = clips.length === 1 ? `${labels}apad[out]` : `${labels}amix=inputs=${clips.length}:duration=longest,volume=${clips.length},apad[out]`;
  return [
    '-hide_banner', '-nostdin', '-y', ...inputs,
    '-filter_complex', `${chains.join(';')};${mix}`,
    '-map', '[out]', '-t', duration, '-ar', String(SAMPLE_RATE_HZ), '-ac', '1', '-c:a', 'pcm_s16le', '-f', 'wav', outPath,
  ];
}
