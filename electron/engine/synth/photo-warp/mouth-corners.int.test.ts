import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEUTRAL_FRAME, type SubjectFrameParams } from '../../animate/performance-types.js';
import { lumaAt, type RgbaImage } from '../../media/rgba-image.js';
import type { SessionPool } from '../../models/session-pool.js';
import type { FaceRig } from './face-rig.js';
import { createFrameBuffer, renderFrame } from './render-frame.js';
import { openSampleRig } from './test-support/sample-rig.js';

/**
 * The open mouth's outline (issue 14): its corners taper to the point where the lips meet, instead of the blunt,
 * six-sided hole each lip following the jaw whole up to the landmark next to the corner gave; and the floor of a
 * rounded mouth stays dark up to the lower lip (a lit tongue there read as a pale second edge of the lip).
 */
describe('the open mouth on the bundled portrait', () => {
  let pool: SessionPool;
  let rig: FaceRig;
  let image: RgbaImage;

  beforeAll(async () => {
    ({ pool, image, rig } = await openSampleRig());
  });
  afterAll(async () => {
    await pool?.release();
  });

  const render = (pose: Partial<SubjectFrameParams>) => {
    const frame = createFrameBuffer(image);
    renderFrame(image, [rig], [{ ...NEUTRAL_FRAME, ...pose }], frame);
    return frame;
  };
  /** Gap between the warped upper and lower inner lip at the i-th landmark pair (0 and the last are the corners). */
  const gapAt = (i: number) => {
    const d = rig.scratch.dest;
    const [a, b] = [rig.mouth.upper.indices[i], rig.mouth.lower.indices[i]];
    return Math.hypot(d[2 * b] - d[2 * a], d[2 * b + 1] - d[2 * a + 1]);
  };

  it('tapers the wide-open mouth towards its corners', () => {
    render({ jawOpen: 1, teethShow: 1 });
    const n = rig.mouth.upper.indices.length;
    const middle = gapAt((n - 1) / 2);
    // the pairs next to the corners (about 0.9 of the way out) part by well under half the middle's gap; they parted
    // by about as much as the middle when each lip followed the jaw whole
    for (const i of [1, n - 2]) expect(gapAt(i)).toBeLessThan(0.45 * middle);
    // and the opening widens steadily from each corner to the middle
    for (let i = 1; i < (n - 1) / 2; i++) {
      expect(gapAt(i + 1)).toBeGreaterThan(gapAt(i));
      expect(gapAt(n - 2 - i)).toBeGreaterThan(gapAt(n - 1 - i));
    }
  });

  it('keeps the floor of a rounded mouth dark up to the lower lip', () => {
    const frame = render({ jawOpen: 0.35, lipRound: 1 });
    const d = rig.scratch.dest;
    const [top, bottom] = [[d[26], d[27]], [d[28], d[29]]];
    const at = (depth: number) => {
      const x = Math.round(top[0] + (bottom[0] - top[0]) * depth);
      const y = Math.round(top[1] + (bottom[1] - top[1]) * depth);
      return lumaAt(frame.data, (y * frame.width + x) * 4);
    };
    const lip = at(1.6);
    // just above the lower lip: about 0.75 of the lip's luma when the tongue lay lit along it
    for (const depth of [0.7, 0.8]) expect(at(depth)).toBeLessThan(0.5 * lip);
  });
});
