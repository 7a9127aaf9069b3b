import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SAMPLE_FACE, SAMPLE_VOICE } from '../../tests/helpers/shared-media';
import { studioMethods } from '../contract/channels';
import type { FaceSummary, ImportResponse, LibraryListing, StudioResult } from '../contract/types';

/*
 * Runs the *built* main bundle (out/main/index.js, as electron-vite produced it) against a stand-in for the
 * `electron` module, with the real engine underneath: real SQLite library in a temporary userData, real face
 * analysis. This proves the composition in index.ts without an Electron binary.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const photo = SAMPLE_FACE;
const voice = SAMPLE_VOICE;

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const state = {
    appData: '',
    appPath: '',
    calls: [] as string[],
    appListeners: new Map<string, Listener>(),
    ipcHandlers: new Map<string, Listener>(),
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    windows: [] as { options: Record<string, unknown>; loadedUrl?: string; sent: [string, unknown][] }[],
    openDialogPaths: [] as string[],
    ready: undefined as undefined | (() => void),
  };
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    record: (typeof state.windows)[number];
    webContents: { send(channel: string, payload: unknown): void; isDestroyed(): boolean; getURL(): string };
    constructor(options: Record<string, unknown>) {
      this.record = { options, sent: [] };
      state.windows.push(this.record);
      const record = this.record;
      this.webContents = {
        send: (channel, payload) => void record.sent.push([channel, payload]),
        isDestroyed: () => false,
        getURL: () => record.loadedUrl ?? '',
      };
    }
    once() {}
    on() {}
    maximize() {}
    loadURL(url: string) {
      this.record.loadedUrl = url;
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      isPackaged: false,
      getPath: (name: string) => (name === 'appData' ? state.appData : path.join(state.appData, 'Mouthpiece')),
      setPath: (name: string, value: string) => state.calls.push(`setPath:${name}:${value}`),
      setName: (name: string) => state.calls.push(`setName:${name}`),
      getAppPath: () => state.appPath,
      getVersion: () => '0.1.0',
      enableSandbox: () => state.calls.push('enableSandbox'),
      requestSingleInstanceLock: () => (state.calls.push('requestSingleInstanceLock'), true),
      quit: () => state.calls.push('quit'),
      on: (event: string, listener: Listener) => void state.appListeners.set(event, listener),
      whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
    },
    protocol: { registerSchemesAsPrivileged: (schemes: unknown) => state.calls.push(`registerSchemesAsPrivileged:${JSON.stringify(schemes)}`) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => state.calls.push('setPermissionRequestHandler'),
        setPermissionCheckHandler: () => state.calls.push('setPermissionCheckHandler'),
        setDevicePermissionHandler: () => state.calls.push('setDevicePermissionHandler'),
        webRequest: { onBeforeRequest: () => state.calls.push('onBeforeRequest'), onHeadersReceived: () => state.calls.push('onHeadersReceived') },
        protocol: { handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void state.protocolHandlers.set(scheme, handler) },
      },
    },
    ipcMain: { handle: (channel: string, listener: Listener) => void state.ipcHandlers.set(channel, listener), removeHandler: () => {} },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => state.calls.push('setApplicationMenu') },
    BrowserWindow,
    dialog: {
      showOpenDialog: async () => ({ canceled: false, filePaths: state.openDialogPaths }),
      showMessageBox: async () => ({ response: 0 }),
      showErrorBox: () => {},
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openPath: async () => '', showItemInFolder: () => {} },
    // A utility process is a Node child process with a message port: stand in with child_process.fork of the same
    // built entry, so the real bundled worker renders.
    utilityProcess: {
      fork: (entry: string) => {
        const { fork } = process.getBuiltinModule('node:child_process') as typeof import('node:child_process');
        const { EventEmitter } = process.getBuiltinModule('node:events') as typeof import('node:events');
        state.calls.push(`utilityProcess.fork:${entry}`);
        const child = fork(entry, [], { serialization: 'advanced' });
        const events = new EventEmitter();
        child.on('spawn', () => events.emit('spawn'));
        child.on('message', (message) => events.emit('message', message));
        child.on('exit', (code) => events.emit('exit', code));
        return { postMessage: (message: unknown) => child.send(message as never), on: events.on.bind(events), once: events.once.bind(events), kill: () => child.kill() };
      },
    },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const appFrame = { url: 'mouthpiece://app/index.html', parent: null };
const invoke = async <T,>(method: string, payload?: unknown, senderFrame: unknown = appFrame) =>
  (await fake.state.ipcHandlers.get(`studio:${method}`)!({ senderFrame }, ...(payload === undefined ? [] : [payload]))) as StudioResult<T>;

describe('main process (built bundle, stand-in Electron, real engine)', () => {
  beforeAll(async () => {
    const { build } = await import('electron-vite');
    await build({ root: repoRoot, logLevel: 'warn' });
    fake.state.appData = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-app-'));
    fake.state.appPath = repoRoot;
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    await import(/* @vite-ignore */ path.join(repoRoot, 'out/main/index.js'));
    fake.state.ready!();
    await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1));
  }, 120_000);

  afterAll(async () => {
    const quit = fake.state.appListeners.get('before-quit');
    const event = { preventDefault: () => {} };
    quit?.(event);
    await vi.waitFor(() => expect(fake.state.calls).toContain('quit'));
    await rm(fake.state.appData, { recursive: true, force: true });
  });

  it('sets up before ready: privileged schemes, sandbox for all, one instance, userData named Mouthpiece', () => {
    const { calls } = fake.state;
    expect(calls.find((call) => call.startsWith('registerSchemesAsPrivileged'))).toContain('"scheme":"mouthpiece-media"');
    expect(calls).toEqual(expect.arrayContaining(['enableSandbox', 'requestSingleInstanceLock', `setPath:userData:${path.join(fake.state.appData, 'Mouthpiece')}`]));
    expect(calls).toEqual(expect.arrayContaining(['setPermissionRequestHandler', 'setPermissionCheckHandler', 'onBeforeRequest', 'setApplicationMenu']));
  });

  it('opens one sandboxed window on the app protocol with the CommonJS preload', () => {
    const [window] = fake.state.windows;
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect(prefs.preload).toBe(path.join(repoRoot, 'out/preload/index.cjs'));
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(window.loadedUrl).toBe('mouthpiece://app/index.html');
  });

  it('serves the built renderer with its CSP over mouthpiece://app', async () => {
    const response = await fake.state.protocolHandlers.get('mouthpiece')!(new Request('mouthpiece://app/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain('<div id="root"></div>');
  });

  it('answers every contract channel, and only from the app page', async () => {
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual(studioMethods.map((method) => `studio:${method}`).sort());
    expect(await invoke('library.list', undefined, { url: 'https://evil.example/', parent: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke('library.list', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const info = await invoke<{ engine: unknown; paths: { media: string } }>('app.getInfo');
    expect(info).toMatchObject({ ok: true, value: { engine: { library: true, face: true } } });
    expect(await invoke<LibraryListing>('library.list')).toEqual({ ok: true, value: { faces: [], voices: [], scripts: [] } });
  });

  it.skipIf(!existsSync(photo))('imports a photo, finds its face, serves it over mouthpiece-media and records consent', async () => {
    fake.state.openDialogPaths = [photo];
    const imported = await invoke<ImportResponse>('library.importFromDialog');
    expect(imported).toMatchObject({ ok: true, value: { results: [{ path: photo, ok: true, kind: 'face', duplicate: false }] } });

    const listing = await invoke<LibraryListing>('library.list');
    if (!listing.ok) throw new Error(listing.error.message);
    const [face] = listing.value.faces;
    expect(face).toMatchObject({ kind: 'photo', width: 512, height: 512, subjectCount: 1, consent: false });
    expect(face.mediaUrl).toMatch(/^mouthpiece-media:\/\/library\//);

    const media = await fake.state.protocolHandlers.get('mouthpiece-media')!(new Request(face.mediaUrl!));
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/jpeg');
    const escape = await fake.state.protocolHandlers.get('mouthpiece-media')!(new Request('mouthpiece-media://library/../library.sqlite'));
    expect(escape.status).toBe(404);
    expect(face.thumbnailUrl).toMatch(/^mouthpiece-media:\/\/thumbnails\/[0-9a-f]{64}\.png$/);
    const thumbnail = await fake.state.protocolHandlers.get('mouthpiece-media')!(new Request(face.thumbnailUrl!));
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/png');
    // IHDR width and height: the 512×512 portrait as a 256×256 thumbnail.
    const png = Buffer.from(await thumbnail.arrayBuffer());
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 256]);

    const analysis = await invoke<{ subjects: { index: number; landmarks: unknown[] }[] }>('face.getAnalysis', { faceId: face.id });
    expect(analysis.ok && analysis.value.subjects.map((subject) => [subject.index, subject.landmarks.length])).toEqual([[0, 468]]);

    expect(await invoke<FaceSummary>('library.setConsent', { faceId: face.id, consent: true })).toMatchObject({ ok: true, value: { consent: true } });
    const sent = fake.state.windows[0].sent.map(([channel]) => channel);
    expect(sent).toEqual(expect.arrayContaining(['studio:event:progress', 'studio:event:library-changed']));
  });

  it.skipIf(!existsSync(photo) || !existsSync(voice))('renders a project in the bundled worker (utility process) and reports job-state events', async () => {
    const imported = await invoke<ImportResponse>('library.import', { paths: [photo, voice] });
    if (!imported.ok) throw new Error(imported.error.message);
    const [faceResult, voiceResult] = imported.value.results;
    if (!faceResult.ok || !voiceResult.ok) throw new Error('import failed');
    await invoke('library.setConsent', { faceId: faceResult.id, consent: true });
    const document = {
      version: 1,
      stage: { faceId: faceResult.id, mediaKind: 'photo' },
      tracks: [{ subject: 0, clips: [{ id: 'a', kind: 'audio', start: 0, voiceId: voiceResult.id, trimStart: 0, trimEnd: 1.2, duration: 4.25 }] }],
      subjects: {},
      export: { preset: 'square', captions: { enabled: false, style: 'clean' } },
      selectedSubject: 0,
    };
    const project = await invoke<{ id: number }>('projects.create', { name: 'Main test', document });
    if (!project.ok) throw new Error(project.error.message);
    const job = await invoke<{ id: number; outputPath: string }>('render.enqueue', { projectId: project.value.id });
    if (!job.ok) throw new Error(job.error.message);
    const jobEvents = () => fake.state.windows[0].sent.filter(([channel]) => channel === 'studio:event:job-state').map(([, payload]) => payload as { id: number; status: string });
    await vi.waitFor(() => expect(jobEvents().some((event) => event.id === job.value.id && event.status === 'done')).toBe(true), { timeout: 60_000, interval: 100 });
    expect(fake.state.calls.some((call) => call.startsWith('utilityProcess.fork:') && call.endsWith(path.join('out', 'main', 'render-worker.js')))).toBe(true);
    expect(existsSync(job.value.outputPath)).toBe(true);
    expect(job.value.outputPath.startsWith(path.join(fake.state.appData, 'Mouthpiece', 'Mouthpiece'))).toBe(true);
  });
});
