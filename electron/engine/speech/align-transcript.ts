import { InputError, throwIfAborted } from '../errors.js';
import type { RunOptions } from '../progress.js';
import { computeFrameFeatures, type FrameFeatures } from './audio-features.js';
import { buildAlignmentVectors, meanRandomPairDistance, reverseFrames, silenceFloorDb, type AlignmentFeatureSet } from './alignment-features.js';
import { refineBoundary } from './boundary-refinement.js';
import { insertPausesAtSilences, silenceGaps } from './silence-pauses.js';
import { ANALYSIS_SAMPLE_RATE_HZ } from './decode-audio-args.js';
import { dtwCoarseToFine, mapFramesBToA, type DtwResult } from './dtw.js';
import { synthesizeSpeech, RATE_RANGE_WPM } from './espeak-synth.js';
import { PAUSE } from './espeak-timeline.js';
import { DEFAULT_VOICE } from './espeak-voices.js';
import { resamplePcm } from './resample-pcm.js';
import type { PcmAudio, PhonemeTimeline, SpeechSegment, TimedPhoneme } from './speech-types.js';
import { detectSpeech } from './vad.js';

export interface AlignTranscriptOptions extends RunOptions {
  /** Language (or eSpeak voice) the transcript is spoken in; en-us unless told. */
  language?: string;
  /** Speech segments of the recording when already known; found with the VAD otherwise. */
  vad?: SpeechSegment[];
  /** Force the reference's rate (wpm) instead of matching the recording's pace (for tests). */
  referenceRate?: number;
  /** Pitch of the reference voice, 0–99. */
  referencePitch?: number;
  /** Move stop and nasal onsets to the energy fall nearby (default true). */
  refine?: boolean;
  /** What the warping compares (default 'broad'; see AlignmentFeatureSet). */
  featureSet?: AlignmentFeatureSet;
  /** The recording's features at a 10 ms hop when already computed (saves computing them again). */
  features?: FrameFeatures;
}

const HOP_SEC = 0.01;
/** Silence kept (recording) or added (reference) around the speech, so onsets the VAD clips still align. */
const EDGE_MARGIN_SEC = 0.3;
const DITHER_DBFS = -70;
/** What passing a frame of silence costs, as a share of the distance between unrelated frames. */
const SKIP_COST_SHARE = 0.3;
const MIN_PHONEME_SEC = 0.01;
/**
 * Path cost relative to that of warping against the reversed reference (same sounds, wrong order): at or
 * below GOOD the transcript surely matches, at or above BAD it explains the sound no better than noise.
 */
const COST_RATIO_GOOD = 0.8;
const COST_RATIO_BAD = 1.0;
/**
 * The warping first runs on frames pooled this many at a time, then at full resolution within
 * REFINE_RADIUS_FRAMES of that path: time and memory grow linearly with the clip, not with its square.
 */
const COARSE_FACTOR = 4;
const REFINE_RADIUS_FRAMES = 8;
/**
 * Clips whose diagonal band (a quarter of their length) would be wider than LONG_CLIP_BAND_FRAMES get a band
 * of GUIDED_BAND_FRAMES around the line that pairs equal amounts of speech (pauses excluded) instead, so the
 * work and memory of the warping grow linearly with minutes of audio. (On a 3-minute test ±4 s kept every
 * clean clip on its words where ±5–8 s let one slip after a clip under music.)
 */
const LONG_CLIP_BAND_FRAMES = 800;
const GUIDED_BAND_FRAMES = 400;

/**
 * Forced alignment: times the phonemes and words of `transcript` in a 16 kHz recording of it. The
 * transcript is spoken by eSpeak at the recording's pace, both are turned into normalised MFCC frames,
 * dynamic time warping (banded, over the stretch the VAD says holds speech) maps every reference phoneme
 * boundary into the recording, and stop/nasal onsets are refined to the energy fall nearby.
 * Confidence (overall, per word, per phoneme) compares the warping cost with that of warping against the
 * reversed reference: where the transcript does not match what is said, it explains the sound no better
 * than the same sounds in the wrong order, confidence drops, and callers fall back to audio-only there.
 */
