import { computeFrameFeatures, type FrameFeatures } from './audio-features.js';
import { VISEME_TARGETS } from './articulation.js';
import { computeArticulationCurves, type ArticulationSegment } from './coarticulation.js';
import { detectClosures, highBandDb, runningMax, type DetectedClosure } from './closure-detector.js';
import { loudnessPerFrame, speechLevelDb } from './loudness.js';
import { measureSpeakerNormalisation, type SpeakerNormalisation } from './speaker-normalisation.js';
import type { ArticulationCurves, PcmAudio, PhonemeTimeline, SpeechSegment, TimedPhoneme } from './speech-types.js';
import { isVowelViseme, type Viseme } from './visemes.js';

/** The IPA phoneme an audio-only segment stands for (a representative, not a transcription). */
const PSEUDO_PHONEME: Record<Viseme, string> = { sil: '_', PP: 'p', FF: 'f', TH: 'θ', DD: 't', kk: 'k', CH: 'ʃ', SS: 's', RR: 'ɹ', aa: 'a', E: 'e', I: 'i', O: 'o', U: 'u' };

/** The IPA stand-in of an audio-only segment ("m" for a closure heard as a nasal murmur). */
export function pseudoPhoneme(s: { viseme: Viseme; nasal?: boolean }): string {
  return s.viseme === 'PP' && s.nasal ? 'm' : PSEUDO_PHONEME[s.viseme];
}

/** Frames this far under the clip's speech level are pauses. */
const PAUSE_BELOW_LEVEL_DB = 42;
const NOISE_MARGIN_DB = 8;
const PAUSE_ABOVE_NOISE_CAP_DB = 20;
/** Fricatives: noisy (many zero crossings) with energy mostly above 3 kHz. */
const FRICATIVE_MIN_ZCR = 0.22;
const FRICATIVE_MAX_RATIO_DB = -8;
/** Strong fricatives (sibilants) come within this of the speech level; weaker ones are f/θ. */
const SIBILANT_WITHIN_LEVEL_DB = 30;
const SIBILANT_S_MIN_CENTROID_HZ = 4200;
/** Voiced consonants (nasals, laterals) keep little energy above 1 kHz relative to the neighbouring vowels. */
const SONORANT_DROP_DB = 13;
/** ... and are quieter than them. */
const SONORANT_QUIETER_DB = 6;
const MIN_SEGMENT_SEC = 0.03;
const MODE_FILTER_RADIUS = 2;
const VISEME_LIST = Object.keys(PSEUDO_PHONEME) as Viseme[];
const VISEME_INDEX = new Map(VISEME_LIST.map((v, i) => [v, i]));

export interface AudioOnlyOptions {
  fps: number;
  /** Speech stretches from VAD; estimated from energy when absent. */
  vad?: SpeechSegment[];
  /** Features already computed for this audio (hop 10 ms). */
  features?: FrameFeatures;
  /** Only estimate inside these stretches (the rest is left to another route); whole clip when absent. */
  within?: SpeechSegment[];
}

export interface AudioOnlyEstimate {
  timeline: PhonemeTimeline;
  segments: ArticulationSegment[];
  closures: DetectedClosure[];
  curves: ArticulationCurves;
  loudness: number[];
}

/**
 * Viseme track and articulation curves from the sound alone (any language, singing included): closures from the
 * silence-then-burst pattern, fricatives from zero crossings and spectral balance, vowels from the first two
 * formants (F1 ~ jaw opening, F2 ~ spread vs rounded), pauses from VAD and energy. Jaw opening follows the
 * measured F1 and loudness.
 */
export function estimateVisemesFromAudio(pcm: PcmAudio, options: AudioOnlyOptions): AudioOnlyEstimate {
  const f = options.features ?? computeFrameFeatures(pcm);
  const segments = estimateSegments(f, options);
  const loudness = loudnessPerFrame(f, options.fps);
  const curves = computeArticulationCurves(segments.segments, { fps: options.fps, durationSec: pcm.durationSec, loudness });
  const phonemes: TimedPhoneme[] = segments.segments.map((s) => ({ start: s.start, end: s.end, phoneme: pseudoPhoneme(s) }));
  return {
    timeline: { durationSec: pcm.durationSec, source: 'audio-only', phonemes, words: [], confidence: segments.confidence },
    segments: segments.segments,
    closures: segments.closures,
    curves,
    loudness,
  };
}

