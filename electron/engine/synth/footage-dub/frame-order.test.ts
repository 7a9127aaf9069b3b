import { describe, expect, it } from 'vitest';
import { BACKWARD_CHUNK_FRAMES, backwardChunkFrames, sourceFrameOrder, splitRuns } from './frame-order.js';

describe('which clip frame each output frame shows', () => {
  it('plays the clip as it is when the voice is shorter, and ends with the voice', () => {
    expect([...sourceFrameOrder({ outputFrames: 5, clipFrames: 10, outputFps: 25, clipFps: 25 })]).toEqual([0, 1, 2, 3, 4]);
  });

  it('plays on forward and back when the voice is longer: no jump anywhere', () => {
    const order = [...sourceFrameOrder({ outputFrames: 12, clipFrames: 4, outputFps: 25, clipFps: 25 })];
    expect(order).toEqual([0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1]);
    for (let t = 1; t < order.length; t++) expect(Math.abs(order[t] - order[t - 1])).toBeLessThanOrEqual(1);
  });

  it('maps between frame rates by time (30 fps out of a 25 fps clip repeats every fifth frame)', () => {
    const order = [...sourceFrameOrder({ outputFrames: 12, clipFrames: 100, outputFps: 30, clipFps: 25 })];
    expect(order).toEqual([0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 8, 9]);
  });

  it('splits an order into forward and backward runs', () => {
    expect(splitRuns([0, 1, 2, 3, 2, 1, 0, 1, 2])).toEqual([
      { from: 0, to: 4, forward: true },
      { from: 4, to: 7, forward: false },
      { from: 7, to: 9, forward: true },
    ]);
    expect(splitRuns([5])).toEqual([{ from: 0, to: 1, forward: true }]);
  });
});

describe('backward chunks', () => {
  it('hold up to 192 MiB of frames, between 12 and 120 of them', () => {
    expect(backwardChunkFrames(1280, 720)).toBe(54);
    expect(backwardChunkFrames(1920, 1080)).toBe(24);
    expect(backwardChunkFrames(3840, 2160)).toBe(BACKWARD_CHUNK_FRAMES);
    expect(backwardChunkFrames(320, 240)).toBe(120);
  });
});
