import { channelOf, isStudioEventName, studioEventChannels, studioMethods, type StudioEventName } from '../contract/channels';
import type { StudioApi } from '../contract/studio-api';

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

  return { ...namespaces, on, getPathForFile } as unknown as StudioApi;
}
