import { describe, expect, it } from 'vitest';
import { createMainWindowOptions, createSecureWebPreferences } from './window-options';

const PRELOAD = '/opt/Mouthpiece/resources/app.asar/out/preload/index.cjs';

// If one of these fails, someone weakened the renderer's isolation. Do not "fix" the test; fix the change.
const REQUIRED = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
} as const;

const FORBIDDEN_KEYS = ['enableBlinkFeatures', 'additionalArguments', 'enableRemoteModule', 'partition', 'session', 'disableBlinkFeatures'];

describe('createSecureWebPreferences', () => {
  it.each(Object.entries(REQUIRED))('%s is %s', (key, value) => {
    expect(createSecureWebPreferences(PRELOAD)).toHaveProperty(key, value);
  });

  it('uses the given (CommonJS) preload and nothing that widens the page', () => {
    const prefs = createSecureWebPreferences(PRELOAD) as Record<string, unknown>;
    expect(prefs.preload).toBe(PRELOAD);
    for (const key of FORBIDDEN_KEYS) expect(prefs).not.toHaveProperty(key);
  });

  it('disables DevTools unless asked, and asking changes nothing else', () => {
    expect(createSecureWebPreferences(PRELOAD).devTools).toBe(false);
    const dev = createSecureWebPreferences(PRELOAD, { devTools: true });
    expect(dev.devTools).toBe(true);
    expect({ ...dev, devTools: false }).toEqual(createSecureWebPreferences(PRELOAD));
  });

  it('returns a fresh object each call, so one window cannot loosen another', () => {
    const a = createSecureWebPreferences(PRELOAD);
    a.sandbox = false;
    expect(createSecureWebPreferences(PRELOAD).sandbox).toBe(true);
  });
});

describe('createMainWindowOptions', () => {
  it('carries exactly the secure preferences', () => {
    const options = createMainWindowOptions({ preloadPath: PRELOAD });
    expect(options.webPreferences).toEqual(createSecureWebPreferences(PRELOAD));
    expect(options.show).toBe(false);
  });

  it('restores remembered bounds and centres otherwise', () => {
    expect(createMainWindowOptions({ preloadPath: PRELOAD, bounds: { x: 10, y: 20, width: 1000, height: 700 } })).toMatchObject({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
    });
    const fresh = createMainWindowOptions({ preloadPath: PRELOAD });
    expect(fresh).toMatchObject({ center: true, width: 1280, height: 800 });
    expect(fresh).not.toHaveProperty('x');
  });
});
