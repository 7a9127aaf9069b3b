import { EngineError, InputError, throwIfAborted } from '../errors.js';
import type { RunOptions } from '../progress.js';
import { alignTranscript } from './align-transcript.js';
import { computeFrameFeatures, type FrameFeatures } from './audio-features.js';
import { estimateSegments, pseudoPhoneme } from './audio-only.js';
import { computeArticulationCurves, type ArticulationSegment } from './coarticulation.js';
import { ANALYSIS_SAMPLE_RATE_HZ } from './decode-audio-args.js';
import { videoFrameCount } from './frame-timing.js';
import { loudnessPerFrame, speechLevelDb } from './loudness.js';
import { percentile } from './percentile.js';
import { resamplePcm } from './resample-pcm.js';
import type { PcmAudio, PhonemeTimeline, SpeechAnalysis, SpeechSegment, TimedPhoneme } from './speech-types.js';
import { detectSpeech } from './vad.js';
import { articulationSegmentsFromPhonemes, visemeTrackFromSegments } from './viseme-track.js';

export interface AnalyzeSpeechInput {
  audio: PcmAudio;
  /** What is said in `audio`: aligned to it when given (route 2). */
  transcript?: string;
  /** Exact phoneme events when `audio` was synthesised by the built-in TTS (route 1). */
  ttsTimeline?: PhonemeTimeline;
  /** Language or eSpeak voice of the transcript. */
  language?: string;
  /** Video frame rate of the curves. */
  fps: number;
}

/** Words aligned with less confidence than this are re-estimated from the sound alone. */
const LOW_WORD_CONFIDENCE = 0.35;
const MAX_FPS = 240;
/** Without the VAD model, sounds closer than this belong to one stretch of speech. */
const ENERGY_VAD_BRIDGE_SEC = 0.3;
const CLEAN_ROOM_DB = 30;
const NOISE_PERCENTILE = 0.1;

/**
 * The speech stage: VAD, a phoneme timeline by the best route available (TTS events, else
 * transcript alignment with audio-only fill-in where words aligned poorly, else the audio-only estimate), the
 * viseme track, loudness and articulation curves at `fps`.
 */
export async function analyzeSpeech(input: AnalyzeSpeechInput, { signal, onProgress }: RunOptions = {}): Promise<SpeechAnalysis> {
  if (!(input.fps > 0 && input.fps <= MAX_FPS)) throw new InputError('BAD_ARGUMENT', `fps must be between 0 and ${MAX_FPS}, got ${input.fps}.`);
  if (!(input.audio.samples.length > 0)) throw new InputError('BAD_AUDIO', 'The audio holds no samples.');
  const report = (phase: string, ratio: number) => onProgress?.({ phase, ratio });
  const audio = resamplePcm(input.audio, ANALYSIS_SAMPLE_RATE_HZ);
  const durationSec = input.audio.durationSec;

  report('features', 0);
  // Only the aligner reads the MFCCs: without a transcript they are not computed.
  const features = computeFrameFeatures(audio, input.transcript?.trim() && !input.ttsTimeline ? {} : { mfccCount: 0 });
  throwIfAborted(signal);
  report('vad', 0.15);
  // The synthesiser knows exactly where it spoke; a clean recording tells speech from silence by its level;
  // only over noise or music is the VAD model asked.
  // Without VAD the audio-only estimate finds the pauses itself: computed once, it gives both.
  const energyEstimate = !input.ttsTimeline && quietBetweenWords(features) ? estimateSegments(features, {}) : undefined;
  const vad = input.ttsTimeline
    ? speechFromTimeline(input.ttsTimeline)
    : energyEstimate
      ? speechFromEstimate(energyEstimate.segments)
      : await findSpeech(audio, features, signal);
  throwIfAborted(signal);

  let timeline: PhonemeTimeline;
  let segments: ArticulationSegment[];
  if (input.ttsTimeline) {
    timeline = input.ttsTimeline;
    segments = articulationSegmentsFromPhonemes(timeline.phonemes);
  } else if (input.transcript?.trim()) {
    report('align', 0.3);
    const aligned = await alignTranscript(audio, input.transcript, {
      language: input.language,
      vad,
      features,
      signal,
      onProgress: (p) => report(`align:${p.phase}`, 0.3 + 0.6 * p.ratio),
    });
    ({ timeline, segments } = fillWeakWordsFromAudio(aligned, features, vad));
  } else {
    report('estimate', 0.3);
    const estimate = energyEstimate ?? estimateSegments(features, { vad });
    segments = estimate.segments;
    timeline = {
      durationSec,
      source: 'audio-only',
      phonemes: segments.map((s) => ({ start: s.start, end: s.end, phoneme: pseudoPhoneme(s) })),
      words: [],
      confidence: estimate.confidence,
    };
  }
  throwIfAborted(signal);
  report('curves', 0.9);
  const loudness = loudnessPerFrame(features, input.fps, videoFrameCount(durationSec, input.fps));
  const curves = computeArticulationCurves(segments, { fps: input.fps, durationSec, loudness });
  report('done', 1);
  return { timeline, vad, curves, loudness, visemes: visemeTrackFromSegments(segments) };
}

