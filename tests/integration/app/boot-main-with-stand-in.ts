/**
 * Boots the compiled desktop entry (build/main/src-main/app/main.js) with an Electron stand-in in place of the
 * `electron` module, drives it the way Electron would (ready, IPC calls, app:// requests, navigation, quit) and
 * prints what happened as JSON. Only the Electron surface is stood in; the core, router, protocol handler and
 * every decision are the real ones. Run by electron-main.test.ts in its own Node process.
 */
import { EventEmitter } from 'node:events';
import Module from 'node:module';
import path from 'node:path';

type Fn = (...args: unknown[]) => unknown;
const calls: string[] = [];
const opened: string[] = [];
let markReady: () => void = () => {};
const ready = new Promise<void>((resolve) => (markReady = resolve));

const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getPath: (name: string) =>
    name === 'appData' ? path.join(process.env.STAND_IN_HOME ?? '/nonexistent', 'appData') : '',
  setPath: (name: string, value: string) => calls.push(`setPath:${name}=${value}`),
  getAppPath: () => process.env.STAND_IN_APP_PATH ?? '',
  whenReady: () => ready,
  enableSandbox: () => calls.push('enableSandbox'),
  requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), true),
  quit: () => calls.push('quit'),
  exit: (code: number) => calls.push(`exit:${code}`),
  setAppUserModelId: () => {},
});

const ipcHandlers = new Map<string, Fn>();
let protocolHandler: ((request: Request) => Promise<Response>) | null = null;
const permissionHandlers: Record<string, Fn> = {};
const session = Object.assign(new EventEmitter(), {
  setPermissionRequestHandler: (h: Fn) => (permissionHandlers.request = h),
  setPermissionCheckHandler: (h: Fn) => (permissionHandlers.check = h),
  setDevicePermissionHandler: (h: Fn) => (permissionHandlers.device = h),
});

interface StandInWindow {
  options: { webPreferences: Record<string, unknown> };
  webContents: EventEmitter & { id: number; openHandler?: Fn };
}
const windows: StandInWindow[] = [];
let nextId = 1;
class BrowserWindow extends EventEmitter {
  readonly webContents: StandInWindow['webContents'];
  constructor(readonly options: StandInWindow['options']) {
    super();
    const contents = Object.assign(new EventEmitter(), {
      id: nextId++,
      send: (channel: string) => calls.push(`send:${channel}`),
      isDestroyed: () => false,
      setWindowOpenHandler: (h: Fn) => (contents.openHandler = h),
    }) as StandInWindow['webContents'] & { openHandler?: Fn };
    this.webContents = contents;
    windows.push(this);
    app.emit('web-contents-created', {}, contents);
  }
  loadURL(url: string): Promise<void> {
    calls.push(`loadURL:${url}`);
    return Promise.resolve();
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  isVisible = () => true;
  show = () => {};
  focus = () => {};
  restore = () => {};
}

const electron = {
  app,
  BrowserWindow,
  session: { defaultSession: session },
  ipcMain: { handle: (c: string, l: Fn) => ipcHandlers.set(c, l), removeHandler: (c: string) => ipcHandlers.delete(c) },
  protocol: {
    registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) =>
      calls.push(`registerSchemes:${JSON.stringify(schemes)}`),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
      calls.push(`protocol.handle:${scheme}`);
      protocolHandler = handler;
    },
  },
  dialog: { showErrorBox: (title: string, message: string) => calls.push(`errorBox:${title}: ${message}`) },
  shell: { openExternal: async (url: string) => void opened.push(url) },
  Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => calls.push('setApplicationMenu') },
};

const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = loader._load;
loader._load = function (request: string, ...rest: unknown[]) {
  return request === 'electron' ? electron : originalLoad.call(this, request, ...rest);
};

function event(url?: string): { url?: string; prevented: boolean; preventDefault(): void } {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

async function main(): Promise<void> {
  // Loaded as CommonJS, as Electron loads it, so the `electron` request goes through the hook above.
  const loadCommonJs = Module.createRequire(__filename);
  loadCommonJs(path.resolve(process.argv[2] ?? ''));
  const beforeReady = [...calls];
  markReady();
  for (let i = 0; i < 200 && !calls.some((c) => c.startsWith('loadURL:')); i += 1)
    await new Promise((r) => setTimeout(r, 10));

  const window = windows[0];
  const trusted = {
    sender: { id: window?.webContents.id },
    senderFrame: { url: 'app://boxfleet/index.html', parent: null },
  };
  const stranger = { ...trusted, sender: { id: 999 } };
  const invoke = (channel: string, sender: unknown, request: unknown) => ipcHandlers.get(channel)?.(sender, request);

  const handler = protocolHandler as ((request: Request) => Promise<Response>) | null;
  if (handler === null) throw new Error('main.js registered no app:// handler');
  const served: Record<string, { status: number; type: string | null; csp: string | null; bytes: number }> = {};
  for (const url of [
    'app://boxfleet/index.html',
    'app://boxfleet/app.js',
    'app://boxfleet/..%2f..%2fpackage.json',
    'app://other/index.html',
  ]) {
    const response = await handler(new Request(url));
    served[url] = {
      status: response.status,
      type: response.headers.get('content-type'),
      csp: response.headers.get('content-security-policy'),
      bytes: (await response.arrayBuffer()).byteLength,
    };
  }

  const navigation: Record<string, boolean> = {};
  for (const url of [
    'app://boxfleet/index.html#/boxes',
    'https://github.com/boxfleet',
    'https://box.example.org/admin',
    'file:///etc/passwd',
  ]) {
    const e = event(url);
    window?.webContents.emit('will-navigate', e);
    navigation[url] = e.prevented;
  }
  const windowOpen = ['https://mailinabox.email/', 'https://evil.example/'].map((url) =>
    window?.webContents.openHandler?.({ url }),
  );

  const permission: boolean[] = [];
  permissionHandlers.request?.({}, 'notifications', (granted: boolean) => permission.push(granted), {});
  const login = event();
  const loginArgs: unknown[][] = [];
  app.emit('login', login, null, {}, {}, (...args: unknown[]) => loginArgs.push(args));

  const result = {
    beforeReady,
    calls: [...calls],
    preload: window?.options.webPreferences.preload,
    webPreferences: window?.options.webPreferences,
    channels: [...ipcHandlers.keys()],
    appInfo: await invoke('boxfleet:app.info', trusted, {}),
    stranger: await invoke('boxfleet:app.info', stranger, {}),
    served,
    navigation,
    windowOpen,
    opened,
    permission,
    permissionCheck: permissionHandlers.check?.({}, 'clipboard-read', 'app://boxfleet', {}),
    login: { prevented: login.prevented, args: loginArgs },
  };

  const quit = event();
  app.emit('will-quit', quit);
  for (let i = 0; i < 200 && !calls.includes('quit'); i += 1) await new Promise((r) => setTimeout(r, 10));
  process.stdout.write(
    JSON.stringify({ ...result, quit: { prevented: quit.prevented, quitCalled: calls.includes('quit') } }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
