import { channelOf, isStudioEventName, studioEventChannels, studioMethods, type StudioEventName } from '../contract/channels';
import type { StudioApi } from '../contract/studio-api';
import type { ImportResponse, StudioResult, VideoVerdictView } from '../contract/types';

/** The few Electron capabilities the bridge needs, injected so the bridge can be built and tested without Electron. */
export interface BridgeTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  /** Adds a listener for `channel`; the transport strips Electron's event object before calling `listener`. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
  getPathForFile(file: File): string;
}

/**
 * Builds `window.studio` from the contract's method list: one function per method, grouped by namespace
 * (`library.list` → `studio.library.list()`), plus `on()` for events. Nothing else is reachable from the page.
 */
export function buildStudioBridge(transport: BridgeTransport): StudioApi {
  const namespaces: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const method of studioMethods) {
    const [namespace, verb] = method.split('.') as [string, string];
    const channel = channelOf(method);
    namespaces[namespace] ??= {};
    namespaces[namespace][verb] = (request?: unknown) => transport.invoke(channel, request);
  }

  const on = (event: StudioEventName, listener: (payload: unknown) => void): (() => void) => {
    if (!isStudioEventName(event)) throw new TypeError(`Unknown studio event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('studio.on needs a listener function');
    return transport.subscribe(studioEventChannels[event], (payload) => listener(payload));
  };

  const getPathForFile = (file: File): string => transport.getPathForFile(file);

  // Files that do not come from disk (e.g. dragged out of another web page) have no path: they are reported, not dropped.
  const importFiles = async (files: readonly File[]) => {
    const paths = Array.from(files, (file) => transport.getPathForFile(file));
    const missing = Array.from(files, (file, index) => ({ name: file.name, path: paths[index] })).filter((entry) => entry.path === '');
    const present = paths.filter((path) => path !== '');
    const imported = present.length > 0 ? ((await transport.invoke(channelOf('library.import'), { paths: present })) as StudioResult<ImportResponse>) : null;
    if (imported && !imported.ok) return imported;
    const failures = missing.map((entry) => ({
      path: entry.name,
      ok: false as const,
      error: { code: 'BAD_INPUT' as const, message: `${entry.name}: is not a file on this computer; save it first, then drop the saved file.` },
    }));
    return { ok: true as const, value: { results: [...(imported?.value.results ?? []), ...failures] } };
  };

  const verifyFile = async (file: File): Promise<StudioResult<VideoVerdictView>> => {
    const path = transport.getPathForFile(file);
    if (path === '') return { ok: false, error: { code: 'BAD_INPUT', message: `${file.name}: is not a file on this computer; save it first, then check the saved file.` } };
    return (await transport.invoke(channelOf('video.verify'), { path })) as StudioResult<VideoVerdictView>;
  };

  return { ...namespaces, on, getPathForFile, importFiles, verifyFile } as unknown as StudioApi;
}
