/** Helpers shared by the media integration tests (not part of the engine's API). */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runFfmpeg } from '../ffmpeg-adapter.js';
import { resolveFfmpegTools, type FfmpegTools } from '../ffmpeg-tools.js';
import type { RgbaImage } from '../rgba-image.js';

/** The shared media corpus (tests/helpers/shared-media.ts: ../shared/media beside the checkout, or MOUTHPIECE_MEDIA). */
export { SHARED_MEDIA_DIR, hasSharedMedia, sharedMedia as media } from '../../../../tests/helpers/shared-media.js';

export function getTools(): Promise<FfmpegTools> {
  return resolveFfmpegTools();
}

export async function makeTempDir(prefix = 'mouthpiece-media-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** Runs the real ffmpeg with lavfi or other inputs to make a fixture file. */
export async function makeWithFfmpeg(tools: FfmpegTools, args: string[]): Promise<void> {
  await runFfmpeg({ tools, args: ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], timeoutMs: 60_000 });
}

/** Per-channel standard deviation of a rectangle (0 = uniform). */
export function measureRegionStdDev(image: RgbaImage, rect: { x: number; y: number; width: number; height: number }): number {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) {
      const i = (y * image.width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const v = image.data[i + c];
        sum += v;
        sumSq += v * v;
        n += 1;
      }
    }
  }
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
}

export function readPixel(image: RgbaImage, x: number, y: number): [number, number, number, number] {
  const i = (y * image.width + x) * 4;
  return [image.data[i], image.data[i + 1], image.data[i + 2], image.data[i + 3]];
}

/** A diagonal RGB gradient that slides right by `shift` pixels; opaque. */
export function drawMovingGradient(input: { width: number; height: number; shift: number; into?: Uint8Array }): RgbaImage {
  const { width, height, shift } = input;
  const data = input.into ?? new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = Math.round((((x + shift) % width) / width) * 255);
      data[i + 1] = Math.round((y / height) * 255);
      data[i + 2] = 128;
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

/** Mean absolute difference per channel value between two same-size images (RGB only). */
export function measureMeanAbsDiff(a: RgbaImage, b: RgbaImage): number {
  let total = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    total += Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]);
  }
  return total / ((a.data.length / 4) * 3);
}

/** Random-looking bytes from a fixed seed (xorshift32), so a "garbage file" test cannot flake. */
export function makePseudoRandomBytes(length: number, seed = 0x9e3779b9): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[i] = state & 0xff;
  }
  return bytes;
}
