import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeStudio } from '../../bridge/node-studio';
import type { StudioEventName } from '../../contract/channels';
import { createEmptyProjectDocument } from '../../contract/project-document';
import type { ValidatedRequest } from '../../contract/studio-api';
import { isBatchItemSpec, type RenderJobSpec } from '../../engine/jobs/render-job.js';
import { defaultRenderConcurrency } from '../render-settings';
import { toStudioError } from '../studio-errors';
import { openTestStudio } from './test-support/test-studio';
import { hasSharedMedia, media } from '../../engine/media/test-support/media-fixtures.js';

/* Batches, presets and queue settings over the real engine: a real SQLite library, real face analysis, the real queue. */

const PORTRAIT = media('images/portrait_eileen_collins_nasa.png');
const PAINTING = media('images/painting_mona_lisa_small_cc0.jpg');

let dir: string;
let outDir: string;
let studio: NodeStudio;
const events: { event: StudioEventName; payload: unknown }[] = [];
let portraitId: number;
let paintingId: number;
let scriptIds: number[];

const failureOf = async (promise: Promise<unknown>) => promise.then(() => null, toStudioError);
const openStudio = () => openTestStudio(dir, events);
const request = (change: Partial<ValidatedRequest<'batch.plan'>> = {}): ValidatedRequest<'batch.plan'> => ({
  name: 'Week 12',
  faces: [{ faceId: portraitId, subject: 0 }],
  scriptIds,
  voice: 'en-us',
  preset: 'square',
  captions: 'reel',
  label: true,
  outDir,
  nameTemplate: '{project}-{script}-{preset}',
  ...change,
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-batch-int-'));
  outDir = path.join(dir, 'out');
  studio = openStudio();
  const { results } = await studio.handlers['library.import']({ paths: [PORTRAIT, PAINTING] });
  const [portrait, painting] = results;
  if (!portrait.ok || !painting.ok) throw new Error('import failed');
  [portraitId, paintingId] = [portrait.id, painting.id];
  await studio.handlers['library.setConsent']({ faceId: portraitId, consent: true });
  scriptIds = [
    (await studio.handlers['scripts.create']({ name: 'Monday tip', text: 'Drink water first thing.' })).id,
    (await studio.handlers['scripts.create']({ name: 'Friday: recap', text: 'That was the week.' })).id,
  ];
}, 60_000);

