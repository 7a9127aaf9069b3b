import type { Progress } from '../progress.js';

export type RenderPhase = 'analyse' | 'speech' | 'track' | 'loudness' | 'render';
type PhaseTable = Readonly<Record<RenderPhase, readonly [number, number]>>;

/** Share of a whole render each phase takes, measured on 10 s portrait renders; rendering frames dominates. */
export const PHOTO_PHASES: PhaseTable = { analyse: [0, 0.05], speech: [0.05, 0.17], track: [0.17, 0.17], loudness: [0.17, 0.2], render: [0.2, 1] };
/** A dub tracks the whole clip first (one decode and a face mesh per frame), about a third of its time. */
export const FOOTAGE_PHASES: PhaseTable = { analyse: [0, 0.02], speech: [0.02, 0.08], track: [0.08, 0.4], loudness: [0.4, 0.42], render: [0.42, 1] };

/** Maps a phase's own 0..1 progress onto the whole render's, never going backwards. */
export function createPhaseProgress(onProgress?: (progress: Progress) => void, phases: PhaseTable = PHOTO_PHASES) {
  let last = 0;
  return (phase: RenderPhase, phaseRatio: number, etaMs?: number): void => {
    const [from, to] = phases[phase];
    const ratio = Math.max(last, from + (to - from) * Math.min(1, Math.max(0, phaseRatio)));
    last = ratio;
    onProgress?.(etaMs === undefined ? { phase, ratio } : { phase, ratio, etaMs });
  };
}
