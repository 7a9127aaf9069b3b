import type { EspeakEvent } from './espeak-module.js';
import type { TimedPhoneme, TimedWord } from './speech-types.js';

/** The pause symbol of a phoneme timeline. */
export const PAUSE = '_';

const PRIMARY_STRESS = 'ˈ';
const SECONDARY_STRESS = 'ˌ';

/**
 * Builds contiguous phoneme and word timings from eSpeak's events. Each phoneme ends where the next one
 * starts (the last at `durationSec`); empty phoneme events and any gap before the first phoneme are
 * pauses ("_"), and consecutive pauses merge. Stress marks move into `stressed` (primary stress, on the
 * phoneme that carries it: the syllable's vowel). A word spans its first phoneme to its last one's end.
 */
export function buildTimelineFromEvents(input: { text: string; events: EspeakEvent[]; durationSec: number }): {
  phonemes: TimedPhoneme[];
  words: TimedWord[];
} {
  const { text, events, durationSec } = input;
  const wordEvents = events.filter((e) => e.type === 'word');
  const phonemes: TimedPhoneme[] = [];
  const words: TimedWord[] = [];
  let currentWordEvent = -1;
  let currentWordIndex: number | undefined;

  const push = (phoneme: Omit<TimedPhoneme, 'end'>) => {
    const last = phonemes.at(-1);
    const start = Math.min(Math.max(phoneme.start, last?.start ?? 0), durationSec);
    if (last && phoneme.phoneme === PAUSE && last.phoneme === PAUSE) return;
    if (last && start === last.start) phonemes.pop(); // a zero-length predecessor carries no timing
    phonemes.push({ ...phoneme, start, end: durationSec });
  };

  for (const event of events) {
    if (event.type === 'word') {
      currentWordEvent += 1;
      currentWordIndex = undefined;
      continue;
    }
    if (event.type !== 'phoneme') continue;
    const id = typeof event.id === 'string' ? event.id : '';
    const start = event.audio_position / 1000;
    if (id.startsWith('(')) continue; // a language switch marker such as "(en)", not a sound
    if (phonemes.length === 0 && start > 0) push({ start: 0, phoneme: PAUSE });
    const symbol = stripStressMarks(id);
    if (symbol === '') {
      push({ start, phoneme: PAUSE });
      continue;
    }
    if (currentWordIndex === undefined && currentWordEvent >= 0) {
      currentWordIndex = words.length;
      words.push({ start, end: start, text: readWordText(text, wordEvents, currentWordEvent) });
    }
    const entry: Omit<TimedPhoneme, 'end'> = { start, phoneme: symbol };
    if (currentWordIndex !== undefined) entry.word = currentWordIndex;
    if (id.includes(PRIMARY_STRESS)) entry.stressed = true;
    push(entry);
  }

  for (let i = 0; i < phonemes.length; i++) phonemes[i].end = i + 1 < phonemes.length ? phonemes[i + 1].start : durationSec;
  const withTime = phonemes.filter((p) => p.end > p.start);
  for (const word of words) word.end = word.start;
  for (const p of withTime) {
    if (p.word === undefined) continue;
    const word = words[p.word];
    if (word.end === word.start) word.start = p.start;
    word.end = Math.max(word.end, p.end);
  }
  return { phonemes: withTime, words };
}

/** Drops stress and syllable-break marks, which are about the syllable rather than the sound. */
export function stripStressMarks(ipa: string): string {
  return ipa.replaceAll(PRIMARY_STRESS, '').replaceAll(SECONDARY_STRESS, '').replaceAll('.', '').trim();
}

/**
 * The word's text as written. eSpeak's length is right for spaced scripts; in scripts without spaces
 * (Chinese) it can cover only the first character, so letters up to the next word are added.
 */
function readWordText(text: string, wordEvents: EspeakEvent[], index: number): string {
  const event = wordEvents[index];
  const start = Math.max(0, event.text_position - 1);
  let end = start + Math.max(1, event.word_length);
  const next = wordEvents[index + 1];
  const limit = next ? next.text_position - 1 : text.length;
  while (end < limit && /\p{L}|\p{M}/u.test(text[end])) end += 1;
  return text.slice(start, end).trim();
}
