/**
 * Pure builders and parsers for loudness work (EBU R128 / ITU-R BS.1770). Nothing here runs a process.
 *
 * The meter is ffmpeg's `ebur128` filter, not `loudnorm`'s JSON summary: on the shared speech recordings the bundled
 * loudnorm reads 0.3–0.6 LU quieter than ebur128, and a plain BS.1770-4 computation (K-weighting at 48 kHz, 400 ms
 * blocks, −70 LUFS and −10 LU gates) agreed with ebur128 to 0.01 LU (e.g. −13.44 vs −13.444 on a normalised JFK clip).
 * ebur128's summary has one decimal; its per-frame metadata (`lavfi.r128.I`, printed by `ametadata`) has three.
 */
import { firstAudioStreamInputArgs, formatNumber } from './ffmpeg-args.js';

/** What the soundtrack is measured and delivered at: the MP4's AAC rate, in stereo. */
export const LOUDNESS_SAMPLE_RATE_HZ = 48_000;

/**
 * Shortest sound measured as it is: integrated loudness is made of 400 ms blocks, so a shorter clip (a one-word TTS
 * line) would measure −∞; it is padded with silence to this length. Longer clips are not padded, because the blocks
 * that straddle speech and added silence would pull a 2 s line down by ~0.3 LU.
 */
export const MEASURE_MIN_SEC = 0.4;

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

/** The metadata key whose last value is the integrated loudness to three decimals. */
export const INTEGRATED_KEY = 'lavfi.r128.I';

/** The meter: ebur128 (true peak on) and the metadata line carrying the three-decimal integrated value. */
const METER = `apad=whole_len=${Math.round(MEASURE_MIN_SEC * LOUDNESS_SAMPLE_RATE_HZ)},ebur128=peak=true:metadata=1,ametadata=mode=print:key=${INTEGRATED_KEY}`;

/**
 * Measures the first audio stream of any file ffmpeg reads (WAV, Ogg, MP4 after AAC…). The summary and the metadata
 * lines go to stderr at `info` level, so this is the one command that cannot use `-v error`.
 */
export function buildMeasureLoudnessArgs(input: { inputPath: string }): string[] {
  return [...BASE_ARGS, '-v', 'info', ...firstAudioStreamInputArgs(input.inputPath), '-af', `${DELIVERY_FORMAT},${METER}`, '-f', 'null', '-'];
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
 * The same process meters what it writes, as buildMeasureLoudnessArgs would meter the file: the 16-bit samples are
 * split off before the muxer and read as the WAV decoder would give them (one ffmpeg per pass instead of two). Its
 * stderr is at `info` level for the meter's summary.
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
    `aformat=sample_fmts=s16:channel_layouts=stereo`,
  ];
  const graph = `[0:a:0]${chain.join(',')},asplit=2[wav][meter];[meter]${DELIVERY_FORMAT},${METER}[metered]`;
  return [
    ...BASE_ARGS,
    '-v',
    'info',
    '-i',
    input.inputPath,
    '-filter_complex',
    graph,
    '-map',
    '[metered]',
    '-f',
    'null',
    '-',
    '-map',
    '[wav]',
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
 * Reads ebur128's end-of-run summary out of ffmpeg's stderr lines (`I:`, `Threshold:`, `LRA:`, `Peak:` after
 * `Summary:`), taking the integrated loudness from the last `lavfi.r128.I=` metadata line when there is one (three
 * decimals instead of one). "-inf" (digital silence) becomes −Infinity. Null when there is no complete summary.
 */
export function parseEbur128Summary(stderrLines: readonly string[]): LoudnessMeasurement | null {
  const start = stderrLines.findLastIndex((line) => /ebur128_?\d* @ .*\] Summary:\s*$/.test(line));
  if (start < 0) return null;
  const summary = stderrLines.slice(start + 1);
  const read = (label: string, unit: string): number | null => {
    const pattern = new RegExp(`^\\s*${label}:\\s*(-?inf|[-+]?\\d+(?:\\.\\d+)?)\\s*${unit}\\s*$`, 'i');
    for (const line of summary) {
      const match = pattern.exec(line);
      if (match) return parseLevel(match[1]);
    }
    return null;
  };
  const summaryIntegrated = read('I', 'LUFS');
  const thresholdLufs = read('Threshold', 'LUFS');
  const loudnessRangeLu = read('LRA', 'LU');
  const truePeakDbtp = read('Peak', 'dBFS');
  if (summaryIntegrated === null || thresholdLufs === null || loudnessRangeLu === null || truePeakDbtp === null) return null;
  const precise = stderrLines
    .slice(0, start)
    .findLast((line) => line.includes(`${INTEGRATED_KEY}=`))
    ?.split(`${INTEGRATED_KEY}=`)[1];
  const preciseIntegrated = precise === undefined ? null : parseLevel(precise.trim());
  // The metadata trails the summary by at most the last 100 ms frame; trust it only when the two agree.
  const integratedLufs = preciseIntegrated !== null && Math.abs(preciseIntegrated - summaryIntegrated) <= 0.06 ? preciseIntegrated : summaryIntegrated;
  return { integratedLufs, truePeakDbtp, loudnessRangeLu, thresholdLufs };
}

function parseLevel(text: string): number | null {
  const lower = text.toLowerCase();
  if (lower === '-inf') return -Infinity;
  if (lower === 'inf') return Infinity;
  const value = Number(text);
  return text !== '' && Number.isFinite(value) ? value : null;
}
