import { readFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError, InputError } from '../errors.js';
import type { Progress } from '../progress.js';
import { encodeVideo } from './encode-video.js';
import { runFfprobe } from './ffmpeg-adapter.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { drawMovingGradient, getTools, listDir, makeTempDir, makeWithFfmpeg, measureMeanAbsDiff } from './test-support/media-fixtures.js';
import { SAMPLE_FACE, SAMPLE_VOICE } from '../../../tests/helpers/shared-media.js';

import { probeMedia } from './probe-media.js';
import type { RgbaImage } from './rgba-image.js';
import { readVideoFrames } from './video-frames.js';

const W = 320;
const H = 240;

let tools: FfmpegTools;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  tools = await getTools();
});
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir('mouthpiece-encode-'));
});
afterEach(() => cleanup());

function* gradientFrames(count: number): Generator<RgbaImage> {
  for (let i = 0; i < count; i++) yield drawMovingGradient({ width: W, height: H, shift: i * 8 });
}

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

interface ProbeStreams {
  streams: Array<{ codec_type: string; codec_name: string; pix_fmt?: string; width?: number; height?: number; sample_rate?: string; color_space?: string }>;
  format: { duration: string; tags?: Record<string, string> };
}

describe('encodeVideo', () => {
  it('encodes 30 moving frames + a WAV into a 1 s H.264 yuv420p / AAC 48 kHz MP4 with its metadata', async () => {
    const outPath = path.join(dir, 'talk.mp4');
    const progress: Progress[] = [];
    const result = await encodeVideo(
      {
        tools, outPath, width: W, height: H, fps: 30, frames: gradientFrames(30), frameCount: 30,
        audioPath: SAMPLE_VOICE,
        metadata: { comment: 'AI-generated likeness (Mouthpiece)', ai_disclosure: 'This video is AI-generated.' },
      },
      { onProgress: (p) => progress.push(p) },
    );
    expect(result).toEqual({ outPath, frames: 30, durationSec: 1 });
    expect(await listDir(dir)).toEqual(['talk.mp4']);

    const info = await probeMedia(tools, outPath);
    expect(info).toMatchObject({ kind: 'video', width: W, height: H, fps: 30, frameCount: 30, hasAudio: true });
    expect(info.video).toMatchObject({ codec: 'h264', pixFmt: 'yuv420p' });
    expect(info.audio).toMatchObject({ codec: 'aac', sampleRateHz: 48000, channels: 1 });
    // The 11 s voice is cut to the frames.
    expect(info.durationSec).toBeGreaterThan(0.95);
    expect(info.durationSec).toBeLessThan(1.1);

    const raw = (await runFfprobe({ tools, inputPath: outPath })) as ProbeStreams;
    expect(raw.format.tags?.comment).toBe('AI-generated likeness (Mouthpiece)');
    expect(raw.format.tags?.ai_disclosure).toBe('This video is AI-generated.');
    expect(raw.streams.find((s) => s.codec_type === 'video')?.color_space).toBe('bt709');

    expect(progress[0]).toEqual({ phase: 'encode', ratio: 0 });
    expect(progress.at(-1)).toEqual({ phase: 'encode', ratio: 1, etaMs: 0 });
    expect(progress.every((p, i) => i === 0 || p.ratio >= progress[i - 1].ratio)).toBe(true);
  });

  it('keeps the picture: frames decoded back match what was encoded, even when the producer reuses one buffer', async () => {
    const outPath = path.join(dir, 'reuse.mp4');
    const shared = new Uint8Array(W * H * 4);
    async function* reusingFrames(): AsyncGenerator<RgbaImage> {
      for (let i = 0; i < 30; i++) yield drawMovingGradient({ width: W, height: H, shift: i * 8, into: shared });
    }
    await encodeVideo({ tools, outPath, width: W, height: H, fps: 30, frames: reusingFrames(), crf: 12 });
    const decoded: RgbaImage[] = [];
    for await (const frame of readVideoFrames(tools, outPath)) decoded.push(frame);
    expect(decoded).toHaveLength(30);
    for (const i of [0, 15, 29]) {
      const expected = drawMovingGradient({ width: W, height: H, shift: i * 8 });
      expect(measureMeanAbsDiff(decoded[i], expected)).toBeLessThan(3);
      // …and not the neighbour's picture (8 px shift ≈ 6 levels of red everywhere)
      const neighbour = drawMovingGradient({ width: W, height: H, shift: (i + 10) * 8 });
      expect(measureMeanAbsDiff(decoded[i], neighbour)).toBeGreaterThan(10);
    }
  });

  it('reports progress from frames handed over, with an ETA, while a slow producer renders', async () => {
    const progress: Progress[] = [];
    async function* slowFrames(): AsyncGenerator<RgbaImage> {
      for (let i = 0; i < 40; i++) {
        await sleep(20);
        yield drawMovingGradient({ width: W, height: H, shift: i });
      }
    }
    await encodeVideo(
      { tools, outPath: path.join(dir, 'slow.mp4'), width: W, height: H, fps: 30, frames: slowFrames(), frameCount: 40, preset: 'ultrafast' },
      { onProgress: (p) => progress.push(p) },
    );
    const middle = progress.filter((p) => p.ratio > 0 && p.ratio < 1);
    expect(middle.length).toBeGreaterThanOrEqual(3);
    expect(middle.every((p) => p.phase === 'encode' && p.etaMs !== undefined && p.etaMs >= 0)).toBe(true);
    expect(middle.at(-1)!.ratio).toBeGreaterThan(0.7);
    expect(progress.every((p, i) => i === 0 || p.ratio >= progress[i - 1].ratio)).toBe(true);
  });

  it('pads a voice shorter than the video with silence instead of cutting frames', async () => {
    const voice = path.join(dir, 'short.wav');
    await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=16000', '-t', '0.3', voice]);
    const outPath = path.join(dir, 'padded.mp4');
    await encodeVideo({ tools, outPath, width: W, height: H, fps: 30, frames: gradientFrames(30), audioPath: voice, preset: 'ultrafast' });
    const info = await probeMedia(tools, outPath);
    expect(info.frameCount).toBe(30);
    expect(info.durationSec).toBeGreaterThan(0.95);
  });

  it('writes no audio stream without audioPath', async () => {
    const outPath = path.join(dir, 'silent.mp4');
    await encodeVideo({ tools, outPath, width: W, height: H, fps: 25, frames: gradientFrames(5), preset: 'ultrafast' });
    const info = await probeMedia(tools, outPath);
    expect(info).toMatchObject({ hasAudio: false, frameCount: 5 });
  });

  it('on cancel mid-encode rejects with CancelledError and leaves the output folder empty', async () => {
    const controller = new AbortController();
    let produced = 0;
    async function* endless(): AsyncGenerator<RgbaImage> {
      for (;;) {
        produced += 1;
        if (produced === 20) controller.abort();
        yield drawMovingGradient({ width: W, height: H, shift: produced });
      }
    }
    const started = Date.now();
    const error = await settle(
      encodeVideo({ tools, outPath: path.join(dir, 'cancelled.mp4'), width: W, height: H, fps: 30, frames: endless() }, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(produced).toBeLessThan(25);
    expect(await listDir(dir)).toEqual([]);
  });

  it('cancels promptly even while the frame producer is stuck, keeping an existing output untouched', async () => {
    const outPath = path.join(dir, 'keep.mp4');
    await writeFile(outPath, 'previous render');
    const controller = new AbortController();
    async function* stuckAfterFive(): AsyncGenerator<RgbaImage> {
      yield* gradientFrames(5);
      setTimeout(() => controller.abort(), 100);
      await new Promise(() => {}); // never resolves
    }
    const started = Date.now();
    const error = await settle(encodeVideo({ tools, outPath, width: W, height: H, fps: 30, frames: stuckAfterFive() }, { signal: controller.signal }));
    expect(error).toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(1500); // no waiting for the producer or for SIGKILL's grace
    expect(await listDir(dir)).toEqual(['keep.mp4']);
    expect(await readFile(outPath, 'utf8')).toBe('previous render');
  });

  it('refuses odd sizes with BAD_ARGUMENT before starting anything', async () => {
    const error = await settle(encodeVideo({ tools, outPath: path.join(dir, 'odd.mp4'), width: 321, height: H, fps: 30, frames: gradientFrames(1) }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('BAD_ARGUMENT');
    expect((error as InputError).message).toContain('even');
    expect(await listDir(dir)).toEqual([]);
  });

  it('fails on a frame of the wrong size and cleans up its temporary file', async () => {
    function* mixed(): Generator<RgbaImage> {
      yield* gradientFrames(3);
      yield drawMovingGradient({ width: 160, height: 120, shift: 0 });
    }
    const error = await settle(encodeVideo({ tools, outPath: path.join(dir, 'mixed.mp4'), width: W, height: H, fps: 30, frames: mixed() }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain('frame 3 is 160×120');
    expect(await listDir(dir)).toEqual([]);
  });

  it('refuses a soundtrack without sound (BAD_AUDIO) and a missing one (FILE_NOT_FOUND)', async () => {
    const base = { tools, outPath: path.join(dir, 'x.mp4'), width: W, height: H, fps: 30, frames: gradientFrames(2) };
    expect(await settle(encodeVideo({ ...base, audioPath: SAMPLE_FACE }))).toMatchObject({ code: 'BAD_AUDIO' });
    expect(await settle(encodeVideo({ ...base, audioPath: path.join(dir, 'none.wav') }))).toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(await listDir(dir)).toEqual([]);
  });

  it('refuses zero frames, leaving nothing', async () => {
    const error = await settle(encodeVideo({ tools, outPath: path.join(dir, 'empty.mp4'), width: W, height: H, fps: 30, frames: [] }));
    expect(error).toMatchObject({ code: 'BAD_ARGUMENT' });
    expect(await listDir(dir)).toEqual([]);
  });
});