afterAll(async () => {
  await studio?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasSharedMedia)('batch handlers', () => {
  it('plans names from the template, in order, and marks the ones already in the folder', async () => {
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, 'Week 12-Monday tip-square.mp4'), 'an earlier export');
    const plan = await studio.handlers['batch.plan'](request());
    expect(plan.problems).toEqual([]);
    expect(plan.outDir).toBe(outDir);
    // "Friday: recap" loses the colon no file system takes.
    expect(plan.items.map((item) => [item.fileName, item.exists])).toEqual([
      ['Week 12-Monday tip-square.mp4', true],
      ['Week 12-Friday_ recap-square.mp4', false],
    ]);
    // One script said by two faces with a template that does not tell them apart: the second name gets " (2)".
    await studio.handlers['library.setConsent']({ faceId: paintingId, consent: true });
    const twoFaces = await studio.handlers['batch.plan'](request({ faces: [{ faceId: portraitId, subject: 0 }, { faceId: paintingId, subject: 0 }], scriptIds: [scriptIds[1]] }));
    expect(twoFaces.items.map((item) => item.fileName)).toEqual(['Week 12-Friday_ recap-square.mp4', 'Week 12-Friday_ recap-square (2).mp4']);
    await studio.handlers['library.setConsent']({ faceId: paintingId, consent: false });
    // Unknown placeholders are named, not silently dropped; the default folder is the renders folder.
    const typo = await studio.handlers['batch.plan'](request({ nameTemplate: '{projet}-{n}', outDir: undefined }));
    expect(typo.problems.join(' ')).toContain('{projet}');
    expect(typo.outDir).toBe(path.join(dir, 'library', 'renders'));
    // A voice the synthesiser does not have is caught before anything renders, not by every item failing.
    expect((await studio.handlers['batch.plan'](request({ voice: 'xx-nope' }))).problems).toEqual([expect.stringContaining('There is no built-in voice "xx-nope"')]);
  });

  it('refuses a face without consent before queueing anything, naming it', async () => {
    const before = (await studio.handlers['render.list'](undefined)).length;
    const mixed = request({ faces: [{ faceId: portraitId, subject: 0 }, { faceId: paintingId, subject: 0 }], scriptIds: [scriptIds[0]] });
    expect((await studio.handlers['batch.plan'](mixed)).problems).toEqual([expect.stringContaining('painting_mona_lisa_small_cc0')]);
    const failure = await failureOf(studio.handlers['batch.create']({ request: mixed, existing: 'refuse' }));
    expect(failure).toMatchObject({ code: 'NO_CONSENT', message: expect.stringContaining('agreed to be animated') });
    expect((await studio.handlers['render.list'](undefined)).length).toBe(before);
    expect(await studio.handlers['batch.list'](undefined)).toEqual([]);
    // A subject the picture does not have is refused the same way.
    expect(await failureOf(studio.handlers['batch.create']({ request: request({ faces: [{ faceId: portraitId, subject: 5 }] }), existing: 'refuse' }))).toMatchObject({ code: 'BAD_INPUT' });
  });

  it('never overwrites without being told: refuse names the file, keep-both adds " (2)", and an unwritable folder is refused', async () => {
    const refused = await failureOf(studio.handlers['batch.create']({ request: request(), existing: 'refuse' }));
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Week 12-Monday tip-square.mp4') });
    const blocker = path.join(dir, 'a-file');
    await writeFile(blocker, 'x');
    expect(await failureOf(studio.handlers['batch.create']({ request: request({ outDir: path.join(blocker, 'sub') }), existing: 'refuse' }))).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining(path.join(blocker, 'sub')),
    });
    expect(await studio.handlers['batch.list'](undefined)).toEqual([]);
    // The library's own folders are not an output folder: a batch named like a stored video would replace it.
    const mediaDir = path.join(dir, 'library', 'media');
    expect(await failureOf(studio.handlers['batch.plan'](request({ outDir: mediaDir })))).toMatchObject({ code: 'BAD_INPUT', message: `${mediaDir}: is inside the Mouthpiece library, whose files must not be overwritten; choose a folder outside it.` });
    expect(await failureOf(studio.handlers['batch.create']({ request: request({ outDir: path.join(dir, 'library', 'renders', '..') }), existing: 'overwrite' }))).toMatchObject({ code: 'BAD_INPUT' });
    // The bridge has no folder dialog and says so.
    expect(await failureOf(studio.handlers['batch.chooseFolder'](undefined))).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('type the output folder') });

    const batch = await studio.handlers['batch.create']({ request: request(), existing: 'keep-both' });
    // Cancel at once: this test is about what was queued, the e2e test watches a batch render.
    const cancelled = await studio.handlers['batch.cancel']({ batchId: batch.id });
    expect(batch).toMatchObject({ name: 'Week 12', outDir, counts: { total: 2 } });
    expect(cancelled.counts).toMatchObject({ total: 2, cancelled: 2, queued: 0, running: 0 });
    expect(cancelled.ratio).toBe(1);

    const items = (await studio.handlers['render.list'](undefined)).filter((job) => job.batchId === batch.id).sort((a, b) => a.batchPosition! - b.batchPosition!);
    expect(items.map((job) => path.basename(job.outputPath))).toEqual(['Week 12-Monday tip-square (2).mp4', 'Week 12-Friday_ recap-square.mp4']);
    expect(items.map((job) => job.title)).toEqual(['Week 12-Monday tip-square (2)', 'Week 12-Friday_ recap-square']);
    // The earlier export is untouched and nothing half-written is left.
    expect(await readFile(path.join(outDir, 'Week 12-Monday tip-square.mp4'), 'utf8')).toBe('an earlier export');
    expect(await readdir(outDir)).toEqual(['Week 12-Monday tip-square.mp4']);
    // Every queued item was announced to the page.
    expect(events.filter((event) => event.event === 'job-state' && (event.payload as { batchId: number }).batchId === batch.id).length).toBeGreaterThanOrEqual(2);

    // What each item asks of the renderer: the script, the voice, captions, label, the face's subject.
    const queue = await studio.engine.renderQueue();
    const spec = queue.get(items[1].id).entry.spec as RenderJobSpec;
    expect(isBatchItemSpec(spec) && spec).toMatchObject({
      kind: 'batch-item',
      source: { kind: 'say', text: 'That was the week.', voice: 'en-us' },
      face: { subject: 0 },
      preset: 'square',
      captions: 'reel',
      label: true,
      fps: 30,
    });

    // Retry puts the cancelled items back; cancel-all stops them again; the batch is stamped finished when nothing is left.
    const retried = await studio.handlers['batch.retryFailed']({ batchId: batch.id });
    expect(retried.counts.queued + retried.counts.running).toBe(2);
    expect(retried.finishedAt).toBeNull();
    expect(await studio.handlers['render.cancelAll'](undefined)).toEqual({ cancelled: 2 });
    const [listed] = await studio.handlers['batch.list'](undefined);
    expect(listed).toMatchObject({ id: batch.id, counts: { cancelled: 2 }, etaMs: 0 });
    expect(listed.finishedAt).not.toBeNull();
    // Retrying one item from the queue reopens the batch.
    await studio.handlers['render.retry']({ renderId: items[0].id });
    const [reopened] = await studio.handlers['batch.list'](undefined);
    expect(reopened.finishedAt).toBeNull();
    expect(reopened.counts.queued + reopened.counts.running).toBe(1);
    await studio.handlers['batch.cancel']({ batchId: batch.id });
    expect(await failureOf(studio.handlers['batch.cancel']({ batchId: 999 }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(existsSync(path.join(outDir, 'Week 12-Friday_ recap-square.mp4'))).toBe(false);
  }, 60_000);
});