export async function alignTranscript(audio: PcmAudio, transcript: string, options: AlignTranscriptOptions = {}): Promise<PhonemeTimeline> {
  if (audio.sampleRate !== ANALYSIS_SAMPLE_RATE_HZ) {
    throw new InputError('BAD_ARGUMENT', `Alignment needs ${ANALYSIS_SAMPLE_RATE_HZ} Hz audio, got ${audio.sampleRate} Hz (decode it with decodeAudio).`);
  }
  if (transcript.trim() === '') throw new InputError('BAD_ARGUMENT', 'The transcript is empty.');
  const report = (phase: string, ratio: number) => options.onProgress?.({ phase, ratio });
  report('vad', 0);
  const vad = options.vad ?? (await detectSpeech(audio, { signal: options.signal }));
  if (vad.length === 0) throw new InputError('BAD_AUDIO', 'No speech was found in the recording to align the transcript with.');
  throwIfAborted(options.signal);
  const recStart = Math.max(0, vad[0].start - EDGE_MARGIN_SEC);
  const recEnd = Math.min(audio.durationSec, vad.at(-1)!.end + EDGE_MARGIN_SEC);

  report('reference', 0.2);
  const reference = await synthesizeReference(transcript, recEnd - recStart, options);
  throwIfAborted(options.signal);
  const refAudio = padWithQuiet(resamplePcm(reference.audio, ANALYSIS_SAMPLE_RATE_HZ), EDGE_MARGIN_SEC);
  const refSpan = speechSpan(reference.timeline.phonemes);
  // Reference times are shifted by the padding from here on.
  const refStart = refSpan.start;
  const refEnd = refSpan.end + 2 * EDGE_MARGIN_SEC;

  report('features', 0.4);
  const given = options.features;
  const recFeatures = given && Math.abs(given.hopSec - HOP_SEC) < 1e-9 && given.sampleRate === audio.sampleRate ? given : computeFrameFeatures(audio, { hopSec: HOP_SEC });
  // The reference only feeds the warping, which does not look at formants.
  const refFeatures = computeFrameFeatures(refAudio, { hopSec: HOP_SEC, formants: false });
  const recFrom = Math.floor(recStart / HOP_SEC);
  const recTo = Math.min(recFeatures.frameCount, Math.ceil(recEnd / HOP_SEC) + 1);
  const refFrom = Math.floor(refStart / HOP_SEC);
  const refTo = Math.min(refFeatures.frameCount, Math.ceil(refEnd / HOP_SEC) + 1);
  const featureSet = options.featureSet ?? 'broad';
  const { vectors: recVectors, dims } = buildAlignmentVectors(recFeatures, recFrom, recTo, featureSet);
  const { vectors: refVectors } = buildAlignmentVectors(refFeatures, refFrom, refTo, featureSet);
  throwIfAborted(options.signal);

  report('warping', 0.6);
  const n = recTo - recFrom;
  const m = refTo - refFrom;
  const diagonalBand = Math.max(Math.abs(n - m) + 30, Math.round(0.25 * Math.max(n, m)), 50);
  // Silence in either clip may be passed cheaply while the other waits: a pause the reader makes where
  // the reference has none (or the other way round) must not drag the phonemes around it.
  const gaps = silenceGaps(vad, audio.durationSec);
  const quietDb = silenceFloorDb(recFeatures.energyDb.subarray(recFrom, recTo));
  const recSilent = markFrames(n, (i) => inAny(gaps, (recFrom + i) * HOP_SEC) || recFeatures.energyDb[recFrom + i] < quietDb);
  const refPauses = reference.timeline.phonemes.filter((p) => p.phoneme === PAUSE).map((p) => ({ start: p.start + EDGE_MARGIN_SEC, end: p.end + EDGE_MARGIN_SEC }));
  const refSilent = markFrames(m, (j) => {
    const t = (refFrom + j) * HOP_SEC;
    return t < refSpan.start + EDGE_MARGIN_SEC || t >= refSpan.end + EDGE_MARGIN_SEC || inAny(refPauses, t);
  });
  const skipCost = SKIP_COST_SHARE * meanRandomPairDistance(recVectors, refVectors, dims);
  const long = diagonalBand > LONG_CLIP_BAND_FRAMES;
  const band = long ? GUIDED_BAND_FRAMES : diagonalBand;
  const warping = { dims, bandFrames: band, factor: COARSE_FACTOR, radius: REFINE_RADIUS_FRAMES };
  const centre = long ? equalSpeechLine(recSilent, refSilent) : undefined;
  const warp = dtwCoarseToFine({ ...warping, centre, a: recVectors, b: refVectors, skips: { a: recSilent, b: refSilent, cost: skipCost } });
  const refToRec = mapFramesBToA(warp, m, recSilent);
  const reversed = dtwCoarseToFine({ ...warping, centre, a: recVectors, b: reverseFrames(refVectors, dims), skips: { a: recSilent, b: refSilent.slice().reverse(), cost: skipCost } });
  const baseline = meanOfMatched(reversed.stepCost, reversed.skipped);
  const refFrameCost = perFrameCost(warp, m, baseline);

  const mapTime = (refTimeSec: number) => {
    const x = Math.min(m - 1, Math.max(0, (refTimeSec + EDGE_MARGIN_SEC - refFrom * HOP_SEC) / HOP_SEC));
    const lo = Math.floor(x);
    const hi = Math.min(m - 1, lo + 1);
    // Within a frame, interpolate; across a jump (the frame waited out a pause) the boundary is at a frame start.
    const jump = refToRec[hi] - refToRec[lo];
    const frame = jump <= 2 ? refToRec[lo] + jump * (x - lo) : refToRec[Math.round(x)];
    return (recFrom + frame) * HOP_SEC;
  };
  const costBetween = (startSec: number, endSec: number) => {
    const a = Math.max(0, Math.floor((startSec + EDGE_MARGIN_SEC - refFrom * HOP_SEC) / HOP_SEC));
    const b = Math.min(m, Math.max(a + 1, Math.ceil((endSec + EDGE_MARGIN_SEC - refFrom * HOP_SEC) / HOP_SEC)));
    let sum = 0;
    for (let j = a; j < b; j++) sum += refFrameCost[j];
    return b > a ? sum / (b - a) : baseline;
  };
  const toConfidence = (cost: number) => clamp01((COST_RATIO_BAD - cost / baseline) / (COST_RATIO_BAD - COST_RATIO_GOOD));

  report('boundaries', 0.8);
  const mapped = mapPhonemes({ reference: reference.timeline, mapTime, recFeatures, refine: options.refine ?? true, durationSec: audio.durationSec });
  for (const [k, p] of mapped.entries()) {
    const source = reference.timeline.phonemes[k];
    if (p.phoneme !== PAUSE) p.confidence = round3(toConfidence(costBetween(source.start, source.end)));
  }
  const phonemes = insertPausesAtSilences(mapped, gaps);
  const words = reference.timeline.words.map((w, index) => {
    const own = phonemes.filter((p) => p.word === index);
    const start = own[0]?.start ?? mapTime(w.start);
    const end = own.at(-1)?.end ?? mapTime(w.end);
    return { start, end, text: w.text, confidence: round3(toConfidence(costBetween(w.start, w.end))) };
  });
  report('boundaries', 1);
  return {
    durationSec: audio.durationSec,
    source: 'alignment',
    phonemes,
    words,
    confidence: round3(overallConfidence(words, toConfidence(meanOfMatched(warp.stepCost, warp.skipped)))),
  };
}

