import { readFile, mkdtemp, rm, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { startStudioBridge, type StudioBridge } from '../../../electron/bridge/start-studio-bridge';
import { defaultModelPaths } from '../../../electron/engine/install-layout';
import type { LibraryChangedEvent } from '../../../electron/contract/types';
import { SAMPLE_VOICE } from '../../../tests/helpers/shared-media';
import { createBridgeClient, resolveStudioApi } from './bridge-client';

/* The page's bridge client against a real bridge (real engine) from Node: the same code runs in Chromium in tests/e2e. */

let dir: string;
let bridge: StudioBridge;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-client-'));
  await mkdir(path.join(dir, 'renderer'));
  await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html>');
  bridge = await startStudioBridge({ libraryDir: path.join(dir, 'library'), rendererDir: path.join(dir, 'renderer'), ...defaultModelPaths(), version: 'test' });
}, 60_000);

afterAll(async () => {
  await bridge?.close();
  await rm(dir, { recursive: true, force: true });
});

const client = (token = bridge.token) => createBridgeClient({ token, origin: bridge.origin, WebSocket: NodeWebSocket as unknown as typeof WebSocket, reconnectDelayMs: 50 });

describe('bridge client', () => {
  it('calls every method through the API and returns the contract results', async () => {
    const studio = client();
    expect(await studio.library.list()).toEqual({ ok: true, value: { faces: [], voices: [], scripts: [] } });
    expect(await studio.projects.get({ projectId: 42 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await studio.library.setConsent({ faceId: -1, consent: true })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(studio.getPathForFile(new File(['x'], 'a.png'))).toBe('');
  });

  it('uploads dropped files and hears the library change over the event socket', async () => {
    const studio = client();
    const changes: LibraryChangedEvent[] = [];
    const off = studio.on('library-changed', (event) => changes.push(event));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const bytes = await readFile(SAMPLE_VOICE);
    const result = await studio.importFiles([new File([bytes], 'narration.wav'), new File(['not audio'], 'notes.exe')]);
    expect(result).toMatchObject({
      ok: true,
      value: { results: [{ ok: true, kind: 'voice', path: 'narration.wav' }, { ok: false, path: 'notes.exe', error: { code: 'BAD_INPUT' } }] },
    });
    await expect.poll(() => changes).toEqual([{ reason: 'import' }]);
    off();
    const listing = await studio.library.list();
    expect(listing.ok && listing.value.voices.map((voice) => [voice.name, voice.mediaUrl?.startsWith('/media/')])).toEqual([['narration', true]]);
  });

  it('turns a refused token and an unreachable studio into readable errors', async () => {
    expect(await client('wrong').library.list()).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'The studio answered 401 Unauthorized.' } });
    const gone = createBridgeClient({ token: 't', origin: 'http://127.0.0.1:9' });
    expect(await gone.library.list()).toMatchObject({ ok: false, error: { message: expect.stringContaining('cannot be reached') } });
  });

  it('is chosen only when there is no preload and the address has a token', () => {
    const preload = { library: {} } as never;
    expect(resolveStudioApi({ studio: preload, location: new URL('http://127.0.0.1:1/?token=x') as unknown as Location })).toBe(preload);
    expect(resolveStudioApi({ location: new URL('http://127.0.0.1:1/') as unknown as Location })).toBeUndefined();
    expect(resolveStudioApi({ location: new URL('http://127.0.0.1:1/?token=abc') as unknown as Location })).toHaveProperty('importFiles');
  });
});
