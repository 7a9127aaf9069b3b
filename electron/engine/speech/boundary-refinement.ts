import type { FrameFeatures } from './audio-features.js';

const STOPS_AND_NASALS = /^(p|b|t|d|k|ɡ|g|m|n|ŋ|ɲ|c|ɟ|q|ʔ)/;

/** Furthest a refined boundary may move from where the warping put it. */
const REFINE_RADIUS_SEC = 0.03;
/** An energy drop smaller than this is not taken as the closure. */
const MIN_DROP_DB = 6;

/**
 * Moves a boundary to the acoustic landmark nearby: for a stop or nasal that follows a vowel-like sound,
 * the steepest fall of energy (the closure); otherwise it stays where the warping put it (the warping of
 * whole spectra is already better than any single-frame cue for fricatives and vowels).
 * `timeSec` is in the clip's time; returns the refined time.
 */
export function refineBoundary(input: { features: FrameFeatures; timeSec: number; nextPhoneme: string; previousPhoneme: string }): number {
  const { features, timeSec, nextPhoneme } = input;
  if (!STOPS_AND_NASALS.test(nextPhoneme) || input.previousPhoneme === '_') return timeSec;
  const hop = features.hopSec;
  const radius = Math.round(REFINE_RADIUS_SEC / hop);
  const centre = Math.round(timeSec / hop);
  let bestFrame = -1;
  let bestDrop = MIN_DROP_DB;
  for (let i = centre - radius; i <= centre + radius; i++) {
    if (i < 1 || i + 1 >= features.frameCount) continue;
    // The fall across frames i-1 → i+1 is centred on frame i; prefer the nearest of equal falls.
    const drop = (features.energyDb[i - 1] - features.energyDb[i + 1]) * (1 - (0.25 * Math.abs(i - centre)) / radius);
    if (drop > bestDrop) {
      bestDrop = drop;
      bestFrame = i;
    }
  }
  return bestFrame < 0 ? timeSec : bestFrame * hop;
}
