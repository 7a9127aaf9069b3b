/**
 * Lip sync judged on the output: does the measured mouth opening follow the loudness of the soundtrack, at
 * which delay, and do the lips shut at b/p/m and open at open vowels?
 */
import type { TimedPhoneme } from '../speech/speech-types.js';

export interface LagCorrelation {
  lagFrames: number;
  correlation: number;
}

export interface LipSyncResult {
  /** Positive: the mouth moves this many frames after the sound; 0 is in sync. */
  peakLagFrames: number;
  /** Pearson correlation at the peak, -1..1. */
  peakCorrelation: number;
  correlations: LagCorrelation[];
}

export const DEFAULT_MAX_LAG_FRAMES = 10;

/** Pearson correlation of `a[i + lag]` with `b[i]` over the frames both cover (0 when either is flat). */
export function laggedCorrelation(a: number[], b: number[], lag: number): number {
  const pairs: [number, number][] = [];
  for (let i = 0; i < b.length; i++) {
    const j = i + lag;
    if (j >= 0 && j < a.length) pairs.push([a[j], b[i]]);
  }
  if (pairs.length < 3) return 0;
  const meanA = pairs.reduce((s, p) => s + p[0], 0) / pairs.length;
  const meanB = pairs.reduce((s, p) => s + p[1], 0) / pairs.length;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (const [x, y] of pairs) {
    cov += (x - meanA) * (y - meanB);
    varA += (x - meanA) ** 2;
    varB += (y - meanB) ** 2;
  }
  return varA > 0 && varB > 0 ? cov / Math.sqrt(varA * varB) : 0;
}

/** Half-width of the moving average taken off both series before correlating, in seconds. */
export const DETREND_HALF_WINDOW_SEC = 0.25;

/** The series minus its centred moving average: keeps syllable-rate movement, drops slow drifts. */
export function removeSlowTrend(values: number[], halfWindow: number): number[] {
  return values.map((v, i) => {
    let sum = 0;
    let n = 0;
    for (let k = Math.max(0, i - halfWindow); k <= Math.min(values.length - 1, i + halfWindow); k++) {
      sum += values[k];
      n += 1;
    }
    return v - sum / n;
  });
}

/**
 * Cross-correlates the mouth-opening series with the sound envelope over lags −maxLag..+maxLag frames.
 * Both are detrended first (slow changes, such as a head turn changing the measured gap, or a louder
 * sentence, say nothing about sync and would widen the peak).
 */
export function measureLipSync(input: { lipGap: number[]; envelope: number[]; fps: number; maxLagFrames?: number }): LipSyncResult {
  const maxLag = input.maxLagFrames ?? DEFAULT_MAX_LAG_FRAMES;
  const halfWindow = Math.max(1, Math.round(DETREND_HALF_WINDOW_SEC * input.fps));
  const lipGap = removeSlowTrend(input.lipGap, halfWindow);
  const envelope = removeSlowTrend(input.envelope, halfWindow);
  const correlations: LagCorrelation[] = [];
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    correlations.push({ lagFrames: lag, correlation: laggedCorrelation(lipGap, envelope, lag) });
  }
  const peak = correlations.reduce((best, c) => (c.correlation > best.correlation ? c : best), correlations[0]);
  return { peakLagFrames: peak.lagFrames, peakCorrelation: peak.correlation, correlations };
}

/** An envelope whose first echo (autocorrelation peak after lag 0) is weaker than this has no rhythm to mistake. */
export const RHYTHM_MIN_ECHO = 0.2;

/**
 * The widest lag search that cannot mistake the speech's rhythm for an offset. Speech with a steady syllable rate has
 * an envelope that repeats every P frames, so a mouth in perfect sync also correlates with it P frames off (GRID's
 * lbax4n: 0.55 at 8 frames, and its own real mouth 0.47 there against 0.51 in sync). A lag is only told apart from
 * that echo within less than half of P either side. P is the first peak of the envelope's (detrended) autocorrelation;
 * the result is never under 2 (so an offset of 2 frames still shows) nor over `maxLag`, which is also the answer when
 * the envelope has no echo of at least RHYTHM_MIN_ECHO.
 */