export function estimateSegments(
  f: FrameFeatures,
  { vad, within }: Pick<AudioOnlyOptions, 'vad' | 'within'>,
): { segments: (ArticulationSegment & { nasal?: boolean })[]; closures: DetectedClosure[]; confidence: number } {
  const level = speechLevelDb(f.energyDb);
  const inSpeech = speechMask(f, vad, level);
  const norm = measureSpeakerNormalisation(f, inSpeech, level);
  const closures = detectClosures(f, inSpeech, level, norm);
  const labels = classifyFrames(f, inSpeech, level, norm);
  for (const c of closures) {
    const viseme: Viseme = c.place === 'labial' ? 'PP' : c.place === 'alveolar' ? 'DD' : 'kk';
    for (let i = Math.round(c.start / f.hopSec); i < Math.round(c.end / f.hopSec); i++) labels[i] = viseme;
  }
  const smoothed = modeFilter(labels, MODE_FILTER_RADIUS, (i) => labels[i] === 'PP');
  const segments = toSegments(smoothed, f, closures).filter((s) => !within || within.some((w) => s.end > w.start && s.start < w.end));
  return { segments, closures: closures.filter((c) => !within || within.some((w) => c.end > w.start && c.start < w.end)), confidence: estimateConfidence(f, inSpeech, level) };
}

function speechMask(f: FrameFeatures, vad: SpeechSegment[] | undefined, level: number): Uint8Array {
  const mask = new Uint8Array(f.frameCount);
  // Hiss or hum between words is no speech: without VAD, speech must also stand clear of the noise floor.
  const threshold = pauseThresholdDb(f, level);
  for (let i = 0; i < f.frameCount; i++) {
    const t = f.times[i];
    const voiced = f.energyDb[i] > threshold;
    mask[i] = vad ? (vad.some((s) => t >= s.start - 0.05 && t <= s.end + 0.05) ? 1 : 0) : voiced ? 1 : 0;
  }
  if (!vad) dilate(mask, 15); // stop gaps inside words are speech too
  return mask;
}

/** Frames under this are pauses: far under the speech level, or (over hiss or hum) too close to the noise floor. */
function pauseThresholdDb(f: FrameFeatures, level: number): number {
  // Never closer than PAUSE_ABOVE_NOISE_CAP_DB under the speech level: under loud music the floor is half the speech.
  return Math.max(level - PAUSE_BELOW_LEVEL_DB, Math.min(noiseFloorDb(f.energyDb) + NOISE_MARGIN_DB, level - PAUSE_ABOVE_NOISE_CAP_DB));
}

/** The level of the quietest tenth of the non-silent frames. */
function noiseFloorDb(energyDb: Float32Array): number {
  const sounding = energyDb.filter((v) => v > -95).sort();
  return sounding.length ? sounding[Math.floor(sounding.length * 0.1)] : -100;
}

function dilate(mask: Uint8Array, radius: number): void {
  const copy = mask.slice();
  for (let i = 0; i < mask.length; i++) if (copy[i]) for (let j = Math.max(0, i - radius); j <= Math.min(mask.length - 1, i + radius); j++) mask[j] = 1;
}

function classifyFrames(f: FrameFeatures, inSpeech: Uint8Array, level: number, norm: SpeakerNormalisation): Viseme[] {
  const hi = highBandDb(f);
  // Sonorant consonants are judged against the neighbouring vowels only: a hissing /s/ nearby must not make
  // every vowel beside it look muffled.
  const hiPeak = runningMax(hi.map((v, i) => (f.lowHighRatioDb[i] > 0 ? v : -Infinity)), 15);
  const energyPeak = runningMax(f.energyDb.map((v, i) => (f.lowHighRatioDb[i] > 0 ? v : -Infinity)), 15);
  const { f1Scale: scaleF1, f2Scale: scaleF2 } = norm;
  const pause = pauseThresholdDb(f, level);
  const labels: Viseme[] = new Array(f.frameCount);
  for (let i = 0; i < f.frameCount; i++) {
    const e = f.energyDb[i];
    if (!inSpeech[i] || e < pause) labels[i] = 'sil';
    else if (f.zcr[i] > FRICATIVE_MIN_ZCR && f.lowHighRatioDb[i] < FRICATIVE_MAX_RATIO_DB) {
      labels[i] = e > level - SIBILANT_WITHIN_LEVEL_DB ? (f.centroidHz[i] >= SIBILANT_S_MIN_CENTROID_HZ ? 'SS' : 'CH') : 'FF';
    } else if (f.lowHighRatioDb[i] > -3 && hi[i] < hiPeak[i] - SONORANT_DROP_DB && e < energyPeak[i] - SONORANT_QUIETER_DB) labels[i] = 'DD';
    else if (f.lowHighRatioDb[i] > -6 && f.zcr[i] < 0.2) labels[i] = vowelFromFormants(medianAround(f.f1Hz, i) * scaleF1, medianAround(f.f2Hz, i) * scaleF2);
    else labels[i] = 'kk';
  }
  return labels;
}

