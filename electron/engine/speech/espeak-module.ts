/**
 * The eSpeak NG synthesiser (@echogarden/espeak-ng-emscripten, GPL-3.0). The module is synchronous and stateful
 * (voice, rate and pitch are global to it, and so is the state its sound generator carries between utterances),
 * so every synthesis starts from the same restored state (`getPristineEspeak`) and sets what it needs on it.
 */

/** One event eSpeak reports while it synthesises; `audio_position` is in milliseconds from the start. */
export interface EspeakEvent {
  type: 'list_terminated' | 'word' | 'sentence' | 'mark' | 'play' | 'end' | 'msg_terminated' | 'phoneme' | 'samplerate';
  /** 1-based character index into the text (for words: where the word starts). */
  text_position: number;
  /** For words: the word's length in characters. */
  word_length: number;
  audio_position: number;
  /** Phonemes: IPA ("" for a pause); words and sentences: their number. */
  id?: string | number;
}

export interface EspeakVoiceEntry {
  name: string;
  identifier: string;
  languages: Array<{ priority: number; name: string }>;
}

/** The part of the module's worker object Mouthpiece uses. */
export interface EspeakWorker {
  readonly samplerate: number;
  /** 0 when the voice was found. */
  set_voice(name: string): number;
  set_rate(wordsPerMinute: number): void;
  set_pitch(pitch: number): void;
  list_voices(): EspeakVoiceEntry[];
  /** Calls back with chunks of 16-bit samples and the events they carry; return true to stop. */
  synthesize(text: string, onChunk: (samples: Int16Array, events: EspeakEvent[]) => boolean): void;
}

interface LoadedEspeak {
  worker: EspeakWorker;
  /** The module's linear memory (a new view after it grows). */
  heap: () => Uint8Array;
  /** That memory as it was after one warm-up utterance: the state every synthesis starts from. */
  pristine: Uint8Array;
}

let pending: Promise<LoadedEspeak> | undefined;

/** The longest text (UTF-8 bytes) one synthesis takes: about 20 hours of speech. */
export const ESPEAK_MAX_TEXT_BYTES = 1 << 20;

async function loadEspeak(): Promise<LoadedEspeak> {
  const { default: initialize } = await import('@echogarden/espeak-ng-emscripten');
  const module = (await initialize()) as { eSpeakNGWorker: new () => EspeakWorker; HEAPU8: Uint8Array };
  const worker = withFixedClock(() => new module.eSpeakNGWorker());
  // The first utterance loads what later ones reuse; the snapshot is taken after it so that every synthesis,
  // the first included, starts from one and the same state. The module's JavaScript side keeps one buffer in that
  // memory for the strings it is given, grown (reallocated) for a longer one; a buffer allocated after the snapshot
  // would be free again once memory is restored, and eSpeak's own allocations then overwrite the text mid-sentence.
  // So the buffer is grown to its final size here, before the snapshot: a text longer than that is refused.
  // (An unknown voice name of that length grows it at no cost: eSpeak copies at most 60 bytes of a name.)
  worker.set_voice(' '.repeat(ESPEAK_MAX_TEXT_BYTES));
  worker.set_voice('en-us');
  worker.synthesize('Ready.', () => false);
  return { worker, heap: () => module.HEAPU8, pristine: module.HEAPU8.slice() };
}

/**
 * eSpeak seeds its random numbers from the clock when it starts (srand(time())), and breathy voices (variants f3,
 * f5 …) mix that noise into every utterance: the same line came out different in every process. The constructor
 * runs synchronously, so the clock is fixed only while it runs and nothing else can see it.
 */
const ESPEAK_SEED_CLOCK_MS = 1_700_000_000_000;

function withFixedClock<T>(create: () => T): T {
  const now = Date.now;
  Date.now = () => ESPEAK_SEED_CLOCK_MS;
  try {
    return create();
  } finally {
    Date.now = now;
  }
}

function loaded(): Promise<LoadedEspeak> {
  pending ??= loadEspeak();
  pending.catch(() => (pending = undefined));
  return pending;
}

/** The shared instance, for questions that leave nothing behind in it (the voice list). */
export async function getEspeak(): Promise<EspeakWorker> {
  return (await loaded()).worker;
}

/**
 * The instance, put back to the state it had after loading, for one synthesis. eSpeak's sound generator carries
 * state from one utterance to the next (pitch flutter, echo), so the same line spoken twice came out different and
 * a render's soundtrack depended on what the process had rendered before. Restoring the module's memory (about
 * 17 MB, a few tens of ms) makes every synthesis depend on its own text and settings only; a new module per
 * synthesis would cost over a second, most of it reading the 24 MB voice data.
 */
export async function getPristineEspeak(): Promise<EspeakWorker> {
  const espeak = await loaded();
  const heap = espeak.heap();
  heap.set(espeak.pristine);
  heap.fill(0, espeak.pristine.length);
  return espeak.worker;
}
