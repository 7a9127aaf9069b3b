import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Header the page's API client and scripts send the token in. */
export const TOKEN_HEADER = 'x-mouthpiece-token';
export const TOKEN_QUERY = 'token';

/** 256 random bits, URL-safe. */
export function createBridgeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first makes both sides the same length, so the length does not leak either. */
export function tokensMatch(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The cookie that carries the token for the page's own sub-resources (scripts, styles, media); one name per port. */
export function tokenCookieName(port: number): string {
  return `mouthpiece_${port}`;
}

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/**
 * Requests are accepted only when addressed to the loopback name we listen on: a page on another site that makes
 * its own name resolve to 127.0.0.1 (DNS rebinding) sends its own name as Host and is refused.
 */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

/** Browsers send Origin on POSTs and WebSocket upgrades; when present it must be the bridge's own origin. */
export function isOwnOrigin(originHeader: string | undefined, port: number): boolean {
  return originHeader === undefined || originHeader === `http://127.0.0.1:${port}` || originHeader === `http://localhost:${port}`;
}

export type TokenSource = 'header' | 'query' | 'cookie';

/** Which of the allowed places carried the right token, or null. */
export function findValidToken(request: IncomingMessage, url: URL, { token, port, allow }: { token: string; port: number; allow: TokenSource[] }): TokenSource | null {
  const header = request.headers[TOKEN_HEADER];
  if (allow.includes('header') && tokensMatch(Array.isArray(header) ? header[0] : header, token)) return 'header';
  if (allow.includes('query') && tokensMatch(url.searchParams.get(TOKEN_QUERY), token)) return 'query';
  if (allow.includes('cookie') && tokensMatch(readCookie(request.headers.cookie, tokenCookieName(port)), token)) return 'cookie';
  return null;
}