/** Letters (of any script) of `text`: eSpeak's speaking time grows with them, at a rate set by the voice. */
const countLetters = (text: string) => text.match(/\p{L}/gu)?.length ?? 0;

/**
 * eSpeak rendering of the transcript at the recording's pace. eSpeak's speaking time scales as 1 / rate
 * (within 5 % over 120–260 wpm), so the pace is measured on a short opening of the text and the whole
 * text is synthesised once, at the rate that matches; a second pass only when that estimate missed.
 */
async function synthesizeReference(transcript: string, recordingSpanSec: number, options: AlignTranscriptOptions) {
  const voice = options.language ?? DEFAULT_VOICE;
  const pitch = options.referencePitch;
  if (options.referenceRate !== undefined) return synthesizeSpeech(transcript, { voice, rate: options.referenceRate, pitch });
  const rateFor = (spokenSecAtDefault: number) => {
    const ratio = (spokenSecAtDefault + 2 * EDGE_MARGIN_SEC) / Math.max(0.2, recordingSpanSec);
    return { ratio, rate: Math.round(Math.min(RATE_RANGE_WPM.max, Math.max(RATE_RANGE_WPM.min, RATE_RANGE_WPM.default * ratio))) };
  };
  const probe = openingOf(transcript, PROBE_LETTERS);
  let rate: number = RATE_RANGE_WPM.default;
  if (probe !== transcript) {
    const probeSpan = spokenSec(await synthesizeSpeech(probe, { voice, pitch }));
    if (probeSpan > 0) rate = rateFor((probeSpan * countLetters(transcript)) / Math.max(1, countLetters(probe))).rate;
  }
  const first = await synthesizeSpeech(transcript, { voice, pitch, rate });
  const atDefault = (spokenSec(first) * rate) / RATE_RANGE_WPM.default;
  const matched = rateFor(atDefault);
  if (Math.abs((spokenSec(first) + 2 * EDGE_MARGIN_SEC) / Math.max(0.2, recordingSpanSec) - 1) < 0.1 || matched.rate === rate) return first;
  // A reference at the recording's pace needs less warping, so the band and the cost mean more.
  return synthesizeSpeech(transcript, { voice, rate: matched.rate, pitch });
}

