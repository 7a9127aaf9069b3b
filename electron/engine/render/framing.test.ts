import { describe, expect, it } from 'vitest';
import { frameSubjects, placeOnAxis, type FramedFace, type Framing } from './framing.js';
import { OUTPUT_PRESETS, parseOutputPreset, sourcePresetSize } from './output-presets.js';

/** Face boxes measured by `mouthpiece analyze` on the shared media (landmark bounding boxes). */
const EILEEN_512: FramedFace = { box: { x: 180, y: 73, width: 92, height: 101 }, eyeY: 112 };
const TINY_115: FramedFace = { box: { x: 37, y: 32, width: 35, height: 42 }, eyeY: 48 };

function expectConsistent(f: Framing) {
  const { output, crop, view, placement } = f;
  expect(output.width % 2).toBe(0);
  expect(output.height % 2).toBe(0);
  // Same aspect as the output (within a source pixel): nothing is stretched.
  expect(Math.abs(crop.width / crop.height - output.width / output.height)).toBeLessThan(1.5 / crop.height);
  expect(view.x).toBeGreaterThanOrEqual(crop.x);
  expect(view.y).toBeGreaterThanOrEqual(crop.y);
  expect(view.x + view.width).toBeLessThanOrEqual(crop.x + crop.width);
  expect(view.y + view.height).toBeLessThanOrEqual(crop.y + crop.height);
  expect(placement.x + placement.width).toBeLessThanOrEqual(output.width);
  expect(placement.y + placement.height).toBeLessThanOrEqual(output.height);
  expect(Math.abs(placement.width / view.width - placement.height / view.height)).toBeLessThan(0.02 * f.scale + 1 / view.height);
}

const contains = (outer: { x: number; y: number; width: number; height: number }, inner: typeof outer) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

