import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError, InputError } from '../errors.js';
import type { Progress } from '../progress.js';
import { openLibrary, type Library } from './library.js';
import { createFakeAnalyzer } from './test-support/fake-analyzer.js';
import { inspectLibrary } from './test-support/inspect-library.js';
import { openTestLibrary } from './test-support/open-test-library.js';
import { SAMPLE_FACE, SAMPLE_VOICE, SAMPLE_VOICE_TRANSCRIPT } from '../../../tests/helpers/shared-media.js';
import { createTempDir, hashFileSync, hasSharedMedia, resolveSharedMedia } from './test-support/temp-library.js';

const portrait = SAMPLE_FACE;
const voiceWav = SAMPLE_VOICE;
const voiceText = SAMPLE_VOICE_TRANSCRIPT;
const zhScript = resolveSharedMedia('audio/zh_fleurs_1883.txt');

function expectNothingLeft(libraryDir: string): void {
  const state = inspectLibrary(libraryDir);
  expect(state.counts).toEqual({ media: 0, faces: 0, subjects: 0, voices: 0, scripts: 0 });
  expect(state.orphanFiles).toEqual([]);
  expect(state.tempFiles).toEqual([]);
  expect(state.pendingImports).toBe(0);
}

describe('Library.importFile', () => {
  let temp: ReturnType<typeof createTempDir>;
  let library: Library;
  let libraryDir: string;
  let blankPng: string;
  beforeEach(async () => {
    temp = createTempDir();
    ({ library, libraryDir, blankPng } = await openTestLibrary({ dir: temp.dir }));
  });
  afterEach(() => {
    library.close();
    temp.remove();
  });

  it('imports a photo once: the same content again returns the same face, one row, one file', async () => {
    const progress: Progress[] = [];
    const first = await library.importFile({ filePath: portrait }, { onProgress: (p) => progress.push(p) });
    if (first.kind !== 'face') throw new Error(`expected a face, got ${first.kind}`);
    expect(first.created).toBe(true);
    expect(first.notice).toBeNull();
    const face = first.face;
    expect(face).toMatchObject({ name: 'portrait-eileen-collins-nasa', kind: 'image', width: 512, height: 512, analysisStatus: 'done', consent: false });
    expect(face.subjects.length).toBeGreaterThanOrEqual(1);
    expect(face.subjectCount).toBe(face.subjects.length);
    face.subjects.forEach((subject, i) => {
      expect(subject.index).toBe(i);
      if (i > 0) expect(subject.area).toBeLessThanOrEqual(face.subjects[i - 1].area);
      expect(subject.landmarks).toHaveLength(468);
    });
    expect(hashFileSync(face.mediaPath)).toBe(face.mediaSha256);
    expect(face.mediaPath).toBe(path.join(libraryDir, 'media', face.mediaSha256.slice(0, 2), `${face.mediaSha256}.jpg`));
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['hashing', 'copying', 'analysing', 'saving']));
    expect(progress.map((p) => p.ratio)).toEqual([...progress.map((p) => p.ratio)].sort((a, b) => a - b));
    expect(progress.at(-1)?.ratio).toBe(1);

    const again = await library.importFile({ filePath: portrait, name: 'Another name' });
    const renamedCopy = path.join(temp.dir, 'same-picture.JPEG');
    copyFileSync(portrait, renamedCopy);
    const copy = await library.importFile({ filePath: renamedCopy });
    for (const result of [again, copy]) {
      expect(result).toMatchObject({ kind: 'face', created: false });
      if (result.kind === 'face') expect(result.face).toEqual(face);
    }
    const state = inspectLibrary(libraryDir);
    expect(state.counts.faces).toBe(1);
    expect(state.counts.media).toBe(1);
    expect(state.counts.subjects).toBe(face.subjects.length);
    expect(state.orphanFiles).toEqual([]);
    expect(state.badMedia).toEqual([]);
  });

  it('two simultaneous imports of the same content make one entry', async () => {
    const [a, b] = await Promise.all([library.importFile({ filePath: portrait }), library.importFile({ filePath: portrait })]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    if (a.kind !== 'face' || b.kind !== 'face') throw new Error('expected faces');
    expect(a.face.id).toBe(b.face.id);
    const state = inspectLibrary(libraryDir);
    expect(state.counts).toMatchObject({ media: 1, faces: 1 });
    expect(state.pendingImports).toBe(0);
    expect(state.orphanFiles).toEqual([]);
  });

  it('reads the subjects back exactly as analysed', async () => {
    const result = await library.importFile({ filePath: portrait });
    if (result.kind !== 'face') throw new Error('expected a face');
    expect(library.getFace({ faceId: result.face.id })).toEqual(result.face);
    expect(library.listFaces()).toEqual([expect.objectContaining({ id: result.face.id, subjectCount: result.face.subjects.length })]);
  });

  it('keeps a picture without a face and says so', async () => {
    const result = await library.importFile({ filePath: blankPng, name: 'Empty wall' });
    expect(result).toMatchObject({ kind: 'face', created: true, notice: { code: 'NO_FACE' } });
    if (result.kind !== 'face') return;
    expect(result.notice?.message).toMatch(/No face was found in blank\.png\. It is kept in the library/);
    expect(result.face).toMatchObject({ name: 'Empty wall', analysisStatus: 'no_face', subjects: [], subjectCount: 0 });
    expect(library.listFaces().map((face) => face.analysisStatus)).toEqual(['no_face']);
    expect(existsSync(result.face.mediaPath)).toBe(true);
  });

  it('imports a recording with the transcript found beside it', async () => {
    const result = await library.importFile({ filePath: voiceWav });
    expect(result).toMatchObject({ kind: 'voice', created: true });
    if (result.kind !== 'voice') return;
    expect(result.voice).toMatchObject({ name: 'voice-ljspeech-lj001-0001', kind: 'recording', builtinVoice: null });
    expect(result.voice.transcript).toBe(readFileSync(voiceText, 'utf8').trim());
    expect(result.voice.mediaPath?.endsWith('.wav')).toBe(true);
    expect(hashFileSync(result.voice.mediaPath as string)).toBe(hashFileSync(voiceWav));
  });

  it('picks up a transcript added after the recording when it is imported again', async () => {
    const lonely = path.join(temp.dir, 'take-1.wav');
    copyFileSync(voiceWav, lonely);
    const first = await library.importFile({ filePath: lonely });
    if (first.kind !== 'voice') throw new Error('expected a voice');
    expect(first.voice.transcript).toBeNull();
    writeFileSync(path.join(temp.dir, 'take-1.txt'), '\uFEFFAsk not what your country can do for you.\r\n');
    const second = await library.importFile({ filePath: lonely });
    expect(second).toMatchObject({ kind: 'voice', created: false, voice: { id: first.voice.id, transcript: 'Ask not what your country can do for you.' } });
    expect(library.listVoices()).toHaveLength(1);
  });

  it.skipIf(!hasSharedMedia)('imports a .txt as a script, once', async () => {
    const first = await library.importFile({ filePath: zhScript });
    expect(first).toMatchObject({ kind: 'script', created: true, script: { name: 'zh_fleurs_1883', text: readFileSync(zhScript, 'utf8').trim(), voiceId: null } });
    const second = await library.importFile({ filePath: zhScript });
    expect(second).toMatchObject({ kind: 'script', created: false });
    expect(library.listScripts()).toHaveLength(1);
    expect(inspectLibrary(libraryDir).counts.media).toBe(1);
  });

  it('refuses files it cannot use, naming them, and stores nothing', async () => {
    const odd = path.join(temp.dir, 'notes.xyz');
    writeFileSync(odd, 'hello');
    await expect(library.importFile({ filePath: odd })).rejects.toMatchObject({ name: 'InputError', code: 'UNREADABLE_MEDIA', message: expect.stringMatching(/notes\.xyz/) });
    await expect(library.importFile({ filePath: path.join(temp.dir, 'missing.png') })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(library.importFile({ filePath: voiceWav, kind: 'face' })).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringMatching(/can be a voice, not a face/) });
    const empty = path.join(temp.dir, 'empty.txt');
    writeFileSync(empty, '  \n ');
    await expect(library.importFile({ filePath: empty })).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringMatching(/empty\.txt is empty/) });
    const latin1 = path.join(temp.dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    await expect(library.importFile({ filePath: latin1 })).rejects.toMatchObject({ code: 'UNREADABLE_MEDIA' });
    expectNothingLeft(libraryDir);
  });
});

