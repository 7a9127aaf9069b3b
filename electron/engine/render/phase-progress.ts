import type { Progress } from '../progress.js';

/** Share of a whole render each phase takes, measured on 10 s portrait renders; rendering frames dominates. */
const PHASES = { analyse: [0, 0.05], speech: [0.05, 0.17], loudness: [0.17, 0.2], render: [0.2, 1] } as const;
export type RenderPhase = keyof typeof PHASES;

/** Maps a phase's own 0..1 progress onto the whole render's, never going backwards. */
export function createPhaseProgress(onProgress?: (progress: Progress) => void) {
  let last = 0;
  return (phase: RenderPhase, phaseRatio: number, etaMs?: number): void => {
    const [from, to] = PHASES[phase];
    const ratio = Math.max(last, from + (to - from) * Math.min(1, Math.max(0, phaseRatio)));
    last = ratio;
    onProgress?.(etaMs === undefined ? { phase, ratio } : { phase, ratio, etaMs });
  };
}