/** Letters of the transcript's opening used to measure the voice's pace; shorter texts are synthesised whole. */
const PROBE_LETTERS = 80;

const spokenSec = (speech: { timeline: PhonemeTimeline }) => {
  const span = speechSpan(speech.timeline.phonemes);
  return span.end - span.start;
};

/** The text up to the first word boundary after `letters` letters (the whole text when it is not much longer). */
function openingOf(text: string, letters: number): string {
  if (countLetters(text) < 2 * letters) return text;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (/\p{L}/u.test(text[i])) seen += 1;
    if (seen >= letters && /\s/.test(text[i + 1] ?? ' ')) return text.slice(0, i + 1);
    if (seen >= 2 * letters) return text.slice(0, i + 1); // scripts without spaces
  }
  return text;
}

function mapPhonemes(input: {
  reference: PhonemeTimeline;
  mapTime: (refTimeSec: number) => number;
  recFeatures: FrameFeatures;
  refine: boolean;
  durationSec: number;
}): TimedPhoneme[] {
  const source = input.reference.phonemes;
  const starts = source.map((p, k) => {
    if (k === 0) return 0;
    const mapped = input.mapTime(p.start);
    if (!input.refine) return mapped;
    return refineBoundary({ features: input.recFeatures, timeSec: mapped, nextPhoneme: p.phoneme, previousPhoneme: source[k - 1].phoneme });
  });
  // Keep boundaries in order with a minimum length, inside the clip.
  for (let k = 1; k < starts.length; k++) starts[k] = Math.max(starts[k], starts[k - 1] + MIN_PHONEME_SEC);
  const limit = input.durationSec;
  for (let k = starts.length - 1; k >= 1; k--) starts[k] = Math.min(starts[k], (k + 1 < starts.length ? starts[k + 1] : limit) - MIN_PHONEME_SEC);
  return source.map((p, k) => {
    const out: TimedPhoneme = { start: round3(Math.max(0, starts[k])), end: round3(k + 1 < starts.length ? starts[k + 1] : limit), phoneme: p.phoneme };
    if (p.word !== undefined) out.word = p.word;
    if (p.stressed) out.stressed = true;
    return out;
  });
}

