import type { FrameFeatures } from './audio-features.js';
import { melToHz, hzToMel } from './mel-filterbank.js';
import { kthSmallest } from './percentile.js';
import { NEUTRAL_NORMALISATION, type SpeakerNormalisation } from './speaker-normalisation.js';

/** Energy above this frequency is what a closure of the lips or tongue shuts off. */
const HIGH_BAND_FROM_HZ = 1000;
/** Spectral subtraction: the noise is each band's level in the quietest tenth of frames; at most this share of it is left. */
const NOISE_PERCENTILE = 0.1;
const NOISE_FLOOR_SHARE = 0.05;
/** A closure: high band at least this far under its local peak ... */
const CLOSURE_DROP_DB = 15;
const MIN_CLOSURE_DROP_DB = 8;
/** ... for at least 20 ms; longer stretches (pauses) only count their last LONGEST_CLOSURE_SEC. */
const MIN_CLOSURE_FRAMES = 2;
const LONGEST_CLOSURE_SEC = 0.12;
/** The release: the high band climbs this much within 20 ms, or RELEASE_STEP_DB within 10 ms. */
const RELEASE_RISE_DB = 12;
const RELEASE_STEP_DB = 9;
/** After a pause, only a clearly hissing first frame (4× more energy above 3 kHz than below 1 kHz) is a burst. */
const BURST_MAX_RATIO_DB = -6;
/** Frames skipped after a release before the next can start. */
const RELEASE_WINDOW = 3;
const LOCAL_PEAK_RADIUS_SEC = 0.15;
/** Release spectra: labial bursts are diffuse and flat or falling (low/high ratio above this) ... */
const LABIAL_RELEASE_MIN_RATIO_DB = -10;
/** ... alveolar bursts are dominated by high frequencies (below this). */
const ALVEOLAR_RELEASE_MAX_RATIO_DB = -20;
/**
 * Nasal murmurs: /m/'s second resonance sits lower than /n/'s. Compared with the speaker-normalised F2 (median
 * F2 of voiced speech brought to 1500 Hz); chosen on the tuning part of the corpus only. It finds only a third
 * of the /m/ murmurs; the murmur's spectral centroid (≤ 1700 Hz, alone or added to this) found more and gained
 * 1–2 points of held-out b/p/m, but cost 0.5 false closures per 10 s there (the held-out voices' /n/ centre low too)
 * and moved the GRID lbax4n dub's lip-sync peak to lag 8 (a rhythm alias, 0.37, over 0.35 at lag 0): not kept.
 */
const LABIAL_MURMUR_MAX_F2_HZ = 1700;

export type ClosurePlace = 'labial' | 'alveolar' | 'velar';

export interface DetectedClosure {
  /** Start of the closed stretch. */
  start: number;
  /** The release: the first frame where sound bursts out again. */
  end: number;
  place: ClosurePlace;
  /** Stop (silent or voice-bar closure with a burst) or nasal (murmur with an abrupt release). */
  manner: 'stop' | 'nasal';
}

/**
 * High-band (> 1 kHz) level per frame in dB, from the log-mel bands, with the clip's steady noise taken out
 * (spectral subtraction) when `denoise`: each band loses its quietest-tenth level, so under hiss a closure still
 * shows as the high band falling to nothing rather than to the noise. The closure detector asks for it; the frame
 * classifier's sonorant test (tuned on the level with noise) does not.
 */
export function highBandDb(f: FrameFeatures, { denoise = false }: { denoise?: boolean } = {}): Float32Array {
  const firstBand = firstBandAbove(f, HIGH_BAND_FROM_HZ);
  const noise = denoise ? bandNoisePower(f, firstBand) : new Float64Array(f.melBands - firstBand);
  const out = new Float32Array(f.frameCount);
  for (let i = 0; i < f.frameCount; i++) {
    let sum = 0;
    for (let b = firstBand; b < f.melBands; b++) {
      const power = Math.exp(f.logMel[i * f.melBands + b]);
      const n = noise[b - firstBand];
      sum += n > 0 ? Math.max(power - n, NOISE_FLOOR_SHARE * n) : power;
    }
    out[i] = 10 * Math.log10(sum + 1e-10);
  }
  return out;
}

