import { BrowserWindow, screen } from 'electron';
import type { AppLocation } from './app-location';
import { createMainWindowOptions, findWebPreferenceWeaknesses } from './window-options';
import { fitWindowState, readWindowState, writeWindowState } from './window-state';

export interface MainWindowInput {
  location: AppLocation;
  preloadPath: string;
  windowStateFile: string;
  iconPath: string;
  devTools: boolean;
  /** Told about the window before anything else sees it (main closes windows it was not told about). */
  register?(window: BrowserWindow): void;
}

/** Opens the studio window where it was last left (if that is still on a screen) and remembers where it goes. */
export function openMainWindow({ location, preloadPath, windowStateFile, iconPath, devTools, register }: MainWindowInput): BrowserWindow {
  const remembered = readWindowState(windowStateFile);
  const state = remembered && fitWindowState(remembered, screen.getAllDisplays().map((display) => display.workArea));
  const options = createMainWindowOptions({ preloadPath, bounds: state, iconPath, devTools });
  const problems = findWebPreferenceWeaknesses(options.webPreferences, { preloadPath });
  if (problems.length > 0) throw new Error(`Refusing to open a window with weaker settings: ${problems.join('; ')}`);
  const window = new BrowserWindow(options);
  register?.(window);
  if (state?.maximized) window.maximize();

  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    try {
      writeWindowState(windowStateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      console.warn('[window] could not remember the window position:', error);
    }
  });

  void window.loadURL(location.entryUrl);
  return window;
}