/** `padSec` of faint deterministic noise before and after: digital silence has no spectrum to compare. */
function padWithQuiet(audio: PcmAudio, padSec: number): PcmAudio {
  const pad = Math.round(padSec * audio.sampleRate);
  const samples = new Float32Array(audio.samples.length + 2 * pad);
  samples.set(audio.samples, pad);
  const amplitude = 10 ** (DITHER_DBFS / 20) * Math.sqrt(3);
  let seed = 1;
  for (let i = 0; i < samples.length; i++) {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    samples[i] += amplitude * ((seed / 2 ** 32) * 2 - 1);
  }
  return { sampleRate: audio.sampleRate, samples, durationSec: samples.length / audio.sampleRate };
}

function speechSpan(phonemes: TimedPhoneme[]): { start: number; end: number } {
  const spoken = phonemes.filter((p) => p.phoneme !== PAUSE);
  return { start: spoken[0]?.start ?? 0, end: spoken.at(-1)?.end ?? 0 };
}

/**
 * For each reference frame, the recording frame that has as much speech before it (in proportion to the
 * speech of each): where the reference frame should match when both pause differently.
 */
function equalSpeechLine(recSilent: Uint8Array, refSilent: Uint8Array): Float64Array {
  const spoken = (silent: Uint8Array) => silent.reduce((sum, v) => sum + (v ? 0 : 1), 0);
  const scale = spoken(recSilent) / Math.max(1, spoken(refSilent));
  const line = new Float64Array(refSilent.length);
  let refSpeech = 0;
  let recSpeech = 0;
  let i = 0;
  for (let j = 0; j < refSilent.length; j++) {
    if (!refSilent[j]) refSpeech += 1;
    while (i < recSilent.length - 1 && recSpeech < refSpeech * scale) if (!recSilent[i++]) recSpeech += 1;
    line[j] = i;
  }
  return line;
}

/** Mean local distance per reference frame over the steps that matched it (skips say nothing). */
function perFrameCost(warp: DtwResult, frames: number, fallback: number): Float64Array {
  const sum = new Float64Array(frames);
  const count = new Float64Array(frames);
  for (let s = 0; s < warp.pathB.length; s++) {
    if (warp.skipped[s]) continue;
    sum[warp.pathB[s]] += warp.stepCost[s];
    count[warp.pathB[s]] += 1;
  }
  for (let j = 0; j < frames; j++) sum[j] = count[j] > 0 ? sum[j] / count[j] : fallback;
  return sum;
}

function meanOfMatched(stepCost: Float32Array, skipped: Uint8Array): number {
  let sum = 0;
  let count = 0;
  for (let s = 0; s < stepCost.length; s++) {
    if (skipped[s]) continue;
    sum += stepCost[s];
    count += 1;
  }
  return count > 0 ? sum / count : 1;
}

function markFrames(count: number, test: (frame: number) => boolean): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = test(i) ? 1 : 0;
  return out;
}

const inAny = (spans: SpeechSegment[], t: number) => spans.some((s) => t >= s.start && t < s.end);

/** The lower of the whole path's confidence and the duration-weighted mean of the words': a wrong sentence in a long clip must show. */
function overallConfidence(words: Array<{ start: number; end: number; confidence: number }>, pathConfidence: number): number {
  let weighted = 0;
  let total = 0;
  for (const w of words) {
    const length = Math.max(0.01, w.end - w.start);
    weighted += w.confidence * length;
    total += length;
  }
  return total > 0 ? Math.min(pathConfidence, weighted / total) : pathConfidence;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const round3 = (v: number) => Math.round(v * 1000) / 1000;
