import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { BINARY_RESULT_TYPE, encodeBinaryResult } from '../contract/binary-result';
import type { StudioEventName } from '../contract/channels';
import type { StudioEventPayload, StudioHandlers } from '../contract/studio-api';
import type { ImportResponse, StudioResult, VideoVerdictView } from '../contract/types';
import { dispatchStudioRequest } from '../main/dispatch-studio-request';
import { createFileResponse } from '../main/file-response';
import { resolveContainedPath, resolveRealPathWithin } from '../main/media-path';
import type { ThumbnailStore } from '../main/handlers/thumbnails';
import { toStudioError } from '../main/studio-errors';
import { createBridgeToken, findValidToken, isLoopbackHost, isOwnOrigin, tokenCookieName, type TokenSource } from './bridge-auth';
import { readJsonBody, RequestBodyError } from './request-body';
import { createUploadRoot, receiveUpload, sanitizeUploadName, UploadError } from './upload';

export const MEDIA_ROUTE = '/media/';
export const THUMBNAIL_ROUTE = '/thumbnails/';
export const RENDERS_ROUTE = '/renders/';
const MAX_API_BODY_BYTES = 8 * 2 ** 20;
const DEFAULT_MAX_UPLOAD_BYTES = 2 * 2 ** 30;
/** The events socket only sends; a page has nothing to say on it, so anything larger than this closes it (1009). */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;

