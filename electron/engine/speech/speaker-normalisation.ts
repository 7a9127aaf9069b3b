import type { FrameFeatures } from './audio-features.js';

/**
 * What the audio-only estimator corrects for before it decides, measured on the clip itself: the speaker's
 * vocal-tract length (formants) and the channel's spectral tilt (a telephone line or a room takes the hiss out
 * of every consonant). Thresholds chosen on one voice and channel then hold on another.
 */
export interface SpeakerNormalisation {
  /** Multiply measured F1 / F2 by these to bring the speaker's medians to those of an average adult voice. */
  f1Scale: number;
  f2Scale: number;
  /**
   * How much higher (dB) the clip's hissiest frames' low/high band ratio sits than in clean wide-band speech:
   * add it to every low/high-ratio threshold. 0 for clean speech, ~17 dB on a telephone line.
   */
  ratioShiftDb: number;
}

export const NEUTRAL_NORMALISATION: SpeakerNormalisation = { f1Scale: 1, f2Scale: 1, ratioShiftDb: 0 };

/** Median F1/F2 of voiced speech of an average adult voice, and how far a speaker may be scaled toward them. */
const REFERENCE_MEDIAN_F1_HZ = 520;
const REFERENCE_MEDIAN_F2_HZ = 1500;
const MAX_FORMANT_SCALE = 1.3;
/** In clean wide-band speech the hissiest 5 % of loud frames (/s/, bursts) have this low/high ratio. */
const REFERENCE_HISS_RATIO_DB = -25;
const HISS_PERCENTILE = 0.05;
const RATIO_SHIFT_RANGE_DB = [-5, 20] as const;
/** Frames within this of the speech level count (pauses and the noise in them do not). */
const LOUD_WITHIN_DB = 30;
const MIN_FRAMES = 20;

export function measureSpeakerNormalisation(f: FrameFeatures, inSpeech: Uint8Array, levelDb: number): SpeakerNormalisation {
  const f1: number[] = [];
  const f2: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < f.frameCount; i++) {
    if (!inSpeech[i] || f.energyDb[i] < levelDb - LOUD_WITHIN_DB) continue;
    ratios.push(f.lowHighRatioDb[i]);
    if (f.energyDb[i] < levelDb - 15 || f.lowHighRatioDb[i] <= 0 || !(f.f1Hz[i] > 0 && f.f2Hz[i] > 0)) continue;
    f1.push(f.f1Hz[i]);
    f2.push(f.f2Hz[i]);
  }
  const clampScale = (v: number) => Math.min(MAX_FORMANT_SCALE, Math.max(1 / MAX_FORMANT_SCALE, v));
  const [f1Scale, f2Scale] = f1.length < MIN_FRAMES ? [1, 1] : [clampScale(REFERENCE_MEDIAN_F1_HZ / quantile(f1, 0.5)), clampScale(REFERENCE_MEDIAN_F2_HZ / quantile(f2, 0.5))];
  const shift = ratios.length < MIN_FRAMES ? 0 : quantile(ratios, HISS_PERCENTILE) - REFERENCE_HISS_RATIO_DB;
  return { f1Scale, f2Scale, ratioShiftDb: Math.min(RATIO_SHIFT_RANGE_DB[1], Math.max(RATIO_SHIFT_RANGE_DB[0], shift)) };
}

function quantile(values: number[], q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
