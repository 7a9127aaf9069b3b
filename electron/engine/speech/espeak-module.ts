/**
 * The eSpeak NG synthesiser (@echogarden/espeak-ng-emscripten, GPL-3.0), loaded once on first use and
 * shared. The module is synchronous and stateful (voice, rate and pitch are global to it), so every
 * caller sets what it needs right before it synthesises, within one synchronous stretch.
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

let pending: Promise<EspeakWorker> | undefined;

export function getEspeak(): Promise<EspeakWorker> {
  pending ??= (async () => {
    const { default: initialize } = await import('@echogarden/espeak-ng-emscripten');
    const module = await initialize();
    return new module.eSpeakNGWorker() as EspeakWorker;
  })();
  pending.catch(() => (pending = undefined));
  return pending;
}
