import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../media/rgba-image.js';
import { cropFramesToShots, shotFrameSize } from './shot-frames.js';
import type { ShotPlan } from './speaker-shots.js';

/** A frame whose red channel is its column and green its row: where a cut came from can be read off its pixels. */
function gradientFrame(width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x, y, 0, 255], (y * width + x) * 4);
  return { width, height, data };
}

/** Two shots of a 200×100 view (drawn at half size), cut at 1 s and joined by a move from 2 s to 3 s. */
const plan: Pick<ShotPlan, 'view' | 'shots' | 'changes'> = {
  view: { x: 100, y: 50, width: 200, height: 100 },
  shots: [
    { subject: 0, crop: { x: 100, y: 50, width: 60, height: 100 }, startSec: 0, endSec: 2.5 },
    { subject: 1, crop: { x: 240, y: 50, width: 60, height: 100 }, startSec: 2.5, endSec: 4 },
  ],
  changes: [{ kind: 'move', startSec: 2, endSec: 3 }],
};

describe('cropFramesToShots', () => {
  it('cuts each frame to the crop at its time, in the rendered pixels of the view', async () => {
    const frame = gradientFrame(100, 50);
    expect(shotFrameSize(plan, frame)).toEqual({ width: 30, height: 50 });
    const firstColumns: number[] = [];
    for await (const cut of cropFramesToShots([frame, frame, frame, frame, frame], { plan, fps: 1 })) {
      expect([cut.width, cut.height]).toEqual([30, 50]);
      expect(cut.data[(49 * 30 + 0) * 4 + 1]).toBe(49); // the full height, top row to bottom row
      firstColumns.push(cut.data[0]);
    }
    // 0 s and 1 s on the first speaker, 2 s the move starting, 2.5 s would be halfway, 3 s and on the second speaker.
    expect(firstColumns).toEqual([0, 0, 0, 70, 70]);
  });

  it('passes through the middle of the move', async () => {
    const frame = gradientFrame(100, 50);
    const columns: number[] = [];
    for await (const cut of cropFramesToShots([frame, frame, frame, frame, frame, frame], { plan, fps: 2 })) columns.push(cut.data[0]);
    expect(columns).toEqual([0, 0, 0, 0, 0, 35]);
  });
});
