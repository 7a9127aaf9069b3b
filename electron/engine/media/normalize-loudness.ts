import { InputError, throwIfAborted } from '../errors.js';
import type { RunOptions } from '../progress.js';
import { produceFileAtomic } from './atomic-file.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { buildApplyLoudnessArgs, type LoudnessMeasurement } from './loudness-args.js';
import { measureLoudness, runMetering, SILENT_BELOW_LUFS } from './measure-loudness.js';

export interface NormalizeLoudnessInput {
  tools: FfmpegTools;
  inPath: string;
  /** Written as 48 kHz stereo 16-bit WAV, atomically (whole or not at all). */
  outPath: string;
  /** Integrated loudness to reach, LUFS; −14 is what the social platforms normalise to. */
  targetLufs?: number;
  /** True-peak ceiling of the result, dBTP. */
  truePeakDbtp?: number;
  /** How far the result may miss the target before another correction pass, LU. */
  toleranceLu?: number;
}

export interface NormalizeLoudnessResult {
  outPath: string;
  input: LoudnessMeasurement;
  output: LoudnessMeasurement;
  /** The gain finally applied before the limiter, dB. */
  gainDb: number;
  /** Whether the gain pushed peaks into the limiter (the result is then not a pure gain change). */
  limited: boolean;
  /** Render passes run (each followed by a measurement): 1 unless the limiter cost loudness. */
  applyPasses: number;
}

/**
 * Headroom kept between the limiter and the promised true peak: resampling 192 → 48 kHz and, later, AAC encoding can
 * raise inter-sample peaks a little (on the shared recordings the AAC-in-MP4 true peak stayed within 0.1 dB).
 */
const LIMITER_HEADROOM_DB = 0.5;
const MAX_APPLY_PASSES = 4;

/**
 * Brings a soundtrack to `targetLufs` integrated with true peaks ≤ `truePeakDbtp`, measured in passes:
 * 1. measure the input (ebur128, as delivered: 48 kHz stereo);
 * 2. apply the gain that reaches the target, through a true-peak limiter that only acts when the gain pushes peaks
 *    over the ceiling, metering the result in the same ffmpeg; when limiting cost loudness, add the shortfall and apply again.
 * loudnorm's own second pass was tried and not used: by its own meter, on a 2.4 s TTS line its linear mode left the
 * level 6 LU short (its 3 s look-ahead never fills), and where the gain breaks the peak limit it falls back to dynamic
 * mode, which landed 0.9 LU short on an 11 s speech clip and squeezed its loudness range.
 * Throws InputError BAD_AUDIO for a silent soundtrack or a file without audio; a cancel leaves no file.
 */
export async function normalizeLoudness(input: NormalizeLoudnessInput, options: RunOptions = {}): Promise<NormalizeLoudnessResult> {
  const { tools, inPath, outPath } = input;
  const targetLufs = input.targetLufs ?? -14;
  const truePeakDbtp = input.truePeakDbtp ?? -1;
  const toleranceLu = input.toleranceLu ?? 0.1;
  if (!(targetLufs >= -40 && targetLufs <= -5)) throw new InputError('BAD_ARGUMENT', `targetLufs must be between -40 and -5 LUFS, got ${targetLufs}.`);
  if (!(truePeakDbtp >= -9 && truePeakDbtp <= 0)) throw new InputError('BAD_ARGUMENT', `truePeakDbtp must be between -9 and 0 dBTP, got ${truePeakDbtp}.`);
  const { signal, onProgress } = options;
  const report = (ratio: number) => onProgress?.({ phase: 'loudness', ratio });

  report(0);
  const measured = await measureLoudness(tools, inPath, { signal });
  if (!(measured.integratedLufs > SILENT_BELOW_LUFS)) {
    throw new InputError('BAD_AUDIO', `${inPath}: the soundtrack is silent (${formatLufs(measured.integratedLufs)}), there is nothing to normalise.`, inPath);
  }
  const ceilingDbtp = truePeakDbtp - LIMITER_HEADROOM_DB;
  let gainDb = targetLufs - measured.integratedLufs;
  let output = measured;
  let applyPasses = 0;
  await produceFileAtomic(outPath, async (partialPath) => {
    for (;;) {
      throwIfAborted(signal);
      output = await runMetering(tools, buildApplyLoudnessArgs({ inputPath: inPath, outPath: partialPath, gainDb, ceilingDbtp }), partialPath, { signal });
      applyPasses += 1;
      report(Math.min(0.95, (applyPasses + 1) / (MAX_APPLY_PASSES + 1)));
      throwIfAborted(signal);
      const shortfallLu = targetLufs - output.integratedLufs;
      if (Math.abs(shortfallLu) <= toleranceLu || applyPasses >= MAX_APPLY_PASSES) return;
      gainDb += shortfallLu;
    }
  });
  report(1);
  return { outPath, input: measured, output, gainDb, limited: measured.truePeakDbtp + gainDb > ceilingDbtp, applyPasses };
}

function formatLufs(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} LUFS` : 'no measurable loudness';
}
