import type { StudioApi } from '../../../electron/contract/studio-api';

/**
 * Whether the studio API is the app's own preload, which can hand a file to the system (open, show in folder).
 * The browser bridge answers those with UNSUPPORTED, so the page offers a download there instead.
 * (A capability flag in `app.getInfo` would say this without comparing objects; until then the preload is the sign.)
 */
export function canOpenFilesWith(studio: StudioApi, win: { studio?: StudioApi } | undefined = typeof window === 'undefined' ? undefined : window): boolean {
  return win?.studio !== undefined && win.studio === studio;
}
