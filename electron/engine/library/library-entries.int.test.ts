import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from './library.js';
import { inspectLibrary } from './test-support/inspect-library.js';
import { openTestLibrary } from './test-support/open-test-library.js';
import { SAMPLE_FACE } from '../../../tests/helpers/shared-media.js';
import { createTempDir, hasSharedMedia, resolveSharedMedia } from './test-support/temp-library.js';

const audio = (name: string): string => resolveSharedMedia(`audio/${name}`);
const obamaClip = resolveSharedMedia('video/obama_weekly_address_challenges.mp4');

describe('Library entries', () => {
  let temp: ReturnType<typeof createTempDir>;
  let library: Library;
  let libraryDir: string;
  beforeEach(async () => {
    temp = createTempDir();
    ({ library, libraryDir } = await openTestLibrary({ dir: temp.dir }));
  });
  afterEach(() => {
    library.close();
    temp.remove();
  });

  async function importFace(filePath: string): Promise<number> {
    const result = await library.importFile({ filePath });
    if (result.kind !== 'face') throw new Error(`${filePath} did not become a face`);
    return result.face.id;
  }

  async function importVoice(filePath: string): Promise<number> {
    const result = await library.importFile({ filePath });
    if (result.kind !== 'voice') throw new Error(`${filePath} did not become a voice`);
    return result.voice.id;
  }

  it('renames entries and refuses empty names and unknown ids', async () => {
    const faceId = await importFace(SAMPLE_FACE);
    library.renameEntry({ kind: 'face', id: faceId, name: '  Aunt   Ada  ' });
    expect(library.getFace({ faceId })?.name).toBe('Aunt Ada');
    expect(() => library.renameEntry({ kind: 'face', id: faceId, name: '   ' })).toThrow(/cannot be empty/);
    expect(() => library.renameEntry({ kind: 'voice', id: 999, name: 'x' })).toThrow(/no voice with id 999/);
    expect(() => library.renameEntry({ kind: 'face', id: 1.5, name: 'x' })).toThrow(/not a valid face id/);
  });

  it.skipIf(!hasSharedMedia)('searches names, transcripts and script text, ignoring case and accents', async () => {
    const faceId = await importFace(resolveSharedMedia('images/portrait_man_luciano_cc0.png'));
    library.renameEntry({ kind: 'face', id: faceId, name: 'Luciano on the balcony' });
    const jfk = await importVoice(audio('en_jfk_inaugural.wav'));
    const spanish = await importVoice(audio('es_fleurs_es_000.ogg'));
    const chinese = await importVoice(audio('zh_fleurs_1883.wav'));
    const script = library.createScript({ name: 'Café opening', text: 'Welcome to the 100% "real" café!' });
    const project = library.createProject({ name: 'Balcony speech' });

    const ids = (query: string): string[] => library.search({ query }).map((hit) => `${hit.kind}:${hit.id}`);
    expect(ids('LUCIANO')).toEqual([`face:${faceId}`]);
    expect(ids('balcony')).toEqual([`face:${faceId}`, `project:${project.id}`]);
    expect(ids('ask not country')).toEqual([`voice:${jfk}`]);
    expect(ids('enfaticamente')).toEqual([`voice:${spanish}`]);
    expect(ids('净空')).toEqual([`voice:${chinese}`]); // two characters: below the trigram index, found by the scan
    expect(ids('cafe')).toEqual([`script:${script.id}`]);
    expect(ids('100% "real"')).toEqual([`script:${script.id}`]);
    expect(ids('a_b%')).toEqual([]);
    expect(ids('   ')).toEqual([]);
    expect(library.search({ query: 'country', kinds: ['script'] })).toEqual([]);

    const [hit] = library.search({ query: 'fellow americans' });
    expect(hit).toMatchObject({ kind: 'voice', id: jfk, name: 'en_jfk_inaugural' });
    expect(hit.excerpt).toMatch(/fellow Americans/);

    // Name matches come first, and the index follows renames.
    library.renameEntry({ kind: 'voice', id: jfk, name: 'Country address' });
    expect(library.search({ query: 'country' }).map((h) => [h.id, h.excerpt === null])).toEqual([[jfk, true]]);
    expect(ids('en_jfk')).toEqual([]);
  });

  it.skipIf(!hasSharedMedia)('deletes an entry and its file only when no other entry uses the same content', async () => {
    // The same clip kept twice: as a face (the picture) and as a voice (its soundtrack).
    const asFace = await library.importFile({ filePath: obamaClip });
    const asVoice = await library.importFile({ filePath: obamaClip, kind: 'voice', name: 'Obama soundtrack' });
    if (asFace.kind !== 'face' || asVoice.kind !== 'voice') throw new Error('unexpected kinds');
    expect(asFace.face).toMatchObject({ kind: 'video', analysisStatus: 'pending' });
    expect(asVoice.voice.transcript).toMatch(/very real and very serious challenges/);
    expect(asVoice.voice.mediaSha256).toBe(asFace.face.mediaSha256);
    expect(inspectLibrary(libraryDir).counts.media).toBe(1);

    const script = library.createScript({ name: 'Weekly', text: 'Hello there.', voiceId: asVoice.voice.id });
    library.deleteEntry({ kind: 'face', id: asFace.face.id });
    expect(library.getFace({ faceId: asFace.face.id })).toBeNull();
    expect(existsSync(asFace.face.mediaPath)).toBe(true);
    expect(library.getVoice({ voiceId: asVoice.voice.id })).not.toBeNull();

    library.deleteEntry({ kind: 'voice', id: asVoice.voice.id });
    expect(existsSync(asFace.face.mediaPath)).toBe(false);
    expect(library.getScript({ scriptId: script.id })?.voiceId).toBeNull();
    expect(library.search({ query: 'obama' })).toEqual([]);
    const state = inspectLibrary(libraryDir);
    expect(state.counts).toEqual({ media: 0, faces: 0, subjects: 0, voices: 0, scripts: 1 });
    expect(state.orphanFiles).toEqual([]);
    expect(() => library.deleteEntry({ kind: 'voice', id: asVoice.voice.id })).toThrow(/no voice with id/);
  });

  it.skipIf(!hasSharedMedia)('deletes a face with its subjects', async () => {
    const faceId = await importFace(resolveSharedMedia('images/group3_apollo11_crew_nasa.png'));
    expect(inspectLibrary(libraryDir).counts.subjects).toBeGreaterThan(0);
    library.deleteEntry({ kind: 'face', id: faceId });
    expect(inspectLibrary(libraryDir).counts).toEqual({ media: 0, faces: 0, subjects: 0, voices: 0, scripts: 0 });
  });

  it('records consent: false until given, with the time it was given or withdrawn', async () => {
    const faceId = await importFace(SAMPLE_FACE);
    expect(library.getFace({ faceId })).toMatchObject({ consent: false, consentAt: null });
    const before = Date.now();
    const given = library.setConsent({ faceId, consent: true });
    expect(given.consent).toBe(true);
    expect(Date.parse(given.consentAt as string)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(given.consentAt as string)).toBeLessThanOrEqual(Date.now());
    const withdrawn = library.setConsent({ faceId, consent: false });
    expect(withdrawn.consent).toBe(false);
    expect(Date.parse(withdrawn.consentAt as string)).toBeGreaterThanOrEqual(Date.parse(given.consentAt as string));
    expect(() => library.setConsent({ faceId: 12345, consent: true })).toThrow(/no face with id 12345/);
  });

  it('keeps the names given to subjects, through a reopen, and clears one with an empty name', async () => {
    const faceId = await importFace(SAMPLE_FACE);
    expect(library.getFace({ faceId })?.subjectNames).toEqual({});
    library.setSubjectName({ faceId, subject: 0, name: '  Ada "the host" ' });
    expect(library.setSubjectName({ faceId, subject: 3, name: 'Bob' }).subjectNames).toEqual({ 0: 'Ada "the host"', 3: 'Bob' });
    library.close();
    ({ library } = await openTestLibrary({ dir: temp.dir }));
    expect(library.listFaces()[0].subjectNames).toEqual({ 0: 'Ada "the host"', 3: 'Bob' });
    expect(library.setSubjectName({ faceId, subject: 0, name: ' ' }).subjectNames).toEqual({ 3: 'Bob' });
    expect(() => library.setSubjectName({ faceId: 12345, subject: 0, name: 'Ann' })).toThrow(/no face with id 12345/);
  });

  it('creates and edits scripts and built-in voices', () => {
    const voice = library.createBuiltinVoice({ name: 'Narrator', builtinVoice: 'en-us' });
    expect(voice).toMatchObject({ kind: 'builtin', builtinVoice: 'en-us', mediaSha256: null, mediaPath: null });
    const script = library.createScript({ name: 'Intro', text: 'Hello\r\nworld  ', voiceId: voice.id });
    expect(script).toMatchObject({ text: 'Hello\nworld', voiceId: voice.id, mediaSha256: null });
    expect(library.updateScript({ scriptId: script.id, text: 'Hi.' })).toMatchObject({ text: 'Hi.', voiceId: voice.id });
    expect(library.updateScript({ scriptId: script.id, voiceId: null })).toMatchObject({ text: 'Hi.', voiceId: null });
    expect(() => library.createScript({ name: 'Empty', text: ' ' })).toThrow(/needs some text/);
    expect(() => library.createScript({ name: 'Ghost', text: 'Boo', voiceId: 77 })).toThrow(/no voice with id 77/);
    expect(library.setVoiceTranscript({ voiceId: voice.id, transcript: '  ' }).transcript).toBeNull();
  });

  it('stores projects as JSON and replaces only the parts given', () => {
    const project = library.createProject({ name: 'Duet', stage: { faceId: 1, subjects: [0, 1] } });
    expect(project).toMatchObject({ name: 'Duet', stage: { faceId: 1, subjects: [0, 1] }, timeline: null, settings: null });
    const updated = library.updateProject({ projectId: project.id, timeline: { tracks: [{ subject: 0, clips: [] }] } });
    expect(updated).toMatchObject({ stage: { faceId: 1, subjects: [0, 1] }, timeline: { tracks: [{ subject: 0, clips: [] }] } });
    expect(library.getProject({ projectId: project.id })).toEqual(updated);
    expect(library.listProjects().map((p) => p.id)).toEqual([project.id]);
    expect(() => library.updateProject({ projectId: 404, name: 'x' })).toThrow(/no project with id 404/);
  });

  it('keeps render rows through their life: queued, running, finished, retried', () => {
    const project = library.createProject({ name: 'Reel' });
    const render = library.createRender({ projectId: project.id, spec: { preset: 'reel', captions: 'clean' } });
    expect(render).toMatchObject({ status: 'queued', progress: 0, startedAt: null, spec: { preset: 'reel', captions: 'clean' } });

    expect(library.updateRenderProgress({ renderId: render.id, progress: 0.4, phase: 'encoding' })).toBe(true);
    const running = library.getRender({ renderId: render.id });
    expect(running).toMatchObject({ status: 'running', progress: 0.4, phase: 'encoding' });
    expect(running?.startedAt).not.toBeNull();

    expect(library.finishRender({ renderId: render.id, status: 'done', outputPath: '/out/reel.mp4' })).toBe(true);
    const done = library.getRender({ renderId: render.id });
    expect(done).toMatchObject({ status: 'done', progress: 1, outputPath: '/out/reel.mp4', error: null });
    expect(done?.durationMs).toBeGreaterThanOrEqual(0);
    expect(library.updateRenderProgress({ renderId: render.id, progress: 0.5 })).toBe(false);
    expect(library.finishRender({ renderId: render.id, status: 'failed', error: 'late' })).toBe(false);
    expect(library.requeueRender({ renderId: render.id })).toBe(false);

    const failing = library.createRender({ spec: { preset: 'square' } });
    library.finishRender({ renderId: failing.id, status: 'failed', error: 'ffmpeg exited with 1' });
    expect(library.getRender({ renderId: failing.id })).toMatchObject({ status: 'failed', error: 'ffmpeg exited with 1', durationMs: null });
    expect(library.listRenders({ status: ['failed', 'queued'] }).map((r) => r.id)).toEqual([failing.id]);
    expect(library.requeueRender({ renderId: failing.id })).toBe(true);
    expect(library.getRender({ renderId: failing.id })).toMatchObject({ status: 'queued', error: null, progress: 0 });

    library.deleteEntry({ kind: 'project', id: project.id });
    expect(library.getRender({ renderId: render.id })?.projectId).toBeNull();
    expect(library.listRenders().map((r) => r.id)).toEqual([failing.id, render.id]);
    library.deleteRender({ renderId: failing.id });
    expect(library.listRenders()).toHaveLength(1);
    expect(() => library.updateRenderProgress({ renderId: render.id, progress: Number.NaN })).toThrow(/between 0 and 1/);
  });

  it('sweeps files nobody references when the library is opened again', async () => {
    const faceId = await importFace(SAMPLE_FACE);
    const stray = path.join(libraryDir, 'media', 'ab', `ab${'0'.repeat(62)}.png`);
    mkdirSync(path.dirname(stray), { recursive: true });
    writeFileSync(stray, 'left behind by a crash');
    const notOurs = path.join(libraryDir, 'media', 'README.txt');
    writeFileSync(notOurs, 'a file the user put there');
    library.close();
    library = openLibrary({ libraryDir });
    expect(library.repairReport).toMatchObject({ orphanFilesRemoved: 1, orphanRowsRemoved: 0, missingMedia: [] });
    expect(existsSync(stray)).toBe(false);
    expect(existsSync(notOurs)).toBe(true);
    expect(library.getFace({ faceId })).not.toBeNull();
    expect(library.repairLibrary()).toEqual({ tempFilesRemoved: 0, orphanFilesRemoved: 0, orphanRowsRemoved: 0, staleImportsCleared: 0, missingMedia: [] });
  });
});