/** Per band from `firstBand` on: the power of the clip's quietest tenth of frames, its steady noise. */
function bandNoisePower(f: FrameFeatures, firstBand: number): Float64Array {
  const noise = new Float64Array(f.melBands - firstBand);
  const column = new Float32Array(f.frameCount);
  for (let b = firstBand; b < f.melBands; b++) {
    for (let i = 0; i < f.frameCount; i++) column[i] = f.logMel[i * f.melBands + b];
    noise[b - firstBand] = Math.exp(kthSmallest(column, Math.floor(column.length * NOISE_PERCENTILE)));
  }
  return noise;
}

function firstBandAbove(f: FrameFeatures, hz: number): number {
  const top = hzToMel(f.sampleRate / 2);
  const low = hzToMel(20);
  for (let b = 0; b < f.melBands; b++) if (melToHz(low + ((top - low) * (b + 1)) / (f.melBands + 1)) >= hz) return b;
  return f.melBands - 1;
}

/** Running maximum over ±radius frames. */
export function runningMax(values: ArrayLike<number>, radius: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let m = -Infinity;
    for (let j = Math.max(0, i - radius); j <= Math.min(values.length - 1, i + radius); j++) if (values[j] > m) m = values[j];
    out[i] = m;
  }
  return out;
}

/**
 * Finds closures of the vocal tract by their acoustic signature, not by guessing: a stretch inside speech where
 * the energy above 1 kHz collapses (silence, a voice bar or a nasal murmur) that ends in an abrupt broadband
 * onset. The place is read from the release: labial bursts are diffuse with a flat or falling spectrum, alveolar
 * ones hiss high, velar ones sit between; a nasal murmur is labial when its second resonance is low.
 */
export function detectClosures(f: FrameFeatures, inSpeech: Uint8Array, levelDb: number, norm: SpeakerNormalisation = NEUTRAL_NORMALISATION): DetectedClosure[] {
  const hi = highBandDb(f, { denoise: true });
  const peak = runningMax(hi, Math.round(LOCAL_PEAK_RADIUS_SEC / f.hopSec));
  const drop = closureDropDb(hi, inSpeech);
  const closed = (i: number) => hi[i] < peak[i] - drop;
  const longest = Math.round(LONGEST_CLOSURE_SEC / f.hopSec);
  const out: DetectedClosure[] = [];
  for (let j = MIN_CLOSURE_FRAMES; j < f.frameCount; j++) {
    if (!inSpeech[j]) continue;
    const scale = drop / CLOSURE_DROP_DB;
    let start = j - 1;
    if (isOnset(hi, j, scale)) {
      if (!closed(start)) continue;
    } else {
      const lag = slowOnsetLag(hi, j, scale, closed);
      if (!lag) continue;
      start = j - lag;
    }
    while (start - 1 >= 0 && closed(start - 1)) start--;
    if (j - start < MIN_CLOSURE_FRAMES) continue;
    // After a long pause any voice onset is abrupt; only a real burst (noisy, not a vowel's periodic start) counts.
    const afterPause = j - start > longest || start === 0;
    start = Math.max(start, j - longest);
    const closure = classifyClosure(f, start, j - 1, j, levelDb, norm);
    // A burst is hissy relative to the channel: over a telephone line or in noise no onset is as hissy as in a studio.
    if (closure && afterPause && closure.manner === 'stop' && f.lowHighRatioDb[j] >= BURST_MAX_RATIO_DB + norm.ratioShiftDb) continue;
    if (closure) out.push({ ...closure, start: f.times[start], end: f.times[j] });
    j += RELEASE_WINDOW;
  }
  return out;
}

/**
 * In noise (music, hum) the high band never falls far: the required drop shrinks to half the room between the
 * speech peaks and the noise floor, but never below MIN_CLOSURE_DROP_DB.
 */
