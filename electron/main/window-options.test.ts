import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMainWindowOptions, createSecureWebPreferences, findWebPreferenceWeaknesses } from './window-options';

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

describe('findWebPreferenceWeaknesses (checked on every window main creates)', () => {
  it('finds nothing wrong with our own preferences', () => {
    expect(findWebPreferenceWeaknesses(createSecureWebPreferences(PRELOAD), { preloadPath: PRELOAD })).toEqual([]);
  });

  it.each([
    ['contextIsolation', false],
    ['sandbox', false],
    ['nodeIntegration', true],
    ['nodeIntegrationInWorker', true],
    ['nodeIntegrationInSubFrames', true],
    ['webSecurity', false],
    ['allowRunningInsecureContent', true],
    ['webviewTag', true],
    ['experimentalFeatures', true],
  ])('reports %s = %s', (key, value) => {
    const weak = { ...createSecureWebPreferences(PRELOAD), [key]: value };
    expect(findWebPreferenceWeaknesses(weak, { preloadPath: PRELOAD })).toEqual([expect.stringContaining(key)]);
  });

  it('reports settings left to defaults, a foreign preload and blink features', () => {
    expect(findWebPreferenceWeaknesses({}, { preloadPath: PRELOAD }).length).toBe(9);
    expect(findWebPreferenceWeaknesses({ ...createSecureWebPreferences('/tmp/evil.js') }, { preloadPath: PRELOAD })).toEqual([expect.stringContaining('preload must be ours')]);
    expect(findWebPreferenceWeaknesses({ ...createSecureWebPreferences(PRELOAD), enableBlinkFeatures: 'X' }, { preloadPath: PRELOAD })).toHaveLength(1);
  });
});

describe('every BrowserWindow in the source', () => {
  const electronDir = fileURLToPath(new URL('..', import.meta.url));
  const sources = (function walk(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return walk(full);
      return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
    });
  })(electronDir);

  it('is built from createMainWindowOptions, and webPreferences are written only in window-options.ts', () => {
    const constructions = sources.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/new BrowserWindow\(([^)]*)/g)].map((match) => ({ file, args: match[1] })));
    expect(constructions.length).toBeGreaterThan(0);
    expect(constructions.map(({ file, args }) => `${path.relative(electronDir, file)}: ${args.trim()}`)).toEqual([path.join('main', 'main-window.ts') + ': options']);
    expect(readFileSync(constructions[0].file, 'utf8')).toMatch(/const options = createMainWindowOptions\([\s\S]{0,200}findWebPreferenceWeaknesses\(options\.webPreferences[\s\S]{0,200}throw new Error/);
    const writers = sources.filter((file) => /webPreferences\s*:/.test(readFileSync(file, 'utf8'))).map((file) => path.relative(electronDir, file));
    expect(writers).toEqual([path.join('main', 'window-options.ts')]);
  });

  it('main closes any window it did not open itself', () => {
    const index = readFileSync(path.join(electronDir, 'main', 'index.ts'), 'utf8');
    expect(index).toMatch(/'browser-window-created'[\s\S]{0,300}ownWindows\.has\(window\)[\s\S]{0,200}window\.destroy\(\)/);
  });
});
