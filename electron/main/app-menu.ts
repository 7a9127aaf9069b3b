import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuInput {
  appName: string;
  isMac: boolean;
  /** Reload and DevTools appear only in development. */
  isDev: boolean;
  onImport(): void;
  onAbout(): void;
}

/** The application menu as data (built into a `Menu` by the caller), so its content is tested without Electron. */
export function buildAppMenuTemplate({ appName, isMac, isDev, onImport, onAbout }: AppMenuInput): MenuItemConstructorOptions[] {
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
        { label: '&Import…', accelerator: 'CmdOrCtrl+O', click: () => onImport() },
        separator,
        isMac ? { role: 'close' } : { role: 'quit', label: '&Quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo', accelerator: 'CmdOrCtrl+Z' },
        { role: 'redo', accelerator: isMac ? 'Shift+Cmd+Z' : 'CmdOrCtrl+Y' },
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
