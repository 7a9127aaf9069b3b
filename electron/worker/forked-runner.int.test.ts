import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPaths } from '../engine/install-layout.js';
import { CancelledError } from '../engine/errors.js';
import type { StudioRenderSpec } from '../engine/jobs/render-job.js';
import { probeMedia, resolveFfmpegTools, type FfmpegTools } from '../engine/media/index.js';
import type { Progress } from '../engine/progress.js';
import { loadInstallationIdentity, verifyContentCredentials } from '../engine/provenance/index.js';
import { createForkedRunner } from './forked-runner.js';
import { forkNodeWorker } from './node-worker-handle.js';
import { hasSharedMedia, media } from '../engine/media/test-support/media-fixtures.js';

const entry = fileURLToPath(new URL('./render-worker.ts', import.meta.url));
const spawn = () => forkNodeWorker(entry, { execArgv: ['--import', 'tsx'] });
const models = defaultModelPaths();
let dir: string;
let tools: FfmpegTools;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-worker-'));
  tools = await resolveFfmpegTools();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function spec(name: string, durationSec: number): StudioRenderSpec {
  return {
    version: 1,
    title: name,
    preset: 'landscape',
    fps: 30,
    outputPath: path.join(dir, `${name}.mp4`),
    face: { path: media('images/group3_apollo11_crew_nasa.png'), kind: 'image', width: 1, height: 1, consent: true },
    durationSec,
    tracks: [{ subject: 1, clips: [{ kind: 'audio', start: 0, path: media('audio/en_jfk_inaugural.wav'), trimStart: 1, trimEnd: 1 + durationSec }] }],
    subjects: {},
    captions: { enabled: false, style: 'clean' },
  };
}

describe.skipIf(!hasSharedMedia)('render worker in its own process', () => {
  it('renders a job, signed by the library it was given, and reports progress across the process boundary', async () => {
    const progress: Progress[] = [];
    const libraryDir = path.join(dir, 'library');
    const runner = createForkedRunner({ spawn, ...models, ffmpegPath: tools.ffmpegPath, ffprobePath: tools.ffprobePath, libraryDir });
    const { outPath } = await runner({ id: 1, spec: spec('ok', 1.5) }, { signal: new AbortController().signal, onProgress: (p) => progress.push(p) });
    const info = await probeMedia(tools, outPath);
    expect(info).toMatchObject({ width: 1920, height: 1080, hasAudio: true });
    expect(info.durationSec).toBeCloseTo(1.5, 1);
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['analyse', 'speech', 'render']));
    const credentials = await verifyContentCredentials(outPath, await loadInstallationIdentity(libraryDir));
    expect(credentials).toMatchObject({ status: 'valid', signer: { thisInstallation: true } });
  }, 60_000);

  it('stops on cancel, rejects with CancelledError and leaves nothing', async () => {
    const controller = new AbortController();
    const runner = createForkedRunner({ spawn, ...models });
    const running = runner({ id: 2, spec: spec('cancelled', 8) }, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'render' && p.ratio > 0.25) controller.abort();
      },
    });
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect(existsSync(path.join(dir, 'cancelled.mp4'))).toBe(false);
    expect((await readdir(dir)).filter((name) => name.includes('cancelled'))).toEqual([]);
  }, 60_000);

  it('passes the worker\'s input errors back as what they are', async () => {
    const runner = createForkedRunner({ spawn, ...models });
    const broken = { ...spec('broken', 1), face: { path: path.join(dir, 'nope.png'), kind: 'image' as const, width: 1, height: 1, consent: true } };
    await expect(runner({ id: 3, spec: broken }, { signal: new AbortController().signal, onProgress: () => {} })).rejects.toMatchObject({ name: 'InputError', message: expect.stringContaining('nope.png') });
    const unconsented = { ...spec('unconsented', 1), face: { ...spec('unconsented', 1).face, consent: false } };
    await expect(runner({ id: 4, spec: unconsented }, { signal: new AbortController().signal, onProgress: () => {} })).rejects.toMatchObject({ name: 'InputError', code: 'NO_CONSENT' });
    expect(existsSync(path.join(dir, 'unconsented.mp4'))).toBe(false);
  }, 30_000);
});
