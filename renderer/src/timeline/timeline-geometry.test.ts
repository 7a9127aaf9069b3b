import { describe, expect, it } from 'vitest';
import type { Clip } from '../../../electron/contract/project-document';
import { formatTimecode, nearestFreeStart, rulerStepSec, snapCandidates, snapTime, trackRowHeight } from './timeline-geometry';

const clip = (id: string, start: number, length: number): Clip => ({ id, start, kind: 'audio', voiceId: 1, trimStart: 0, trimEnd: length, duration: length });

describe('timeline geometry', () => {
  it('formats timecodes', () => {
    expect(formatTimecode(0)).toBe('0:00.00');
    expect(formatTimecode(65.25)).toBe('1:05.25');
    expect(formatTimecode(3.999)).toBe('0:03.99');
    expect(formatTimecode(-4)).toBe('0:00.00');
    expect(formatTimecode(Number.NaN)).toBe('0:00.00');
  });

  it('spaces ruler labels by the zoom', () => {
    expect(rulerStepSec(600)).toBe(0.2);
    expect(rulerStepSec(80)).toBe(1);
    expect(rulerStepSec(10)).toBe(10);
  });

  it('snaps only within the threshold, to the nearest edge', () => {
    expect(snapTime(2.04, [0, 2, 2.1], 0.1)).toBe(2);
    expect(snapTime(2.08, [0, 2, 2.1], 0.1)).toBe(2.1);
    expect(snapTime(2.5, [0, 2, 3], 0.1)).toBe(2.5);
    expect(snapCandidates([clip('a', 1, 2), clip('b', 5, 1)], 'b')).toEqual([0, 1, 3]);
  });

  it('keeps clips on a track from overlapping', () => {
    const others = [clip('a', 2, 2), clip('b', 6, 1)];
    expect(nearestFreeStart(others, 0, 1)).toBe(0);
    expect(nearestFreeStart(others, 2.4, 1)).toBe(1);
    expect(nearestFreeStart(others, 3.5, 1)).toBe(4);
    expect(nearestFreeStart(others, 4.5, 2)).toBe(4);
    expect(nearestFreeStart(others, 5.5, 3)).toBe(7);
    expect(nearestFreeStart(others, -3, 1)).toBe(0);
    expect(nearestFreeStart([], 4, 1)).toBe(4);
  });

  it('shares the visible height among few tracks and keeps many compact', () => {
    expect(trackRowHeight(260, 3)).toBe(67);
    expect(trackRowHeight(600, 1)).toBe(76);
    expect(trackRowHeight(260, 8)).toBe(56);
    expect(trackRowHeight(0, 3)).toBe(56);
  });
});
