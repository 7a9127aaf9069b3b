import { describe, expect, it } from 'vitest';
import { describePerformance, detectBlinkFrames, detectNodFrames, formatPerformanceSummary } from './describe-performance.js';
import { NEUTRAL_FRAME, type SubjectPerformance } from './performance-types.js';

const fps = 30;
const DEG = Math.PI / 180;

function performance(frameCount: number, edit: (f: number) => Partial<typeof NEUTRAL_FRAME>): SubjectPerformance {
  return { subjectIndex: 1, fps, frames: Array.from({ length: frameCount }, (_, f) => ({ ...NEUTRAL_FRAME, ...edit(f) })) };
}

describe('describePerformance', () => {
  it('counts each lid closure once, including both closures of a double blink', () => {
    const closure = [0, 0.3, 0.8, 1, 0.6, 0.1, 0, 0, 0.7, 1, 0.4, 0.15, 0.9, 0.3, 0];
    expect(detectBlinkFrames(closure)).toEqual([2, 8, 12]);
    // A lid that wavers around half-closed without reopening is one blink.
    expect(detectBlinkFrames([0, 0.6, 0.45, 0.55, 0.3, 0])).toEqual([1]);
  });

  it('finds nods as quick pitch dips above the slow wander', () => {
    const nodAt = [60, 150, 240];
    const pitch = Array.from({ length: 300 }, (_, f) => {
      const wander = 2 * DEG * Math.sin(f / 80);
      const nod = nodAt.reduce((s, c) => s + (Math.abs(f - c) < 6 ? 2 * DEG * 0.5 * (1 + Math.cos((Math.PI * (f - c)) / 6)) : 0), 0);
      return wander + nod;
    });
    expect(detectNodFrames(pitch, fps)).toEqual(nodAt);
    expect(detectNodFrames(pitch.map((_, f) => 2 * DEG * Math.sin(f / 80)), fps)).toEqual([]);
  });

  it('summarises blinks, head motion, nods and speaking time', () => {
    const perf = performance(60 * fps, (f) => ({
      blinkLeft: f % 200 >= 100 && f % 200 < 104 ? 1 : 0,
      yaw: 2 * Math.SQRT2 * DEG * Math.sin((2 * Math.PI * f) / (3 * fps)),
      jawOpen: f < 15 * fps ? 0.4 : 0,
    }));
    const summary = describePerformance(perf);
    expect(summary.subjectIndex).toBe(1);
    expect(summary.durationSec).toBe(60);
    expect(summary.blinkCount).toBe(9);
    expect(summary.blinksPerMinute).toBe(9);
    expect(summary.headRmsDeg.yaw).toBeCloseTo(2, 2);
    expect(summary.headMaxDeg.yaw).toBeCloseTo(2 * Math.SQRT2, 1);
    expect(summary.headRmsDeg.pitch).toBe(0);
    expect(summary.nodCount).toBe(0);
    // A sine yaw is one period: the periodicity check must see it.
    expect(summary.yawPeakShare).toBeGreaterThan(0.4);
    expect(summary.speakingShare).toBeCloseTo(0.25, 3);
    expect(formatPerformanceSummary(summary)).toMatch(/^subject 1: 60\.0 s, 9 blinks \(9\/min\), head RMS yaw 2° .* 0 nods, .*speaking 25% of frames$/);
  });
});
