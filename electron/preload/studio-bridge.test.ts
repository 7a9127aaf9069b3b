import { describe, expect, it, vi } from 'vitest';
import { studioMethods } from '../contract/channels';
import { buildStudioBridge, type BridgeTransport } from './studio-bridge';

function fakeTransport() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const transport = {
    invoke: vi.fn(async (channel: string, payload: unknown) => ({ ok: true, value: { channel, payload } })),
    subscribe: vi.fn((channel: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    }),
    getPathForFile: vi.fn(() => '/home/ana/photo.jpg'),
  } satisfies BridgeTransport;
  const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((listener) => listener(payload));
  return { transport, emit, listeners };
}

describe('buildStudioBridge', () => {
  it('exposes one function per contract method, grouped by namespace, and nothing else', () => {
    const studio = buildStudioBridge(fakeTransport().transport) as unknown as Record<string, unknown>;
    expect(Object.keys(studio).sort()).toEqual(['app', 'batch', 'face', 'getPathForFile', 'importFiles', 'library', 'on', 'presets', 'preview', 'projects', 'render', 'scripts', 'verifyFile', 'video', 'voices']);
    const exposed = Object.entries(studio)
      .filter(([, value]) => typeof value === 'object')
      .flatMap(([namespace, verbs]) => Object.keys(verbs as object).map((verb) => `${namespace}.${verb}`));
    expect(exposed.sort()).toEqual([...studioMethods].sort());
    expect(JSON.stringify(Object.keys(studio))).not.toMatch(/ipc|invoke|send/i);
  });

  it('invokes the method channel with the request', async () => {
    const { transport } = fakeTransport();
    const studio = buildStudioBridge(transport);
    await studio.library.setConsent({ faceId: 7, consent: true });
    await studio.library.list();
    expect(transport.invoke).toHaveBeenNthCalledWith(1, 'studio:library.setConsent', { faceId: 7, consent: true });
    expect(transport.invoke).toHaveBeenNthCalledWith(2, 'studio:library.list', undefined);
  });

  it('delivers event payloads only and unsubscribes', () => {
    const { transport, emit, listeners } = fakeTransport();
    const studio = buildStudioBridge(transport);
    const seen: unknown[] = [];
    const off = studio.on('progress', (payload) => seen.push(payload));
    emit('studio:event:progress', { taskId: 't', label: 'Importing', phase: 'copy', ratio: 0.5 });
    off();
    emit('studio:event:progress', { taskId: 't', label: 'Importing', phase: 'copy', ratio: 1 });
    expect(seen).toEqual([{ taskId: 't', label: 'Importing', phase: 'copy', ratio: 0.5 }]);
    expect(listeners.get('studio:event:progress')?.size).toBe(0);
  });

  it('imports dropped files by their paths and reports files without one', async () => {
    const { transport } = fakeTransport();
    transport.getPathForFile.mockImplementation(((file: File) => (file.name === 'photo.jpg' ? '/home/ana/photo.jpg' : '')) as () => string);
    transport.invoke.mockImplementation(async () => ({ ok: true, value: { results: [{ path: '/home/ana/photo.jpg', ok: true, kind: 'face', id: 1, duplicate: false, notice: null }] } }) as never);
    const studio = buildStudioBridge(transport);
    const result = await studio.importFiles([new File(['x'], 'photo.jpg'), new File(['y'], 'pasted.png')]);
    expect(transport.invoke).toHaveBeenCalledWith('studio:library.import', { paths: ['/home/ana/photo.jpg'] });
    expect(result).toMatchObject({ ok: true, value: { results: [{ ok: true, id: 1 }, { ok: false, path: 'pasted.png', error: { code: 'BAD_INPUT' } }] } });
  });

  it('verifies a dropped video by its path, and refuses one that is not on disk', async () => {
    const { transport } = fakeTransport();
    transport.getPathForFile.mockImplementation(((file: File) => (file.name === 'clip.mp4' ? '/home/ana/clip.mp4' : '')) as () => string);
    transport.invoke.mockImplementation(async () => ({ ok: true, value: { name: 'clip.mp4', summary: 'none' } }) as never);
    const studio = buildStudioBridge(transport);
    expect(await studio.verifyFile(new File(['x'], 'clip.mp4'))).toMatchObject({ ok: true, value: { summary: 'none' } });
    expect(transport.invoke).toHaveBeenCalledWith('studio:video.verify', { path: '/home/ana/clip.mp4' });
    expect(await studio.verifyFile(new File(['y'], 'pasted.mp4'))).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(transport.invoke).toHaveBeenCalledTimes(1);
  });

  it('refuses unknown events and non-function listeners', () => {
    const studio = buildStudioBridge(fakeTransport().transport);
    const on = studio.on as (event: string, listener: unknown) => () => void;
    expect(() => on('ipc-message', () => {})).toThrow(/Unknown studio event/);
    expect(() => on('__proto__', () => {})).toThrow(/Unknown studio event/);
    expect(() => on('progress', 'not a function')).toThrow(/listener/);
  });
});
