import type { StudioEventName } from '../contract/channels';
import { channelOf, studioEventChannels, studioMethods } from '../contract/channels';
import type { StudioEventPayload, StudioHandlers } from '../contract/studio-api';
import type { StudioResult } from '../contract/types';
import { isTrustedSender, type AppLocation, type SenderFrameLike } from './app-location';
import { dispatchStudioRequest } from './dispatch-studio-request';

/** The part of Electron's `ipcMain` the adapter uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: SenderFrameLike | null }, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/**
 * Serves one message: the sender must be the app's own top frame, the channel and payload must pass the contract,
 * and only then is the handler called. Every outcome is a `StudioResult`; nothing throws across the boundary.
 */
export async function handleStudioMessage(
  handlers: StudioHandlers,
  location: AppLocation,
  senderFrame: SenderFrameLike | null | undefined,
  channel: string,
  args: unknown[],
): Promise<StudioResult<unknown>> {
  if (!isTrustedSender(senderFrame, location)) {
    return { ok: false, error: { code: 'FORBIDDEN', message: 'Requests are accepted only from the Mouthpiece window.' } };
  }
  if (args.length > 1) return { ok: false, error: { code: 'BAD_REQUEST', message: 'A request carries at most one argument.' } };
  return dispatchStudioRequest(handlers, channel, args[0], (method, error) => console.error(`[studio] ${method} failed:`, error));
}

/** Registers one `ipcMain.handle` per contract method; returns the function that removes them again. */
export function registerStudioIpc({ ipcMain, handlers, location }: { ipcMain: IpcMainLike; handlers: StudioHandlers; location: AppLocation }): () => void {
  const channels = studioMethods.map(channelOf);
  for (const channel of channels) {
    ipcMain.handle(channel, (event, ...args) => handleStudioMessage(handlers, location, event.senderFrame, channel, args));
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

/** The part of Electron's `WebContents` events are sent through. */
export interface EventReceiver {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, payload: unknown): void;
}

/** Sends contract events to the window, but only while it shows the app's own page. */
export function createStudioEventSender(getTarget: () => EventReceiver | null | undefined, location: AppLocation) {
  return <E extends StudioEventName>(event: E, payload: StudioEventPayload<E>): void => {
    const target = getTarget();
    if (!target || target.isDestroyed() || !location.isAppUrl(target.getURL())) return;
    target.send(studioEventChannels[event], payload);
  };
}
