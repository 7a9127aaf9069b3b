import { describe, expect, it } from 'vitest';
import { playheadStepOf } from '../../audio/playhead-step';
import { createDueFrames } from './due-frames';

describe('createDueFrames', () => {
  it('hands on a frame when the sound reaches its time (within half a frame), the newest due, dropping older ones', () => {
    const dropped: string[] = [];
    const due = createDueFrames<string>({ fps: 25, onDrop: (frame) => dropped.push(frame) });
    due.add(0.08, 'f2');
    due.add(0.04, 'f1');
    due.add(0.12, 'f3');
    expect(due.take(0.0)).toBeNull();
    expect(due.take(0.021)).toBe('f1'); // 0.04 is within half a frame (0.02 s) of 0.021
    expect(due.take(0.05)).toBeNull();
    // the sound moved on past two frames: the newer is shown, the older dropped
    expect(due.take(0.13)).toBe('f3');
    expect(dropped).toEqual(['f2']);
    due.add(0.2, 'f5');
    due.add(0.2, 'f5 again');
    due.clear();
    expect(dropped).toEqual(['f2', 'f5', 'f5 again']);
    expect(due.take(1)).toBeNull();
  });
});

describe('due frames and the playhead playback reports', () => {
  it('agree: at every display refresh the frame shown is within half a frame of the sound', () => {
    const fps = 25;
    const due = createDueFrames<number>({ fps, onDrop: () => {} });
    // every frame came back ahead of its time
    for (let index = 0; index <= 25; index += 1) due.add(index / fps, index / fps);
    let reportedStep = NaN;
    let shownSec = NaN;
    const worstMs: number[] = [];
    // a 60 Hz display, out of step with the 25 Hz frames: the playback engine's tick
    for (let refresh = 0; refresh < 60; refresh += 1) {
      const soundSec = refresh / 60;
      const step = playheadStepOf(soundSec, 1 / fps);
      if (step !== reportedStep) shownSec = due.take(soundSec) ?? shownSec;
      reportedStep = step;
      worstMs.push(Math.abs(shownSec - soundSec) * 1000);
    }
    // reported only on entering a whole 40 ms step, a frame came up to 20 ms after its half-frame turn (40 ms behind)
    expect(Math.max(...worstMs)).toBeLessThanOrEqual(20 + 1e-6);
  });
});
