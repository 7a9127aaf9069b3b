import type { BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron';

/** The settings no window of ours may loosen, whoever creates it. */
export const REQUIRED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
} as const;

/**
 * The renderer's security settings. Each one is pinned by window-options.test.ts: the page is untrusted content
 * that talks to main only through the preload's typed functions.
 */
export function createSecureWebPreferences(preloadPath: string, { devTools = false }: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    ...REQUIRED_WEB_PREFERENCES,
    enableWebSQL: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;

export interface MainWindowOptionsInput {
  preloadPath: string;
  /** Remembered position and size; centred default size when absent. */
  bounds?: Partial<Rectangle>;
  iconPath?: string;
  devTools?: boolean;
}

export function createMainWindowOptions({ preloadPath, bounds, iconPath, devTools }: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Mouthpiece',
    width: bounds?.width ?? DEFAULT_WINDOW_SIZE.width,
    height: bounds?.height ?? DEFAULT_WINDOW_SIZE.height,
    ...(bounds?.x !== undefined && bounds?.y !== undefined ? { x: bounds.x, y: bounds.y } : { center: true }),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // Shown on 'ready-to-show' so the first paint is the app, not a white flash.
    show: false,
    backgroundColor: '#15171c',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: createSecureWebPreferences(preloadPath, { devTools }),
  };
}


/**
 * What is weaker than our secure settings in a window's effective preferences (`webContents.getLastWebPreferences()`),
 * as readable sentences; empty when the window is as locked down as ours. A preload other than ours counts as weaker.
 */
export function findWebPreferenceWeaknesses(prefs: Partial<WebPreferences> | null | undefined, { preloadPath }: { preloadPath: string }): string[] {
  if (!prefs) return ['no web preferences to check'];
  const problems = Object.entries(REQUIRED_WEB_PREFERENCES)
    .filter(([key, required]) => (prefs as Record<string, unknown>)[key] !== required)
    .map(([key, required]) => `${key} must be ${required}, is ${String((prefs as Record<string, unknown>)[key])}`);
  if (prefs.preload !== undefined && prefs.preload !== preloadPath) problems.push(`preload must be ours (${preloadPath}), is ${prefs.preload}`);
  if (prefs.enableBlinkFeatures) problems.push(`enableBlinkFeatures must be unset, is ${prefs.enableBlinkFeatures}`);
  return problems;
}
