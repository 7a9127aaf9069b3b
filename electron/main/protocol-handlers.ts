import { createFileResponse } from './file-response';
import { resolveContainedPath, resolveMediaRequest, resolveRealPathWithin } from './media-path';
import type { ThumbnailStore } from './handlers/thumbnails';
import { APP_HOST, RENDERS_HOST, THUMBNAIL_HOST } from './protocol-schemes';

/** What `protocol.handle` expects; written with the web `Request`/`Response` so it runs (and is tested) in plain Node. */
export type ProtocolHandler = (request: Request) => Promise<Response>;

/** Serves `candidate` once symlinks are followed and the real file is still inside the real `root`; 404 otherwise. */
async function serveContainedFile(root: string, candidate: string | null, request: Request, headers: Record<string, string>): Promise<Response> {
  const filePath = candidate && (await resolveRealPathWithin(root, candidate));
  if (!filePath) return new Response(null, { status: 404, headers: { 'X-Content-Type-Options': 'nosniff' } });
  return createFileResponse(filePath, { method: request.method, rangeHeader: request.headers.get('range'), headers });
}

/**
 * `mouthpiece-media://library/…`: files of the library's media folder and nothing else. The URL is checked by
 * `resolveMediaRequest`, then symlinks are followed and the real file must still lie inside the real folder.
 * Cross-origin reads (fetch for waveforms) are allowed for the app's own origin only.
 */
export function createMediaProtocolHandler({
  mediaRoot,
  allowOrigin,
  thumbnails,
  renders,
}: {
  mediaRoot: string;
  allowOrigin: string;
  thumbnails?: ThumbnailStore;
  /** The file of a finished render by `<id>.mp4`, or null. */
  renders?: (name: string) => Promise<string | null>;
}): ProtocolHandler {
  const headers = {
    'Access-Control-Allow-Origin': allowOrigin,
    Vary: 'Origin',
    // Content-addressed: a URL always names the same bytes.
    'Cache-Control': 'private, max-age=31536000, immutable',
  };
  return async (request) => {
    const url = new URL(request.url);
    const host = url.hostname.toLowerCase();
    const resolver = host === THUMBNAIL_HOST ? thumbnails?.resolve : host === RENDERS_HOST ? renders : undefined;
    if (resolver && !url.username && !url.password && !url.port) {
      const filePath = await resolver(url.pathname.slice(1));
      if (!filePath) return new Response(null, { status: 404, headers: { 'X-Content-Type-Options': 'nosniff' } });
      return createFileResponse(filePath, { method: request.method, rangeHeader: request.headers.get('range'), headers });
    }
    return serveContainedFile(mediaRoot, resolveMediaRequest(request.url, mediaRoot), request, headers);
  };
}

/**
 * `mouthpiece://app/…`: the built renderer (out/renderer) of a packaged app, with the security headers the page
 * needs. Serving the page from its own standard scheme, rather than file://, gives it a real origin for 'self',
 * the IPC sender check and CORS, and keeps file:// out of the picture entirely.
 */
export function createAppProtocolHandler({ rendererDir, contentSecurityPolicy }: { rendererDir: string; contentSecurityPolicy: string }): ProtocolHandler {
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
  return (request) => {
    const url = new URL(request.url);
    const candidate = url.hostname.toLowerCase() === APP_HOST ? resolveContainedPath(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname) : null;
    return serveContainedFile(rendererDir, candidate, request, headers);
  };
}
