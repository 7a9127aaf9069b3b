import type { PcmAudio, TimedPhoneme } from './speech-types.js';

/** Oral stops and affricates: closure (silence or voice bar) first, then the release. */
const STOPS = /^(p|b|t|d|k|ɡ|g|c|ɟ|q|tʃ|dʒ|ts|dz|tɕ|dʑ|ʈ|ɖ)/;
const WINDOW_SEC = 0.0025;
const LOOK_BACK_SEC = 0.12;
/** A closure is at least this much quieter than the loudest part of the phoneme before it. */
const CLOSURE_DROP_DB = 30;
const MIN_CLOSURE_SEC = 0.01;

/**
 * eSpeak reports a stop at its release; the lips (for b/p) and tongue close before that, during the
 * silent stretch eSpeak renders at the end of the preceding phoneme. For lip sync the closure is what
 * counts, so each stop's start moves back to where that silence begins, measured on the synthesised
 * audio itself. Phonemes after a pause keep their start (the pause already holds the closure).
 */
export function moveStopsToClosureOnset(phonemes: TimedPhoneme[], audio: PcmAudio): void {
  const window = Math.max(1, Math.round(WINDOW_SEC * audio.sampleRate));
  const levelDb = (fromSec: number) => {
    const a = Math.max(0, Math.round(fromSec * audio.sampleRate));
    const b = Math.min(audio.samples.length, a + window);
    let sum = 0;
    for (let i = a; i < b; i++) sum += audio.samples[i] * audio.samples[i];
    return b > a ? 10 * Math.log10(sum / (b - a) + 1e-12) : -120;
  };
  for (let k = 1; k < phonemes.length; k++) {
    const stop = phonemes[k];
    const before = phonemes[k - 1];
    if (!STOPS.test(stop.phoneme) || before.phoneme === '_') continue;
    const earliest = Math.max(before.start + MIN_CLOSURE_SEC, stop.start - LOOK_BACK_SEC);
    let peak = -120;
    for (let t = before.start; t < stop.start; t += WINDOW_SEC) peak = Math.max(peak, levelDb(t));
    const quiet = peak - CLOSURE_DROP_DB;
    // Walk back from the release while it stays quiet; the first loud window ends the closure.
    let onset = stop.start;
    for (let t = stop.start - WINDOW_SEC; t >= earliest; t -= WINDOW_SEC) {
      if (levelDb(t) > quiet) break;
      onset = t;
    }
    if (stop.start - onset >= MIN_CLOSURE_SEC) {
      const moved = Math.round(onset * 1000) / 1000;
      before.end = moved;
      stop.start = moved;
    }
  }
}
