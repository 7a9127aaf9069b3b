import type { Session, WebContents } from 'electron';
import type { AppLocation } from './app-location';
import { isAllowedNetworkRequest, NETWORK_URL_PATTERNS } from './request-policy';

/**
 * Session-wide rules: no permission is ever granted (camera, microphone, notifications, geolocation, HID, …),
 * no request leaves for the network, and http(s) pages of the app (the dev server) get the CSP header.
 * Custom-protocol responses carry their own headers (see protocol-handlers.ts): Electron does not run webRequest
 * header events for them.
 */
export function hardenSession(session: Session, { location, contentSecurityPolicy }: { location: AppLocation; contentSecurityPolicy: string }): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  session.webRequest.onBeforeRequest({ urls: NETWORK_URL_PATTERNS }, (details, callback) => {
    const allowed = isAllowedNetworkRequest(details.url, location);
    if (!allowed) console.warn(`[security] blocked request to ${details.url}`);
    callback({ cancel: !allowed });
  });

  session.webRequest.onHeadersReceived((details, callback) => {
    if (!location.isAppUrl(details.url)) return callback({});
    const responseHeaders = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
}

/**
 * Every web contents the app creates stays on the page it was given: navigation, new windows and <webview>
 * are refused. Reloads are not navigations and still work.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    console.warn(`[security] blocked navigation to ${url}`);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`[security] blocked window.open of ${url}`);
    return { action: 'deny' };
  });
}