describe.skipIf(!hasSharedMedia)('export presets', () => {
  it('lists the built-ins, saves a custom preset that a render and a batch copy, and deletes it', async () => {
    const builtins = await studio.handlers['presets.list'](undefined);
    expect(builtins.map((preset) => preset.key)).toEqual(['reel', 'square', 'landscape', 'source']);
    expect(builtins[0]).toMatchObject({ builtin: true, width: 1080, height: 1920, fps: 30 });

    const story = await studio.handlers['presets.save']({ name: 'Story720', settings: { width: 720, height: 1280, fps: 25, crf: 23 } });
    expect(story).toMatchObject({ id: expect.any(Number), builtin: false, name: 'Story720', width: 720, height: 1280, fps: 25, crf: 23 });
    expect((await studio.handlers['presets.list'](undefined)).at(-1)).toEqual(story);
    expect(await failureOf(studio.handlers['presets.save']({ name: 'Reel', settings: { width: 720, height: 1280, fps: 25, crf: 23 } }))).toMatchObject({ code: 'BAD_INPUT' });

    const plan = await studio.handlers['batch.plan'](request({ customPresetId: story.id!, scriptIds: [scriptIds[0]] }));
    expect(plan.items[0].fileName).toBe('Week 12-Monday tip-Story720.mp4');

    // A project using it: the render spec carries the preset's settings, its frame rate, the label and the captions.
    const document = createEmptyProjectDocument();
    const project = await studio.handlers['projects.create']({
      name: 'Custom',
      document: {
        ...document,
        stage: { faceId: portraitId, mediaKind: 'photo' },
        tracks: [{ subject: 0, clips: [{ id: 'c1', kind: 'script', start: 0, text: 'Hello.', voice: 'en-us', duration: 1 }] }],
        export: { preset: 'reel', captions: { enabled: true, style: 'clean' }, label: true, customPresetId: story.id! },
      },
    });
    // A single export may not be written into the library either.
    const intoLibrary = path.join(dir, 'library', 'media', 'Custom.mp4');
    expect(await failureOf(studio.handlers['render.enqueue']({ projectId: project.id, outputPath: intoLibrary }))).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('is inside the Mouthpiece library') });
    const job = await studio.handlers['render.enqueue']({ projectId: project.id });
    await studio.handlers['render.cancel']({ renderId: job.id }).catch(() => null);
    expect(job).toMatchObject({ presetName: 'Story720', preset: 'reel' });
    const spec = (await studio.engine.renderQueue()).get(job.id).entry.spec;
    expect(spec).toMatchObject({ fps: 25, label: true, captions: { enabled: true, style: 'clean' }, customPreset: { name: 'Story720', width: 720, height: 1280, fps: 25, crf: 23 } });

    expect(await studio.handlers['presets.delete']({ presetId: story.id! })).toEqual({ ok: true });
    expect((await studio.handlers['presets.list'](undefined)).some((preset) => preset.id === story.id)).toBe(false);
    expect(await failureOf(studio.handlers['render.enqueue']({ projectId: project.id }))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('choose another format') });
    // Asking for a built-in preset by name still works.
    const square = await studio.handlers['render.enqueue']({ projectId: project.id, preset: 'square' });
    await studio.handlers['render.cancel']({ renderId: square.id }).catch(() => null);
    expect(square).toMatchObject({ preset: 'square', presetName: null });
  }, 30_000);
});

