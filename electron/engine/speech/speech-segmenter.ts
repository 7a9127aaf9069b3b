import type { SpeechSegment } from './speech-types.js';

export interface SpeechSegmenterOptions {
  /** A frame at or above this probability starts (or continues) speech. */
  startThreshold?: number;
  /** Speech ends only after the probability stays below this for `minSilenceSec`. */
  stopThreshold?: number;
  /** Shorter bursts are dropped (clicks, coughs). */
  minSpeechSec?: number;
  /** Shorter gaps are bridged (pauses inside a phrase). */
  minSilenceSec?: number;
  /** Added on both sides of each segment so soft onsets and releases are kept. */
  padSec?: number;
}

export const DEFAULT_SEGMENTER_OPTIONS: Required<SpeechSegmenterOptions> = {
  startThreshold: 0.5,
  stopThreshold: 0.35,
  minSpeechSec: 0.1,
  minSilenceSec: 0.25,
  padSec: 0.03,
};

/**
 * Turns per-frame speech probabilities into speech segments with hysteresis. Streaming: push frames as
 * they come, then `finish` with the total duration. Pure and deterministic.
 */
export function createSpeechSegmenter(options: SpeechSegmenterOptions = {}): {
  push(probability: number, frameStartSec: number, frameEndSec: number): void;
  finish(durationSec: number): SpeechSegment[];
} {
  const o = { ...DEFAULT_SEGMENTER_OPTIONS, ...options };
  if (!(o.stopThreshold <= o.startThreshold)) throw new RangeError('stopThreshold must not exceed startThreshold');
  const raw: SpeechSegment[] = [];
  let speechStart: number | null = null;
  let silenceStart: number | null = null;
  const close = (end: number) => {
    if (speechStart !== null && end - speechStart >= o.minSpeechSec) raw.push({ start: speechStart, end });
    speechStart = null;
    silenceStart = null;
  };
  return {
    push(probability, frameStartSec, frameEndSec) {
      if (probability >= o.startThreshold) {
        speechStart ??= frameStartSec;
        silenceStart = null;
        return;
      }
      if (speechStart === null || probability >= o.stopThreshold) return;
      silenceStart ??= frameStartSec;
      if (frameEndSec - silenceStart >= o.minSilenceSec) close(silenceStart);
    },
    finish(durationSec) {
      if (speechStart !== null) close(silenceStart ?? durationSec);
      return padAndMerge(raw, o.padSec, durationSec);
    },
  };
}

function padAndMerge(segments: SpeechSegment[], padSec: number, durationSec: number): SpeechSegment[] {
  const out: SpeechSegment[] = [];
  for (const segment of segments) {
    const start = Math.max(0, segment.start - padSec);
    const end = Math.min(durationSec, segment.end + padSec);
    const last = out.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else out.push({ start, end });
  }
  return out;
}
