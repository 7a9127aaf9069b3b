import type { Viseme } from './visemes.js';

/**
 * The speech stage's data, shared by speech/, animate/, render/, the CLI and the UI.
 * Times are seconds from the start of the audio.
 */

/**
 * Mono float audio in [-1, 1] at `sampleRate`. Audio for analysis (decodeAudio, VAD, alignment) is 16 kHz;
 * synthesised speech stays at the synthesiser's own rate (eSpeak: 22050 Hz) until resampled.
 */
export interface PcmAudio {
  sampleRate: number;
  samples: Float32Array;
  durationSec: number;
}

export interface TimedWord {
  start: number;
  end: number;
  text: string;
  /** 0..1, how well this word aligned (alignment only); low where the transcript does not match the sound. */
  confidence?: number;
}

export interface TimedPhoneme {
  start: number;
  end: number;
  /** IPA, as eSpeak NG writes it (e.g. "p", "aɪ", "ʃ"); "_" is a pause. */
  phoneme: string;
  /** Index into the timeline's `words`, when the phoneme belongs to a word. */
  word?: number;
  /** Primary stress on this phoneme's syllable. */
  stressed?: boolean;
  /** 0..1, how well this phoneme aligned (alignment only). */
  confidence?: number;
}

/** Which route produced a phoneme timeline. */
export type TimelineSource = 'tts' | 'alignment' | 'audio-only';

export interface PhonemeTimeline {
  durationSec: number;
  source: TimelineSource;
  phonemes: TimedPhoneme[];
  words: TimedWord[];
  /** 0..1, how well a transcript aligned (1 for TTS events, estimated for audio-only). */
  confidence: number;
}

/** Stretches of speech found by voice-activity detection. */
export interface SpeechSegment {
  start: number;
  end: number;
}

/** Mouth articulation channels, each 0..1 per video frame. */
export const ARTICULATION_CHANNELS = [
  'jawOpen',
  'lipPress',
  'lipRound',
  'lipSpread',
  'upperLipRaise',
  'teethShow',
  'tongueShow',
] as const;
export type ArticulationChannel = (typeof ARTICULATION_CHANNELS)[number];

export type ArticulationCurves = { fps: number; frameCount: number } & Record<ArticulationChannel, number[]>;

/** Everything the performance needs from a voice: what is said, when, and how loud. */
export interface SpeechPerformanceInput {
  timeline: PhonemeTimeline;
  vad: SpeechSegment[];
  curves: ArticulationCurves;
  /** Loudness per video frame, 0..1 (normalised to the clip's speech level). */
  loudness: number[];
}

/** A stretch of time showing one mouth shape of the viseme set (see visemes.ts). */
export interface TimedViseme {
  start: number;
  end: number;
  viseme: Viseme;
}

/** The speech stage's full result: the performance input plus the viseme track (for export and inspection). */
export interface SpeechAnalysis extends SpeechPerformanceInput {
  visemes: TimedViseme[];
}
