import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { decodeImage, decodeVideoFrame } from './decode-image.js';
import { runFfmpeg } from './ffmpeg-adapter.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { getTools, hasSharedMedia, makePseudoRandomBytes, makeTempDir, makeWithFfmpeg, measureMeanAbsDiff, measureRegionStdDev, media, readPixel } from './test-support/media-fixtures.js';

let tools: FfmpegTools;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  tools = await getTools();
  ({ dir, cleanup } = await makeTempDir('mouthpiece-decode-'));
});
afterAll(() => cleanup());

async function decodeError(run: Promise<unknown>): Promise<InputError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

/** Inserts an APP1/Exif segment with the given Orientation right after the JPEG's APP0. */
function addExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('II', 0, 'ascii');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x0112, 10);
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  const at = jpeg.readUInt16BE(2) === 0xffe0 ? 4 + jpeg.readUInt16BE(4) : 2;
  return Buffer.concat([jpeg.subarray(0, at), header, payload, jpeg.subarray(at)]);
}

describe('decodeImage', () => {
  it.skipIf(!hasSharedMedia)('decodes a PNG to RGBA at full size with real, non-uniform content', async () => {
    const { image, originalWidth, originalHeight, scale } = await decodeImage(tools, media('images/portrait_eileen_collins_nasa.png'));
    expect([image.width, image.height, originalWidth, originalHeight, scale]).toEqual([512, 512, 512, 512, 1]);
    expect(image.data.length).toBe(512 * 512 * 4);
    expect(measureRegionStdDev(image, { x: 156, y: 156, width: 200, height: 200 })).toBeGreaterThan(10);
    // rgb24 source: fully opaque everywhere
    expect(image.data.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
  });

  it.skipIf(!hasSharedMedia)('decodes a grayscale PNG to equal R, G and B', async () => {
    const { image } = await decodeImage(tools, media('images/hard_profile_occluded_cameraman_cc0.png'));
    const [r, g, b] = readPixel(image, 256, 256);
    expect(r).toBe(g);
    expect(g).toBe(b);
    expect(measureRegionStdDev(image, { x: 0, y: 0, width: 512, height: 512 })).toBeGreaterThan(10);
  });

  it.skipIf(!hasSharedMedia)('downscales to maxSide keeping the aspect, and the picture matches a full decode scaled the same way', async () => {
    const file = media('images/painting_vermeer_girl_pearl_earring.jpg');
    const small = await decodeImage(tools, file, { maxSide: 512 });
    expect([small.image.width, small.image.height]).toEqual([433, 512]);
    expect([small.originalWidth, small.originalHeight]).toEqual([1730, 2048]);
    expect(small.scale).toBeCloseTo(433 / 1730, 6);
    const { stdout } = await runFfmpeg({
      tools,
      args: ['-v', 'error', '-i', file, '-vf', 'scale=433:512:flags=bicubic', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
      collectStdout: true,
    });
    expect(measureMeanAbsDiff(small.image, { width: 433, height: 512, data: stdout })).toBeLessThan(4);
    // A maxSide above the size changes nothing.
    const same = await decodeImage(tools, media('images/portrait_tiny_glasses_beard_cc0.png'), { maxSide: 4096 });
    expect([same.image.width, same.image.height, same.scale]).toEqual([115, 115, 1]);
  });

  it.skipIf(!hasSharedMedia)('applies EXIF orientation 6 (which neither bundled binary does) by turning the picture clockwise', async () => {
    const source = media('images/portrait_chris_pratt_ccby2.jpg');
    const rotatedFile = path.join(dir, 'phone-photo.jpg');
    await writeFile(rotatedFile, addExifOrientation(await readFile(source), 6));
    const upright = await decodeImage(tools, source);
    const turned = await decodeImage(tools, rotatedFile);
    expect([turned.originalWidth, turned.originalHeight]).toEqual([678, 512]);
    expect([turned.image.width, turned.image.height]).toEqual([678, 512]);
    // Clockwise: stored (x, y) shows at (H − 1 − y, x).
    const H = upright.image.height;
    for (const [x, y] of [[0, 0], [511, 0], [100, 600], [300, 677]]) {
      expect(readPixel(turned.image, H - 1 - y, x)).toEqual(readPixel(upright.image, x, y));
    }
  });

  it.skipIf(!hasSharedMedia)('refuses an audio file with NOT_AN_IMAGE naming it', async () => {
    const file = media('audio/en_jfk_inaugural.wav');
    const error = await decodeError(decodeImage(tools, file));
    expect(error.code).toBe('NOT_AN_IMAGE');
    expect(error.message).toContain(file);
    expect(error.message).toContain('audio');
  });

  it.skipIf(!hasSharedMedia)('refuses a video with NOT_AN_IMAGE pointing to decodeVideoFrame', async () => {
    const error = await decodeError(decodeImage(tools, media('video/grid_brbk7n.mpg')));
    expect(error.code).toBe('NOT_AN_IMAGE');
    expect(error.message).toContain('decodeVideoFrame');
  });

  it('gives FILE_NOT_FOUND and UNREADABLE_MEDIA (naming the file) for missing and garbage files', async () => {
    expect((await decodeError(decodeImage(tools, path.join(dir, 'missing.png')))).code).toBe('FILE_NOT_FOUND');
    const garbage = path.join(dir, 'garbage.png');
    await writeFile(garbage, makePseudoRandomBytes(10_000, 7));
    const error = await decodeError(decodeImage(tools, garbage));
    expect(error.code).toBe('UNREADABLE_MEDIA');
    expect(error.message.startsWith(`${garbage}: `)).toBe(true);
  });

  it.skipIf(!hasSharedMedia)('a truncated PNG probes fine but fails to decode: UNREADABLE_MEDIA, not an internal error', async () => {
    const truncated = path.join(dir, 'truncated.png');
    await writeFile(truncated, (await readFile(media('images/portrait_woman_smiling_cc0.png'))).subarray(0, 200_000));
    const error = await decodeError(decodeImage(tools, truncated));
    expect(error.code).toBe('UNREADABLE_MEDIA');
    expect(error.message).toContain(`${truncated}: the picture is damaged`);
  });

  it('refuses a picture wider than 20000 px with IMAGE_TOO_LARGE', async () => {
    const wide = path.join(dir, 'panorama.png');
    await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'color=c=gray:s=20008x8', '-frames:v', '1', wide]);
    const error = await decodeError(decodeImage(tools, wide, { maxSide: 1024 }));
    expect(error.code).toBe('IMAGE_TOO_LARGE');
    expect(error.message).toContain('20008×8');
  });
});

