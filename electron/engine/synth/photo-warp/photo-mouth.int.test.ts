import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPaths } from '../../install-layout.js';
import { NEUTRAL_FRAME } from '../../animate/performance-types.js';
import { analyzeImage } from '../../face/analyze-image.js';
import { decodeImage, resolveFfmpegTools } from '../../media/index.js';
import { lumaAt, type RgbaImage } from '../../media/rgba-image.js';
import { SessionPool } from '../../models/session-pool.js';
import { quantile } from '../../media/image-statistics.js';
import type { Point2 } from '../../face/face-types.js';
import { LIPS_INNER, LIPS_OUTER } from '../../face/mesh-regions.js';
import { polygonArea } from '../../face/subject-masks.js';
import { hasSharedMedia, media } from '../../../../tests/helpers/run-cli.js';
import { createFaceRig, type FaceRig } from './face-rig.js';
import { measureMouthPose, MOUTH_POSES, reelScale } from '../../quality/mouth-look-figures.js';
import { createFrameBuffer, renderFrame } from './render-frame.js';

/**
 * A photo whose mouth is open already (issue 14): its own teeth are fixed to the skull and the jaw, not stretched
 * with the lips into grey ghosts under a see-through cavity. And painted teeth are lit like the face, not like eyes
 * that happen to be dim.
 */
const OPEN_MOUTHS = ['portrait_woman_smiling_cc0.png', 'portrait_eileen_collins_nasa.png'];
/** Eye whites at 0.8 of the skin's luma (shaded by the brows): teeth toned to them read grey. */
const DIM_EYES = 'portrait_man_luciano_cc0.png';

interface Photo {
  image: RgbaImage;
  rig: FaceRig;
  outputScale: number;
}
const photos: Record<string, Photo> = {};

function render(photo: Photo, pose: string): RgbaImage {
  const frame = createFrameBuffer(photo.image);
  renderFrame(photo.image, [photo.rig], [{ ...NEUTRAL_FRAME, ...MOUTH_POSES[pose] }], frame);
  return frame;
}

/** The rig's vertices where this frame put them, as x, y, z triples like `rig.source` (z unused). */
function destPoints(rig: FaceRig): number[] {
  const dest = rig.scratch.dest;
  return Array.from({ length: (dest.length / 2) * 3 }, (_, i) => (i % 3 === 2 ? 0 : dest[2 * Math.floor(i / 3) + (i % 3)]));
}

/**
 * Lumas of `image` over a box spanning `across` of the inner mouth's width about its middle (corners 78 and 308 of
 * `points`, x, y, z per vertex), between two heights.
 */
function boxLumas(image: RgbaImage, points: Float64Array | number[], across: number, fromY: number, toY: number): number[] {
  const [cornerA, cornerB] = [78, 308].map((i) => points[3 * i]);
  const mid = (cornerA + cornerB) / 2;
  const half = (across * Math.abs(cornerB - cornerA)) / 2;
  const lumas: number[] = [];
  for (let y = Math.round(fromY); y <= Math.round(toY); y++) {
    for (let x = Math.round(mid - half); x <= Math.round(mid + half); x++) lumas.push(lumaAt(image.data, (y * image.width + x) * 4));
  }
  return lumas;
}

describe.skipIf(!hasSharedMedia)('the mouth of a photo that shows its teeth', () => {
  let pool: SessionPool;
  beforeAll(async () => {
    pool = new SessionPool(defaultModelPaths());
    const tools = await resolveFfmpegTools();
    for (const name of [...OPEN_MOUTHS, DIM_EYES]) {
      const { image } = await decodeImage(tools, media(`images/${name}`));
      const { subjects } = await analyzeImage(pool, image);
      photos[name] = { image, rig: createFaceRig(image, subjects[0], { otherSubjects: subjects }), outputScale: reelScale(image, subjects[0]) };
    }
  });
  afterAll(async () => {
    await pool?.release();
  });

  it.each(OPEN_MOUTHS)('keeps the upper teeth where the photo has them as the jaw drops (%s)', (name) => {
    const photo = photos[name];
    const { source } = photo.rig;
    const frame = render(photo, 'wide');
    // the upper incisors: from just under the photo's upper inner lip to a third of the way down its opening
    const top = source[3 * 13 + 1];
    const gap = source[3 * 14 + 1] - top;
    const inPhoto = boxLumas(photo.image, source, 0.3, top + 2, top + 0.33 * gap);
    const inFrame = boxLumas(frame, source, 0.3, top + 2, top + 0.33 * gap);
    const meanDiff = inPhoto.reduce((sum, l, i) => sum + Math.abs(l - inFrame[i]), 0) / inPhoto.length;
    // stretched with the lips under a translucent cavity they differed by 23 (smiling woman) and 28 (Eileen Collins)
    expect(meanDiff).toBeLessThan(8);
  });

  it.each(OPEN_MOUTHS)('paints the rounded mouth’s cavity dark, without the photo’s teeth ghosting through (%s)', (name) => {
    const photo = photos[name];
    const frame = render(photo, 'rounded');
    const dest = photo.rig.scratch.dest;
    const top = dest[2 * 13 + 1];
    const gap = dest[2 * 14 + 1] - top;
    const lumas = boxLumas(frame, destPoints(photo.rig), 0.4, top + 0.45 * gap, top + 0.8 * gap);
    // the smiling woman's stretched teeth showed through the translucent cavity at 0.30 of her teeth's luma (now 0.19)
    expect(quantile(lumas, 0.95)).toBeLessThan(0.24 * lumaAt(photo.rig.colours.enamel));
  });

  it('lights painted teeth like the skin when the eyes are dim, with their shading kept', () => {
    for (const pose of ['half', 'wide']) {
      const { teethToSkin } = measureMouthPose({ ...photos[DIM_EYES], pose });
      // toned to 0.9 of the eye whites they read 0.69–0.74 of the skin, grey; a photo's own teeth read 1.2–1.3
      expect(teethToSkin).toBeGreaterThan(0.95);
      expect(teethToSkin).toBeLessThan(1.4);
    }
    // shading stays: the painted teeth are not one flat tone
    const photo = photos[DIM_EYES];
    const frame = render(photo, 'wide');
    const top = photo.rig.scratch.dest[2 * 13 + 1];
    const teethBand = boxLumas(frame, destPoints(photo.rig), 0.6, top + 1, top + 0.03 * photo.rig.frame.heightPx);
    const bright = quantile(teethBand, 0.9);
    expect(bright - quantile(teethBand, 0.2)).toBeGreaterThan(0.12 * bright);
  });

  it('rounds a smile into a narrow, pouted mouth: corners pushed in, more of the lips\' red showing', () => {
    const photo = photos['portrait_woman_smiling_cc0.png'];
    const figures = (pose: string) => {
      render(photo, pose);
      const d = photo.rig.scratch.dest;
      const at = (i: number): Point2 => [d[2 * i], d[2 * i + 1]];
      return { width: Math.hypot(at(291)[0] - at(61)[0], at(291)[1] - at(61)[1]), red: polygonArea(LIPS_OUTER.map(at)) - polygonArea(LIPS_INNER.map(at)) };
    };
    const [closed, rounded] = [figures('closed'), figures('rounded')];
    // a /u/ narrows a smile by 40–50 %; it narrowed it by 27 %, and the lips' red shrank to 0.85 of the smile's
    expect(rounded.width).toBeLessThan(0.6 * closed.width);
    expect(rounded.width).toBeGreaterThan(0.45 * closed.width);
    expect(rounded.red).toBeGreaterThan(1.05 * closed.red);
  });
});