/** Vowel class from (speaker-normalised) F1 and F2: F1 high = open jaw, F2 low = rounded, F2 high = spread. */
function vowelFromFormants(f1: number, f2: number): Viseme {
  if (!(f1 > 0) || !(f2 > 0)) return 'E';
  if (f2 < 1100) return f1 > 700 ? 'aa' : f1 > 420 ? 'O' : 'U';
  if (f1 > 640) return 'aa';
  if (f1 > 460) return 'E';
  return f2 > 1800 ? 'I' : 'E';
}

function medianAround(values: Float32Array, i: number): number {
  const a = values[Math.max(0, i - 1)];
  const b = values[i];
  const c = values[Math.min(values.length - 1, i + 1)];
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

/** Majority label over ±radius frames; `keep` frames (detected closures) are never relabelled. */
function modeFilter(labels: Viseme[], radius: number, keep: (i: number) => boolean): Viseme[] {
  const out = labels.slice();
  // Counts per viseme in a plain array (a Map per frame was a third of the estimate's time).
  const ids = labels.map((v) => VISEME_INDEX.get(v) ?? 0);
  const counts = new Float64Array(VISEME_LIST.length);
  for (let i = 0; i < labels.length; i++) {
    if (keep(i)) continue;
    counts.fill(0);
    let best = ids[i];
    let bestCount = 0;
    for (let j = Math.max(0, i - radius); j <= Math.min(labels.length - 1, i + radius); j++) {
      const id = ids[j];
      const c = (counts[id] += j === i ? 1.5 : 1);
      if (c > bestCount) [best, bestCount] = [id, c];
    }
    out[i] = VISEME_LIST[best] === 'PP' ? labels[i] : VISEME_LIST[best];
  }
  return out;
}

function toSegments(labels: Viseme[], f: FrameFeatures, closures: DetectedClosure[]): (ArticulationSegment & { nasal?: boolean })[] {
  const half = f.hopSec / 2;
  const runs: { from: number; to: number; viseme: Viseme }[] = [];
  for (let i = 0; i < labels.length; i++) {
    const last = runs[runs.length - 1];
    if (last && last.viseme === labels[i]) last.to = i;
    else runs.push({ from: i, to: i, viseme: labels[i] });
  }
  // Absorb runs too short to be a sound into the longer neighbour (closures are kept whatever their length).
  const minFrames = Math.round(MIN_SEGMENT_SEC / f.hopSec);
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k];
    if (r.viseme === 'PP' || r.to - r.from + 1 >= minFrames || runs.length === 1) continue;
    const prev = runs[k - 1];
    const next = runs[k + 1];
    const into = !prev ? next : !next ? prev : prev.to - prev.from >= next.to - next.from ? prev : next;
    if (into.viseme === 'PP') continue;
    if (into === prev) prev.to = r.to;
    else next.from = r.from;
    runs.splice(k, 1);
    k -= 2;
    if (k < -1) k = -1;
  }
  const merged: typeof runs = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && last.viseme === r.viseme) last.to = r.to;
    else merged.push({ ...r });
  }
  return merged.map((r) => {
    const start = Math.max(0, f.times[r.from] - half);
    const end = f.times[r.to] + half;
    const seg: ArticulationSegment & { nasal?: boolean } = { start, end, viseme: r.viseme };
    if (isVowelViseme(r.viseme)) seg.jawScale = jawScaleFromF1(f, r.from, r.to, r.viseme);
    if (r.viseme === 'PP') seg.nasal = closures.some((c) => c.manner === 'nasal' && c.end > start && c.start < end);
    return seg;
  });
}

/** How far the measured F1 says the jaw opened, relative to the class target. */
function jawScaleFromF1(f: FrameFeatures, from: number, to: number, viseme: Viseme): number {
  const f1: number[] = [];
  for (let i = from; i <= to; i++) if (f.f1Hz[i] > 0) f1.push(f.f1Hz[i]);
  if (!f1.length) return 1;
  f1.sort((a, b) => a - b);
  const open = Math.min(1, Math.max(0, (f1[f1.length >> 1] - 280) / 480));
  return Math.min(1.25, Math.max(0.6, (0.12 + 0.85 * open) / VISEME_TARGETS[viseme].jawOpen));
}

/** Rough confidence of the estimate: how far speech stands above the noise between words. */
function estimateConfidence(f: FrameFeatures, inSpeech: Uint8Array, level: number): number {
  const quiet: number[] = [];
  for (let i = 0; i < f.frameCount; i++) if (!inSpeech[i] || f.energyDb[i] < level - 20) quiet.push(f.energyDb[i]);
  quiet.sort((a, b) => a - b);
  const noise = quiet.length ? quiet[Math.floor(quiet.length * 0.5)] : level - 60;
  return Math.round(Math.min(0.6, Math.max(0.1, (level - noise - 10) / 60)) * 100) / 100;
}
