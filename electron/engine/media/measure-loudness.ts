import { EngineError, InputError } from '../errors.js';
import { runFfmpeg } from './ffmpeg-adapter.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { buildMeasureLoudnessArgs, INTEGRATED_KEY, parseEbur128Summary, type LoudnessMeasurement } from './loudness-args.js';
import { probeMedia } from './probe-media.js';

/** At or below this integrated loudness (BS.1770's absolute gate; ebur128 reports silence as −70.0) a soundtrack counts as silent. */
export const SILENT_BELOW_LUFS = -70;

/**
 * Integrated loudness, true peak and loudness range of the first audio stream of `filePath` (any file ffmpeg reads,
 * an MP4 included), measured with ffmpeg's ebur128 as delivered: 48 kHz stereo (see loudness-args.ts). Silence measures −Infinity.
 * Throws InputError FILE_NOT_FOUND / UNREADABLE_MEDIA, or BAD_AUDIO when the file has no audio stream.
 */
export async function measureLoudness(tools: FfmpegTools, filePath: string, options: { signal?: AbortSignal } = {}): Promise<LoudnessMeasurement> {
  const info = await probeMedia(tools, filePath, options);
  if (!info.hasAudio) throw new InputError('BAD_AUDIO', `${filePath}: has no audio stream to measure.`, filePath);
  return measureAudioStream(tools, filePath, options);
}

/** measureLoudness without the probe, for files this module has just written. */
export function measureAudioStream(tools: FfmpegTools, filePath: string, options: { signal?: AbortSignal } = {}): Promise<LoudnessMeasurement> {
  return runMetering(tools, buildMeasureLoudnessArgs({ inputPath: filePath }), filePath, options);
}

/** Runs an ffmpeg whose graph ends in the loudness meter (see loudness-args.ts) and reads the meter's summary. */
export async function runMetering(tools: FfmpegTools, args: string[], filePath: string, options: { signal?: AbortSignal } = {}): Promise<LoudnessMeasurement> {
  const stderr: string[] = [];
  await runFfmpeg({
    tools,
    args,
    signal: options.signal,
    timeoutMs: 300_000,
    // ebur128's metadata comes every 100 ms: keep only the latest value, not an hour of them.
    onStderrLine: (line) => {
      if (line.includes('] frame:')) return;
      if (line.includes(INTEGRATED_KEY) && stderr.at(-1)?.includes(INTEGRATED_KEY)) stderr[stderr.length - 1] = line;
      else stderr.push(line);
    },
  });
  const measurement = parseEbur128Summary(stderr);
  if (!measurement) {
    throw new EngineError('FFMPEG_FAILED', `ffmpeg printed no loudness summary for ${filePath}:\n${stderr.slice(-8).join('\n')}`);
  }
  return measurement;
}
