import { describe, expect, it } from 'vitest';
import { scoreLipSync } from './lip-sync-metrics.js';
import { ARTICULATION_CHANNELS, type ArticulationCurves } from './speech-types.js';

function curvesPressedAt(frames: number[], frameCount: number): ArticulationCurves {
  const curves = { fps: 30, frameCount } as ArticulationCurves;
  for (const ch of ARTICULATION_CHANNELS) curves[ch] = new Array<number>(frameCount).fill(0);
  for (const k of frames) curves.lipPress[k] = 1;
  return curves;
}

describe('scoreLipSync', () => {
  it('tells false closures in a pause from those inside speech, and counts a press on a b/p/m as a hit', () => {
    const reference = [
      { start: 0, end: 0.5, phoneme: '_' },
      { start: 0.5, end: 0.8, phoneme: 'a' },
      { start: 0.8, end: 0.9, phoneme: 'm' },
      { start: 0.9, end: 1.2, phoneme: 'a' },
    ];
    // Frames 3–5 lie in the pause, 18–19 in the first /a/, 25 on the /m/ (frames 24–26).
    const score = scoreLipSync(reference, curvesPressedAt([3, 4, 5, 18, 19, 25], 36));
    expect(score.closures).toBe(1);
    expect(score.closuresHit).toBe(1);
    expect(score.pressRuns).toBe(3);
    expect(score.pressRunsOnBilabial).toBe(1);
    expect(score.falseRunsInPause).toBe(1);
  });
});