export interface BridgeServerOptions {
  handlers: StudioHandlers;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The library's media store: the only folder `/media/` serves from. */
  mediaRoot: string;
  /** Thumbnails of stored pictures, made on request (`/thumbnails/<sha256>.png`). */
  thumbnails?: ThumbnailStore;
  /** Finished renders by `<id>.mp4` (`/renders/<id>.mp4`), wherever they were saved. */
  renders?: (name: string) => Promise<string | null>;
  contentSecurityPolicy: string;
  /** 0 (default) picks a free port. */
  port?: number;
  token?: string;
  maxUploadBytes?: number;
  /** How long an API request's body may take to arrive (default 15 s); a slower one is answered 408. */
  apiBodyTimeoutMs?: number;
  /** How long a request's headers may take to arrive (default 15 s). */
  headersTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface BridgeServer {
  /** The page's address, token included: open it in a browser. */
  url: string;
  origin: string;
  port: number;
  token: string;
  /** Sends an event to every connected page. */
  emit<E extends StudioEventName>(event: E, payload: StudioEventPayload<E>): void;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Nothing of the studio may be embedded or read by another page, even one on another 127.0.0.1 port.
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * The studio over HTTP and WebSocket on 127.0.0.1, for a real browser (end-to-end tests, headless use). It serves the
 * same contract as the app's IPC, through the same schemas and handlers:
 * - `GET /?token=…` the built renderer with the app's CSP; it also sets an HttpOnly, SameSite=Strict cookie so the
 *   page's scripts, styles and media load (they cannot carry a header);
 * - `POST /api` `{method, payload}` → `StudioResult`, token in the `X-Mouthpiece-Token` header (or query); as JSON,
 *   or, when the value holds bytes (a preview frame), as one binary body (`electron/contract/binary-result.ts`);
 * - `GET /events?token=…` WebSocket of `{event, payload}`;
 * - `GET /media/<path>` files of the media store only (as `mouthpiece-media://` in the app);
 * - `POST /upload?name=…` the bytes of a dropped file (a page cannot know paths), imported like a path;
 *   `&purpose=verify`: checked with `video.verify` instead (nothing is imported);
 * Every request needs the token; the API and uploads refuse the cookie (a page on another local port would send it).
 */
export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const token = options.token ?? createBridgeToken();
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const uploadDir = await createUploadRoot();
  const log = options.log ?? (() => {});
  let port = 0;

  // Timeouts are checked every second (Node's default is 30 s), so a stalled client is cut off close to its deadline.
  const server = createServer({ connectionsCheckingInterval: 1000 }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`bridge: ${request.method} ${request.url?.split('?')[0]} failed: ${(error as Error).message}`);
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: toStudioError(error) });
      else response.destroy();
    });
  });
  // Node answers a malformed request line or headers with 400 by itself; this only keeps a reset socket from
  // surfacing as an error nobody listens to, and answers a slow one with 408.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (socket.writable && error.code !== 'ECONNRESET') {
      socket.end(`HTTP/1.1 ${error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request'}\r\nConnection: close\r\n\r\n`);
    }
    socket.destroy();
  });
  server.headersTimeout = options.headersTimeoutMs ?? 15_000;
  // Uploads of a few GB take seconds on loopback; a request still open after this is not an upload but a stall.
  server.requestTimeout = Math.max(server.headersTimeout, 10 * 60_000);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES });
  // Without a listener, one 'error' (a message over maxPayload, a bad frame, a reset) would end the whole process.
  sockets.on('error', (error) => log(`bridge: events socket server: ${error.message}`));

  const refuse = (response: ServerResponse, status: number, message: string) => {
    response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`${message}\n`);
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isLoopbackHost(request.headers.host, port)) return refuse(response, 421, 'Wrong host.');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const method = request.method ?? 'GET';
    const authorized = (allow: TokenSource[]) => findValidToken(request, url, { token, port, allow });

    if (url.pathname === '/api' || url.pathname === '/upload') {
      if (method !== 'POST') return refuse(response, 405, 'Use POST.');
      if (!isOwnOrigin(request.headers.origin, port)) return refuse(response, 403, 'Cross-origin requests are refused.');
      if (!authorized(['header', 'query'])) return refuse(response, 401, 'Missing or wrong token.');
      return url.pathname === '/api' ? serveApi(request, response) : serveUpload(request, response, url);
    }

    if (method !== 'GET' && method !== 'HEAD') return refuse(response, 405, 'Use GET.');
    const source = authorized(['query', 'cookie', 'header']);
    if (!source) return refuse(response, 401, 'Open the address `mouthpiece studio` printed, with its token.');

    const stored = url.pathname.startsWith(MEDIA_ROUTE)
      ? resolveMediaFile(url.pathname.slice(MEDIA_ROUTE.length - 1))
      : url.pathname.startsWith(THUMBNAIL_ROUTE)
        ? options.thumbnails?.resolve(url.pathname.slice(THUMBNAIL_ROUTE.length))
        : url.pathname.startsWith(RENDERS_ROUTE)
          ? options.renders?.(url.pathname.slice(RENDERS_ROUTE.length))
          : undefined;
    if (stored) {
      const filePath = await stored;
      if (!filePath) return refuse(response, 404, 'Not found.');
      return sendWebResponse(response, await createFileResponse(filePath, { method, rangeHeader: request.headers.range, headers: { ...SECURITY_HEADERS, 'Cache-Control': 'private, max-age=31536000, immutable' } }));
    }

    const isPage = url.pathname === '/' || url.pathname === '/index.html';
    const candidate = resolveContainedPath(options.rendererDir, isPage ? '/index.html' : url.pathname);
    const filePath = candidate && (await resolveRealPathWithin(options.rendererDir, candidate));
    if (!filePath) return refuse(response, 404, 'Not found.');
    const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Security-Policy': options.contentSecurityPolicy, 'Cache-Control': 'no-cache' };
    if (isPage) headers['Set-Cookie'] = `${tokenCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    return sendWebResponse(response, await createFileResponse(filePath, { method, rangeHeader: request.headers.range, headers }));
  }

  async function resolveMediaFile(urlPath: string): Promise<string | null> {
    const candidate = resolveContainedPath(options.mediaRoot, urlPath);
    return candidate && resolveRealPathWithin(options.mediaRoot, candidate);
  }

  async function serveApi(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readJsonBody(request, { maxBytes: MAX_API_BODY_BYTES, timeoutMs: options.apiBodyTimeoutMs ?? 15_000 }).catch((error: unknown) => error);
    if (body instanceof RequestBodyError) {
      // A refused body may still be arriving (or never will): close the connection once answered.
      if (body.status !== 400) response.setHeader('Connection', 'close');
      return sendJson(response, body.status, { ok: false, error: { code: 'BAD_REQUEST', message: body.message } });
    }
    if (body instanceof Error) throw body;
    const { method, payload } = (body ?? {}) as { method?: unknown; payload?: unknown };
    const channel = typeof method === 'string' ? `studio:${method}` : method;
    const result = await dispatchStudioRequest(options.handlers, channel, payload, (name, error) => log(`bridge: ${name} failed: ${(error as Error).message}`));
    const parts = encodeBinaryResult(result);
    if (parts) sendBinary(response, parts);
    else sendJson(response, 200, result);
  }

  async function serveUpload(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const name = sanitizeUploadName(url.searchParams.get('name'));
    let upload: Awaited<ReturnType<typeof receiveUpload>>;
    try {
      upload = await receiveUpload(request, { uploadDir, name, maxBytes: maxUploadBytes });
    } catch (error) {
      const status = error instanceof UploadError ? error.status : 400;
      response.setHeader('Connection', 'close');
      return sendJson(response, status, { ok: false, error: { code: 'BAD_INPUT', message: (error as Error).message } });
    }
    if (url.searchParams.get('purpose') === 'verify') return sendJson(response, 200, await verifyUpload(upload, name));
    // The library copies the file into its store; the upload goes once imported, whatever the outcome, and before
    // the answer, so a page that hears back finds nothing of its upload left.
    let result: StudioResult<ImportResponse>;
    try {
      const imported = await options.handlers['library.import']({ paths: [upload.filePath] });
      // Messages name the file as the user knows it, never the bridge's temporary copy.
      const named = (message: string) => message.replaceAll(upload.filePath, name);
      const results = imported.results.map((entry) => (entry.ok ? { ...entry, path: name } : { ...entry, path: name, error: { ...entry.error, message: named(entry.error.message) } }));
      result = { ok: true, value: { results } };
    } catch (error) {
      const failure = toStudioError(error);
      result = { ok: false, error: { ...failure, message: failure.message.replaceAll(upload.filePath, name) } };
    } finally {
      await upload.dispose();
    }
    sendJson(response, 200, result);
  }

  /** An upload checked for Mouthpiece's disclosure, then removed before the answer, like an imported one. */
  async function verifyUpload(upload: Awaited<ReturnType<typeof receiveUpload>>, name: string): Promise<StudioResult<VideoVerdictView>> {
    try {
      const view = await options.handlers['video.verify']({ path: upload.filePath });
      return { ok: true, value: { ...view, name } };
    } catch (error) {
      const failure = toStudioError(error);
      return { ok: false, error: { ...failure, message: failure.message.replaceAll(upload.filePath, name) } };
    } finally {
      await upload.dispose();
    }
  }

  server.on('upgrade', (request, socket, head) => {
    socket.on('error', (error) => log(`bridge: events socket: ${error.message}`));
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const allowed =
      url.pathname === '/events' &&
      isLoopbackHost(request.headers.host, port) &&
      isOwnOrigin(request.headers.origin, port) &&
      findValidToken(request, url, { token, port, allow: ['query', 'header'] }) !== null;
    if (!allowed) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client: WebSocket) => {
      // ws closes the socket itself (1009 for a message over maxPayload, 1002 for a bad frame); the server stays.
      client.on('error', (error) => log(`bridge: events socket closed: ${error.message}`));
      client.on('message', () => client.close(1008, 'This socket only sends.'));
      sockets.emit('connection', client, request);
    });
  });

  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    emit(event, payload) {
      const message = JSON.stringify({ event, payload });
      for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(message);
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(uploadDir, { recursive: true, force: true });
    },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/** A result holding bytes (a preview frame), as `encodeBinaryResult` laid it out: no base64, no copy. */
function sendBinary(response: ServerResponse, parts: Uint8Array[]): void {
  const length = parts.reduce((sum, part) => sum + part.byteLength, 0);
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': BINARY_RESULT_TYPE, 'Content-Length': length });
  response.cork();
  for (const part of parts) response.write(part);
  response.end();
}

async function sendWebResponse(response: ServerResponse, web: Response): Promise<void> {
  response.writeHead(web.status, Object.fromEntries(web.headers.entries()));
  if (!web.body) {
    response.end();
    return;
  }
  // pipeline settles (and closes the file) also when the client goes away mid-file, which .pipe() never reports.
  await pipeline(Readable.fromWeb(web.body as import('node:stream/web').ReadableStream), response).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  });
}
