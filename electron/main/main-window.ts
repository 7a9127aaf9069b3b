import { BrowserWindow, screen } from 'electron';
import type { AppLocation } from './app-location';
import { createMainWindowOptions } from './window-options';
import { fitWindowState, readWindowState, writeWindowState } from './window-state';

export interface MainWindowInput {
  location: AppLocation;
  preloadPath: string;
  windowStateFile: string;
  iconPath: string;
  devTools: boolean;
}

/** Opens the studio window where it was last left (if that is still on a screen) and remembers where it goes. */
export function openMainWindow({ location, preloadPath, windowStateFile, iconPath, devTools }: MainWindowInput): BrowserWindow {
  const remembered = readWindowState(windowStateFile);
  const state = remembered && fitWindowState(remembered, screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow(createMainWindowOptions({ preloadPath, bounds: state, iconPath, devTools }));
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