export function unambiguousMaxLag(envelope: number[], fps: number, maxLag = DEFAULT_MAX_LAG_FRAMES): number {
  const detrended = removeSlowTrend(envelope, Math.max(1, Math.round(DETREND_HALF_WINDOW_SEC * fps)));
  const auto = (lag: number) => laggedCorrelation(detrended, detrended, lag);
  let previous = auto(1);
  let falling = true;
  for (let lag = 2; lag <= 2 * maxLag + 1; lag++) {
    const value = auto(lag);
    if (falling && value > previous) falling = false;
    else if (!falling && value < previous) return previous >= RHYTHM_MIN_ECHO ? Math.min(maxLag, Math.max(2, Math.ceil((lag - 1) / 2) - 1)) : maxLag;
    previous = value;
  }
  return maxLag;
}

/** Lip gap (over face height) under which the lips count as shut. */
export const CLOSED_LIP_GAP = 0.02;
/** Lip gap over which the mouth counts as open. */
export const OPEN_LIP_GAP = 0.035;

const BILABIALS = new Set(['p', 'b', 'm']);
const OPEN_VOWEL_STARTS = new Set(['a', 'ɑ', 'æ', 'ɐ', 'ɒ', 'ɔ', 'ʌ']);

function bareIpa(phoneme: string): string {
  return phoneme.replace(/[ˈˌ'",%=]/g, '').trim();
}

export function isBilabial(phoneme: string): boolean {
  const bare = bareIpa(phoneme);
  return bare.length > 0 && BILABIALS.has(bare[0]);
}

export function isOpenVowel(phoneme: string): boolean {
  const bare = bareIpa(phoneme);
  return bare.length > 0 && OPEN_VOWEL_STARTS.has(bare[0]);
}

export interface ArticulationCheck {
  phoneme: string;
  start: number;
  end: number;
  /** The smallest (for b/p/m) or largest (for open vowels) lip gap over the frames the phoneme covers. */
  lipGap: number;
  passed: boolean;
}

export interface ArticulationResult {
  medianLipGap: number;
  closures: { count: number; closedShare: number; checks: ArticulationCheck[] };
  openVowels: { count: number; openShare: number; checks: ArticulationCheck[] };
}

/** The video frames shown while a phoneme sounds (at least the frame it starts in). */
function framesOf(phoneme: TimedPhoneme, fps: number, frameCount: number): number[] {
  const epsilon = 1e-6; // 0.28 s × 25 fps is 7.000000000000001, which must stay frame 7's start, not enter it
  const first = Math.max(0, Math.floor(phoneme.start * fps + epsilon));
  const last = Math.min(frameCount - 1, Math.max(first, Math.ceil(phoneme.end * fps - epsilon) - 1));
  const frames: number[] = [];
  for (let f = first; f <= last; f++) frames.push(f);
  return frames;
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * At every b/p/m the lips must shut (gap under CLOSED_LIP_GAP and under the clip's median gap) during some
 * frame of the phoneme; at every open vowel they must open (over OPEN_LIP_GAP and over the median).
 */
export function measureArticulation(input: { lipGap: number[]; fps: number; phonemes: TimedPhoneme[] }): ArticulationResult {
  const medianLipGap = median(input.lipGap);
  const closures: ArticulationCheck[] = [];
  const opens: ArticulationCheck[] = [];
  for (const phoneme of input.phonemes) {
    if (phoneme.start * input.fps >= input.lipGap.length) continue;
    const gaps = framesOf(phoneme, input.fps, input.lipGap.length).map((f) => input.lipGap[f]);
    if (isBilabial(phoneme.phoneme)) {
      const lipGap = Math.min(...gaps);
      closures.push({ ...phoneme, lipGap, passed: lipGap < CLOSED_LIP_GAP && lipGap < medianLipGap });
    } else if (isOpenVowel(phoneme.phoneme)) {
      const lipGap = Math.max(...gaps);
      opens.push({ ...phoneme, lipGap, passed: lipGap > OPEN_LIP_GAP && lipGap > medianLipGap });
    }
  }
  const share = (checks: ArticulationCheck[]) => (checks.length ? checks.filter((c) => c.passed).length / checks.length : NaN);
  return {
    medianLipGap,
    closures: { count: closures.length, closedShare: share(closures), checks: closures },
    openVowels: { count: opens.length, openShare: share(opens), checks: opens },
  };
}
