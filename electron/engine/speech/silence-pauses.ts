import { PAUSE } from './espeak-timeline.js';
import type { SpeechSegment, TimedPhoneme } from './speech-types.js';

/** Gaps between speech segments shorter than this are left to the phonemes (a stop closure, a breath). */
const MIN_GAP_SEC = 0.15;
const MIN_PIECE_SEC = 0.04;

/** The silences between speech segments (and before the first and after the last), at least MIN_GAP_SEC long. */
export function silenceGaps(segments: SpeechSegment[], durationSec: number): SpeechSegment[] {
  const gaps: SpeechSegment[] = [];
  let previousEnd = 0;
  for (const s of [...segments, { start: durationSec, end: durationSec }]) {
    if (s.start - previousEnd >= MIN_GAP_SEC) gaps.push({ start: previousEnd, end: s.start });
    previousEnd = Math.max(previousEnd, s.end);
  }
  return gaps;
}

/**
 * Where the recording is silent, the mouth must rest even when the transcript's reference had no pause
 * there: the part of a phoneme that overlaps a silence gap becomes a pause ("_"). A phoneme that lies
 * wholly inside a gap is kept (the warping put it there; removing it would lose the sound), and
 * consecutive pauses merge. Returns a new contiguous list.
 */
export function insertPausesAtSilences(phonemes: TimedPhoneme[], gaps: SpeechSegment[]): TimedPhoneme[] {
  const out: TimedPhoneme[] = [];
  const push = (p: TimedPhoneme) => {
    if (p.end - p.start <= 1e-6) return;
    const last = out.at(-1);
    if (last && last.phoneme === PAUSE && p.phoneme === PAUSE) last.end = p.end;
    else out.push(p);
  };
  for (const p of phonemes) {
    const overlapping = gaps.filter((g) => g.end > p.start && g.start < p.end);
    if (p.phoneme === PAUSE || overlapping.length === 0 || overlapping.some((g) => g.start <= p.start && g.end >= p.end)) {
      push({ ...p });
      continue;
    }
    // Cut the phoneme at the gaps; a sliver shorter than MIN_PIECE_SEC next to a longer piece is silence
    // the VAD's padding left on the wrong side, so it joins the pause.
    const pieces: TimedPhoneme[] = [];
    let cursor = p.start;
    for (const g of overlapping) {
      if (g.start > cursor) pieces.push({ ...p, start: cursor, end: g.start });
      pieces.push({ start: Math.max(cursor, g.start), end: Math.min(p.end, g.end), phoneme: PAUSE });
      cursor = Math.min(p.end, g.end);
    }
    if (cursor < p.end) pieces.push({ ...p, start: cursor, end: p.end });
    const longest = Math.max(...pieces.filter((q) => q.phoneme !== PAUSE).map((q) => q.end - q.start));
    for (const piece of pieces) {
      const sliver = piece.phoneme !== PAUSE && piece.end - piece.start < MIN_PIECE_SEC && piece.end - piece.start < longest;
      push(sliver ? { start: piece.start, end: piece.end, phoneme: PAUSE } : piece);
    }
  }
  return out;
}
