import { createFileResponse } from './file-response';
import { resolveContainedPath, resolveMediaRequest, resolveRealPathWithin } from './media-path';
import { APP_HOST } from './content-security-policy';

/** What `protocol.handle` expects; written with the web `Request`/`Response` so it runs (and is tested) in plain Node. */
export type ProtocolHandler = (request: Request) => Promise<Response>;

function notFound(): Response {
  return new Response(null, { status: 404, headers: { 'X-Content-Type-Options': 'nosniff' } });
}

/**
 * `mouthpiece-media://library/…`: files of the library's media folder and nothing else. The URL is checked by
 * `resolveMediaRequest`, then symlinks are followed and the real file must still lie inside the real folder.
 * Cross-origin reads (fetch for waveforms) are allowed for the app's own origin only.
 */
export function createMediaProtocolHandler({ mediaRoot, allowOrigin }: { mediaRoot: string; allowOrigin: string }): ProtocolHandler {
  return async (request) => {
    const candidate = resolveMediaRequest(request.url, mediaRoot);
    const filePath = candidate && (await resolveRealPathWithin(mediaRoot, candidate));
    if (!filePath) return notFound();
    return createFileResponse(filePath, {
      method: request.method,
      rangeHeader: request.headers.get('range'),
      headers: {
        'Access-Control-Allow-Origin': allowOrigin,
        Vary: 'Origin',
        // Content-addressed: a URL always names the same bytes.
        'Cache-Control': 'private, max-age=31536000, immutable',
      },
    });
  };
}

/**
 * `mouthpiece://app/…`: the built renderer (out/renderer) of a packaged app, with the security headers the page
 * needs. Serving the page from its own standard scheme, rather than file://, gives it a real origin for 'self',
 * the IPC sender check and CORS, and keeps file:// out of the picture entirely.
 */
export function createAppProtocolHandler({ rendererDir, contentSecurityPolicy }: { rendererDir: string; contentSecurityPolicy: string }): ProtocolHandler {
  return async (request) => {
    const url = new URL(request.url);
    if (url.hostname.toLowerCase() !== APP_HOST) return notFound();
    const candidate = resolveContainedPath(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    const filePath = candidate && (await resolveRealPathWithin(rendererDir, candidate));
    if (!filePath) return notFound();
    return createFileResponse(filePath, {
      method: request.method,
      rangeHeader: request.headers.get('range'),
      headers: {
        'Content-Security-Policy': contentSecurityPolicy,
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      },
    });
  };
}
