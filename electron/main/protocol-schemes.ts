import type { CustomScheme } from 'electron';
import { APP_SCHEME, MEDIA_SCHEME } from './content-security-policy';

/**
 * Both schemes are standard (real origins, relative URLs) and secure (treated like https). Neither bypasses CSP;
 * the media scheme streams (seeking in <video>/<audio>) and allows CORS so the app may fetch() audio for waveforms.
 * Registered once, before the app is ready.
 */
export const privilegedSchemes: CustomScheme[] = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
];
