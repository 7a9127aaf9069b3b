import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeImage, type Point3 } from '../../electron/engine/face/index.js';
import { decodeImage, type RgbaImage } from '../../electron/engine/media/index.js';
import type { SessionPool } from '../../electron/engine/models/session-pool.js';
import { compareUpperFace, upperFaceRect } from '../../electron/engine/quality/identity.js';
import { lumaOf, meanSsim, type LumaPlane } from '../../electron/engine/quality/ssim.js';
import { hasSharedMedia, media, openEngine } from './quality-support.js';

let pool: SessionPool;
let photo: RgbaImage;
let luma: LumaPlane;
let landmarks: Point3[];

/** The picture moved right/down by (dx, dy); the uncovered edge repeats the border. */
function shiftPlane(plane: LumaPlane, dx: number, dy: number): LumaPlane {
  const data = new Float32Array(plane.data.length);
  for (let y = 0; y < plane.height; y++) {
    for (let x = 0; x < plane.width; x++) {
      const sx = Math.min(plane.width - 1, Math.max(0, x - dx));
      const sy = Math.min(plane.height - 1, Math.max(0, y - dy));
      data[y * plane.width + x] = plane.data[sy * plane.width + sx];
    }
  }
  return { ...plane, data };
}

/** Binomial blur: `passes` rounds of [1 2 1]/4 both ways (no negative lobes, unlike a box filter, whose sign flip at high frequencies would *invert* fine texture). */
function blurPlane(plane: LumaPlane, passes: number): LumaPlane {
  let data = plane.data;
  const { width, height } = plane;
  const at = (src: Float32Array, x: number, y: number) => src[Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))];
  for (let p = 0; p < passes; p++) {
    const rows = new Float32Array(data.length);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rows[y * width + x] = (at(data, x - 1, y) + 2 * at(data, x, y) + at(data, x + 1, y)) / 4;
    const cols = new Float32Array(data.length);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) cols[y * width + x] = (at(rows, x, y - 1) + 2 * at(rows, x, y) + at(rows, x, y + 1)) / 4;
    data = cols;
  }
  return { ...plane, data };
}

beforeAll(async () => {
  const engine = await openEngine();
  pool = engine.pool;
  photo = (await decodeImage(engine.tools, media('images/portrait_man_luciano_cc0.png'))).image;
  luma = lumaOf(photo);
  [{ landmarks }] = (await analyzeImage(pool, photo)).subjects;
});
afterAll(() => pool.release());

describe.skipIf(!hasSharedMedia)('SSIM', () => {
  it('is 1 for a picture with itself', () => {
    expect(meanSsim(luma, luma)).toBeCloseTo(1, 6);
  });

  it('is lower for a copy shifted by 3 px or blurred, and lower still the more it is changed', () => {
    const shifted = meanSsim(luma, shiftPlane(luma, 3, 0));
    const blurred = meanSsim(luma, blurPlane(luma, 1));
    const moreBlurred = meanSsim(luma, blurPlane(luma, 4));
    expect(shifted).toBeLessThan(0.9);
    expect(blurred).toBeLessThan(0.97);
    expect(moreBlurred).toBeLessThan(blurred);
  });

  it('refuses planes of different sizes', () => {
    expect(() => meanSsim(luma, { width: 10, height: 10, data: new Float32Array(100) })).toThrow(/differ in size/);
  });
});

describe.skipIf(!hasSharedMedia)('upper-face comparison aligned by landmarks', () => {
  const shiftLandmarks = (dx: number, dy: number): Point3[] => landmarks.map(([x, y, z]) => [x + dx, y + dy, z]);

  it('covers forehead to below the eyes', () => {
    const [, y, , h] = upperFaceRect(landmarks);
    const eyeY = (landmarks[33][1] + landmarks[263][1]) / 2;
    expect(y).toBeLessThan(eyeY - h * 0.3);
    expect(y + h).toBeGreaterThan(eyeY + 5);
  });

  it('scores the photo against itself as 1', () => {
    expect(compareUpperFace({ reference: luma, referenceLandmarks: landmarks, frame: luma, frameLandmarks: landmarks })).toBeGreaterThan(0.999);
  });

  it('follows a moved face through its landmarks, and registers the last pixels itself when the landmarks are off', () => {
    const moved = shiftPlane(luma, 9, 6);
    const aligned = compareUpperFace({ reference: luma, referenceLandmarks: landmarks, frame: moved, frameLandmarks: shiftLandmarks(9, 6) });
    const landmarksOff = compareUpperFace({ reference: luma, referenceLandmarks: landmarks, frame: moved, frameLandmarks: shiftLandmarks(7, 4) });
    expect(aligned).toBeGreaterThan(0.99);
    expect(landmarksOff).toBeGreaterThan(0.98);
  });

  it('scores another person low', async () => {
    const engine = await openEngine();
    const other = (await decodeImage(engine.tools, media('images/portrait_eileen_collins_nasa.png'))).image;
    const [{ landmarks: otherLandmarks }] = (await analyzeImage(pool, other)).subjects;
    const score = compareUpperFace({ reference: luma, referenceLandmarks: landmarks, frame: lumaOf(other), frameLandmarks: otherLandmarks });
    expect(score).toBeLessThan(0.5);
  });

  it('scores a blurred face lower', () => {
    const score = compareUpperFace({ reference: luma, referenceLandmarks: landmarks, frame: blurPlane(luma, 4), frameLandmarks: landmarks });
    expect(score).toBeLessThan(0.9);
  });
});
