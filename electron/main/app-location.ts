import { APP_HOST, APP_SCHEME } from './protocol-schemes';

/** Where the app's own page lives, and the test every navigation and every IPC sender is held to. */
export interface AppLocation {
  /** The URL the main window loads. */
  entryUrl: string;
  /** `scheme://host[:port]` of the page, as browsers send it in `Origin` (e.g. `mouthpiece://app`). */
  origin: string;
  /** True for URLs of the app's own page: same scheme, host and port as `entryUrl`. */
  isAppUrl(url: string): boolean;
}

export const PACKAGED_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The packaged app serves its page from `mouthpiece://app/`; in development electron-vite passes the Vite dev server's
 * URL, which is accepted only on loopback so an environment variable cannot point the window at a remote site.
 */
export function createAppLocation(devServerUrl?: string): AppLocation {
  const entryUrl = devServerUrl && isLoopbackHttpUrl(devServerUrl) ? devServerUrl : PACKAGED_ENTRY_URL;
  const origin = originKey(entryUrl) as string;
  return { entryUrl, origin, isAppUrl: (url) => originKey(url) === origin };
}

/** The part of `Electron.WebFrameMain` the sender check reads. */
export interface SenderFrameLike {
  url: string;
  parent: unknown;
}

/**
 * An IPC message is served only when it comes from the top frame of the app's own page. A null frame (navigated
 * away or destroyed), a subframe, or a frame showing any other URL is refused.
 */
export function isTrustedSender(frame: SenderFrameLike | null | undefined, location: AppLocation): boolean {
  return !!frame && frame.parent === null && location.isAppUrl(frame.url);
}

// URL.origin is "null" for non-special schemes such as mouthpiece:, so compare scheme + host + port directly.
function originKey(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) return null;
    return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
  } catch {
    return null;
  }
}

function isLoopbackHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  } catch {
    return false;
  }
}
