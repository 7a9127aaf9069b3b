import { InputError } from '../errors.js';
import { ESPEAK_MAX_TEXT_BYTES, getPristineEspeak, type EspeakEvent } from './espeak-module.js';
import { buildTimelineFromEvents, PAUSE } from './espeak-timeline.js';
import { moveStopsToClosureOnset } from './stop-closures.js';
import { DEFAULT_VOICE, LIST_VOICES_HINT, resolveVoice, type VoiceInfo } from './espeak-voices.js';
import type { PcmAudio, PhonemeTimeline, TimedPhoneme, TimedWord } from './speech-types.js';

export interface SynthesizeOptions {
  /** Language code, eSpeak voice name or identifier; en-us unless told (see `listVoices`). */
  voice?: string;
  /** Speaking rate in words per minute, 80–450 (eSpeak's default 175). */
  rate?: number;
  /** Base pitch 0–99 (default 50). */
  pitch?: number;
}

export interface SynthesizedSpeech {
  /** Mono float at the synthesiser's own rate (22050 Hz). */
  audio: PcmAudio;
  /** Exact phoneme and word timings from the synthesiser's events; source 'tts', confidence 1. */
  timeline: PhonemeTimeline;
  voice: VoiceInfo;
}

export const RATE_RANGE_WPM = { min: 80, max: 450, default: 175 } as const;
export const PITCH_RANGE = { min: 0, max: 99, default: 50 } as const;

/**
 * Speaks `text` with the built-in eSpeak NG voice, offline. The phoneme timeline comes from the
 * synthesiser's own events, so it is exact to the millisecond eSpeak reports, except that stops start at
 * their closure rather than at their release (see stop-closures.ts): that is when the lips shut.
 * Throws InputError BAD_ARGUMENT for empty text, an unknown voice, or rate/pitch out of range.
 */
export async function synthesizeSpeech(text: string, options: SynthesizeOptions = {}): Promise<SynthesizedSpeech> {
  const rate = checkRange('rate', options.rate ?? RATE_RANGE_WPM.default, RATE_RANGE_WPM, ' words per minute');
  const pitch = checkRange('pitch', options.pitch ?? PITCH_RANGE.default, PITCH_RANGE, '');
  if (typeof text !== 'string' || text.trim() === '') throw new InputError('BAD_ARGUMENT', 'There is no text to speak.');
  const voice = await resolveVoice(options.voice ?? DEFAULT_VOICE);
  const espeak = await getPristineEspeak();

  // eSpeak reads markup in its input; angle brackets become spaces so positions still match the text.
  const spoken = text.replace(/[<>]/g, ' ');
  if (Buffer.byteLength(spoken) >= ESPEAK_MAX_TEXT_BYTES) {
    throw new InputError('BAD_ARGUMENT', `The text is too long to speak as one line (${Buffer.byteLength(spoken)} bytes, at most ${ESPEAK_MAX_TEXT_BYTES - 1}): split it into several lines.`);
  }
  const chunks: Int16Array[] = [];
  const events: EspeakEvent[] = [];
  const voiceName = voice.variant ? `${voice.identifier}+${voice.variant}` : voice.identifier;
  if (espeak.set_voice(voiceName) !== 0) throw new InputError('BAD_ARGUMENT', `Unknown voice "${options.voice}": ${LIST_VOICES_HINT}.`);
  espeak.set_rate(rate);
  espeak.set_pitch(pitch);
  espeak.synthesize(spoken, (samples, chunkEvents) => {
    if (samples.length > 0) chunks.push(samples);
    events.push(...chunkEvents);
    return false;
  });

  const sampleRate = espeak.samplerate;
  const samples = toFloat(chunks);
  const durationSec = samples.length / sampleRate;
  const { phonemes, words } = buildTimelineFromEvents({ text: spoken, events, durationSec });
  const audio: PcmAudio = { sampleRate, samples, durationSec };
  moveStopsToClosureOnset(phonemes, audio);
  retimeWords(words, phonemes);
  if (!phonemes.some((p) => p.phoneme !== PAUSE)) {
    throw new InputError('BAD_ARGUMENT', `There is nothing to speak in "${text.slice(0, 60)}" (no pronounceable words).`);
  }
  return {
    audio,
    timeline: { durationSec, source: 'tts', phonemes, words, confidence: 1 },
    voice: { language: voice.language, name: voice.name, identifier: voice.identifier, languages: voice.languages },
  };
}

/** Each word from its first phoneme's start to its last phoneme's end. */
function retimeWords(words: TimedWord[], phonemes: TimedPhoneme[]): void {
  const seen = new Set<number>();
  for (const p of phonemes) {
    if (p.word === undefined) continue;
    const word = words[p.word];
    if (!seen.has(p.word)) word.start = p.start;
    seen.add(p.word);
    word.end = p.end;
  }
}

function checkRange(name: string, value: number, range: { min: number; max: number }, unit: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
    throw new InputError('BAD_ARGUMENT', `${name} must be between ${range.min} and ${range.max}${unit}, got ${value}.`);
  }
  return Math.round(value);
}

function toFloat(chunks: Int16Array[]): Float32Array {
  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const out = new Float32Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) out[offset + i] = chunk[i] / 32768;
    offset += chunk.length;
  }
  return out;
}