/** Stretches of a timeline between pauses. */
function speechFromTimeline(timeline: PhonemeTimeline): SpeechSegment[] {
  const out: SpeechSegment[] = [];
  for (const p of timeline.phonemes) {
    if (p.phoneme === '_' || p.end <= p.start) continue;
    const last = out[out.length - 1];
    if (last && Math.abs(p.start - last.end) < 1e-6) last.end = p.end;
    else out.push({ start: p.start, end: p.end });
  }
  return out;
}

/** Silero VAD; when its model is missing or damaged, speech is found from energy instead of failing the job. */
async function findSpeech(audio: PcmAudio, features: FrameFeatures, signal?: AbortSignal): Promise<SpeechSegment[]> {
  try {
    return await detectSpeech(audio, { signal });
  } catch (error) {
    if (error instanceof EngineError && (error.code === 'MODEL_MISSING' || error.code === 'MODEL_CORRUPT')) return energySpeechSegments(features);
    throw error;
  }
}

/**
 * Whether the quietest tenth of the clip lies far enough under its speech level (≥ CLEAN_ROOM_DB) for energy
 * alone to find the pauses. Measured on the shared media: studio and read speech 31–48 dB, speech over music
 * 13 dB, talking-head clips that speak throughout 24–29 dB (those keep the VAD).
 */
function quietBetweenWords(features: FrameFeatures): boolean {
  return speechLevelDb(features.energyDb) - percentile(features.energyDb, NOISE_PERCENTILE) >= CLEAN_ROOM_DB;
}

function energySpeechSegments(features: FrameFeatures): SpeechSegment[] {
  return speechFromEstimate(estimateSegments(features, {}).segments);
}

function speechFromEstimate(segments: ArticulationSegment[]): SpeechSegment[] {
  const out: SpeechSegment[] = [];
  for (const s of segments) {
    if (s.viseme === 'sil') continue;
    const last = out[out.length - 1];
    if (last && s.start - last.end < ENERGY_VAD_BRIDGE_SEC) last.end = s.end;
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/**
 * Replaces the stretches of words the aligner was unsure of (the transcript does not match the sound there)
 * with the audio-only estimate, so the mouth follows what is actually heard.
 */
function fillWeakWordsFromAudio(aligned: PhonemeTimeline, features: FrameFeatures, vad: SpeechSegment[]): { timeline: PhonemeTimeline; segments: ArticulationSegment[] } {
  const weak = aligned.words.filter((w) => (w.confidence ?? 1) < LOW_WORD_CONFIDENCE).map((w) => ({ start: w.start, end: w.end }));
  const alignedSegments = articulationSegmentsFromPhonemes(aligned.phonemes);
  if (!weak.length) return { timeline: aligned, segments: alignedSegments };
  const inWeak = (t: number) => weak.some((w) => t >= w.start && t < w.end);
  const audioOnly = clipToSpans(estimateSegments(features, { vad, within: weak }).segments, weak);
  const segments = [...alignedSegments.filter((s) => !inWeak((s.start + s.end) / 2)), ...audioOnly].sort((a, b) => a.start - b.start);
  const phonemes: TimedPhoneme[] = [
    ...aligned.phonemes.filter((p) => !inWeak((p.start + p.end) / 2)),
    ...audioOnly.map((s) => ({ start: s.start, end: s.end, phoneme: pseudoPhoneme(s), confidence: 0 })),
  ].sort((a, b) => a.start - b.start);
  return { timeline: { ...aligned, phonemes }, segments };
}

function clipToSpans<T extends { start: number; end: number }>(segments: T[], spans: SpeechSegment[]): T[] {
  const out: T[] = [];
  for (const s of segments) {
    for (const w of spans) {
      const start = Math.max(s.start, w.start);
      const end = Math.min(s.end, w.end);
      if (end > start) out.push({ ...s, start, end });
    }
  }
  return out;
}
