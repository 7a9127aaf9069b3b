import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeStudio } from '../../bridge/node-studio';
import { createEmptyProjectDocument, type ProjectDocument } from '../../contract/project-document';
import type { StudioEventName } from '../../contract/channels';
import type { RenderJobView } from '../../contract/types';
import { toStudioError } from '../studio-errors';
import { resolveRenderOutput } from './render-handlers';
import { openTestStudio } from './test-support/test-studio';
import { hasSharedMedia, media } from '../../engine/media/test-support/media-fixtures.js';

/* The handlers over the real engine: real SQLite library, real face analysis, real renders. */

const PHOTO = media('images/group3_apollo11_crew_nasa.png');
const VOICE = media('audio/en_ljspeech_LJ001-0001.wav');

let dir: string;
let studio: NodeStudio;
const events: { event: StudioEventName; payload: unknown }[] = [];
let faceId: number;
let voiceId: number;

const failureOf = async (promise: Promise<unknown>) => promise.then(() => null, toStudioError);

function documentWith(overrides: Partial<ProjectDocument> = {}): ProjectDocument {
  return {
    ...createEmptyProjectDocument(),
    stage: { faceId, mediaKind: 'photo' },
    tracks: [{ subject: 2, clips: [{ id: 'c1', kind: 'audio', start: 0.25, voiceId, trimStart: 1, trimEnd: 2, duration: 9.65 }] }],
    export: { preset: 'landscape', captions: { enabled: false, style: 'clean' } },
    ...overrides,
  };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-handlers-int-'));
  studio = openTestStudio(dir, events);
  const { results } = await studio.handlers['library.import']({ paths: [PHOTO, VOICE] });
  const [face, voice] = results;
  if (!face.ok || !voice.ok) throw new Error('import failed');
  faceId = face.id;
  voiceId = voice.id;
}, 60_000);

