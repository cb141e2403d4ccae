import type { MenuItemConstructorOptions } from 'electron';

/** Electron's menu item options, re-exported so tests can name them without importing electron. */
export type MenuEntry = MenuItemConstructorOptions;

export interface MenuInputs {
  readonly platform: NodeJS.Platform;
  /** Reload and DevTools are for development only. */
  readonly isPackaged: boolean;
  readonly openReadme: () => void;
}

/** The application menu, built from Electron's standard roles so each platform gets its native items. */
export function menuTemplate(inputs: MenuInputs): MenuItemConstructorOptions[] {
  const developer: MenuItemConstructorOptions[] = inputs.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...developer,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'Boxfleet README', click: () => inputs.openReadme() }],
  };
  const common: MenuItemConstructorOptions[] = [
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ];
  return inputs.platform === 'darwin' ? [{ role: 'appMenu' }, ...common] : common;
}
