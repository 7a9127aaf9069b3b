import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeVideo } from './encode-video.js';
import { runFfmpeg } from './ffmpeg-adapter.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { probeMedia } from './probe-media.js';
import { sourceColourOf } from './source-colour.js';
import { getTools, hasSharedMedia, makeTempDir, media } from './test-support/media-fixtures.js';
import { readVideoFrames } from './video-frames.js';

let tools: FfmpegTools;
let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  tools = await getTools();
  temp = await makeTempDir('mouthpiece-colour-');
});
afterAll(() => temp.cleanup());

/** Mean Y, U and V of a file's first `frames` frames, read as the stored YUV (no conversion). */
async function planeMeans(file: string, width: number, height: number, frames: number): Promise<[number, number, number]> {
  const { stdout } = await runFfmpeg({ tools, args: ['-v', 'error', '-i', file, '-frames:v', String(frames), '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'], collectStdout: true });
  const luma = width * height;
  const chroma = luma / 4;
  const sums = [0, 0, 0];
  for (let f = 0; f < frames; f++) {
    const base = f * (luma + 2 * chroma);
    for (let i = 0; i < luma; i++) sums[0] += stdout[base + i];
    for (let i = 0; i < chroma; i++) {
      sums[1] += stdout[base + luma + i];
      sums[2] += stdout[base + luma + chroma + i];
    }
  }
  return [sums[0] / (luma * frames), sums[1] / (chroma * frames), sums[2] / (chroma * frames)];
}

describe.skipIf(!hasSharedMedia)('the colours of footage through decode and encode', () => {
  it('an untagged HD clip decoded and encoded again keeps its stored colours (the encoder writes BT.709, as players read the source)', async () => {
    const clip = media('video/obama_weekly_address_challenges.mp4');
    const info = await probeMedia(tools, clip);
    expect(info.video?.colourSpace).toBeNull();
    expect(sourceColourOf(info)).toEqual({ matrix: 'bt709', range: 'tv' });
    const out = path.join(temp.dir, 'round-trip.mp4');
    const frames = 10;
    async function* firstFrames() {
      let n = 0;
      for await (const frame of readVideoFrames(tools, clip, { reuseBuffer: true })) {
        yield frame;
        if (++n === frames) break;
      }
    }
    await encodeVideo({ tools, outPath: out, width: 1280, height: 720, fps: 30, frames: firstFrames(), crf: 12, preset: 'ultrafast' });
    const before = await planeMeans(clip, 1280, 720, frames);
    const after = await planeMeans(out, 1280, 720, frames);
    console.info(`Obama 720p, mean Y/U/V before ${before.map((v) => v.toFixed(2)).join('/')}, after decode + encode ${after.map((v) => v.toFixed(2)).join('/')}`);
    // Decoded with ffmpeg's default BT.601, the luma fell 2.9 levels and U rose 1.5. What is left (luma about 1.1 lower)
    // is swscale's fast YUV-to-RGB rounding; its exact mode costs more than the whole decode again.
    expect(Math.abs(after[0] - before[0]), 'Y').toBeLessThan(1.5);
    expect(Math.abs(after[1] - before[1]), 'U').toBeLessThan(0.4);
    expect(Math.abs(after[2] - before[2]), 'V').toBeLessThan(0.4);
  }, 60_000);

  it('takes the matrix a file states, guesses from the size where it states none, and leaves RGB, grey and JPEG-range pictures to ffmpeg', () => {
    const video = (over: object) => ({ kind: 'video' as const, video: { codec: 'h264', width: 1920, height: 1080, fps: 25, rotation: 0 as const, mirrored: false, pixFmt: 'yuv420p', colourSpace: null, colourRange: null, ...over } });
    expect(sourceColourOf(video({}))).toEqual({ matrix: 'bt709', range: 'tv' });
    expect(sourceColourOf(video({ width: 640, height: 480 }))).toEqual({ matrix: 'bt601', range: 'tv' });
    expect(sourceColourOf(video({ width: 1080, height: 1920 }))).toEqual({ matrix: 'bt709', range: 'tv' });
    expect(sourceColourOf(video({ colourSpace: 'smpte170m' }))).toEqual({ matrix: 'bt601', range: 'tv' });
    expect(sourceColourOf(video({ width: 640, height: 360, colourSpace: 'bt709', colourRange: 'pc' }))).toEqual({ matrix: 'bt709', range: 'pc' });
    expect(sourceColourOf(video({ colourSpace: 'bt2020nc', pixFmt: 'yuv420p10le' }))).toEqual({ matrix: 'bt2020', range: 'tv' });
    expect(sourceColourOf(video({ pixFmt: 'yuvj420p' }))).toBeUndefined();
    expect(sourceColourOf(video({ pixFmt: 'rgb24' }))).toBeUndefined();
    expect(sourceColourOf({ ...video({}), kind: 'image' })).toBeUndefined();
  });
});
