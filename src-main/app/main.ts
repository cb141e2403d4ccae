import path from 'node:path';
import { Notification, app, dialog, ipcMain, session, shell, type BrowserWindow } from 'electron';
import { createCore, type Core } from '../compose/core';
import { builtPaths } from './app-paths';
import { createDesktopNotifier } from './desktop-notifier';
import { README_URL, allowedExternalUrl } from './external-links';
import { bindIpc, forwardEvents } from './ipc';
import { createKeyFileDialogs } from './key-file-dialog';
import { createSaveTextDialog } from './save-file-dialog';
import { installMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenApp, hardenSession } from './security';
import { createMainWindow, focusWindow } from './window';

const APP_NAME = 'Boxfleet';
const paths = builtPaths(__dirname);

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function openExternal(url: string): void {
  // Checked again here: every caller should have filtered, but this is the one door to the OS browser.
  const allowed = allowedExternalUrl(url);
  if (allowed === null) return;
  shell.openExternal(allowed).catch((error: unknown) => log(`boxfleet: could not open ${allowed}: ${String(error)}`));
}

/**
 * The same directory in `npm start` and packaged builds (Electron would otherwise derive it from package.json's
 * name in development and productName when packaged), and the one the CLI uses by default. BOXFLEET_DATA_DIR
 * overrides it, as it does for the CLI, so tests get a fresh directory.
 */
function chooseDataDir(): string {
  const override = process.env.BOXFLEET_DATA_DIR;
  const dir = override ? path.resolve(override) : path.join(app.getPath('appData'), APP_NAME);
  app.setPath('userData', dir);
  return dir;
}

async function start(dataDir: string): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  serveRenderer(paths.renderer);

  let mainWindow: BrowserWindow | null = null;
  let mainContentsId: number | null = null;
  const notifier = createDesktopNotifier({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    platform: process.platform,
    // openWindow is defined below; no notification can be clicked before start() has finished.
    onClick: () => focusWindow(mainWindow ?? openWindow()),
  });
  let core: Core;
  try {
    core = await createCore({ dataDir, mode: 'desktop', env: process.env, log, notifier });
  } catch (error) {
    dialog.showErrorBox(`${APP_NAME} could not start`, error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }

  const openWindow = (): BrowserWindow => {
    const window = createMainWindow(
      { preloadPath: paths.preload, isPackaged: app.isPackaged, ...devIcon() },
      (message) => log(`boxfleet: the window could not load: ${message}`),
    );
    mainWindow = window;
    mainContentsId = window.webContents.id;
    window.on('closed', () => {
      if (mainWindow === window) {
        mainWindow = null;
        mainContentsId = null;
      }
    });
    return window;
  };

  const dialogs = {
    ...createKeyFileDialogs({
      homeDir: app.getPath('home'),
      showOpenDialog: (options) =>
        mainWindow === null ? dialog.showOpenDialog(options) : dialog.showOpenDialog(mainWindow, options),
    }),
    saveText: createSaveTextDialog({
      downloadsDir: app.getPath('downloads'),
      showSaveDialog: (options) =>
        mainWindow === null ? dialog.showSaveDialog(options) : dialog.showSaveDialog(mainWindow, options),
    }),
  };
  bindIpc({
    ipcMain,
    router: core.router,
    ctx: { face: 'desktop', dialogs },
    trustedWebContentsIds: () => new Set(mainContentsId === null ? [] : [mainContentsId]),
    onRefused: (method, facts) => log(`boxfleet: refused ${method} from ${facts.frameUrl ?? 'a gone frame'}`),
  });
  forwardEvents(core.events, () => (mainWindow === null || mainWindow.isDestroyed() ? [] : [mainWindow.webContents]));
  installMenu({ platform: process.platform, isPackaged: app.isPackaged, openReadme: () => openExternal(README_URL) });

  app.on('second-instance', () => focusWindow(mainWindow ?? openWindow()));
  app.on('activate', () => {
    if (mainWindow === null) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    core
      .close()
      .catch((error: unknown) => log(`boxfleet: shutting down failed: ${String(error)}`))
      .finally(() => app.quit());
  });

  openWindow();
}

function devIcon(): { iconPath?: string } {
  // Installers give the packaged app its icon; `npm start` on Linux takes it from the checkout.
  if (app.isPackaged || process.platform !== 'linux') return {};
  return { iconPath: path.join(app.getAppPath(), 'resources', 'icon.png') };
}

registerAppScheme();
app.enableSandbox();
hardenApp(app, openExternal);
if (process.platform === 'win32') app.setAppUserModelId('app.boxfleet.desktop');

// Before the lock: Electron keys the single-instance lock on the userData directory.
const dataDir = chooseDataDir();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start(dataDir).catch((error: unknown) => {
    log(`boxfleet: start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    app.exit(1);
  });
}
