import { describe, expect, it } from 'vitest';
import { computeArticulationCurves, segmentFrames, type ArticulationSegment } from './coarticulation.js';
import { ARTICULATION_CHANNELS } from './speech-types.js';
import type { Viseme } from './visemes.js';

const FPS = 30;
/** Back-to-back segments from [viseme, durationSec] pairs, starting at 0. */
function track(...parts: [Viseme, number][]): ArticulationSegment[] {
  let t = 0;
  return parts.map(([viseme, d]) => {
    const s = { start: t, end: t + d, viseme };
    t += d;
    return s;
  });
}
const end = (segs: ArticulationSegment[]) => segs[segs.length - 1].end;

describe('computeArticulationCurves', () => {
  it('closes the lips fully at every bilabial frame, even a closure shorter than a frame', () => {
    const segs = track(['sil', 0.3], ['PP', 0.07], ['aa', 0.2], ['PP', 0.02], ['aa', 0.25], ['PP', 0.05], ['O', 0.2], ['sil', 0.3]);
    const c = computeArticulationCurves(segs, { fps: FPS, durationSec: end(segs) });
    for (const s of segs.filter((x) => x.viseme === 'PP')) {
      const [from, to] = segmentFrames(s.start, s.end, FPS, c.frameCount);
      expect(from).toBe(Math.round(s.start * FPS));
      for (let k = from; k <= to; k++) {
        expect(c.lipPress[k]).toBe(1);
        expect(c.jawOpen[k]).toBeLessThanOrEqual(0.03);
      }
    }
    // The lips shut one frame (the lead) before each closure's sound, never earlier.
    for (const s of segs.filter((x) => x.viseme === 'PP')) {
      const first = Math.round(s.start * FPS);
      expect(c.lipPress[first - 1]).toBe(1);
      expect(c.lipPress[first - 2]).toBeLessThan(1);
    }
    // Between closures the mouth opens for the vowel and the lips part.
    const mid = Math.round(((segs[2].start + segs[2].end) / 2) * FPS);
    expect(c.jawOpen[mid]).toBeGreaterThan(0.6);
    expect(c.lipPress[mid]).toBeLessThan(0.3);
  });

  it('opens the jaw a frame ahead of the vowel onset, not later, and stays shut well before it', () => {
    const segs = track(['sil', 0.5], ['aa', 0.3], ['sil', 0.5]);
    const c = computeArticulationCurves(segs, { fps: FPS, durationSec: end(segs) });
    const onset = Math.round(0.5 * FPS);
    const peak = Math.max(...c.jawOpen);
    expect(c.jawOpen[onset]).toBeGreaterThan(0.75 * peak);
    // The lead: the frame before the sound is already more than half open (it was under half without it).
    expect(c.jawOpen[onset - 1]).toBeGreaterThan(0.55 * peak);
    expect(c.jawOpen[onset - 5]).toBeLessThan(0.15 * peak);
    // The peak lies inside the vowel: nothing trails the sound.
    const argmax = c.jawOpen.indexOf(peak);
    expect(argmax).toBeGreaterThanOrEqual(onset);
    expect(argmax).toBeLessThan(Math.round(0.8 * FPS));
  });

  it('anticipates rounding through lingual consonants before a rounded vowel', () => {
    const toU = track(['sil', 0.3], ['SS', 0.1], ['DD', 0.06], ['U', 0.25], ['sil', 0.3]);
    const toI = track(['sil', 0.3], ['SS', 0.1], ['DD', 0.06], ['I', 0.25], ['sil', 0.3]);
    const cu = computeArticulationCurves(toU, { fps: FPS, durationSec: end(toU) });
    const ci = computeArticulationCurves(toI, { fps: FPS, durationSec: end(toI) });
    const dFrame = Math.round(0.4 * FPS);
    expect(cu.lipRound[dFrame]).toBeGreaterThan(ci.lipRound[dFrame] + 0.25);
    expect(ci.lipSpread[dFrame]).toBeGreaterThan(cu.lipSpread[dFrame] + 0.2);
  });

  it('opens the jaw wider with more vocal effort and keeps every channel in 0..1', () => {
    const segs = track(['sil', 0.2], ['aa', 0.3], ['I', 0.2], ['sil', 0.2]);
    const durationSec = end(segs);
    const frames = Math.ceil(durationSec * FPS);
    const loud = computeArticulationCurves(segs, { fps: FPS, durationSec, loudness: new Array(frames).fill(1) });
    const soft = computeArticulationCurves(segs, { fps: FPS, durationSec, loudness: new Array(frames).fill(0.2) });
    expect(Math.max(...loud.jawOpen)).toBeGreaterThan(Math.max(...soft.jawOpen) + 0.3);
    expect(loud.frameCount).toBe(frames);
    for (const ch of ARTICULATION_CHANNELS) for (const v of loud[ch]) expect(v >= 0 && v <= 1).toBe(true);
  });
});
