import { describe, expect, it, vi } from 'vitest';
import type { FfmpegTools } from '../engine/media/index.js';
import type { SessionPool } from '../engine/models/session-pool.js';
import { createEngineFacade, type EngineContextModule, type LibraryModule, type StudioLibrary } from './engine-facade';

const config = { libraryDir: '/data/library', modelsDir: '/models', manifestPath: '/models/manifest.json' };

function fakeLibrary(): StudioLibrary {
  return { importFile: vi.fn(), listFaces: () => [], getFace: () => null, setConsent: vi.fn(), listVoices: () => [], listScripts: () => [], close: vi.fn() } as unknown as StudioLibrary;
}

describe('createEngineFacade', () => {
  it('loads and opens the library once, on first use, with face analysis injected lazily', async () => {
    const library = fakeLibrary();
    const openLibrary = vi.fn<LibraryModule['openLibrary']>(() => library);
    const analyzeFile = vi.fn(async () => ({ width: 10, height: 10, subjects: [] }));
    const createEngineContext = vi.fn<EngineContextModule['createEngineContext']>(async () => ({ tools: { ffmpegPath: '/ffmpeg', ffprobePath: '/ffprobe' } as FfmpegTools, pool: {} as SessionPool, analyzeFile, close: vi.fn(async () => {}) }));
    const facade = createEngineFacade(config, { library: async () => ({ openLibrary }), context: async () => ({ createEngineContext }) });

    expect(openLibrary).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([facade.library(), facade.library()]);
    expect(a).toBe(library);
    expect(b).toBe(library);
    expect(openLibrary).toHaveBeenCalledTimes(1);
    const input = openLibrary.mock.calls[0][0];
    expect(input.libraryDir).toBe('/data/library');
    expect(createEngineContext).not.toHaveBeenCalled();

    await input.analyzeImage!('/data/library/media/ab/x.jpg', {});
    await input.analyzeVideo!('/data/library/media/cd/y.mp4', {});
    expect(createEngineContext).toHaveBeenCalledTimes(1);
    expect(createEngineContext).toHaveBeenCalledWith(config);
    expect(analyzeFile).toHaveBeenCalledTimes(2);

    await facade.close();
    expect(library.close).toHaveBeenCalled();
  });

  it('says which parts are missing and reports ENGINE_UNAVAILABLE for the library', async () => {
    const facade = createEngineFacade(config, {});
    expect(facade.availability()).toEqual({ library: false, face: false, render: false });
    await expect(facade.library()).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
  });

  it('opens the library without face analysis when that part is missing', async () => {
    const openLibrary = vi.fn<LibraryModule['openLibrary']>(() => fakeLibrary());
    await createEngineFacade(config, { library: async () => ({ openLibrary }) }).library();
    expect(openLibrary.mock.calls[0][0].analyzeImage).toBeUndefined();
  });

  it('tries again after a failed open', async () => {
    const openLibrary = vi
      .fn<LibraryModule['openLibrary']>()
      .mockImplementationOnce(() => {
        throw new Error('database is locked');
      })
      .mockImplementationOnce(() => fakeLibrary());
    const facade = createEngineFacade(config, { library: async () => ({ openLibrary }) });
    await expect(facade.library()).rejects.toThrow('database is locked');
    await expect(facade.library()).resolves.toBeDefined();
  });
});