function closureDropDb(hi: Float32Array, inSpeech: Uint8Array): number {
  const values: number[] = [];
  for (let i = 0; i < hi.length; i++) if (inSpeech[i]) values.push(hi[i]);
  if (values.length < 20) return CLOSURE_DROP_DB;
  values.sort((a, b) => a - b);
  const room = values[Math.floor(values.length * 0.95)] - values[Math.floor(values.length * 0.1)];
  return Math.min(CLOSURE_DROP_DB, Math.max(MIN_CLOSURE_DROP_DB, room / 2));
}

/**
 * An abrupt onset: the high band jumps within 10–20 ms (a burst, or lips parting on a vowel). In noise the
 * jump that can be seen shrinks with the room above the noise floor (`scale` ≤ 1).
 */
function isOnset(hi: Float32Array, j: number, scale: number): boolean {
  return hi[j] - hi[j - 1] >= RELEASE_STEP_DB * scale || hi[j] - hi[j - 2] >= RELEASE_RISE_DB * scale;
}

/**
 * Under steady noise the burst is masked and the release shows as a climb over 30–40 ms, not a jump: where the
 * noise leaves little room (`scale` ≤ SLOW_ONSET_MAX_SCALE) a closed frame up to SLOW_ONSET_FRAMES back and a
 * climb of SLOW_ONSET_RISE_DB (scaled) since then count too. Chosen on the tuning part (pink noise 35 → 62 % of
 * b/p/m closed); rooms, whose tails also shrink the room, keep the abrupt test (the slow one doubled their false closures).
 */
const SLOW_ONSET_FRAMES = 4;
const SLOW_ONSET_RISE_DB = 12;
const SLOW_ONSET_MAX_SCALE = 0.6;

/** How many frames back a slow release starts (its first closed frame), or 0 when `j` is none. */
function slowOnsetLag(hi: Float32Array, j: number, scale: number, closed: (i: number) => boolean): number {
  if (scale > SLOW_ONSET_MAX_SCALE || j < SLOW_ONSET_FRAMES + 1 || hi[j] < hi[j - 1]) return 0;
  for (let lag = 2; lag <= SLOW_ONSET_FRAMES; lag++) if (closed(j - lag) && hi[j] - hi[j - lag] >= SLOW_ONSET_RISE_DB * scale) return lag;
  return 0;
}

function classifyClosure(
  f: FrameFeatures,
  start: number,
  end: number,
  release: number,
  levelDb: number,
  norm: SpeakerNormalisation,
): Pick<DetectedClosure, 'place' | 'manner'> | null {
  // The last 30 ms of the closure decide its manner: a nasal murmur is voiced and fairly loud throughout;
  // a stop is (near) silent or a faint voice bar.
  let murmur = end - start >= 2;
  for (let k = end - 2; murmur && k <= end; k++) murmur = f.energyDb[k] > levelDb - 22 && f.lowHighRatioDb[k] > 0;
  if (murmur) {
    const f2: number[] = [];
    for (let k = start; k <= end; k++) if (f.f2Hz[k] > 0) f2.push(f.f2Hz[k]);
    if (!f2.length) return null;
    f2.sort((a, b) => a - b);
    // Judged on the speaker-normalised F2: a short vocal tract raises every resonance, /m/'s too.
    return { manner: 'nasal', place: f2[f2.length >> 1] * norm.f2Scale <= LABIAL_MURMUR_MAX_F2_HZ ? 'labial' : 'alveolar' };
  }
  let ratio = 0;
  let n = 0;
  for (let k = release; k < Math.min(f.frameCount, release + 3); k++) {
    ratio += f.lowHighRatioDb[k];
    n++;
  }
  // Not shifted by the channel's tilt: on the tuning part that cost more labial bursts than it saved false ones.
  ratio /= n;
  const place: ClosurePlace = ratio > LABIAL_RELEASE_MIN_RATIO_DB ? 'labial' : ratio < ALVEOLAR_RELEASE_MAX_RATIO_DB ? 'alveolar' : 'velar';
  return { manner: 'stop', place };
}