describe('Library.importFile with failures and injected dependencies', () => {
  let temp: ReturnType<typeof createTempDir>;
  beforeEach(() => {
    temp = createTempDir();
  });
  afterEach(() => temp.remove());

  it.skipIf(!hasSharedMedia)('an analyser that throws leaves no rows and no stored file', async () => {
    const libraryDir = path.join(temp.dir, 'library');
    const library = openLibrary({ libraryDir, analyzeImage: createFakeAnalyzer({ createFailure: () => new Error('the model crashed') }) });
    try {
      await expect(library.importFile({ filePath: portrait })).rejects.toThrow('the model crashed');
      expectNothingLeft(libraryDir);
      // Content another entry already uses is not removed by a failed import of it.
      const asVoice = await library.importFile({ filePath: resolveSharedMedia('video/obama_weekly_address_challenges.mp4'), kind: 'voice' });
      expect(asVoice.kind).toBe('voice');
    } finally {
      library.close();
    }
    const videoFails = openLibrary({ libraryDir, analyzeVideo: createFakeAnalyzer({ createFailure: () => new Error('video analysis crashed') }) });
    try {
      await expect(videoFails.importFile({ filePath: resolveSharedMedia('video/obama_weekly_address_challenges.mp4') })).rejects.toThrow('video analysis crashed');
      const state = inspectLibrary(libraryDir);
      expect(state.counts).toMatchObject({ media: 1, faces: 0, voices: 1 });
      expect(state.badMedia).toEqual([]);
      expect(state.orphanFiles).toEqual([]);
    } finally {
      videoFails.close();
    }
  });

  it('a cancelled import leaves nothing behind', async () => {
    const libraryDir = path.join(temp.dir, 'library');
    const controller = new AbortController();
    const library = openLibrary({ libraryDir, analyzeImage: createFakeAnalyzer({ delayMs: 30_000, onStart: () => controller.abort() }) });
    try {
      await expect(library.importFile({ filePath: portrait }, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
      expectNothingLeft(libraryDir);
    } finally {
      library.close();
    }
  });

  it('uses the probe for kind, size and duration, and analyses pending faces later', async () => {
    const probed = { kind: 'image' as const, durationSec: null, width: 512, height: 678 };
    const probe = async (filePath: string) => (filePath.endsWith('.wav') ? { kind: 'audio' as const, durationSec: 11, width: null, height: null } : probed);
    const { library, libraryDir } = await openTestLibrary({ dir: temp.dir, probe, withAnalyzer: false });
    let faceId: number;
    try {
      const voice = await library.importFile({ filePath: voiceWav });
      expect(voice).toMatchObject({ kind: 'voice', voice: { durationSec: 11 } });
      const face = await library.importFile({ filePath: portrait });
      expect(face).toMatchObject({ kind: 'face', notice: { code: 'ANALYSIS_PENDING' }, face: { analysisStatus: 'pending', width: 512, height: 678, subjects: [] } });
      if (face.kind !== 'face') return;
      faceId = face.face.id;
      await expect(library.analyzeFace({ faceId })).rejects.toMatchObject({ name: 'EngineError', code: 'MODEL_MISSING' });
    } finally {
      library.close();
    }
    const { library: withAnalyzer } = await openTestLibrary({ dir: temp.dir });
    try {
      const analysed = await withAnalyzer.analyzeFace({ faceId });
      expect(analysed.analysisStatus).toBe('done');
      expect(analysed.subjects.length).toBeGreaterThanOrEqual(1);
      expect(inspectLibrary(libraryDir).counts.subjects).toBe(analysed.subjects.length);
    } finally {
      withAnalyzer.close();
    }
  });

  it('reports an unreadable picture as an input error naming the file the user gave', async () => {
    const fakePng = path.join(temp.dir, 'holiday.png');
    writeFileSync(fakePng, 'not really a picture');
    const library = openLibrary({ libraryDir: path.join(temp.dir, 'library'), analyzeImage: createFakeAnalyzer() });
    try {
      const error: unknown = await library.importFile({ filePath: fakePng }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).file).toBe(fakePng);
      expect((error as InputError).message).toMatch(/holiday\.png/);
      expectNothingLeft(path.join(temp.dir, 'library'));
    } finally {
      library.close();
    }
  });
});
