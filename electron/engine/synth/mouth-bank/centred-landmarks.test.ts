import { describe, expect, it } from 'vitest';
import { createCentredLandmarks } from './centred-landmarks.js';

describe('createCentredLandmarks', () => {
  it('gives each frame 1-2-1 of its neighbours one frame late, without lag on a steady motion', () => {
    const centred = createCentredLandmarks(2);
    const got: (number[] | null)[] = [];
    for (let t = 0; t < 5; t++) got.push(Array.from(centred.push([t, 10 * t * t], false) ?? []));
    got.push(Array.from(centred.flush() ?? []));
    // first frame: (2·0 + 1)/3; inside: (t-1 + 2t + t+1)/4 = t; last: (2·4 + 3)/3
    expect(got[0]).toEqual([]);
    expect(got[1]?.[0]).toBeCloseTo(1 / 3);
    expect(got[2]?.[0]).toBeCloseTo(1);
    expect(got[3]?.[0]).toBeCloseTo(2);
    expect(got[4]?.[0]).toBeCloseTo(3);
    expect(got[5]?.[0]).toBeCloseTo(11 / 3);
    // a curve is averaged, not shifted: 10·(1 + 2·4 + 9)/4 = 45 at t = 2
    expect(got[3]?.[1]).toBeCloseTo(45);
  });

  it('never averages across a shot cut or a frame without a face', () => {
    const centred = createCentredLandmarks(1);
    centred.push([0], false);
    expect(centred.push([100], true)?.[0]).toBeCloseTo(0); // frame 0 alone: its next frame is another shot
    expect(centred.push(null, false)?.[0]).toBeCloseTo(100); // frame 1: before is another shot, next has no face
    expect(centred.push([7], false)).toBeNull(); // frame 2 had no face
    expect(centred.push([9], false)?.[0]).toBeCloseTo(23 / 3); // frame 3: (2·7 + 9)/3, nothing before it
    expect(centred.flush()?.[0]).toBeCloseTo(25 / 3);
  });
});
