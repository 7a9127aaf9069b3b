import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildAppMenuTemplate } from './app-menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const base = { appName: 'Mouthpiece', onImport: vi.fn(), onAbout: vi.fn(), onPageCommand: vi.fn() };

describe('buildAppMenuTemplate', () => {
  it.each([false, true])('has no reload or DevTools outside development (mac: %s)', (isMac) => {
    const roles = flatten(buildAppMenuTemplate({ ...base, isMac, isDev: false })).map((item) => item.role?.toLowerCase());
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forcereload');
    expect(roles).not.toContain('toggledevtools');
  });

  it('offers reload and DevTools in development', () => {
    const roles = flatten(buildAppMenuTemplate({ ...base, isMac: false, isDev: true })).map((item) => item.role);
    expect(roles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('sends open, save, render, undo and redo to the page with their accelerators', () => {
    const onPageCommand = vi.fn();
    const items = flatten(buildAppMenuTemplate({ ...base, onPageCommand, isMac: false, isDev: false }));
    const expected = [
      ['&Open Project…', 'CmdOrCtrl+O', 'open'],
      ['&Save', 'CmdOrCtrl+S', 'save'],
      ['&Render', 'CmdOrCtrl+Return', 'render'],
      ['&Undo', 'CmdOrCtrl+Z', 'undo'],
      ['&Redo', 'CmdOrCtrl+Y', 'redo'],
    ];
    for (const [label, accelerator, command] of expected) {
      const item = items.find((candidate) => candidate.label === label)!;
      expect(item.accelerator).toBe(accelerator);
      (item.click as () => void)();
      expect(onPageCommand).toHaveBeenLastCalledWith(command);
    }
    const accelerators = items.map((item) => item.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('imports with Ctrl/Cmd+I, quits with Ctrl/Cmd+Q and shows About', () => {
    const onImport = vi.fn();
    const onAbout = vi.fn();
    const items = flatten(buildAppMenuTemplate({ ...base, onImport, onAbout, isMac: false, isDev: false }));
    const importItem = items.find((item) => item.label === '&Import…')!;
    expect(importItem.accelerator).toBe('CmdOrCtrl+I');
    (importItem.click as () => void)();
    expect(onImport).toHaveBeenCalledOnce();
    expect(items.find((item) => item.role === 'quit')?.accelerator).toBe('CmdOrCtrl+Q');
    (items.find((item) => item.label === 'About Mouthpiece')!.click as () => void)();
    expect(onAbout).toHaveBeenCalledOnce();
    expect(items.filter((item) => item.type !== 'separator' && !item.submenu).every((item) => item.role || item.accelerator || item.label?.startsWith('About'))).toBe(true);
  });

  it('puts About and Quit in the application menu on macOS', () => {
    const [appMenu] = buildAppMenuTemplate({ ...base, isMac: true, isDev: false });
    const labels = (appMenu.submenu as MenuItemConstructorOptions[]).map((item) => item.label ?? item.role);
    expect(appMenu.label).toBe('Mouthpiece');
    expect(labels).toEqual(expect.arrayContaining(['About Mouthpiece', 'quit']));
  });
});
