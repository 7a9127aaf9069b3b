import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { StudioEventName } from '../contract/channels';
import { InputError } from '../engine/errors';
import type { FaceSubject } from '../engine/face/face-types';
import type { EngineFacade, LibraryFace, LibraryImport, StudioLibrary } from './engine-facade';
import { toMediaUrl } from './media-path';
import { createStudioHandlers } from './studio-handlers';

const MEDIA = '/data/library/media';

function face(overrides: Partial<LibraryFace> = {}): LibraryFace {
  return {
    id: 1,
    name: 'Ana',
    kind: 'image',
    mediaPath: `${MEDIA}/ab/abcd.jpg`,
    mediaSha256: 'ab'.repeat(32),
    width: 800,
    height: 1000,
    durationSec: null,
    consent: false,
    analysisStatus: 'done',
    analysisError: null,
    subjectCount: 1,
    subjectNames: {},
    mouthClipId: null,
    createdAt: '2026-11-22T10:00:00.000Z',
    ...overrides,
  };
}

const subject: FaceSubject = {
  index: 0,
  box: [10, 20, 300, 400],
  score: 0.98,
  area: 120_000,
  landmarks: [[1, 2, 3]],
  irises: { left: [], right: [] },
  rollRad: 0.01,
  meshScore: 0.97,
  masks: { faceOval: [[0, 0]], lips: [], innerMouth: [], leftEye: [], rightEye: [], head: [] },
};

function setup(library: Partial<StudioLibrary> = {}) {
  const fullLibrary = {
    libraryDir: '/data/library',
    importFile: vi.fn(),
    listFaces: () => [face()],
    getFace: ({ faceId }: { faceId: number }) => (faceId === 1 ? { ...face(), subjects: [subject] } : null),
    setConsent: vi.fn(({ consent }: { consent: boolean }) => face({ consent })),
    listVoices: () => [
      { id: 2, name: 'Narration', kind: 'recording', mediaPath: `${MEDIA}/cd/cdef.wav`, durationSec: 12.5, createdAt: '2026-11-22T10:01:00.000Z' },
      { id: 3, name: 'English', kind: 'builtin', mediaPath: null, durationSec: null, createdAt: '2026-11-22T10:02:00.000Z' },
    ],
    listScripts: () => [{ id: 4, name: 'Hello', text: '  Hello there, friend.\nSecond line.', createdAt: '2026-11-22T10:03:00.000Z' }],
    close: vi.fn(),
    ...library,
  } as unknown as StudioLibrary;
  const engine: EngineFacade = {
    library: async () => fullLibrary,
    renderQueue: async () => Promise.reject(new Error('no queue in this test')),
    preview: async () => Promise.reject(new Error('no preview in this test')),
    tools: async () => Promise.reject(new Error('no ffmpeg in this test')),
    availability: () => ({ library: true, face: false, render: false }),
    farmChanged: async () => {},
    close: async () => {},
  };
  const events: { event: StudioEventName; payload: unknown }[] = [];
  const chooseImportFiles = vi.fn(async () => [] as string[]);
  const handlers = createStudioHandlers({
    engine,
    mediaUrl: (filePath) => toMediaUrl(filePath, MEDIA),
    renderUrl: () => null,
    thumbnailUrl: (sha256) => `mouthpiece-media://thumbnails/${sha256}.png`,
    rendersDir: () => '/data/renders',
    chooseSavePath: async () => null,
    openPath: async () => {},
    showItemInFolder: async () => {},
    listBuiltinVoices: async () => [],
    emit: (event, payload) => events.push({ event, payload }),
    chooseImportFiles,
    createTaskId: () => 'task-1',
    describeApp: () => ({
      name: 'Mouthpiece',
      version: '0.1.0',
      platform: 'linux',
      arch: 'x64',
      versions: { electron: '45.0.0', chrome: '140', node: '22' },
      isPackaged: false,
      paths: { userData: '/data', library: '/data/library', media: MEDIA, models: '/m', ffmpeg: null, ffprobe: null },
    }),
  });
  return { handlers, library: fullLibrary, events, chooseImportFiles };
}