describe.skipIf(!hasSharedMedia)('render settings', () => {
  it('starts at what fits the machine, and keeps the parallel renders the user set across restarts', async () => {
    expect(await studio.handlers['render.getSettings'](undefined)).toEqual({ concurrency: defaultRenderConcurrency(), defaultConcurrency: defaultRenderConcurrency(), maxConcurrency: 4, farmUrl: null, farmMediaAddress: null, farmCaPath: null });
    expect(await studio.handlers['render.setConcurrency']({ concurrency: 3 })).toMatchObject({ concurrency: 3 });
    // Setting one setting keeps the other; the farm's password is never shown back.
    expect(await studio.handlers['render.setFarm']({ farmUrl: 'redis://:s3cret-pass@farm.lan:6379' })).toMatchObject({ concurrency: 3, farmUrl: 'redis://:***@farm.lan:6379' });
    expect((await studio.engine.renderQueue()).concurrency).toBe(3);
    await studio.close();
    studio = openStudio();
    expect(await studio.handlers['render.getSettings'](undefined)).toMatchObject({ concurrency: 3, farmUrl: 'redis://:***@farm.lan:6379' });
    expect((await studio.engine.renderQueue()).concurrency).toBe(3);
    expect(await studio.handlers['render.setConcurrency']({ concurrency: 2 })).toMatchObject({ concurrency: 2, farmUrl: 'redis://:***@farm.lan:6379' });
    expect(await studio.handlers['render.setFarm']({ farmUrl: null })).toMatchObject({ concurrency: 2, farmUrl: null });
  }, 30_000);

  it("keeps where the farm's workers reach this computer, refuses an address they cannot reach, and forgets it with the farm", async () => {
    const farmUrl = 'redis://:s3cret-pass@farm.lan:6379';
    expect(await studio.handlers['render.setFarm']({ farmUrl, mediaAddress: '192.168.1.20:7700' })).toMatchObject({ farmMediaAddress: '192.168.1.20:7700' });
    expect(await studio.handlers['render.getSettings'](undefined)).toMatchObject({ farmUrl: 'redis://:***@farm.lan:6379', farmMediaAddress: '192.168.1.20:7700' });
    await expect(studio.handlers['render.setFarm']({ farmUrl, mediaAddress: '0.0.0.0' })).rejects.toThrow(/workers can reach/);
    await expect(studio.handlers['render.setFarm']({ farmUrl, mediaAddress: 'farm.lan:99999' })).rejects.toThrow(/HOST or HOST:PORT/);
    // A refused address changes nothing.
    expect(await studio.handlers['render.getSettings'](undefined)).toMatchObject({ farmMediaAddress: '192.168.1.20:7700' });
    expect(await studio.handlers['render.setFarm']({ farmUrl: null, mediaAddress: '192.168.1.20' })).toMatchObject({ farmUrl: null, farmMediaAddress: null });
  }, 30_000);
});
