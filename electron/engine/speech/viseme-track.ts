import type { ArticulationSegment } from './coarticulation.js';
import type { TimedPhoneme } from './speech-types.js';
import { mergeVisemes, phonemesToVisemeSegments, type TimedViseme } from './visemes.js';

/** Articulation segments of a phoneme timeline: diphthongs split, stress carried over. */
export function articulationSegmentsFromPhonemes(phonemes: TimedPhoneme[]): ArticulationSegment[] {
  return phonemesToVisemeSegments(phonemes).map((s) => ({ start: s.start, end: s.end, viseme: s.viseme, stressed: phonemes[s.phonemeIndex].stressed }));
}

/** The viseme track to show and export: neighbours merged, silence dropped (gaps are rest). */
export function visemeTrackFromSegments(segments: { start: number; end: number; viseme: TimedViseme['viseme'] }[]): TimedViseme[] {
  return mergeVisemes(segments.filter((s) => s.end > s.start)).filter((s) => s.viseme !== 'sil');
}
