import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../contract/types';

export interface AppMenuInput {
  appName: string;
  isMac: boolean;
  /** Reload and DevTools appear only in development. */
  isDev: boolean;
  /** File › Import… with the native open dialog, handled in main. */
  onImport(): void;
  onAbout(): void;
  /** Items whose work happens in the page (undo history, the project picker, the render button): sent as a `menu` event. */
  onPageCommand(command: Exclude<MenuCommand, 'import'>): void;
}

/** The application menu as data (built into a `Menu` by the caller), so its content is tested without Electron. */
export function buildAppMenuTemplate({ appName, isMac, isDev, onImport, onAbout, onPageCommand }: AppMenuInput): MenuItemConstructorOptions[] {
  const about: MenuItemConstructorOptions = { label: `About ${appName}`, click: () => onAbout() };
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  return [
    ...(isMac
      ? [
          {
            label: appName,
            submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: '&File',
      submenu: [
        { label: '&Open Project…', accelerator: 'CmdOrCtrl+O', click: () => onPageCommand('open') },
        { label: '&Import…', accelerator: 'CmdOrCtrl+I', click: () => onImport() },
        { label: '&Save', accelerator: 'CmdOrCtrl+S', click: () => onPageCommand('save') },
        separator,
        { label: '&Render', accelerator: 'CmdOrCtrl+Return', click: () => onPageCommand('render') },
        separator,
        isMac ? { role: 'close' } : { role: 'quit', label: '&Quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // The page owns the timeline's undo history (and falls back to the text field's own undo while one has focus).
        { label: '&Undo', accelerator: 'CmdOrCtrl+Z', click: () => onPageCommand('undo') },
        { label: '&Redo', accelerator: isMac ? 'Shift+Cmd+Z' : 'CmdOrCtrl+Y', click: () => onPageCommand('redo') },
        separator,
        { role: 'cut', accelerator: 'CmdOrCtrl+X' },
        { role: 'copy', accelerator: 'CmdOrCtrl+C' },
        { role: 'paste', accelerator: 'CmdOrCtrl+V' },
        { role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(isDev
          ? ([
              { role: 'reload', accelerator: 'CmdOrCtrl+R' },
              { role: 'forceReload', accelerator: 'Shift+CmdOrCtrl+R' },
              { role: 'toggleDevTools', accelerator: isMac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' },
              separator,
            ] satisfies MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
        { role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
        { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
        separator,
        { role: 'togglefullscreen', accelerator: isMac ? 'Ctrl+Cmd+F' : 'F11' },
      ],
    },
    ...(isMac ? [{ role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: '&Help', role: 'help', submenu: isMac ? [{ label: `${appName} Help`, enabled: false }] : [about] },
  ];
}
