import type { IncomingMessage } from 'node:http';

/** A request the bridge refuses, with the HTTP status to answer and a message for the page. */
export class RequestBodyError extends Error {
  constructor(
    /** 400 bad JSON or cut off, 408 too slow, 413 too large, 415 not JSON. */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Content types a page sends without a CORS preflight (a form or a plain-text POST): never JSON for the API. */
function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return true;
  const type = header.split(';')[0].trim().toLowerCase();
  return type === 'application/json' || type === '';
}

/**
 * Reads a JSON request body of at most `maxBytes`, all of it within `timeoutMs` (a client that sends a few bytes and
 * then waits, slowloris-style, is cut off instead of holding a socket and a buffer forever). A declared length over
 * the limit is refused before a byte is read.
 */
export function readJsonBody(request: IncomingMessage, { maxBytes, timeoutMs }: { maxBytes: number; timeoutMs: number }): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (!isJsonContentType(request.headers['content-type'])) {
      reject(new RequestBodyError(415, 'The API takes JSON: send Content-Type: application/json.'));
      return;
    }
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(new RequestBodyError(413, `The request is too large (at most ${Math.round(maxBytes / 2 ** 20)} MB).`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error: RequestBodyError | null, value?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.off('data', onData);
      if (error) {
        // Nothing more of this body is wanted; dropping it keeps the rest from filling memory.
        request.resume();
        reject(error);
      } else resolve(value);
    };
    const timer = setTimeout(() => finish(new RequestBodyError(408, `The request body did not arrive within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish(new RequestBodyError(413, `The request is too large (at most ${Math.round(maxBytes / 2 ** 20)} MB).`));
      else chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('error', () => finish(new RequestBodyError(400, 'The request was cut off.')));
    request.on('aborted', () => finish(new RequestBodyError(400, 'The request was cut off.')));
    request.on('end', () => {
      try {
        finish(null, JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        finish(new RequestBodyError(400, 'The request body is not JSON.'));
      }
    });
  });
}
