import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image.js';
import { encodePng } from './encode-png.js';
import { resolveFfmpegTools, type FfmpegTools } from './ffmpeg-tools.js';
import { createRgbaImage } from './rgba-image.js';

let tools: FfmpegTools;
let dir: string;
beforeAll(async () => {
  tools = await resolveFfmpegTools();
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-png-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('encodePng (read back by the real ffmpeg)', () => {
  it('round-trips every pixel of an odd-sized picture', async () => {
    const image = createRgbaImage(37, 23);
    for (let i = 0; i < image.data.length; i += 4) image.data.set([(i * 7) & 255, (i * 13) & 255, (i >> 3) & 255, 255], i);
    const file = path.join(dir, 'pattern.png');
    await writeFile(file, encodePng(image));
    const decoded = await decodeImage(tools, file);
    expect([decoded.image.width, decoded.image.height]).toEqual([37, 23]);
    expect(Buffer.from(decoded.image.data).equals(Buffer.from(image.data))).toBe(true);
  });

  it('refuses a buffer too small for the size it claims', () => {
    expect(() => encodePng({ width: 10, height: 10, data: new Uint8Array(10) })).toThrow(/needs 400 bytes/);
  });
});
