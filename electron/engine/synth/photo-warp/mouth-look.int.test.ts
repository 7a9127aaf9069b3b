import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPaths } from '../../install-layout.js';
import { analyzeImage } from '../../face/analyze-image.js';
import { decodeImage, resolveFfmpegTools } from '../../media/index.js';
import type { RgbaImage } from '../../media/rgba-image.js';
import { SessionPool } from '../../models/session-pool.js';
import { hasSharedMedia, media } from '../../../../tests/helpers/run-cli.js';
import { createFaceRig, type FaceRig } from './face-rig.js';
import { measureMouthPose, reelScale } from '../../quality/mouth-look-figures.js';
import { LIPS_INNER } from '../../face/mesh-regions.js';
import { NEUTRAL_FRAME } from '../../animate/performance-types.js';
import { createFrameBuffer, renderFrame } from './render-frame.js';
import { edgeBlurPx, mouthSurroundBox } from './photo-softness.js';
import { MOUTH_POSES } from '../../quality/mouth-look-figures.js';

/**
 * The painted mouth measured as a viewer sees it (issue 14), on closed-mouth portraits whose open mouth is all paint.
 * The thresholds are ones the earlier renderer failed: its teeth read 1.23–1.58 of the eye whites and its cavity
 * carried 0.13–0.40 of the cheeks' grain.
 */
interface Photo {
  image: RgbaImage;
  rig: FaceRig;
  outputScale: number;
}

const PORTRAITS = ['portrait_man_luciano_cc0.png', 'portrait_chris_pratt_ccby2.jpg'];
/** A closed mouth whose inner lip landmarks cross each other: triangulated as it stands, its pressed seam zigzags. */
const CLOSED_MOUTH = 'hard_man_monkey_on_head_ccby2.png';
/** A small, soft painting enlarged ×9 into the reel: crisp painted teeth stood out most there. */
const SOFT_PAINTING = 'painting_mona_lisa_small_cc0.jpg';
const photos: Record<string, Photo> = {};

describe.skipIf(!hasSharedMedia)('the painted mouth against the photo around it', () => {
  let pool: SessionPool;
  beforeAll(async () => {
    pool = new SessionPool(defaultModelPaths());
    const tools = await resolveFfmpegTools();
    for (const name of [...PORTRAITS, CLOSED_MOUTH, SOFT_PAINTING]) {
      const { image } = await decodeImage(tools, media(`images/${name}`));
      const { subjects } = await analyzeImage(pool, image);
      photos[name] = { image, rig: createFaceRig(image, subjects[0], { otherSubjects: subjects }), outputScale: reelScale(image, subjects[0]) };
    }
  });
  afterAll(async () => {
    await pool?.release();
  });

  it.each(PORTRAITS)('lights the teeth like the skin around them, not dull grey nor a pasted-on denture (%s)', (name) => {
    // against the skin, not the eye whites: Luciano's whites are shaded to 0.8 of his skin, and teeth toned to them
    // read 0.69–0.74 of it (a photo's own teeth read 1.2–1.3)
    for (const pose of ['half', 'wide']) {
      const { teethToSkin } = measureMouthPose({ ...photos[name], pose });
      expect(teethToSkin).toBeLessThan(1.4);
      expect(teethToSkin).toBeGreaterThan(0.95);
    }
  });

  it('lights the teeth no brighter than lit eye whites', () => {
    for (const pose of ['half', 'wide']) {
      const { teethToEyeWhites } = measureMouthPose({ ...photos['portrait_chris_pratt_ccby2.jpg'], pose });
      expect(teethToEyeWhites).toBeLessThan(1.1);
      expect(teethToEyeWhites).toBeGreaterThan(0.6);
    }
  });

  it.each(PORTRAITS)('gives the wide-open cavity about the grain of the cheeks (%s)', (name) => {
    const { grainRatio } = measureMouthPose({ ...photos[name], pose: 'wide' });
    expect(grainRatio).toBeGreaterThan(0.5);
    expect(grainRatio).toBeLessThan(2.5);
  });

  it.each(['portrait_man_luciano_cc0.png', SOFT_PAINTING])('paints teeth no crisper than the edges round the mouth (%s)', (name) => {
    // the opening's strongest edges (teeth, their gaps) read 0.60 and 0.57 px of blur drawn a pixel wide, against the
    // photos' own 0.65 and 0.62 around the mouth
    const { image, rig } = photos[name];
    const frame = createFrameBuffer(image);
    renderFrame(image, [rig], [{ ...NEUTRAL_FRAME, ...MOUTH_POSES.wide }], frame);
    const d = rig.scratch.dest;
    const xs = LIPS_INNER.map((i) => d[2 * i]);
    const ys = LIPS_INNER.map((i) => d[2 * i + 1]);
    const inside = edgeBlurPx(frame, { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) });
    const around = edgeBlurPx(image, mouthSurroundBox((i) => [rig.source[3 * i], rig.source[3 * i + 1]]));
    expect(inside).toBeGreaterThan(1.2 * around);
  });

  it.each(PORTRAITS)('keeps the lip lines free of stair steps at the reel size (%s)', (name) => {
    for (const pose of ['closed', 'wide', 'rounded']) {
      const { lipStairs } = measureMouthPose({ ...photos[name], pose });
      expect(lipStairs).toBeLessThan(1);
    }
  });

  it('opens the mouth along its inner lip lines: each is an edge of the mesh, not crossed by a triangle of the opening', () => {
    const { rig } = photos[CLOSED_MOUTH];
    const edges = new Set<string>();
    for (let t = 0; t < rig.triangles.length; t += 3) {
      for (let e = 0; e < 3; e++) {
        const [a, b] = [rig.triangles[t + e], rig.triangles[t + ((e + 1) % 3)]];
        edges.add(`${Math.min(a, b)}-${Math.max(a, b)}`);
      }
    }
    for (const line of [rig.mouth.upper.indices, rig.mouth.lower.indices]) {
      for (let i = 1; i < line.length; i++) expect(edges.has(`${Math.min(line[i - 1], line[i])}-${Math.max(line[i - 1], line[i])}`)).toBe(true);
    }
  });

  it('parts the lips at the seam the photo shows (no pale band of the other lip along the opening)', () => {
    const { rig } = photos[CLOSED_MOUTH];
    // this photo's inner lip landmarks lie a pixel or two above its dark seam
    const lower = Array.from(rig.lipSeam.lower.subarray(1, -1));
    expect(lower.filter((v) => v > 0.5).length).toBeGreaterThan(lower.length / 2);
    // the wide mouth's lower lip line read 0.84 (both lines 0.47) when the parted lips were textured from the
    // landmarks and the opening's triangles crossed them
    const wide = measureMouthPose({ ...photos[CLOSED_MOUTH], pose: 'wide' });
    expect(wide.lineStairs[1]).toBeLessThan(0.65);
    expect(wide.lipStairs).toBeLessThan(0.4);
  });

  it('draws pressed lips meeting on one clean seam, not a sawtooth (m/b/p)', () => {
    // 0.78 when the mesh was triangulated with the mouth as it stands in the photo
    const { lipStairs } = measureMouthPose({ ...photos[CLOSED_MOUTH], pose: 'pressed' });
    expect(lipStairs).toBeLessThan(0.4);
  });
});