describe('studio handlers', () => {
  it('app.getInfo adds what the engine can do', async () => {
    const info = await setup().handlers['app.getInfo'](undefined);
    expect(info).toMatchObject({ name: 'Mouthpiece', engine: { library: true, face: false } });
  });

  it('library.list maps records to summaries with media URLs', async () => {
    const listing = await setup().handlers['library.list'](undefined);
    expect(listing.faces).toEqual([
      {
        id: 1,
        name: 'Ana',
        kind: 'photo',
        mediaUrl: 'mouthpiece-media://library/ab/abcd.jpg',
        thumbnailUrl: `mouthpiece-media://thumbnails/${'ab'.repeat(32)}.png`,
        width: 800,
        height: 1000,
        durationSec: null,
        consent: false,
        subjectCount: 1,
        subjectNames: {},
        mouthClipId: null,
        addedAt: '2026-11-22T10:00:00.000Z',
      },
    ]);
    expect(listing.voices.map((voice) => [voice.mediaUrl, voice.builtin])).toEqual([
      ['mouthpiece-media://library/cd/cdef.wav', false],
      [null, true],
    ]);
    expect(listing.scripts).toEqual([{ id: 4, name: 'Hello', preview: 'Hello there, friend.', wordCount: 5, addedAt: '2026-11-22T10:03:00.000Z' }]);
  });

  it('library.import reports each file, progress, and one library-changed event', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-handlers-'));
    const [ana, notes, again, bad] = ['ana.jpg', 'notes.xyz', 'again.jpg', 'broken.png'].map((name) => path.join(dir, name));
    await Promise.all([ana, notes, again, bad].map((file) => writeFile(file, 'bytes')));
    const importFile = vi.fn(async ({ filePath }: { filePath: string }, opts?: { onProgress?: (p: { phase: string; ratio: number }) => void }) => {
      if (filePath.endsWith('.png')) throw new InputError('UNREADABLE_MEDIA', 'broken.png could not be read as a photo.');
      opts?.onProgress?.({ phase: 'copy', ratio: 0.5 });
      return { kind: 'face', created: filePath !== again, face: { id: 9 }, notice: null } satisfies LibraryImport;
    });
    const { handlers, events } = setup({ importFile });
    const response = await handlers['library.import']({ paths: [ana, notes, again, bad] });
    expect(response.results).toEqual([
      { path: ana, ok: true, kind: 'face', id: 9, duplicate: false, notice: null },
      { path: notes, ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('notes.xyz: Mouthpiece takes photos') } },
      { path: again, ok: true, kind: 'face', id: 9, duplicate: true, notice: null },
      { path: bad, ok: false, error: { code: 'BAD_INPUT', message: 'broken.png could not be read as a photo.' } },
    ]);
    expect(importFile).toHaveBeenCalledTimes(3);
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.payload as { ratio: number; label: string; taskId: string });
    expect(progress[0]).toMatchObject({ taskId: 'task-1', label: 'Importing 4 files', ratio: 0 });
    expect(progress.map((p) => p.ratio)).toEqual([0, 1 / 8, 1 / 4, 1 / 2, 5 / 8, 3 / 4, 1]);
    expect(events.filter((e) => e.event === 'library-changed')).toEqual([{ event: 'library-changed', payload: { reason: 'import' } }]);
    await rm(dir, { recursive: true });
  });

  it('library.import refuses what is not an existing regular file, without calling the library', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-handlers-'));
    await mkdir(path.join(dir, 'folder.png'));
    await symlink('/dev/zero', path.join(dir, 'device.wav'));
    const importFile = vi.fn();
    const { handlers, events } = setup({ importFile });
    const response = await handlers['library.import']({ paths: [path.join(dir, 'gone.jpg'), path.join(dir, 'folder.png'), path.join(dir, 'device.wav'), '/data/library/media/ab/abcd.jpg'] });
    expect(response.results.map((result) => (result.ok ? 'ok' : result.error.message.replace(dir, '<dir>')))).toEqual([
      '<dir>/gone.jpg: there is no such file.',
      '<dir>/folder.png: is a folder; drop files, not folders or devices.',
      '<dir>/device.wav: is not a regular file; drop files, not folders or devices.',
      '/data/library/media/ab/abcd.jpg: there is no such file.',
    ]);
    expect(importFile).not.toHaveBeenCalled();
    expect(events.some((e) => e.event === 'library-changed')).toBe(false);
    await rm(dir, { recursive: true });
  });

  it('library.importFromDialog imports what the user picked, and nothing when cancelled', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-handlers-'));
    const hello = path.join(dir, 'hello.txt');
    await writeFile(hello, 'Hello.');
    const { handlers, chooseImportFiles, library } = setup({
      importFile: vi.fn(async () => ({ kind: 'script', created: true, script: { id: 5 }, notice: null }) satisfies LibraryImport),
    });
    expect(await handlers['library.importFromDialog'](undefined)).toEqual({ results: [] });
    expect(library.importFile).not.toHaveBeenCalled();
    chooseImportFiles.mockResolvedValueOnce([hello]);
    expect((await handlers['library.importFromDialog'](undefined)).results).toEqual([{ path: hello, ok: true, kind: 'script', id: 5, duplicate: false, notice: null }]);
    await rm(dir, { recursive: true });
  });

  it('library.setConsent records consent and tells the renderer; unknown faces are NOT_FOUND', async () => {
    const { handlers, library, events } = setup();
    expect(await handlers['library.setConsent']({ faceId: 1, consent: true })).toMatchObject({ id: 1, consent: true });
    expect(library.setConsent).toHaveBeenCalledWith({ faceId: 1, consent: true });
    expect(events).toContainEqual({ event: 'library-changed', payload: { reason: 'consent' } });
    await expect(handlers['library.setConsent']({ faceId: 99, consent: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('face.getAnalysis returns subjects largest first, without engine-only fields', async () => {
    const { handlers } = setup();
    const view = await handlers['face.getAnalysis']({ faceId: 1 });
    expect(view).toEqual({
      faceId: 1,
      status: 'done',
      error: null,
      width: 800,
      height: 1000,
      subjects: [{ index: 0, box: [10, 20, 300, 400], score: 0.98, area: 120_000, landmarks: [[1, 2, 3]], masks: subject.masks }],
    });
    await expect(handlers['face.getAnalysis']({ faceId: 2 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