describe('frameSubjects', () => {
  it('frames a 512 px portrait for a reel inside the photo, face centred, eyes in the upper third', () => {
    const f = frameSubjects({ imageWidth: 512, imageHeight: 512, faces: [EILEEN_512], preset: OUTPUT_PRESETS.reel });
    expectConsistent(f);
    expect(f.output).toEqual({ width: 1080, height: 1920 });
    expect(f.padded).toBe(false);
    expect(contains({ x: 0, y: 0, width: 512, height: 512 }, f.crop)).toBe(true);
    expect(contains(f.crop, EILEEN_512.box)).toBe(true);
    const faceCentre = EILEEN_512.box.x + EILEEN_512.box.width / 2;
    expect(Math.abs(f.crop.x + f.crop.width / 2 - faceCentre)).toBeLessThan(2);
    // Her eyes are high in the photo: the crop starts at its top edge rather than pad above her.
    expect(f.crop.y).toBe(0);
    expect((EILEEN_512.eyeY - f.crop.y) / f.crop.height).toBeLessThan(OUTPUT_PRESETS.reel.eyeLine);
  });

  it('gives a close-up portrait a tighter reel inside the photo rather than padding above and below', () => {
    const closeUp: FramedFace = { box: { x: 169, y: 184, width: 329, height: 376 }, eyeY: 302 }; // portrait_woman_smiling_cc0, 698×790
    const f = frameSubjects({ imageWidth: 698, imageHeight: 790, faces: [closeUp], preset: OUTPUT_PRESETS.reel });
    expectConsistent(f);
    expect(f.padded).toBe(false);
    expect(f.crop.height).toBe(790);
    expect(contains(f.crop, closeUp.box)).toBe(true);
    expect(Math.abs(f.crop.x + f.crop.width / 2 - (169 + 329 / 2))).toBeLessThan(2);
  });

  it('puts the eyes on the eye line when the photo has room above the face', () => {
    const face: FramedFace = { box: { x: 500, y: 700, width: 200, height: 230 }, eyeY: 790 };
    const f = frameSubjects({ imageWidth: 1200, imageHeight: 1600, faces: [face], preset: OUTPUT_PRESETS.reel });
    expectConsistent(f);
    expect(f.padded).toBe(false);
    expect((face.eyeY - f.crop.y) / f.crop.height).toBeCloseTo(OUTPUT_PRESETS.reel.eyeLine, 2);
    expect(Math.abs(f.crop.x + f.crop.width / 2 - 600)).toBeLessThan(1);
  });

  it('frames a landscape clip inside a square portrait when the head fits', () => {
    const f = frameSubjects({ imageWidth: 512, imageHeight: 512, faces: [EILEEN_512], preset: OUTPUT_PRESETS.landscape });
    expectConsistent(f);
    expect(f.padded).toBe(false);
    expect(f.crop).toMatchObject({ x: 0, width: 512, height: 288 });
    expect(contains(f.crop, EILEEN_512.box)).toBe(true);
  });

  it('pads (never stretches) when a landscape frame needs more height than the portrait has', () => {
    const closeUp: FramedFace = { box: { x: 110, y: 120, width: 280, height: 300 }, eyeY: 230 };
    const f = frameSubjects({ imageWidth: 512, imageHeight: 512, faces: [closeUp], preset: OUTPUT_PRESETS.landscape });
    expectConsistent(f);
    expect(f.output).toEqual({ width: 1920, height: 1080 });
    expect(f.crop.width).toBeGreaterThan(512);
    expect(f.padded).toBe(true);
    // Padding is unavoidable, so the crop takes the whole head room the photo has (its full height here).
    expect(f.crop.height).toBe(512);
    expect(f.view).toMatchObject({ x: 0, width: 512, height: f.crop.height });
    expect(f.placement.x).toBeGreaterThan(0);
    expect(contains(f.crop, closeUp.box)).toBe(true);
    expect(f.placement.height).toBeLessThanOrEqual(1080);
  });

  it('zooms into a big photo with a small face instead of showing the whole scene', () => {
    const face: FramedFace = { box: { x: 2000, y: 1200, width: 300, height: 340 }, eyeY: 1330 };
    const f = frameSubjects({ imageWidth: 4000, imageHeight: 3000, faces: [face], preset: OUTPUT_PRESETS.square });
    expectConsistent(f);
    expect(f.padded).toBe(false);
    expect(f.crop.height).toBeLessThan(1400);
    expect(f.crop.height).toBeGreaterThanOrEqual(340 / OUTPUT_PRESETS.square.faceHeightShare - 1);
    expect(contains(f.crop, face.box)).toBe(true);
  });

  it('keeps a face at the photo edge in frame without padding beyond the edge', () => {
    const face: FramedFace = { box: { x: 2, y: 100, width: 120, height: 140 }, eyeY: 150 };
    const f = frameSubjects({ imageWidth: 800, imageHeight: 600, faces: [face], preset: OUTPUT_PRESETS.reel });
    expectConsistent(f);
    expect(f.crop.x).toBe(0);
    expect(f.padded).toBe(false);
    expect(contains(f.crop, face.box)).toBe(true);
  });

  it('takes every speaking face into the frame', () => {
    const left: FramedFace = { box: { x: 126, y: 171, width: 48, height: 57 }, eyeY: 190 };
    const right: FramedFace = { box: { x: 412, y: 180, width: 47, height: 53 }, eyeY: 198 };
    const f = frameSubjects({ imageWidth: 600, imageHeight: 471, faces: [left, right], preset: OUTPUT_PRESETS.square });
    expectConsistent(f);
    expect(contains(f.crop, left.box)).toBe(true);
    expect(contains(f.crop, right.box)).toBe(true);
  });

  it('upscales a tiny portrait to the output size', () => {
    const f = frameSubjects({ imageWidth: 115, imageHeight: 115, faces: [TINY_115], preset: OUTPUT_PRESETS.square });
    expectConsistent(f);
    expect(f.scale).toBeGreaterThan(8);
    expect(contains(f.crop, TINY_115.box)).toBe(true);
  });

  it('`source` keeps the whole photo at its size rounded to even, within the size limits', () => {
    const f = frameSubjects({ imageWidth: 601, imageHeight: 471, faces: [EILEEN_512], preset: OUTPUT_PRESETS.source });
    expect(f.output).toEqual({ width: 600, height: 470 });
    expect(f.view).toEqual({ x: 0, y: 0, width: 601, height: 471 });
    expect(sourcePresetSize(115, 115)).toEqual({ width: 360, height: 360 });
    expect(sourcePresetSize(8000, 4000)).toEqual({ width: 3840, height: 1920 });
  });

  it('`source` keeps a clip at its own size even under 360 px, and still brings 4K DCI down to 3840', () => {
    const f = frameSubjects({ imageWidth: 360, imageHeight: 288, faces: [EILEEN_512], preset: OUTPUT_PRESETS.source, footage: true });
    expect(f.output).toEqual({ width: 360, height: 288 });
    expect(f.scale).toBe(1);
    expect(sourcePresetSize(360, 288)).toEqual({ width: 450, height: 360 });
    expect(sourcePresetSize(4096, 2160, { footage: true })).toEqual({ width: 3840, height: 2024 });
  });
});

describe('placeOnAxis', () => {
  it('stays inside the picture when it can, and keeps the required span even when it cannot', () => {
    expect(placeOnAxis({ wanted: -50, size: 100, pictureSize: 500, keepFrom: 10, keepTo: 60 })).toBe(0);
    expect(placeOnAxis({ wanted: 450, size: 100, pictureSize: 500, keepFrom: 410, keepTo: 460 })).toBe(400);
    // Larger than the picture: covers it all, as centred on `wanted` as that allows.
    expect(placeOnAxis({ wanted: -300, size: 700, pictureSize: 500, keepFrom: 0, keepTo: 500 })).toBe(-200);
    // The required span wins over the picture bounds.
    expect(placeOnAxis({ wanted: 0, size: 100, pictureSize: 500, keepFrom: -40, keepTo: 40 })).toBe(-40);
  });
});

describe('parseOutputPreset', () => {
  it('names the choices for an unknown preset', () => {
    expect(parseOutputPreset('reel').size).toEqual({ width: 1080, height: 1920 });
    expect(() => parseOutputPreset('tiktok')).toThrow(/unknown preset "tiktok"; use one of reel, square, landscape, source/);
    expect(() => parseOutputPreset('toString')).toThrow(/unknown preset/);
  });
});
