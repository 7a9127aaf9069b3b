import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFfmpeg } from './ffmpeg-adapter.js';
import { resolveFfmpegTools, type FfmpegTools } from './ffmpeg-tools.js';
import { createJpegFrameEncoder } from './jpeg-frame-encoder.js';
import { liveChildProcessCount } from './process-debris.js';
import { createRgbaImage, type RgbaImage } from './rgba-image.js';

let tools: FfmpegTools;
let dir: string;
beforeAll(async () => {
  tools = await resolveFfmpegTools();
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-jpeg-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A gradient with a fine texture (like skin) and a shade of its own per picture, so pictures cannot be mixed up. */
function gradient(width: number, height: number, shade: number): RgbaImage {
  const image = createRgbaImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) image.data.set([Math.round((240 * x) / width) + ((x * 7 + y * 13) % 9), Math.round((240 * y) / height) + ((x * 5 + y * 3) % 7), shade, 255], (y * width + x) * 4);
  }
  return image;
}

async function meanDifference(jpeg: Buffer, expected: RgbaImage, name: string): Promise<number> {
  const file = path.join(dir, `${name}.jpg`);
  await writeFile(file, jpeg);
  // Read back with ffmpeg itself (the library's strict picture reader refuses this 2018 decoder's "EOI missing"
  // note, which it prints for ffmpeg's own MJPEG pictures; browsers and other decoders read them without a word).
  const raw = path.join(dir, `${name}.rgba`);
  await runFfmpeg({ tools, args: ['-v', 'error', '-y', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgba', raw] });
  const data = await readFile(raw);
  expect(data.length).toBe(expected.width * expected.height * 4);
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) sum += Math.abs(data[i + c] - expected.data[i + c]);
  return sum / ((data.length / 4) * 3);
}

describe('createJpegFrameEncoder (one real ffmpeg for many pictures)', () => {
  it('gives back each queued picture in order, close to what went in, whatever their sizes (a whole frame, a patch, a third size)', async () => {
    const encoder = createJpegFrameEncoder({ tools });
    try {
      const pictures = [gradient(320, 240, 20), gradient(320, 240, 120), gradient(180, 320, 90), gradient(320, 240, 220), gradient(96, 64, 160), gradient(180, 320, 40)];
      const jpegs = await Promise.all(pictures.map((picture) => encoder.encode(picture)));
      for (const [index, jpeg] of jpegs.entries()) {
        expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
        expect(await meanDifference(jpeg, pictures[index], `picture-${index}`)).toBeLessThan(3);
      }
      // each picture is its own, not a neighbour's (their blue differs by 100)
      expect(await meanDifference(jpegs[1], pictures[0], 'swapped')).toBeGreaterThan(20);
    } finally {
      await encoder.close();
    }
    expect(liveChildProcessCount()).toBe(0);
  });
});
