import type { FrameFeatures } from './audio-features.js';
import { videoFrameCount } from './frame-timing.js';
import { percentile } from './percentile.js';

/** The clip's speech level is this percentile of frame energies above the noise floor. */
const SPEECH_LEVEL_PERCENTILE = 0.95;
/** Loudness 0 lies this far under the speech level. */
const DYNAMIC_RANGE_DB = 40;
const MIN_RANGE_DB = 10;
const NOISE_PERCENTILE = 0.1;

/**
 * Loudness per video frame, 0..1 relative to the clip's own speech level (so a quiet recording still moves the
 * jaw). Frame k averages the power of the feature frames within half a video frame of k / fps.
 */
export function loudnessPerFrame(features: FrameFeatures, fps: number, frameCount = videoFrameCount(features.frameCount * features.hopSec, fps)): number[] {
  const { energyDb, hopSec } = features;
  const level = speechLevelDb(energyDb);
  // Over steady noise or music the quietest stretches are the noise, not silence: loudness 0 sits just above it.
  const floor = Math.min(level - MIN_RANGE_DB, Math.max(level - DYNAMIC_RANGE_DB, percentile(energyDb, NOISE_PERCENTILE) + 3));
  const range = level - floor;
  const out = new Array<number>(frameCount).fill(0);
  for (let k = 0; k < frameCount; k++) {
    const t = k / fps;
    const from = Math.max(0, Math.round((t - 0.5 / fps) / hopSec));
    const to = Math.min(features.frameCount - 1, Math.max(from, Math.round((t + 0.5 / fps) / hopSec) - 1));
    let power = 0;
    for (let i = from; i <= to; i++) power += 10 ** (energyDb[i] / 10);
    const db = 10 * Math.log10(power / Math.max(1, to - from + 1) + 1e-12);
    out[k] = Math.min(1, Math.max(0, (db - floor) / range));
  }
  return out;
}

export function speechLevelDb(energyDb: Float32Array): number {
  const voiced = energyDb.filter((v) => v > -70);
  return voiced.length ? percentile(voiced, SPEECH_LEVEL_PERCENTILE) : -20;
}