afterAll(async () => {
  await studio?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasSharedMedia)('project handlers', () => {
  it('creates, saves and restores the last project; refuses unknown ids', async () => {
    expect(await studio.handlers['app.getLastProject'](undefined)).toBeNull();
    const created = await studio.handlers['projects.create']({ name: 'Launch' });
    expect(created.document).toEqual(createEmptyProjectDocument());
    const other = await studio.handlers['projects.create']({ name: 'Other', document: documentWith() });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const saved = await studio.handlers['projects.save']({ projectId: created.id, document: documentWith({ selectedSubject: 2 }), name: 'Launch day' });
    expect(saved.name).toBe('Launch day');
    const last = await studio.handlers['app.getLastProject'](undefined);
    expect(last).toMatchObject({ id: created.id, name: 'Launch day', document: documentWith({ selectedSubject: 2 }) });
    expect((await studio.handlers['projects.list'](undefined)).map((project) => project.id)).toEqual([created.id, other.id]);
    expect(await failureOf(studio.handlers['projects.get']({ projectId: 999 }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failureOf(studio.handlers['projects.save']({ projectId: 999, document: documentWith() }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reports a stored project it cannot read instead of half-loading it', async () => {
    const library = await studio.engine.library();
    const broken = library.createProject({ name: 'From the future', stage: { faceId: 1, mediaKind: 'hologram' }, timeline: { tracks: [] }, settings: { version: 9 } });
    expect(await failureOf(studio.handlers['projects.get']({ projectId: broken.id }))).toEqual({
      code: 'BAD_INPUT',
      message: 'Project "From the future" was saved in a form this version of Mouthpiece cannot read.',
    });
    await studio.handlers['library.delete']({ kind: 'project', id: broken.id });
  });
});

describe.skipIf(!hasSharedMedia)('library handlers', () => {
  it('creates and edits scripts, renames, searches and deletes, telling the page each time', async () => {
    events.length = 0;
    const script = await studio.handlers['scripts.create']({ name: 'Greeting', text: 'We choose to go to the Moon.' });
    expect(script).toMatchObject({ name: 'Greeting', wordCount: 7 });
    expect((await studio.handlers['scripts.update']({ scriptId: script.id, text: 'Houston, the Eagle has landed.' })).preview).toBe('Houston, the Eagle has landed.');
    await studio.handlers['library.rename']({ kind: 'face', id: faceId, name: 'Apollo 11 crew' });
    expect(await studio.handlers['library.search']({ query: 'eagle' })).toEqual([{ kind: 'script', id: script.id, name: 'Greeting', excerpt: expect.stringContaining('Eagle') }]);
    expect((await studio.handlers['library.search']({ query: 'apollo', kinds: ['face'] })).map((hit) => hit.id)).toEqual([faceId]);
    await studio.handlers['library.delete']({ kind: 'script', id: script.id });
    expect((await studio.handlers['library.list'](undefined)).scripts).toEqual([]);
    expect(events.filter((e) => e.event === 'library-changed').map((e) => (e.payload as { reason: string }).reason)).toEqual(['script', 'script', 'rename', 'delete']);
    expect(await failureOf(studio.handlers['library.rename']({ kind: 'voice', id: 999, name: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failureOf(studio.handlers['scripts.update']({ scriptId: 999, text: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists the built-in voices and gives every subject of a face with its masks', async () => {
    const voices = await studio.handlers['voices.list'](undefined);
    expect(voices.map((voice) => voice.name)).toEqual(expect.arrayContaining(['en-us', 'en-gb', 'es', 'cmn']));
    expect(voices.length).toBeGreaterThan(100);
    const sample = await studio.handlers['voices.preview']({ voice: 'en-gb' });
    const wav = Buffer.from(sample.bytes);
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(sample.durationSec).toBeGreaterThan(1);
    expect(wav.length).toBeGreaterThan(44 + sample.durationSec * 16_000);
    expect(await failureOf(studio.handlers['voices.preview']({ voice: 'xx-nowhere' }))).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('xx-nowhere') });
    const analysis = await studio.handlers['face.getAnalysis']({ faceId });
    expect(analysis.subjects.map((subject) => subject.index)).toEqual([0, 1, 2]);
    expect(analysis.subjects.every((subject) => subject.masks.faceOval.length > 10 && subject.masks.lips.length > 10)).toBe(true);
  });

  it('names a subject of a face for every view of it, and says so to the renderer', async () => {
    events.length = 0;
    expect((await studio.handlers['face.setSubjectName']({ faceId, subject: 2, name: ' Mike ' })).subjectNames).toEqual({ 2: 'Mike' });
    expect((await studio.handlers['library.list'](undefined)).faces.find((face) => face.id === faceId)?.subjectNames).toEqual({ 2: 'Mike' });
    expect(events.map((e) => e.payload)).toEqual([{ reason: 'subject-name' }]);
    expect((await studio.handlers['face.setSubjectName']({ faceId, subject: 2, name: '' })).subjectNames).toEqual({});
    expect(await failureOf(studio.handlers['face.setSubjectName']({ faceId: 999, subject: 0, name: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe.skipIf(!hasSharedMedia)('render handlers', () => {
  it('explains what is missing before a render can be queued', async () => {
    const enqueueWith = async (document: ProjectDocument) => {
      const project = await studio.handlers['projects.create']({ name: 'Check', document });
      return failureOf(studio.handlers['render.enqueue']({ projectId: project.id }));
    };
    expect(await enqueueWith(createEmptyProjectDocument())).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('Choose a photo or video') });
    expect(await enqueueWith(documentWith())).toMatchObject({ code: 'NO_CONSENT', message: expect.stringContaining('agreed to be animated') });
    await studio.handlers['library.setConsent']({ faceId, consent: true });
    expect(await enqueueWith(documentWith({ tracks: [] }))).toMatchObject({ message: expect.stringContaining("Put a recording or a script on a subject's track") });
    const tooFar = documentWith({ tracks: [{ subject: 5, clips: documentWith().tracks[0].clips }] });
    expect(await enqueueWith(tooFar)).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('has 3 face(s); there is no subject 6') });
    expect(await failureOf(studio.handlers['render.enqueue']({ projectId: 999 }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('queues, renders, cancels and retries, and answers what the bridge cannot do', async () => {
    const project = await studio.handlers['projects.create']({ name: 'Crew / "speech"', document: documentWith() });
    const outputPath = path.join(dir, 'chosen', 'crew.mp4');
    const first = await studio.handlers['render.enqueue']({ projectId: project.id, preset: 'square', outputPath });
    const second = await studio.handlers['render.enqueue']({ projectId: project.id });
    expect(first).toMatchObject({ title: 'Crew / "speech"', preset: 'square', outputPath });
    expect(second.preset).toBe('landscape');
    expect(path.basename(second.outputPath)).toMatch(/^Crew _ _speech_ \d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d\.mp4$/);
    expect(await studio.handlers['render.cancel']({ renderId: second.id })).toMatchObject({ status: 'cancelled' });

    const queue = await studio.engine.renderQueue();
    await queue.whenIdle();
    const [latest, earlier] = await studio.handlers['render.list'](undefined);
    expect([latest.id, latest.status, earlier.id, earlier.status]).toEqual([second.id, 'cancelled', first.id, 'done']);
    expect(existsSync(outputPath)).toBe(true);
    expect(existsSync(second.outputPath)).toBe(false);
    expect([earlier.outputUrl, latest.outputUrl]).toEqual([`/renders/${first.id}.mp4`, null]);
    expect(await resolveRenderOutput(studio.engine, `${first.id}.mp4`)).toBe(outputPath);
    expect(await Promise.all([`${second.id}.mp4`, '999.mp4', `../${first.id}.mp4`, `${first.id}.mov`].map((name) => resolveRenderOutput(studio.engine, name)))).toEqual([null, null, null, null]);

    expect(await studio.handlers['render.retry']({ renderId: second.id })).toMatchObject({ status: expect.stringMatching(/queued|running/) });
    await queue.whenIdle();
    expect(existsSync(second.outputPath)).toBe(true);
    const states = events.filter((e) => e.event === 'job-state').map((e) => e.payload as RenderJobView);
    expect(states.some((state) => state.id === first.id && state.status === 'running' && state.progress > 0)).toBe(true);

    expect(await failureOf(studio.handlers['render.retry']({ renderId: first.id }))).toMatchObject({ code: 'CONFLICT' });
    expect(await failureOf(studio.handlers['render.openOutput']({ renderId: first.id }))).toMatchObject({ code: 'UNSUPPORTED' });
    expect(await studio.handlers['render.chooseOutput']({ suggestedName: 'x' })).toEqual({ path: null });
  }, 60_000);
});

describe.skipIf(!hasSharedMedia)('preview handler', () => {
  it('draws frames of the saved project with the export engine, at a reduced size, writing nothing', async () => {
    const project = await studio.handlers['projects.create']({ name: 'Preview', document: documentWith() });
    const filesBefore = await readdir(dir, { recursive: true });
    const at = (timeSec: number, maxSide?: number) => studio.handlers['preview.frame']({ projectId: project.id, timeSec, maxSide });
    const rest = await at(0.1);
    const speaking = await Promise.all([0.5, 0.7, 0.9].map((t) => at(t)));
    const face = (await studio.handlers['library.list'](undefined)).faces.find((entry) => entry.id === faceId)!;
    expect(rest.mimeType).toBe('image/png');
    expect(Buffer.from(rest.bytes).subarray(1, 4).toString()).toBe('PNG');
    expect(Math.max(rest.width, rest.height)).toBe(360);
    expect(rest.width / rest.height).toBeCloseTo(face.width! / face.height!, 1);
    expect(rest.durationSec).toBeCloseTo(1.25, 1);
    expect(speaking.every((frame) => !Buffer.from(frame.bytes).equals(rest.bytes))).toBe(true);
    expect((await at(0.1, 200)).width).toBeLessThanOrEqual(200);
    // Playing, a page showing a frame of this photo gets only the faces' rectangle (all three); a still is whole.
    const playing = (base: string | undefined, quality: 'still' | 'playback') => studio.handlers['preview.frame']({ projectId: project.id, timeSec: 0.9, maxSide: 360, quality, base });
    const patched = await playing(rest.base ?? undefined, 'playback');
    expect(patched.mimeType).toBe('image/jpeg');
    expect([patched.base, patched.width, patched.height]).toEqual([rest.base, rest.width, rest.height]);
    expect(patched.patch!.width * patched.patch!.height).toBeLessThan(0.6 * rest.width * rest.height);
    expect((await playing(rest.base ?? undefined, 'still')).patch).toBeUndefined();
    expect((await playing(undefined, 'playback')).patch).toBeUndefined();
    // A changed document is a new scene: subject 0 speaking instead of subject 2.
    await studio.handlers['projects.save']({ projectId: project.id, document: documentWith({ tracks: [{ ...documentWith().tracks[0], subject: 0 }] }) });
    expect(Buffer.from((await at(0.7)).bytes).equals(speaking[1].bytes)).toBe(false);
    expect(await readdir(dir, { recursive: true })).toEqual(filesBefore);

    await studio.handlers['library.setConsent']({ faceId, consent: false });
    expect(await failureOf(at(0.5))).toMatchObject({ code: 'NO_CONSENT' });
    await studio.handlers['library.setConsent']({ faceId, consent: true });
    expect(await failureOf(studio.handlers['preview.frame']({ projectId: 999, timeSec: 0 }))).toMatchObject({ code: 'NOT_FOUND' });
  }, 30_000);
});
