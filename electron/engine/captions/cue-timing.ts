import type { CaptionCue, CaptionStyle } from './caption-types.js';

/** A cue stays at least this long on screen, taking time from the silence after it when there is some. */
export const MIN_CUE_SEC = 0.6;
/** Captions stay up a moment after the last word so the eye can finish reading. */
const LINGER_SEC = 0.25;
/** A gap shorter than this between two cues is closed, so the captions do not blink. */
const CHAIN_GAP_SEC = 0.15;
/** The longest a cue stays up (unless its own words take longer). */
export const MAX_CUE_SEC: Record<CaptionStyle, number> = { reel: 3.5, clean: 6 };

/**
 * Sets each cue's times from its words: on at its first word, off a little after its last (at least
 * MIN_CUE_SEC after it came on, at most the style's maximum unless its words last longer), never past the
 * next cue's start. Depends only on the words, so settling twice changes nothing.
 */
export function settleCueTiming(cues: readonly CaptionCue[], style: CaptionStyle): CaptionCue[] {
  const sorted = [...cues].sort((a, b) => firstWordStart(a) - firstWordStart(b));
  return sorted.map((cue, index) => {
    const start = firstWordStart(cue);
    const spokenEnd = lastWordEnd(cue);
    const next = sorted[index + 1];
    let end = Math.max(spokenEnd + LINGER_SEC, start + MIN_CUE_SEC);
    end = Math.min(end, Math.max(spokenEnd, start + MAX_CUE_SEC[style]));
    if (next) {
      const nextStart = firstWordStart(next);
      if (end > nextStart || nextStart - end < CHAIN_GAP_SEC) end = nextStart;
    }
    return { ...cue, start, end: Math.max(end, start) };
  });
}

function firstWordStart(cue: CaptionCue): number {
  return cue.lines[0][0].start;
}

function lastWordEnd(cue: CaptionCue): number {
  return Math.max(...cue.lines.flat().map((word) => word.end));
}
