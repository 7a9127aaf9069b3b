import { describe, expect, it } from 'vitest';
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
