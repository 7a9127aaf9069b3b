import type { StudioApi } from '../../electron/contract/studio-api';

declare global {
  interface Window {
    /**
     * The typed bridge the preload exposes. Optional on purpose: the same page can run in a plain browser
     * (e.g. `vite` alone), where there is no bridge and the app says so instead of failing.
     */
    readonly studio?: StudioApi;
  }
}

export {};
