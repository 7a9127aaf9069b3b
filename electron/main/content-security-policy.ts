import { MEDIA_SCHEME } from './protocol-schemes';

export interface PolicyOptions {
  /** The Vite dev server needs an inline preamble script (React Fast Refresh), injected <style> tags and a websocket. */
  dev?: boolean;
  /** `frame-ancestors` is ignored (and warned about) in a <meta> policy, so the meta variant leaves it out. */
  delivery?: 'header' | 'meta';
}

/**
 * The renderer's Content-Security-Policy, one source for the <meta> tag in renderer/index.html and the response header.
 * Choices beyond the baseline:
 * - `style-src 'self'` without 'unsafe-inline' in production: Vite emits CSS files, and React's `style` prop writes
 *   through CSSOM, which CSP does not restrict. Only the dev server injects <style> tags.
 * - `connect-src` adds `mouthpiece-media:` so the page can fetch() library audio for waveforms.
 * - `form-action 'none'` and `frame-src 'none'`: the studio has no forms that post and no frames.
 */
export function buildContentSecurityPolicy({ dev = false, delivery = 'header' }: PolicyOptions = {}): string {
  const media = `${MEDIA_SCHEME}:`;
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['style-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['img-src', ["'self'", media, 'data:', 'blob:']],
    ['media-src', ["'self'", media, 'blob:']],
    ['connect-src', dev ? ["'self'", media, 'ws://localhost:*', 'ws://127.0.0.1:*'] : ["'self'", media]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
  ];
  if (delivery === 'header') directives.push(['frame-ancestors', ["'none'"]]);
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
