/**
 * Head pose: wander of yaw/pitch/roll from low-pass-filtered Gaussian noise at three time scales (a broad spectrum,
 * so no period dominates), calmer while listening, plus nods: short pitch dips timed slightly before accents.
 */
import type { Random } from './seeded-random.js';
import type { Accent, Interval } from './speech-cues.js';

const DEG = Math.PI / 180;

/**
 * Stationary unit-variance noise through two cascaded one-pole low-passes (corner `cutoffHz` each). The filter
 * state is warmed up before frame 0, so the start looks like any other moment. O(frames), bounded, no drift.
 */
export function lowPassNoise(random: Random, fps: number, frameCount: number, cutoffHz: number): Float64Array {
  const a = Math.exp((-2 * Math.PI * cutoffHz) / fps);
  const b = 1 - a;
  // Variance of the cascade's output for unit white input: Σ h[n]², h[n] = (1-a)²(n+1)aⁿ.
  const sd = Math.sqrt((b ** 4 * (1 + a * a)) / (1 - a * a) ** 3);
  const warmup = Math.ceil(12 / b);
  let s1 = 0;
  let s2 = 0;
  const out = new Float64Array(frameCount);
  for (let i = -warmup; i < frameCount; i++) {
    s1 = a * s1 + b * random.normal();
    s2 = a * s2 + b * s1;
    if (i >= 0) out[i] = s2 / sd;
  }
  return out;
}

/**
 * Corner frequencies and weights of the wander's components. One band alone makes the head's velocity a narrow
 * band around its corner, which reads as a slow rhythm in a 10–20 s clip; spreading the power over about three
 * octaves (weights falling with frequency, a spectrum near 1/f^1.5) keeps both position and velocity free of a
 * dominant period, while a slowest corner of 0.2 Hz keeps a long run's periodogram from piling up in its lowest bins.
 */
const WANDER_BANDS: ReadonlyArray<[cutoffHz: number, weight: number]> = [
  [0.2, 1],
  [0.5, 0.75],
  [1.3, 0.45],
];

/** Unit-variance head wander: the sum of the bands' independent low-pass noises. */
export function headWander(random: Random, fps: number, frameCount: number): Float64Array {
  const norm = Math.sqrt(WANDER_BANDS.reduce((sum, [, weight]) => sum + weight * weight, 0));
  const out = new Float64Array(frameCount);
  for (const [cutoffHz, weight] of WANDER_BANDS) {
    const band = lowPassNoise(random, fps, frameCount, cutoffHz);
    for (let f = 0; f < frameCount; f++) out[f] += (weight / norm) * band[f];
  }
  return out;
}

export interface HeadNoiseLevels {
  /** Standard deviation while speaking, radians. */
  yawSd: number;
  pitchSd: number;
  rollSd: number;
  /** Fraction of the speaking amplitude kept while listening. */
  listeningScale: number;
}

export const TYPICAL_HEAD_NOISE: HeadNoiseLevels = { yawSd: 1.5 * DEG, pitchSd: 1.0 * DEG, rollSd: 0.7 * DEG, listeningScale: 0.55 };
/** Soft limits as multiples of the standard deviation. */
const SOFT_LIMIT_SDS = 2.6;

function softLimit(value: number, limit: number): number {
  return limit > 0 ? limit * Math.tanh(value / limit) : 0;
}

export interface HeadNoiseInput {
  random: Random;
  fps: number;
  frameCount: number;
  levels: HeadNoiseLevels;
  /** 0 listening … 1 speaking, per frame (smoothed). */
  speaking: Float64Array;
}

export function renderHeadNoise({ random, fps, frameCount, levels, speaking }: HeadNoiseInput, yaw: Float64Array, pitch: Float64Array, roll: Float64Array): void {
  const channels: Array<[Float64Array, number]> = [
    [yaw, levels.yawSd],
    [pitch, levels.pitchSd],
    [roll, levels.rollSd],
  ];
  for (const [out, sd] of channels) {
    const noise = headWander(random, fps, frameCount);
    for (let f = 0; f < frameCount; f++) {
      const scale = levels.listeningScale + (1 - levels.listeningScale) * speaking[f];
      out[f] += softLimit(noise[f] * sd * scale, SOFT_LIMIT_SDS * sd);
    }
  }
}

export interface Nod {
  /** Moment of the deepest dip. */
  peakSec: number;
  amplitudeRad: number;
  downSec: number;
  upSec: number;
}

/** Nods on every accent look like bobbing: at most one every 1.8 s (about 10–20 a minute of speech). */
const MIN_NOD_SPACING_SEC = 1.8;

/** Nods on accents: louder accents nod more often and deeper; the dip peaks 50–100 ms before the accent. */
export function planSpeakingNods(random: Random, accents: Accent[], expressiveness: number, headMotion: number): Nod[] {
  const nods: Nod[] = [];
  let lastSec = -Infinity;
  for (const accent of accents) {
    if (accent.timeSec - lastSec < MIN_NOD_SPACING_SEC) continue;
    const probability = Math.min(0.9, (0.03 + 0.35 * accent.strength ** 3) * expressiveness);
    if (!random.chance(probability)) continue;
    const amplitudeDeg = Math.min(3.5, (1.3 + 1.7 * accent.strength) * (0.6 + 0.4 * expressiveness));
    nods.push({
      peakSec: accent.timeSec - random.uniform(0.05, 0.1),
      amplitudeRad: amplitudeDeg * headMotion * DEG,
      downSec: random.uniform(0.14, 0.2),
      upSec: random.uniform(0.24, 0.34),
    });
    lastSec = accent.timeSec;
  }
  return nods;
}

/** Back-channel nods of a listener: at the end of another subject's phrase, and now and then on their own. */
export function planListeningNods(random: Random, othersPhraseEnds: number[], listening: Interval[], headMotion: number): Nod[] {
  const times: number[] = [];
  for (const end of othersPhraseEnds) if (random.chance(0.35)) times.push(end + random.uniform(0.1, 0.5));
  for (const span of listening) {
    let t = span.start + random.gamma(2, 8);
    while (t < span.end) {
      times.push(t);
      t += random.gamma(2, 8);
    }
  }
  times.sort((a, b) => a - b);
  const inListening = (t: number) => listening.some((s) => t - 0.3 >= s.start && t + 0.5 <= s.end);
  const nods: Nod[] = [];
  for (const peakSec of times) {
    if (!inListening(peakSec)) continue;
    const last = nods[nods.length - 1];
    if (last && peakSec - last.peakSec < 1.5) continue;
    nods.push({ peakSec, amplitudeRad: random.uniform(1.2, 2) * headMotion * DEG, downSec: random.uniform(0.18, 0.25), upSec: random.uniform(0.3, 0.4) });
  }
  return nods;
}

function nodShape(nod: Nod, t: number): number {
  const dt = t - nod.peakSec;
  if (dt <= -nod.downSec || dt >= nod.upSec) return 0;
  const x = dt < 0 ? dt / nod.downSec : dt / nod.upSec;
  return nod.amplitudeRad * 0.5 * (1 + Math.cos(Math.PI * x));
}

export function renderNods(nods: Nod[], fps: number, pitch: Float64Array): void {
  for (const nod of nods) {
    const first = Math.max(0, Math.ceil((nod.peakSec - nod.downSec) * fps));
    for (let f = first; f < pitch.length && f / fps < nod.peakSec + nod.upSec; f++) pitch[f] += nodShape(nod, f / fps);
  }
}
