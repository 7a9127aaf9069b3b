import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FfmpegTools } from '../../media/ffmpeg-tools.js';
import { getTools, makeTempDir, makeWithFfmpeg } from '../../media/test-support/media-fixtures.js';
import { readFramesInOrder, sourceFrameOrder } from './frame-order.js';

let tools: FfmpegTools;
let clipPath: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  tools = await getTools();
  let dir: string;
  ({ dir, cleanup } = await makeTempDir('mouthpiece-frame-order-'));
  clipPath = path.join(dir, 'clip.mp4');
  // a counter that changes every frame, with keyframes far apart as in real footage
  await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'testsrc2=size=160x96:rate=25:duration=2', '-c:v', 'libx264', '-g', '250', '-pix_fmt', 'yuv420p', clipPath]);
});
afterAll(() => cleanup());

async function frameHashes(order: Int32Array, backwardChunk: number): Promise<string[]> {
  const hashes: string[] = [];
  for await (const frame of readFramesInOrder({ tools, path: clipPath, fps: 25, order, backwardChunk })) hashes.push(createHash('md5').update(frame.data).digest('hex'));
  return hashes;
}

describe('reading the clip in ping-pong order', () => {
  it('gives the same frames whatever the size of the backward chunks', async () => {
    const order = sourceFrameOrder({ outputFrames: 130, clipFrames: 50, outputFps: 25, clipFps: 25 });
    const small = await frameHashes(order, 12);
    const large = await frameHashes(order, 40);
    expect(small).toHaveLength(130);
    expect(large).toEqual(small);
    // played back: frame 60 shows clip frame 38, the same picture as output frame 38
    expect(small[60]).toBe(small[38]);
  }, 60_000);
});
