import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../library/index.js';
import { decodeImage, encodeVideo, probeMedia, resolveFfmpegTools, type FfmpegTools, type RgbaImage } from '../media/index.js';
import { isBatchItemSpec, type StudioRenderSpec, type RenderRunner } from './render-job.js';
import { createRenderQueue, type RenderJobState } from './render-queue.js';
import { SAMPLE_FACE, SAMPLE_VOICE } from '../../../tests/helpers/shared-media.js';

const PHOTO = SAMPLE_FACE;
const VOICE = SAMPLE_VOICE;

let tools: FfmpegTools;
let dir: string;
let library: Library;

beforeAll(async () => {
  tools = await resolveFfmpegTools();
});

afterEach(async () => {
  library?.close();
  await rm(dir, { recursive: true, force: true });
});

async function setup(): Promise<void> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-queue-'));
  library = openLibrary({ libraryDir: path.join(dir, 'library') });
}

function spec(overrides: Partial<StudioRenderSpec> = {}): StudioRenderSpec {
  return {
    version: 1,
    title: 'Test',
    preset: 'square',
    fps: 25,
    outputPath: path.join(dir, 'out', 'test.mp4'),
    face: { path: PHOTO, kind: 'image', width: 512, height: 512 },
    durationSec: 2,
    tracks: [{ subject: 0, clips: [{ kind: 'audio', start: 0.5, path: VOICE, trimStart: 1, trimEnd: 2.5 }] }],
    subjects: {},
    captions: { enabled: false, style: 'clean' },
    ...overrides,
  };
}

/**
 * The queue's own tests need a runner that really writes a video but costs little: the stage picture (320 px) held
 * for the job's length, really encoded (atomically, cancellable). The talking-video runner has its own tests.
 */
function createStillRunner(): RenderRunner {
  return async ({ spec: jobSpec }, { signal, onProgress }) => {
    if (isBatchItemSpec(jobSpec)) throw new Error('the still runner draws studio jobs only');
    const spec = jobSpec;
    const { image } = await decodeImage(tools, spec.face.path, { maxSide: 320, signal });
    const frameCount = Math.round(spec.durationSec * spec.fps);
    // Paced like a renderer producing frames (≥ 2 ms each): an encode that ends within one progress interval
    // would leave nothing to estimate an ETA from.
    async function* frames(): AsyncGenerator<RgbaImage> {
      for (let i = 0; i < frameCount; i++) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        yield image;
      }
    }
    await encodeVideo(
      { tools, outPath: spec.outputPath, width: image.width, height: image.height, fps: spec.fps, frames: frames(), frameCount, preset: 'veryfast' },
      { signal, onProgress: (progress) => onProgress({ ...progress, phase: 'encode' }) },
    );
    return { outPath: spec.outputPath };
  };
}

/** A real runner that is slow enough to be caught mid-render: the still runner behind a gate. */
function gatedRunner(inner: RenderRunner) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let active = 0;
  let maxActive = 0;
  const runner: RenderRunner = async (job, options) => {
    active += 1;
    maxActive = Math.max(maxActive, active);
    try {
      options.onProgress({ phase: 'waiting', ratio: 0.05 });
      await Promise.race([gate, new Promise((_, reject) => options.signal.addEventListener('abort', () => reject(new Error('aborted while waiting')), { once: true }))]);
      return await inner(job, options);
    } finally {
      active -= 1;
    }
  };
  return { runner, release: () => release(), maxActive: () => maxActive };
}

