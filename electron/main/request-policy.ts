import type { AppLocation } from './app-location';

/**
 * Network requests the renderer may make at all, checked in main before they leave (defence behind the CSP):
 * Mouthpiece works offline and its page has no business on the network. Allowed are the app's own page
 * (and, in development, the Vite dev server and its HMR websocket); our custom schemes, data:, blob: and
 * devtools: never reach this filter.
 */
export function isAllowedNetworkRequest(url: string, location: AppLocation): boolean {
  if (location.isAppUrl(url)) return true;
  try {
    const parsed = new URL(url);
    const page = new URL(location.entryUrl);
    const isDevSocket = page.protocol === 'http:' && parsed.protocol === 'ws:' && parsed.host === page.host;
    return isDevSocket;
  } catch {
    return false;
  }
}

/** URL patterns of the requests `isAllowedNetworkRequest` judges. */
export const NETWORK_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];
