import { menuTemplate, type MenuEntry } from '../../../src-main/app/menu-template';

function roles(items: MenuEntry[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('application menu', () => {
  const openReadme = (): void => {};

  it('starts with the app menu on macOS only', () => {
    expect(menuTemplate({ platform: 'darwin', isPackaged: true, openReadme })[0]?.role).toBe('appMenu');
    for (const platform of ['linux', 'win32'] as const) {
      expect(roles(menuTemplate({ platform, isPackaged: true, openReadme }))).not.toContain('appMenu');
    }
  });

  it('has file, edit, window and help menus everywhere', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const top = menuTemplate({ platform, isPackaged: true, openReadme });
      expect(roles(top)).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'help']));
      expect(top.map((item) => item.label ?? item.role)).toContain('View');
    }
  });

  it('offers reload and DevTools only in development', () => {
    const packaged = roles(menuTemplate({ platform: 'linux', isPackaged: true, openReadme }));
    const dev = roles(menuTemplate({ platform: 'linux', isPackaged: false, openReadme }));
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(packaged).not.toContain(role);
      expect(dev).toContain(role);
    }
    expect(packaged).toContain('zoomIn');
  });

  it('links the README from Help', () => {
    const help = menuTemplate({ platform: 'linux', isPackaged: true, openReadme }).find((item) => item.role === 'help');
    const entries = Array.isArray(help?.submenu) ? help.submenu : [];
    expect(entries.map((entry) => entry.label)).toEqual(['Boxfleet README']);
    expect(typeof entries[0]?.click).toBe('function');
  });
});