describe('render queue (real library, real ffmpeg)', () => {
  it('runs a job to its finished file, with monotonic progress and an ETA', async () => {
    await setup();
    const states: RenderJobState[] = [];
    const queue = createRenderQueue({ library, runner: createStillRunner(), onJobState: (state) => states.push(state), progressIntervalMs: 0 });
    // Long enough for the encoder to report progress several times.
    const queued = queue.enqueue({ projectId: null, spec: spec({ durationSec: 8 }) });
    expect(queued.entry.status).toMatch(/queued|running/);
    await queue.whenIdle();

    const done = queue.get(queued.entry.id);
    expect(done.entry).toMatchObject({ status: 'done', progress: 1, outputPath: spec().outputPath });
    const info = await probeMedia(tools, done.entry.outputPath!);
    expect(info).toMatchObject({ kind: 'video', width: 320, height: 320 });
    expect(info.durationSec).toBeCloseTo(8, 1);

    const running = states.filter((state) => state.entry.status === 'running');
    const ratios = running.map((state) => state.entry.progress);
    expect(ratios.length).toBeGreaterThan(2);
    expect(ratios).toEqual([...ratios].sort((a, b) => a - b));
    expect(running.some((state) => state.etaMs !== null && state.etaMs > 0)).toBe(true);
    expect(states.at(-1)!.entry.status).toBe('done');
  });

  it('runs one job at a time, oldest first, and cancels a running one without leaving a file', async () => {
    await setup();
    const gated = gatedRunner(createStillRunner());
    const queue = createRenderQueue({ library, runner: gated.runner });
    const first = queue.enqueue({ projectId: null, spec: spec({ outputPath: path.join(dir, 'out', 'first.mp4') }) });
    const second = queue.enqueue({ projectId: null, spec: spec({ outputPath: path.join(dir, 'out', 'second.mp4') }) });
    expect(queue.get(first.entry.id).entry.status).toBe('running');
    expect(queue.get(second.entry.id).entry.status).toBe('queued');

    const cancelled = await queue.cancel(first.entry.id);
    expect(cancelled.entry.status).toBe('cancelled');
    gated.release();
    await queue.whenIdle();
    expect(queue.get(second.entry.id).entry.status).toBe('done');
    expect(gated.maxActive()).toBe(1);
    expect(existsSync(path.join(dir, 'out', 'first.mp4'))).toBe(false);
    expect(await readdir(path.join(dir, 'out'))).toEqual(['second.mp4']);

    // Retry brings the cancelled one back and runs it.
    expect(queue.retry(first.entry.id).entry.status).toMatch(/queued|running/);
    await queue.whenIdle();
    expect(queue.get(first.entry.id).entry.status).toBe('done');
    await expect(Promise.resolve().then(() => queue.retry(first.entry.id))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(queue.cancel(first.entry.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(queue.cancel(999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('cancels mid-encode: the real encoder stops and nothing half-written remains', async () => {
    await setup();
    const states: RenderJobState[] = [];
    const queue = createRenderQueue({ library, runner: createStillRunner(), onJobState: (state) => states.push(state), progressIntervalMs: 0 });
    const job = queue.enqueue({ projectId: null, spec: spec({ preset: 'reel', durationSec: 20, fps: 30 }) });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (states.some((state) => state.entry.phase === 'encode' && state.entry.progress > 0.15)) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    const cancelled = await queue.cancel(job.entry.id);
    expect(cancelled.entry).toMatchObject({ status: 'cancelled', outputPath: null });
    expect(cancelled.entry.progress).toBeLessThan(1);
    expect(await readdir(path.join(dir, 'out')).catch(() => [])).toEqual([]);
  });

  it('survives a restart: a render left running is queued again and completes; pause puts running renders back', async () => {
    await setup();
    const crashed = library.createRender({ projectId: null, spec: spec() });
    library.updateRenderProgress({ renderId: crashed.id, progress: 0.4, phase: 'encode' });
    expect(library.getRender({ renderId: crashed.id })!.status).toBe('running');

    const gated = gatedRunner(createStillRunner());
    const queue = createRenderQueue({ library, runner: gated.runner });
    expect(queue.start()).toBe(1);
    // Started again from the beginning, not from the 40 % the crashed process had reached.
    expect(queue.get(crashed.id).entry).toMatchObject({ status: 'running', progress: 0.05, phase: 'waiting' });

    await queue.pause();
    expect(queue.get(crashed.id).entry).toMatchObject({ status: 'queued', progress: 0 });
    expect(existsSync(spec().outputPath)).toBe(false);

    const restarted = createRenderQueue({ library, runner: createStillRunner() });
    expect(restarted.start()).toBe(0);
    await restarted.whenIdle();
    expect(restarted.get(crashed.id).entry.status).toBe('done');
    expect(existsSync(spec().outputPath)).toBe(true);
  });

  it('fails a job whose stored spec it cannot read, and one whose runner fails, with the reason', async () => {
    await setup();
    library.createRender({ projectId: null, spec: { version: 0, what: 'old' } });
    const queue = createRenderQueue({ library, runner: createStillRunner() });
    queue.start();
    const broken = queue.enqueue({ projectId: null, spec: spec({ face: { path: path.join(dir, 'missing.png'), kind: 'image', width: 10, height: 10 } }) });
    await queue.whenIdle();
    const [newest, oldest] = queue.list();
    expect(oldest.entry).toMatchObject({ status: 'failed', error: expect.stringContaining('different version') });
    expect(newest.entry.id).toBe(broken.entry.id);
    expect(newest.entry).toMatchObject({ status: 'failed', error: expect.stringContaining('missing.png') });
  });
});
