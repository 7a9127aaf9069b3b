import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeVideoFrame, encodeVideo, probeMedia, type FfmpegTools, type RgbaImage } from '../media/index.js';
import { getTools, makeTempDir } from '../media/test-support/media-fixtures.js';
import { buildFramingFilter } from './framing-filter.js';
import type { Framing } from './framing.js';

let tools: FfmpegTools;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tools = await getTools();
  temp = await makeTempDir('mouthpiece-framing-');
});
afterAll(() => temp.cleanup());

/** An odd-sized orange frame with a white square in the middle. */
function makeFrame(width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const inSquare = Math.abs(x - width / 2) < width / 6 && Math.abs(y - height / 2) < width / 6;
      data.set(inSquare ? [255, 255, 255, 255] : [230, 120, 20, 255], i);
    }
  }
  return { width, height, data };
}

const pixel = (image: RgbaImage, x: number, y: number) => Array.from(image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3));

describe('buildFramingFilter through a real encode', () => {
  it('scales an odd-sized view into place and pads the sides with a dimmed blur of it', async () => {
    const frame = makeFrame(91, 121);
    const framing: Framing = {
      output: { width: 320, height: 180 },
      crop: { x: -75, y: 0, width: 241, height: 136 },
      view: { x: 0, y: 0, width: 91, height: 121 },
      scale: 180 / 136,
      placement: { x: 100, y: 0, width: 120, height: 160 },
      padded: true,
    };
    const outPath = path.join(temp.dir, 'padded.mp4');
    await encodeVideo({
      tools,
      outPath,
      width: 320,
      height: 180,
      frameWidth: frame.width,
      frameHeight: frame.height,
      videoFilter: buildFramingFilter(framing, frame),
      fps: 10,
      frames: Array.from({ length: 5 }, () => frame),
      preset: 'veryfast',
      crf: 10,
    });
    const info = await probeMedia(tools, outPath);
    expect([info.width, info.height]).toEqual([320, 180]);
    const { image } = await decodeVideoFrame(tools, outPath);
    const centre = pixel(image, 160, 80);
    expect(Math.min(...centre)).toBeGreaterThan(200); // the white square, at the placement's centre
    const inside = pixel(image, 105, 10);
    expect(inside[0]).toBeGreaterThan(200);
    expect(inside[2]).toBeLessThan(60);
    const side = pixel(image, 20, 90);
    expect(side[0]).toBeGreaterThan(100); // the orange, blurred …
    expect(side[0]).toBeLessThan(inside[0] - 30); // … and dimmed
  });

  it('leaves a view that fills the output to the encoder scaling it', () => {
    const framing: Framing = {
      output: { width: 64, height: 64 },
      crop: { x: 0, y: 0, width: 32, height: 32 },
      view: { x: 0, y: 0, width: 32, height: 32 },
      scale: 2,
      placement: { x: 0, y: 0, width: 64, height: 64 },
      padded: false,
    };
    expect(buildFramingFilter(framing, { width: 32, height: 32 })).toBeUndefined();
  });
});
