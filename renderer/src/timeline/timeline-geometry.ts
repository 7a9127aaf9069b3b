import { clipEndSec, clipLengthSec, type Clip } from '../../../electron/contract/project-document';

/** `m:ss.cc`, e.g. 1:05.25; negative and unknown times show as 0:00.00. */
export function formatTimecode(seconds: number): string {
  const safe = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  const hundredths = Math.floor(safe * 100 + 1e-6);
  const minutes = Math.floor(hundredths / 6000);
  const secs = Math.floor((hundredths % 6000) / 100);
  return `${minutes}:${String(secs).padStart(2, '0')}.${String(hundredths % 100).padStart(2, '0')}`;
}

const TICK_STEPS_SEC = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300];

/** Labelled ruler ticks at least `minGapPx` apart, with four unlabelled ticks between. */
export function rulerStepSec(pxPerSec: number, minGapPx = 72): number {
  return TICK_STEPS_SEC.find((step) => step * pxPerSec >= minGapPx) ?? TICK_STEPS_SEC[TICK_STEPS_SEC.length - 1];
}

/** Snaps a time to the nearest candidate within `thresholdSec`, else returns it unchanged. */
export function snapTime(seconds: number, candidates: readonly number[], thresholdSec: number): number {
  let best = seconds;
  let bestDistance = thresholdSec;
  for (const candidate of candidates) {
    const distance = Math.abs(candidate - seconds);
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The start nearest to `desiredSec` at which a clip of `lengthSec` fits on a track without overlapping `others`
 * (a speaker says one thing at a time). Never before zero.
 */
export function nearestFreeStart(others: readonly Clip[], desiredSec: number, lengthSec: number): number {
  const spans = others.map((clip) => [clip.start, clipEndSec(clip)] as const).sort((a, b) => a[0] - b[0]);
  const fits = (start: number) => start >= 0 && spans.every(([from, to]) => start + lengthSec <= from + 1e-9 || start >= to - 1e-9);
  const desired = Math.max(0, desiredSec);
  if (fits(desired)) return desired;
  // Candidates: right after each clip, or right before it; the free one closest to where the user aimed wins.
  const candidates = spans.flatMap(([from, to]) => [to, from - lengthSec]).filter(fits);
  if (candidates.length === 0) return spans.length > 0 ? spans[spans.length - 1][1] : desired;
  return candidates.reduce((best, candidate) => (Math.abs(candidate - desired) < Math.abs(best - desired) ? candidate : best));
}

/** Edges a moving clip or the playhead may snap to: clip starts and ends, and zero. */
export function snapCandidates(clips: readonly Clip[], exceptClipId: string | null): number[] {
  return [0, ...clips.filter((clip) => clip.id !== exceptClipId).flatMap((clip) => [clip.start, clip.start + clipLengthSec(clip)])];
}

const MIN_ROW_HEIGHT_PX = 56;
const MAX_ROW_HEIGHT_PX = 76;
/** The ruler above the tracks and the teaching line under them (timeline.css). */
const RULER_HEIGHT_PX = 27;
const HINT_HEIGHT_PX = 30;

/** Row height that fills the visible height with the tracks there are, within a readable range (many tracks scroll). */
export function trackRowHeight(visibleHeightPx: number, trackCount: number): number {
  if (trackCount === 0 || visibleHeightPx <= 0) return MIN_ROW_HEIGHT_PX;
  const share = Math.floor((visibleHeightPx - RULER_HEIGHT_PX - HINT_HEIGHT_PX) / trackCount);
  return Math.max(MIN_ROW_HEIGHT_PX, Math.min(MAX_ROW_HEIGHT_PX, share));
}
