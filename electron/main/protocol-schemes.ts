import type { CustomScheme } from 'electron';

/** Scheme of the app's own pages in a packaged build: `mouthpiece://app/index.html`. */
export const APP_SCHEME = 'mouthpiece';
export const APP_HOST = 'app';
/** Scheme that serves library media (and nothing else) to the page: `mouthpiece-media://library/ab/abcd….jpg`. */
export const MEDIA_SCHEME = 'mouthpiece-media';
export const MEDIA_HOST = 'library';
/** `mouthpiece-media://thumbnails/<sha256>.png`: small pictures of the library's faces, made on first request. */
export const THUMBNAIL_HOST = 'thumbnails';
/** `mouthpiece-media://renders/<id>.mp4`: a finished render, wherever the user saved it. */
export const RENDERS_HOST = 'renders';

/**
 * Both schemes are standard (real origins, relative URLs) and secure (treated like https). Neither bypasses CSP;
 * the media scheme streams (seeking in <video>/<audio>) and allows CORS so the app may fetch() audio for waveforms.
 * Registered once, before the app is ready.
 */
export const privilegedSchemes: CustomScheme[] = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
];
