import { segmentFrames } from './coarticulation.js';
import type { ArticulationCurves, TimedPhoneme } from './speech-types.js';
import { phonemeToViseme } from './visemes.js';

export interface LipSyncScore {
  /** Bilabial phonemes (b p m …) in the reference. */
  closures: number;
  /** Of those, how many show lipPress ≥ threshold within ±tolerance frames of their own frames. */
  closuresHit: number;
  /** Runs of pressed-lip frames in the curves, and how many of them meet a reference bilabial (precision). */
  pressRuns: number;
  pressRunsOnBilabial: number;
  /** Of the runs that meet no bilabial, those lying wholly in a pause of the reference (the rest fall inside speech). */
  falseRunsInPause: number;
  /** Open vowels (a ɑ æ ʌ …) of at least 50 ms, and how many open the jaw past `openJaw`. */
  openVowels: number;
  openVowelsHit: number;
}

/**
 * Scores articulation curves against a reference phoneme timeline (e.g. the synthesiser's own events): do the
 * lips close at every b/p/m and does the jaw open at open vowels, at the right frames.
 */
export function scoreLipSync(reference: TimedPhoneme[], curves: ArticulationCurves, { toleranceFrames = 1, pressThreshold = 0.8, openJaw = 0.4 } = {}): LipSyncScore {
  const { fps, frameCount } = curves;
  const score: LipSyncScore = { closures: 0, closuresHit: 0, pressRuns: 0, pressRunsOnBilabial: 0, falseRunsInPause: 0, openVowels: 0, openVowelsHit: 0 };
  const bilabialFrames = new Uint8Array(frameCount);
  const pauseFrames = new Uint8Array(frameCount);
  for (const p of reference) {
    const viseme = phonemeToViseme(p.phoneme);
    const [from, to] = segmentFrames(p.start, p.end, fps, frameCount);
    if (p.phoneme === '_') pauseFrames.fill(1, from, to + 1);
    if (viseme === 'PP') {
      score.closures++;
      const lo = Math.max(0, from - toleranceFrames);
      const hi = Math.min(frameCount - 1, to + toleranceFrames);
      for (let k = lo; k <= hi; k++) bilabialFrames[k] = 1;
      if (curves.lipPress.slice(lo, hi + 1).some((v) => v >= pressThreshold)) score.closuresHit++;
    } else if (viseme === 'aa' && p.end - p.start >= 0.05) {
      score.openVowels++;
      if (Math.max(...curves.jawOpen.slice(from, to + 1)) >= openJaw) score.openVowelsHit++;
    }
  }
  for (let k = 0; k < frameCount; k++) {
    if (curves.lipPress[k] < pressThreshold || (k > 0 && curves.lipPress[k - 1] >= pressThreshold)) continue;
    score.pressRuns++;
    let onBilabial = false;
    let inPause = true;
    for (let j = k; j < frameCount && curves.lipPress[j] >= pressThreshold; j++) {
      onBilabial ||= bilabialFrames[j] === 1;
      inPause &&= pauseFrames[j] === 1;
    }
    if (onBilabial) score.pressRunsOnBilabial++;
    else if (inPause) score.falseRunsInPause++;
  }
  return score;
}

export const ratio = (hit: number, total: number) => (total ? hit / total : 1);

/**
 * The lag (in frames) at which the mouth opening best matches the loudness envelope, searched over ±maxLag;
 * positive means the mouth trails the sound. The quality goal is 0 ± 1.
 */
export function envelopeLagFrames(jawOpen: number[], loudness: number[], maxLag = 6): { lag: number; correlation: number } {
  const n = Math.min(jawOpen.length, loudness.length);
  const mean = (a: number[]) => a.slice(0, n).reduce((s, v) => s + v, 0) / n;
  const [mj, ml] = [mean(jawOpen), mean(loudness)];
  let best = { lag: 0, correlation: -Infinity };
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let k = Math.max(0, lag); k < Math.min(n, n + lag); k++) {
      const x = jawOpen[k] - mj;
      const y = loudness[k - lag] - ml;
      sxy += x * y;
      sxx += x * x;
      syy += y * y;
    }
    const r = sxy / Math.sqrt(sxx * syy + 1e-12);
    if (r > best.correlation) best = { lag, correlation: r };
  }
  return best;
}