describe.skipIf(!hasSharedMedia)('decodeVideoFrame', () => {
  const clip = media('video/obama_weekly_address_challenges.mp4');

  it('decodes the frame at a time, downscaled, and later frames differ', async () => {
    const first = await decodeVideoFrame(tools, clip, { maxSide: 320 });
    const later = await decodeVideoFrame(tools, clip, { timeSec: 3, maxSide: 320 });
    expect([first.image.width, first.image.height, first.originalWidth, first.originalHeight]).toEqual([320, 180, 1280, 720]);
    expect(first.scale).toBe(0.25);
    expect(later.timeSec).toBe(3);
    expect(measureRegionStdDev(first.image, { x: 0, y: 0, width: 320, height: 180 })).toBeGreaterThan(10);
    expect(measureMeanAbsDiff(first.image, later.image)).toBeGreaterThan(0.5);
  });

  it('refuses a time past the end with BAD_ARGUMENT', async () => {
    const error = await decodeError(decodeVideoFrame(tools, clip, { timeSec: 60 }));
    expect(error.code).toBe('BAD_ARGUMENT');
    expect(error.message).toContain('at 60 s');
  });

  it('turns a rotated video exactly as ffmpeg’s own autorotation does', async () => {
    const plain = path.join(dir, 'plain.mp4');
    const rotated = path.join(dir, 'rotated.mp4');
    await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'testsrc=s=320x240:r=25', '-t', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', plain]);
    await makeWithFfmpeg(tools, ['-i', plain, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', rotated]);
    const ours = await decodeVideoFrame(tools, rotated);
    expect([ours.image.width, ours.image.height]).toEqual([240, 320]);
    const { stdout } = await runFfmpeg({
      tools,
      args: ['-v', 'error', '-i', rotated, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
      collectStdout: true,
    });
    expect(Buffer.from(ours.image.data).equals(stdout)).toBe(true);
  });
});
