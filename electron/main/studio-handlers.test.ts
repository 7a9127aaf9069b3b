import { describe, expect, it, vi } from 'vitest';
import type { StudioEventName } from '../contract/channels';
import { InputError } from '../engine/errors';
import type { FaceSubject } from '../engine/face/face-types';
import type { EngineFacade, LibraryFace, LibraryImport, StudioLibrary } from './engine-facade';
import { createStudioHandlers } from './studio-handlers';

const MEDIA = '/data/library/media';

function face(overrides: Partial<LibraryFace> = {}): LibraryFace {
  return {
    id: 1,
    name: 'Ana',
    kind: 'image',
    mediaPath: `${MEDIA}/ab/abcd.jpg`,
    width: 800,
    height: 1000,
    durationSec: null,
    consent: false,
    analysisStatus: 'done',
    analysisError: null,
    subjectCount: 1,
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
  const fullLibrary: StudioLibrary = {
    importFile: vi.fn(),
    listFaces: () => [face()],
    getFace: ({ faceId }) => (faceId === 1 ? { ...face(), subjects: [subject] } : null),
    setConsent: vi.fn(({ consent }) => face({ consent })),
    listVoices: () => [
      { id: 2, name: 'Narration', kind: 'recording', mediaPath: `${MEDIA}/cd/cdef.wav`, durationSec: 12.5, createdAt: '2026-11-22T10:01:00.000Z' },
      { id: 3, name: 'English', kind: 'builtin', mediaPath: null, durationSec: null, createdAt: '2026-11-22T10:02:00.000Z' },
    ],
    listScripts: () => [{ id: 4, name: 'Hello', text: '  Hello there, friend.\nSecond line.', createdAt: '2026-11-22T10:03:00.000Z' }],
    close: vi.fn(),
    ...library,
  };
  const engine: EngineFacade = { library: async () => fullLibrary, availability: () => ({ library: true, face: false }), close: async () => {} };
  const events: { event: StudioEventName; payload: unknown }[] = [];
  const chooseImportFiles = vi.fn(async () => [] as string[]);
  const handlers = createStudioHandlers({
    engine,
    mediaRoot: MEDIA,
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
        width: 800,
        height: 1000,
        durationSec: null,
        consent: false,
        subjectCount: 1,
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
    const importFile = vi.fn(async ({ filePath }: { filePath: string }, opts?: { onProgress?: (p: { phase: string; ratio: number }) => void }) => {
      if (filePath.endsWith('.xyz')) throw new InputError('UNREADABLE_MEDIA', 'notes.xyz is not a photo, video, recording or text.');
      opts?.onProgress?.({ phase: 'copy', ratio: 0.5 });
      return { kind: 'face', created: filePath !== '/in/again.jpg', face: { id: 9 }, notice: null } satisfies LibraryImport;
    });
    const { handlers, events } = setup({ importFile });
    const response = await handlers['library.import']({ paths: ['/in/ana.jpg', '/in/notes.xyz', '/in/again.jpg'] });
    expect(response.results).toEqual([
      { path: '/in/ana.jpg', ok: true, kind: 'face', id: 9, duplicate: false, notice: null },
      { path: '/in/notes.xyz', ok: false, error: { code: 'BAD_INPUT', message: 'notes.xyz is not a photo, video, recording or text.' } },
      { path: '/in/again.jpg', ok: true, kind: 'face', id: 9, duplicate: true, notice: null },
    ]);
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.payload as { ratio: number; label: string; taskId: string });
    expect(progress[0]).toMatchObject({ taskId: 'task-1', label: 'Importing 3 files', ratio: 0 });
    expect(progress.map((p) => p.ratio)).toEqual([0, 1 / 6, 1 / 3, 2 / 3, 5 / 6, 1]);
    expect(events.filter((e) => e.event === 'library-changed')).toEqual([{ event: 'library-changed', payload: { reason: 'import' } }]);
  });

  it('library.import sends no library-changed when nothing was imported', async () => {
    const { handlers, events } = setup({
      importFile: async () => {
        throw new InputError('FILE_NOT_FOUND', 'gone.jpg does not exist.');
      },
    });
    const response = await handlers['library.import']({ paths: ['/in/gone.jpg'] });
    expect(response.results[0]).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(events.some((e) => e.event === 'library-changed')).toBe(false);
  });

  it('library.importFromDialog imports what the user picked, and nothing when cancelled', async () => {
    const { handlers, chooseImportFiles, library } = setup({
      importFile: vi.fn(async () => ({ kind: 'script', created: true, script: { id: 5 }, notice: null }) satisfies LibraryImport),
    });
    expect(await handlers['library.importFromDialog'](undefined)).toEqual({ results: [] });
    expect(library.importFile).not.toHaveBeenCalled();
    chooseImportFiles.mockResolvedValueOnce(['/in/hello.txt']);
    expect((await handlers['library.importFromDialog'](undefined)).results).toEqual([
      { path: '/in/hello.txt', ok: true, kind: 'script', id: 5, duplicate: false, notice: null },
    ]);
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
