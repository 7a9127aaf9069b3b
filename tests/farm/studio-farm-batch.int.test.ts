import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeStudio } from '../../electron/bridge/node-studio.js';
import type { StudioEventName, StudioMethod } from '../../electron/contract/channels.js';
import { createEmptyProjectDocument } from '../../electron/contract/project-document.js';
import type { BatchView, RenderJobView, RenderSettingsView, StudioResult } from '../../electron/contract/types.js';
import { hasRedisServer } from '../../electron/engine/farm/test-support/test-redis.js';
import { dispatchStudioRequest } from '../../electron/main/dispatch-studio-request.js';
import { openTestStudio } from '../../electron/main/handlers/test-support/test-studio.js';
import { startFarmWorkerProcess } from '../helpers/farm-processes.js';
import { useFarmRig } from '../helpers/farm-rig.js';
import { runCli } from '../helpers/run-cli.js';
import { SAMPLE_FACE } from '../helpers/shared-media.js';

/*
 * "Render on farm" from the studio's API (schema, handler, the real engine): a 2-row batch queued with farm: true is
 * rendered by a real `mouthpiece worker` on a real redis-server (both rows at once, beside one local slot), lands in
 * the batch's folder, and is signed by the studio library's identity; then one export from the editor, on the farm. Runs on the bundled sample face: no corpus.
 */
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-studio-farm-'));
const rig = useFarmRig(dir, { queue: true });
const outDir = join(dir, 'out');
const events: { event: StudioEventName; payload: unknown }[] = [];
let studio: NodeStudio;

async function call<T>(method: StudioMethod, payload?: unknown): Promise<T> {
  const result = (await dispatchStudioRequest(studio.handlers, `studio:${method}`, payload, () => {})) as StudioResult<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

beforeAll(() => {
  studio = openTestStudio(dir, events);
});

afterAll(async () => {
  await studio?.close();
});

describe.skipIf(!hasRedisServer)('the studio rendering a batch on the farm', () => {
  it('renders both rows on a farm worker, signed by the studio library', async () => {
    // Imports are not a page channel (the page uploads or drops files); the handler is what both call.
    const [face] = (await studio.handlers['library.import']({ paths: [SAMPLE_FACE] })).results;
    if (!face.ok) throw new Error('the sample face was not imported');
    await call('library.setConsent', { faceId: face.id, consent: true });
    const scripts = [await call<{ id: number }>('scripts.create', { name: 'One', text: 'Hi there.' }), await call<{ id: number }>('scripts.create', { name: 'Two', text: 'Bye now.' })];
    const tiny = await call<{ id: number }>('presets.save', { name: 'tiny', settings: { width: 512, height: 512, fps: 10, crf: 23 } });
    const request = { name: 'Farmed', faces: [{ faceId: face.id, subject: 0 }], scriptIds: scripts.map((s) => s.id), voice: 'en-us', preset: 'source', customPresetId: tiny.id, captions: 'none', label: false, outDir, farm: true };

    // Without a farm set, the batch is refused, naming what is missing.
    const refused = await dispatchStudioRequest(studio.handlers, 'studio:batch.create', { request }, () => {});
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/render farm/) });

    const password = rig.redis.password;
    // The workers are on this computer: they reach its media server at 127.0.0.1 (on a LAN, this computer's address).
    const settings = await call<RenderSettingsView>('render.setFarm', { farmUrl: `redis://:${password}@127.0.0.1:${rig.redis.port}`, mediaAddress: '127.0.0.1' });
    expect(settings).toMatchObject({ farmUrl: `redis://:***@127.0.0.1:${rig.redis.port}`, farmMediaAddress: '127.0.0.1' });
    expect(JSON.stringify(await call('render.getSettings'))).not.toContain(password);

    const worker = rig.track(startFarmWorkerProcess({ url: `redis://127.0.0.1:${rig.redis.port}`, cacheDir: join(dir, 'cache'), env: { MOUTHPIECE_REDIS_PASSWORD: password, MOUTHPIECE_LIBRARY: join(dir, 'worker-library') } }));
    await worker.waitForLine(/taking render jobs/);

    // One render at a time on this computer: the farm's lane does not take those slots, both rows go to the farm at once.
    await call('render.setConcurrency', { concurrency: 1 });
    const created = await call<BatchView>('batch.create', { request });
    expect(created.counts.total).toBe(2);
    const started = await call<{ batchId: number | null; status: string }[]>('render.list');
    expect(started.filter((job) => job.batchId === created.id && job.status === 'running')).toHaveLength(2);
    let batch = created;
    while (batch.counts.done + batch.counts.failed + batch.counts.cancelled < 2) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      batch = (await call<BatchView[]>('batch.list')).find((b) => b.id === created.id) as BatchView;
    }
    expect(batch.counts).toMatchObject({ done: 2, failed: 0 });
    // The farm items were followed in the studio's queue view like local ones, up to done.
    const states = events.filter((e) => e.event === 'job-state').map((e) => e.payload as { batchId: number | null; status: string; onFarm: boolean });
    expect(states.filter((state) => state.batchId === created.id && state.status === 'done' && state.onFarm)).toHaveLength(2);
    // Both were made by the farm's worker, not by this computer's queue.
    expect(await rig.queue.getJobCounts('completed')).toMatchObject({ completed: 2 });

    const libraryDir = join(dir, 'library');
    for (const name of ['Farmed-One-tiny.mp4', 'Farmed-Two-tiny.mp4']) {
      const video = join(outDir, name);
      expect(existsSync(video), name).toBe(true);
      const verified = await runCli(['verify', video, '--library', libraryDir, '--json']);
      expect(verified.code, verified.stderr).toBe(0);
      const verdict = JSON.parse(verified.stdout) as { credentials: { status: string; signer?: { thisInstallation: boolean } }; watermark: { found: boolean } };
      expect(verdict.credentials.status).toBe('valid');
      expect(verdict.credentials.signer?.thisInstallation).toBe(true);
      expect(verdict.watermark.found).toBe(true);
    }

    // One export from the editor, "on farm": the same lane and the same worker.
    const document = createEmptyProjectDocument();
    const project = await call<{ id: number }>('projects.create', {
      name: 'Solo',
      document: {
        ...document,
        stage: { faceId: face.id, mediaKind: 'photo' },
        tracks: [{ subject: 0, clips: [{ id: 'c1', kind: 'script', start: 0, text: 'Just me.', voice: 'en-us', duration: 1 }] }],
        export: { ...document.export, customPresetId: tiny.id },
      },
    });
    const solo = join(outDir, 'Solo.mp4');
    let single = await call<RenderJobView>('render.enqueue', { projectId: project.id, outputPath: solo, farm: true });
    expect(single.onFarm).toBe(true);
    while (single.status === 'queued' || single.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      single = (await call<RenderJobView[]>('render.list')).find((job) => job.id === single.id) as RenderJobView;
    }
    expect(single).toMatchObject({ status: 'done', onFarm: true, error: null });
    expect(await rig.queue.getJobCounts('completed')).toMatchObject({ completed: 3 });
    const soloVerdict = await runCli(['verify', solo, '--library', libraryDir, '--json']);
    expect(soloVerdict.code, soloVerdict.stderr).toBe(0);
    expect(JSON.parse(soloVerdict.stdout)).toMatchObject({ credentials: { status: 'valid', signer: { thisInstallation: true } }, watermark: { found: true } });
  }, 600_000);
});
