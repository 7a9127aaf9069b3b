import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo',
  '.mpg': 'video/mpeg',
  '.mpeg': 'video/mpeg',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
  '.srt': 'text/plain; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Inclusive byte offsets, as in `Content-Range`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a single-range `Range: bytes=…` header (what <video> and <audio> send when seeking). Null means "send the
 * whole file" (no header, a syntax we do not serve such as multiple ranges, or garbage, which RFC 9110 says to
 * ignore); 'unsatisfiable' means answer 416.
 */
export function parseByteRange(header: string | null | undefined, sizeBytes: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const [, first, last] = match;
  if (first === '') {
    const suffixBytes = Number(last);
    if (suffixBytes === 0 || sizeBytes === 0) return 'unsatisfiable';
    return { start: Math.max(0, sizeBytes - suffixBytes), end: sizeBytes - 1 };
  }
  const start = Number(first);
  if (start >= sizeBytes) return 'unsatisfiable';
  const end = last === '' ? sizeBytes - 1 : Math.min(Number(last), sizeBytes - 1);
  return end < start ? null : { start, end };
}

export interface FileResponseOptions {
  method?: string;
  rangeHeader?: string | null;
  /** Added to every response (security headers, cache policy). */
  headers?: Record<string, string>;
}

/** A `Response` streaming a file from disk, honouring HEAD and byte ranges. 404 for anything that is not a regular file. */
export async function createFileResponse(filePath: string, { method = 'GET', rangeHeader, headers = {} }: FileResponseOptions = {}): Promise<Response> {
  const common = { 'X-Content-Type-Options': 'nosniff', ...headers };
  if (method !== 'GET' && method !== 'HEAD') return new Response(null, { status: 405, headers: { ...common, Allow: 'GET, HEAD' } });
  const info = await stat(filePath).catch(() => null);
  if (!info?.isFile()) return new Response(null, { status: 404, headers: common });

  const sizeBytes = info.size;
  const range = parseByteRange(rangeHeader, sizeBytes);
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...common, 'Content-Range': `bytes */${sizeBytes}` } });
  }
  const { start, end } = range ?? { start: 0, end: sizeBytes - 1 };
  const responseHeaders: Record<string, string> = {
    ...common,
    'Content-Type': contentTypeFor(filePath),
    'Content-Length': String(Math.max(0, end - start + 1)),
    'Accept-Ranges': 'bytes',
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${sizeBytes}` } : {}),
  };
  const body = method === 'HEAD' || sizeBytes === 0 ? null : (Readable.toWeb(createReadStream(filePath, { start, end })) as unknown as ReadableStream);
  return new Response(body, { status: range ? 206 : 200, headers: responseHeaders });
}
