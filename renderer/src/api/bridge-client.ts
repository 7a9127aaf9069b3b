import { BINARY_RESULT_TYPE, decodeBinaryResult } from '../../../electron/contract/binary-result';
import { isStudioEventName, studioMethods, type StudioEventName } from '../../../electron/contract/channels';
import type { StudioApi } from '../../../electron/contract/studio-api';
import type { ImportFileResult, ImportResponse, StudioResult, VideoVerdictView } from '../../../electron/contract/types';

/** Where the page talks to the bridge; `fetch` and `WebSocket` are injectable for tests. */
export interface BridgeClientOptions {
  token: string;
  /** `http://127.0.0.1:PORT` (the page's own origin). */
  origin: string;
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
  /** Delay before reconnecting the event socket after it drops. */
  reconnectDelayMs?: number;
}

const TOKEN_HEADER = 'X-Mouthpiece-Token';

/**
 * `window.studio` for a page served by the browser bridge (electron/bridge): every method is a POST to `/api` with
 * the token from the page's address, events arrive over one WebSocket, and dropped files are uploaded (a browser
 * cannot give their paths). The UI cannot tell it from the app's preload.
 */
export function createBridgeClient({ token, origin, fetch: fetchImpl = globalThis.fetch.bind(globalThis), WebSocket: Socket = globalThis.WebSocket, reconnectDelayMs = 1000 }: BridgeClientOptions): StudioApi {
  const failure = (message: string): StudioResult<never> => ({ ok: false, error: { code: 'INTERNAL', message } });

  async function post<T>(url: string, init: RequestInit): Promise<StudioResult<T>> {
    try {
      const response = await fetchImpl(url, { ...init, headers: { ...(init.headers ?? {}), [TOKEN_HEADER]: token }, credentials: 'omit' });
      // a result holding bytes (a preview frame) comes as one binary body, not base64 in JSON
      if (response.ok && response.headers.get('content-type') === BINARY_RESULT_TYPE) return decodeBinaryResult(await response.arrayBuffer()) as StudioResult<T>;
      const body = (await response.json().catch(() => null)) as StudioResult<T> | null;
      if (body && typeof body === 'object' && 'ok' in body) return body;
      return failure(`The studio answered ${response.status} ${response.statusText}.`);
    } catch (error) {
      return failure(`The studio cannot be reached (${(error as Error).message}). Is \`mouthpiece studio\` still running?`);
    }
  }

  const call = (method: string, payload: unknown) =>
    post(`${origin}/api`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method, payload }) });

  const namespaces: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const method of studioMethods) {
    const [namespace, verb] = method.split('.') as [string, string];
    namespaces[namespace] ??= {};
    namespaces[namespace][verb] = (request?: unknown) => call(method, request);
  }

  const listeners = new Map<StudioEventName, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  const connect = () => {
    const ws = new Socket(`${origin.replace(/^http/, 'ws')}/events?token=${encodeURIComponent(token)}`);
    socket = ws;
    ws.onmessage = (message: MessageEvent) => {
      try {
        const { event, payload } = JSON.parse(String(message.data)) as { event: unknown; payload: unknown };
        if (isStudioEventName(event)) listeners.get(event)?.forEach((listener) => listener(payload));
      } catch {
        // Not ours: ignore.
      }
    };
    ws.onclose = () => {
      socket = null;
      if ([...listeners.values()].some((set) => set.size > 0)) setTimeout(() => socket ?? connect(), reconnectDelayMs);
    };
  };

  const on = (event: StudioEventName, listener: (payload: unknown) => void) => {
    if (!isStudioEventName(event)) throw new TypeError(`Unknown studio event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('studio.on needs a listener function');
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    if (!socket) connect();
    return () => {
      set.delete(listener);
    };
  };

  const importFiles = async (files: readonly File[]): Promise<StudioResult<ImportResponse>> => {
    const results: ImportFileResult[] = [];
    for (const file of files) {
      const uploaded = await post<ImportResponse>(`${origin}/upload?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: file,
      });
      if (uploaded.ok) results.push(...uploaded.value.results);
      else results.push({ path: file.name, ok: false, error: uploaded.error });
    }
    return { ok: true, value: { results } };
  };

  const verifyFile = (file: File): Promise<StudioResult<VideoVerdictView>> =>
    post<VideoVerdictView>(`${origin}/upload?name=${encodeURIComponent(file.name)}&purpose=verify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: file,
    });

  return { ...namespaces, on, getPathForFile: () => '', importFiles, verifyFile } as unknown as StudioApi;
}

/**
 * The studio API this page should use: the app's preload when present, else the bridge when the page was opened
 * with a token (`mouthpiece studio` prints that address), else none (the UI says so).
 */
export function resolveStudioApi(win: Pick<Window, 'location'> & { studio?: StudioApi } = window): StudioApi | undefined {
  if (win.studio) return win.studio;
  const token = new URLSearchParams(win.location.search).get('token');
  return token ? createBridgeClient({ token, origin: win.location.origin }) : undefined;
}
