import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEUTRAL_FRAME, type SubjectFrameParams } from '../../animate/performance-types.js';
import { lumaAt, type RgbaImage } from '../../media/rgba-image.js';
import type { SessionPool } from '../../models/session-pool.js';
import type { FaceRig } from './face-rig.js';
import { createFrameBuffer, renderFrame } from './render-frame.js';
import { openSampleRig } from './test-support/sample-rig.js';

/**
 * The painted tongue follows the articulation (issue 14): for t d n l (tongueShow about 0.35) its blade rises from the
 * floor of the mouth to behind the upper teeth, narrow, with the dark mouth either side; for th (0.9) its tip lies
 * between the teeth, over the upper teeth's biting edge; for a vowel it lies low. Measured on the bundled portrait.
 */
// the portrait shows its own upper teeth, which stay put with the skull: the jaw opens far enough to leave the
// middle of the opening below them to the tongue
const OPEN = { jawOpen: 0.8, teethShow: 0 };
const POSES: Record<string, Partial<SubjectFrameParams>> = {
  a: { ...OPEN, tongueShow: 0.05 },
  l: { ...OPEN, tongueShow: 0.35 },
  th: { ...OPEN, tongueShow: 0.9 },
};

interface Rendered {
  frame: RgbaImage;
  /** Pixel at across-position s (-1..1, corner to corner) and depth d (0 = upper inner lip, 1 = lower) of the opening. */
  at: (s: number, d: number) => { luma: number; red: number };
}

describe('the tongue', () => {
  let pool: SessionPool;
  let rig: FaceRig;
  let image: RgbaImage;
  const frames: Record<string, Rendered> = {};

  beforeAll(async () => {
    ({ pool, image, rig } = await openSampleRig());
    for (const [name, pose] of Object.entries(POSES)) {
      const frame = createFrameBuffer(image);
      renderFrame(image, [rig], [{ ...NEUTRAL_FRAME, ...pose }], frame);
      const d = Float64Array.from(rig.scratch.dest);
      const p = (i: number) => [d[2 * i], d[2 * i + 1]];
      const [left, right, upper, lower] = [p(78), p(308), p(13), p(14)];
      frames[name] = {
        frame,
        at: (s, depth) => {
          // across from the midline towards a corner, then down from the upper lip to the lower
          const corner = s < 0 ? left : right;
          const f = Math.abs(s);
          const top = [upper[0] + (corner[0] - upper[0]) * f, upper[1] + (corner[1] - upper[1]) * f];
          const bottom = [lower[0] + (corner[0] - lower[0]) * f, lower[1] + (corner[1] - lower[1]) * f];
          const x = Math.round(top[0] + (bottom[0] - top[0]) * depth);
          const y = Math.round(top[1] + (bottom[1] - top[1]) * depth);
          const o = (y * frame.width + x) * 4;
          return { luma: lumaAt(frame.data, o), red: frame.data[o] - frame.data[o + 2] };
        },
      };
    }
  });
  afterAll(async () => {
    await pool?.release();
  });

  it('raises its blade for l: tongue where a vowel shows the dark of the mouth, in the middle only', () => {
    const { a, l } = frames;
    for (const depth of [0.55, 0.65]) {
      expect(l.at(0, depth).luma).toBeGreaterThan(a.at(0, depth).luma + 20);
      expect(l.at(0, depth).red).toBeGreaterThan(a.at(0, depth).red + 10);
    }
    // the blade is narrow: beside it the mouth stays dark
    for (const s of [-0.55, 0.55]) expect(l.at(s, 0.6).luma).toBeLessThan(a.at(s, 0.6).luma + 10);
  });

  it('puts its tip between the teeth for th: over the upper teeth where l shows them', () => {
    const { a, l, th } = frames;
    // the upper teeth's rows at the midline, as the vowel shows them (bright and nearly grey)
    const toothRows = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35].filter((d) => a.at(0, d).luma > 120 && a.at(0, d).red < 40);
    expect(toothRows.length).toBeGreaterThan(0);
    const biting = toothRows[toothRows.length - 1];
    // l keeps its blade behind the teeth: there it shows the teeth as the vowel does; th covers their biting edge
    expect(l.at(0, biting)).toEqual(a.at(0, biting));
    expect(th.at(0, biting).red).toBeGreaterThan(l.at(0, biting).red + 8);
    expect(th.at(0, biting).luma).toBeLessThan(l.at(0, biting).luma - 8);
  });
});
