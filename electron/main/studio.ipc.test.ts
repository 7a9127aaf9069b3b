import { describe, expect, it, vi } from 'vitest';
import { studioMethods } from '../contract/channels';
import type { StudioHandlers } from '../contract/studio-api';
import { InputError } from '../engine/errors';
import { createAppLocation } from './app-location';
import { createStudioEventSender, handleStudioMessage, registerStudioIpc, type IpcMainLike } from './studio.ipc';

const location = createAppLocation(undefined);
const appFrame = { url: 'mouthpiece://app/index.html', parent: null };

function fakeHandlers(overrides: Partial<StudioHandlers> = {}): StudioHandlers {
  const fail = async () => {
    throw new Error('not expected in this test');
  };
  return {
    'app.getInfo': fail,
    'library.list': async () => ({ faces: [], voices: [], scripts: [] }),
    'library.import': fail,
    'library.importFromDialog': fail,
    'library.setConsent': fail,
    'face.getAnalysis': fail,
    ...overrides,
  } as StudioHandlers;
}

describe('handleStudioMessage', () => {
  it('calls the handler with the validated request and wraps the value', async () => {
    const getAnalysis = vi.fn(async ({ faceId }: { faceId: number }) => ({ faceId, status: 'pending', error: null, width: null, height: null, subjects: [] }));
    const handlers = fakeHandlers({ 'face.getAnalysis': getAnalysis as StudioHandlers['face.getAnalysis'] });
    const result = await handleStudioMessage(handlers, location, appFrame, 'studio:face.getAnalysis', [{ faceId: 3 }]);
    expect(getAnalysis).toHaveBeenCalledWith({ faceId: 3 });
    expect(result).toEqual({ ok: true, value: { faceId: 3, status: 'pending', error: null, width: null, height: null, subjects: [] } });
  });

  it.each([
    ['no frame', null],
    ['a subframe', { url: 'mouthpiece://app/index.html', parent: appFrame }],
    ['another page', { url: 'https://example.com/', parent: null }],
  ])('refuses a message from %s without calling the handler', async (_label, frame) => {
    const list = vi.fn();
    const result = await handleStudioMessage(fakeHandlers({ 'library.list': list }), location, frame, 'studio:library.list', []);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(list).not.toHaveBeenCalled();
  });

  it('refuses malformed payloads and extra arguments without calling the handler', async () => {
    const setConsent = vi.fn();
    const handlers = fakeHandlers({ 'library.setConsent': setConsent });
    expect(await handleStudioMessage(handlers, location, appFrame, 'studio:library.setConsent', [{ faceId: 'x', consent: true }])).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await handleStudioMessage(handlers, location, appFrame, 'studio:library.setConsent', [{ faceId: 1, consent: true }, 'extra'])).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await handleStudioMessage(handlers, location, appFrame, 'studio:shell.openExternal', ['https://x'])).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(setConsent).not.toHaveBeenCalled();
  });

  it('turns thrown errors into error results', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const handlers = fakeHandlers({
      'library.list': async () => {
        throw new InputError('UNREADABLE_MEDIA', 'photo.jpg could not be read.');
      },
    });
    expect(await handleStudioMessage(handlers, location, appFrame, 'studio:library.list', [])).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: 'photo.jpg could not be read.' },
    });
  });
});

describe('registerStudioIpc', () => {
  it('registers exactly the contract channels and removes them again', async () => {
    const registered = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
    const ipcMain: IpcMainLike = {
      handle: (channel, listener) => void registered.set(channel, listener),
      removeHandler: (channel) => void registered.delete(channel),
    };
    const unregister = registerStudioIpc({ ipcMain, handlers: fakeHandlers(), location });
    expect([...registered.keys()].sort()).toEqual(studioMethods.map((method) => `studio:${method}`).sort());
    const listener = registered.get('studio:library.list')!;
    expect(await listener({ senderFrame: appFrame })).toEqual({ ok: true, value: { faces: [], voices: [], scripts: [] } });
    expect(await listener({ senderFrame: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    unregister();
    expect(registered.size).toBe(0);
  });
});

describe('createStudioEventSender', () => {
  it('sends on the event channel only to the live app page', () => {
    const target = { isDestroyed: vi.fn(() => false), getURL: vi.fn(() => 'mouthpiece://app/index.html'), send: vi.fn() };
    const emit = createStudioEventSender(() => target, location);
    emit('library-changed', { reason: 'import' });
    expect(target.send).toHaveBeenCalledWith('studio:event:library-changed', { reason: 'import' });

    target.getURL.mockReturnValue('https://example.com/');
    emit('library-changed', { reason: 'import' });
    target.isDestroyed.mockReturnValue(true);
    emit('library-changed', { reason: 'import' });
    createStudioEventSender(() => null, location)('library-changed', { reason: 'import' });
    expect(target.send).toHaveBeenCalledTimes(1);
  });
});
