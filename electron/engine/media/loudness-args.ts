/**
 * Pure builders and parsers for loudness work (EBU R128 / ITU-R BS.1770). Nothing here runs a process.
 *
 * The meter is ffmpeg's `loudnorm` in analysis mode (its JSON summary, two decimals), not `ebur128`: loudnorm measures
 * with libebur128's gating, and one meter everywhere keeps the measure → correct → verify loop consistent. On the
 * shared speech recordings ebur128 reads 0.2–0.4 LU louder than loudnorm; both agree on steady tones.
 */
import { formatNumber } from './ffmpeg-args.js';

/** What the soundtrack is measured and delivered at: the MP4's AAC rate, in stereo. */
export const LOUDNESS_SAMPLE_RATE_HZ = 48_000;

/**
 * Silence added after the sound before measuring. Integrated loudness is made of 400 ms blocks, so a clip shorter
 * than that (a one-word TTS line) would measure −∞; a little silence gives it one block and is otherwise gated out.
 */
export const MEASURE_PAD_SEC = 0.4;

export interface LoudnessMeasurement {
  /** Integrated loudness, LUFS; −Infinity for silence. */
  integratedLufs: number;
  /** True peak (4× oversampled), dBTP; −Infinity for digital silence. */
  truePeakDbtp: number;
  /** Loudness range, LU. */
  loudnessRangeLu: number;
  /** Relative gate threshold, LUFS. */
  thresholdLufs: number;
}

const BASE_ARGS = ['-hide_banner', '-nostdin', '-nostats'];

/**
 * Mono sources are spread to stereo by ffmpeg's default pan law (−3 dB a side), which keeps BS.1770 loudness and is
 * exactly what the MP4 will hold; measuring and correcting in that layout means what we measure is what ships.
 */
const DELIVERY_FORMAT = `aresample=${LOUDNESS_SAMPLE_RATE_HZ},aformat=sample_fmts=flt:channel_layouts=stereo`;

/**
 * Measures the first audio stream of any file ffmpeg reads (WAV, Ogg, MP4 after AAC…). The summary is printed at
 * `info` level on stderr, so this is the one command that cannot use `-v error`.
 */
export function buildMeasureLoudnessArgs(input: { inputPath: string }): string[] {
  const pad = `apad=pad_len=${Math.round(MEASURE_PAD_SEC * LOUDNESS_SAMPLE_RATE_HZ)}`;
  return [
    ...BASE_ARGS,
    '-v',
    'info',
    '-i',
    input.inputPath,
    '-map',
    '0:a:0',
    '-vn',
    '-sn',
    '-dn',
    '-af',
    `${DELIVERY_FORMAT},${pad},loudnorm=print_format=json`,
    '-f',
    'null',
    '-',
  ];
}

export interface ApplyLoudnessArgsInput {
  inputPath: string;
  outPath: string;
  /** Linear gain to apply, dB. */
  gainDb: number;
  /** Ceiling of the true-peak limiter after the gain, dBTP. */
  ceilingDbtp: number;
}

/**
 * Gain, then a peak limiter run at 192 kHz (4× the delivery rate, as a true-peak meter oversamples, so limiting the
 * samples there limits the true peak), back to 48 kHz stereo 16-bit WAV. The limiter only touches peaks above the
 * ceiling; below it the chain is a plain gain, which keeps speech dynamics intact (loudnorm's dynamic mode does not).
 */
export function buildApplyLoudnessArgs(input: ApplyLoudnessArgsInput): string[] {
  const limit = 10 ** (input.ceilingDbtp / 20);
  if (!(limit >= 0.0625 && limit <= 1)) throw new RangeError(`ceilingDbtp must be between -24 and 0, got ${input.ceilingDbtp}`);
  const chain = [
    DELIVERY_FORMAT,
    `volume=${formatNumber(input.gainDb)}dB`,
    `aresample=${LOUDNESS_SAMPLE_RATE_HZ * 4}`,
    // level=false: alimiter would otherwise make up the gain it took and push everything back to full scale.
    `alimiter=limit=${formatNumber(limit)}:attack=1:release=60:level=false`,
    `aresample=${LOUDNESS_SAMPLE_RATE_HZ}`,
  ];
  return [
    ...BASE_ARGS,
    '-v',
    'error',
    '-i',
    input.inputPath,
    '-map',
    '0:a:0',
    '-vn',
    '-sn',
    '-dn',
    '-af',
    chain.join(','),
    '-ar',
    String(LOUDNESS_SAMPLE_RATE_HZ),
    '-ac',
    '2',
    '-c:a',
    'pcm_s16le',
    '-f',
    'wav',
    '-y',
    input.outPath,
  ];
}

/**
 * Reads loudnorm's JSON summary out of ffmpeg's stderr lines: the `{ … }` block after the `[Parsed_loudnorm…]`
 * line. Values are strings and may be "-inf" (silence) or "inf". Returns null when there is no complete summary.
 */
export function parseLoudnormSummary(stderrLines: readonly string[]): LoudnessMeasurement | null {
  const start = stderrLines.findLastIndex((line) => line.trim() === '{');
  if (start < 0) return null;
  const end = stderrLines.findIndex((line, i) => i > start && line.trim() === '}');
  if (end < 0) return null;
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(stderrLines.slice(start, end + 1).join('\n')) as Record<string, unknown>;
  } catch {
    return null;
  }
  const read = (key: string): number | null => {
    const value = fields[key];
    if (typeof value !== 'string' && typeof value !== 'number') return null;
    const text = String(value).trim().toLowerCase();
    if (text === '-inf') return -Infinity;
    if (text === 'inf' || text === '+inf') return Infinity;
    const number = Number(text);
    return text !== '' && Number.isFinite(number) ? number : null;
  };
  const integratedLufs = read('input_i');
  const truePeakDbtp = read('input_tp');
  const loudnessRangeLu = read('input_lra');
  const thresholdLufs = read('input_thresh');
  if (integratedLufs === null || truePeakDbtp === null || loudnessRangeLu === null || thresholdLufs === null) return null;
  return { integratedLufs, truePeakDbtp, loudnessRangeLu, thresholdLufs };
}
