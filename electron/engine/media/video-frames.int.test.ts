import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, InputError } from '../errors.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { getTools, hasSharedMedia, measureMeanAbsDiff, media } from './test-support/media-fixtures.js';
import { SAMPLE_VOICE } from '../../../tests/helpers/shared-media.js';
import { socketFramesSupported } from './socket-frame-reader.js';
import { readVideoFrames, type VideoFrame } from './video-frames.js';

let tools: FfmpegTools;
beforeAll(async () => {
  tools = await getTools();
});

/** ffmpeg processes that are children of this test process. */
function countChildFfmpeg(): number {
  const out = execFileSync('ps', ['-o', 'comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').filter((name) => name.trim() === 'ffmpeg').length;
}

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

describe('readVideoFrames', () => {
  it.skipIf(!hasSharedMedia)('yields every frame of an MPEG clip: 75 frames of 360×288 at 25 fps', async () => {
    const frames: VideoFrame[] = [];
    for await (const frame of readVideoFrames(tools, media('video/grid_lbax4n.mpg'))) frames.push(frame);
    expect(frames).toHaveLength(75);
    expect(frames.every((f) => f.width === 360 && f.height === 288 && f.data.length === 360 * 288 * 4)).toBe(true);
    expect(frames.map((f) => f.index)).toEqual([...Array(75).keys()]);
    expect(frames[50].timeSec).toBeCloseTo(2, 9);
    // The speaker moves: consecutive frames differ, and distinct frames own distinct buffers.
    expect(measureMeanAbsDiff(frames[0], frames[40])).toBeGreaterThan(0.5);
    expect(frames[0].data.buffer).not.toBe(frames[1].data.buffer);
  });

  it.skipIf(!hasSharedMedia)('with reuseBuffer gives the same frames, in two buffers used in turn', async () => {
    const clip = media('video/grid_lbax4n.mpg');
    const fresh: Uint8Array[] = [];
    for await (const frame of readVideoFrames(tools, clip, { durationSec: 1 })) fresh.push(frame.data);
    const buffers = new Set<ArrayBufferLike>();
    let count = 0;
    for await (const frame of readVideoFrames(tools, clip, { durationSec: 1, reuseBuffer: true })) {
      expect(Buffer.compare(frame.data, fresh[count]), `frame ${count}`).toBe(0);
      buffers.add(frame.data.buffer);
      count += 1;
    }
    expect(count).toBe(fresh.length);
    expect(count).toBeGreaterThan(20);
    expect(buffers.size).toBe(socketFramesSupported ? 2 : 1);
  });

  it.skipIf(!hasSharedMedia)('with reuseBuffer gives the same frames when they are smaller than one read (several frames a read)', async () => {
    const clip = media('video/grid_lbax4n.mpg');
    // 58×46 RGBA is 10,672 bytes, which does not divide a read: frames straddle reads and several end in one
    const options = { maxSide: 58, durationSec: 2 };
    const fresh: Uint8Array[] = [];
    for await (const frame of readVideoFrames(tools, clip, options)) fresh.push(frame.data);
    let count = 0;
    for await (const frame of readVideoFrames(tools, clip, { ...options, reuseBuffer: true })) {
      expect(frame.data.length % 65536).not.toBe(0);
      expect(Buffer.compare(frame.data, fresh[count]), `frame ${count}`).toBe(0);
      count += 1;
    }
    expect(count).toBe(fresh.length);
    expect(count).toBe(50);
  });

  it.skipIf(!hasSharedMedia)('with reuseBuffer, stopping after a few frames stops ffmpeg', async () => {
    let count = 0;
    for await (const frame of readVideoFrames(tools, media('video/obama_weekly_address_challenges.mp4'), { reuseBuffer: true })) {
      expect(frame.width).toBe(1280);
      if (++count === 3) break;
    }
    expect(count).toBe(3);
    await sleep(200);
    expect(countChildFfmpeg()).toBe(0);
  });

  it.skipIf(!hasSharedMedia)('resamples, downscales and cuts: 1 s at 10 fps of a 1280×720 clip is 10 frames of 320×180', async () => {
    const frames: VideoFrame[] = [];
    for await (const frame of readVideoFrames(tools, media('video/obama_weekly_address_challenges.mp4'), { fps: 10, maxSide: 320, durationSec: 1 })) {
      frames.push(frame);
    }
    expect(frames).toHaveLength(10);
    expect(frames.map((f) => [f.width, f.height])).toEqual(Array(10).fill([320, 180]));
    expect(frames.map((f) => f.timeSec)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((t) => expect.closeTo(t, 9)));
  });

  it.skipIf(!hasSharedMedia)('starts at startSec: the frames left after 4 s of a 4.8 s, 29.97 fps clip', async () => {
    let count = 0;
    let firstTime = -1;
    for await (const frame of readVideoFrames(tools, media('video/obama_weekly_address_challenges.mp4'), { startSec: 4, maxSide: 160 })) {
      if (count === 0) firstTime = frame.timeSec;
      count += 1;
    }
    expect(firstTime).toBe(4);
    expect(count).toBeGreaterThanOrEqual(23);
    expect(count).toBeLessThanOrEqual(25);
  });

  it.skipIf(!hasSharedMedia)('reads an image as a one-frame video', async () => {
    const frames: VideoFrame[] = [];
    for await (const frame of readVideoFrames(tools, media('images/portrait_tiny_glasses_beard_cc0.png'))) frames.push(frame);
    expect(frames.map((f) => [f.index, f.width, f.height])).toEqual([[0, 115, 115]]);
  });

  it.skipIf(!hasSharedMedia)('keeps memory bounded while the consumer is slow (ffmpeg waits instead of filling RAM)', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    let count = 0;
    // Unthrottled, ffmpeg would produce all 144 frames × 3.7 MB = 530 MB during the first pause.
    for await (const frame of readVideoFrames(tools, media('video/obama_weekly_address_challenges.mp4'))) {
      expect(frame.width).toBe(1280);
      if (count === 0) await sleep(1500);
      peak = Math.max(peak, process.memoryUsage().rss);
      count += 1;
      if (count === 20) break;
    }
    expect(peak - before).toBeLessThan(150 * 1024 * 1024);
  });

  it.skipIf(!hasSharedMedia)('stops ffmpeg when the consumer breaks out early', async () => {
    for await (const frame of readVideoFrames(tools, media('video/obama_weekly_address_challenges.mp4'))) {
      expect(frame.index).toBe(0);
      expect(countChildFfmpeg()).toBe(1);
      break;
    }
    expect(countChildFfmpeg()).toBe(0);
  });

  it.skipIf(!hasSharedMedia)('rejects with CancelledError when the signal fires mid-stream, and leaves no ffmpeg behind', async () => {
    const controller = new AbortController();
    const reading = (async () => {
      for await (const frame of readVideoFrames(tools, media('video/obama_weekly_address_challenges.mp4'), { signal: controller.signal })) {
        if (frame.index === 5) controller.abort();
      }
    })();
    expect(await settle(reading)).toBeInstanceOf(CancelledError);
    expect(countChildFfmpeg()).toBe(0);
  });

  it('refuses an audio file with BAD_ARGUMENT naming it', async () => {
    const file = SAMPLE_VOICE;
    const error = await settle((async () => {
      for await (const _frame of readVideoFrames(tools, file)) break;
    })());
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('BAD_ARGUMENT');
    expect((error as InputError).message).toContain(file);
  });
});
