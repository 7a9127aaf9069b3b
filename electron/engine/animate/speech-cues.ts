/**
 * The moments of one subject's speech that drive the non-verbal performance, in absolute seconds of the render:
 * phrases (VAD speech), words, and accents (stressed syllables or loud word onsets) with their strength.
 */
import type { SpeechClip } from './performance-spec.js';

export interface Interval {
  start: number;
  end: number;
}

export interface Accent {
  timeSec: number;
  /**
   * 0.3..1: prominence within its clip, from the rank of the mean loudness just after the onset. Ranked because
   * the speech stage normalises loudness to the clip's level, where most stressed syllables sit near the top.
   */
  strength: number;
  /** The first accent of its phrase. */
  phraseInitial: boolean;
}

export interface SpeechCues {
  phrases: Interval[];
  words: Interval[];
  accents: Accent[];
}

/** VAD gaps shorter than this are breaths inside one phrase, not pauses. */
const PHRASE_JOIN_GAP_SEC = 0.25;
const ACCENT_LOUDNESS_WINDOW_SEC = 0.2;
/** Accents closer than this are one prosodic event. */
const MIN_ACCENT_SPACING_SEC = 0.18;

function meanLoudness(loudness: number[], fromFrame: number, toFrame: number): number {
  let sum = 0;
  let count = 0;
  for (let f = Math.max(0, fromFrame); f <= Math.min(loudness.length - 1, toFrame); f++, count++) sum += loudness[f];
  return count ? sum / count : 0;
}

/** 0.3 for the clip's quietest accent … 1 for its loudest (ties share their mean rank); 0.65 for a lone accent. */
function rankStrengths(levels: number[]): number[] {
  if (levels.length < 2) return levels.map(() => 0.65);
  const order = levels.map((level, i) => ({ level, i })).sort((a, b) => a.level - b.level);
  const ranks = new Array<number>(levels.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].level === order[start].level) end++;
    for (let k = start; k <= end; k++) ranks[order[k].i] = (start + end) / 2;
    start = end + 1;
  }
  return ranks.map((r) => 0.3 + (0.7 * r) / (levels.length - 1));
}

/** Onsets (seconds within the clip) of stressed syllables; word onsets when the timeline marks no stress. */
function accentOnsets(clip: SpeechClip, fps: number): number[] {
  const { phonemes, words } = clip.speech.timeline;
  const onsets: number[] = [];
  for (let i = 0; i < phonemes.length; i++) {
    const p = phonemes[i];
    if (!p.stressed) continue;
    const prev = phonemes[i - 1];
    if (prev?.stressed && prev.word === p.word) continue;
    onsets.push(p.start);
  }
  if (onsets.length) return onsets;
  if (words.length) return words.map((w) => w.start);
  // Audio-only speech without words: loudness rising through the middle of its range.
  const { loudness } = clip.speech;
  const found: number[] = [];
  let armed = true;
  for (let f = 1; f < loudness.length; f++) {
    if (armed && loudness[f - 1] < 0.5 && loudness[f] >= 0.5) {
      found.push(f / fps);
      armed = false;
    } else if (loudness[f] < 0.25) armed = true;
  }
  return found;
}

function mergeIntervals(intervals: Interval[], joinGapSec: number): Interval[] {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start - last.end < joinGapSec) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

export function extractSpeechCues(clips: SpeechClip[], fps: number): SpeechCues {
  const phrases: Interval[] = [];
  const words: Interval[] = [];
  const rawAccents: Array<Omit<Accent, 'phraseInitial'>> = [];
  for (const clip of clips) {
    const offsetSec = clip.startFrame / fps;
    const clipEndSec = clip.speech.curves.frameCount / fps;
    const inClip = (t: number) => t >= 0 && t < clipEndSec;
    for (const s of clip.speech.vad) phrases.push({ start: offsetSec + Math.max(0, s.start), end: offsetSec + Math.min(clipEndSec, s.end) });
    for (const w of clip.speech.timeline.words) if (inClip(w.start)) words.push({ start: offsetSec + w.start, end: offsetSec + Math.min(clipEndSec, w.end) });
    const onsets = accentOnsets(clip, fps).filter(inClip);
    const levels = onsets.map((onset) => {
      const fromFrame = Math.round(onset * fps);
      return meanLoudness(clip.speech.loudness, fromFrame, fromFrame + Math.round(ACCENT_LOUDNESS_WINDOW_SEC * fps));
    });
    const strengths = rankStrengths(levels);
    onsets.forEach((onset, i) => rawAccents.push({ timeSec: offsetSec + onset, strength: strengths[i] }));
  }
  const mergedPhrases = mergeIntervals(phrases, PHRASE_JOIN_GAP_SEC);
  rawAccents.sort((a, b) => a.timeSec - b.timeSec);
  const accents: Accent[] = [];
  let phraseCursor = 0;
  let lastPhraseWithAccent = -1;
  for (const a of rawAccents) {
    const last = accents[accents.length - 1];
    if (last && a.timeSec - last.timeSec < MIN_ACCENT_SPACING_SEC) {
      last.strength = Math.max(last.strength, a.strength);
      continue;
    }
    while (phraseCursor < mergedPhrases.length && mergedPhrases[phraseCursor].end < a.timeSec) phraseCursor++;
    const phrase = mergedPhrases[phraseCursor];
    const inPhrase = phrase !== undefined && phrase.start <= a.timeSec + 0.05;
    const phraseInitial = inPhrase && lastPhraseWithAccent !== phraseCursor;
    if (inPhrase) lastPhraseWithAccent = phraseCursor;
    accents.push({ ...a, phraseInitial });
  }
  return { phrases: mergedPhrases, words: mergeIntervals(words, 0), accents };
}

/** True for each frame whose time lies inside one of the (sorted, disjoint) intervals. O(frames + intervals). */
export function intervalMask(intervals: Interval[], fps: number, frameCount: number): Uint8Array {
  const mask = new Uint8Array(frameCount);
  for (const { start, end } of intervals) {
    for (let f = Math.max(0, Math.ceil(start * fps)); f < frameCount && f / fps < end; f++) mask[f] = 1;
  }
  return mask;
}
