import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../../src-main/compose/core';
import { bindIpc, forwardEvents, type InvokeEventLike, type IpcMainLike } from '../../../src-main/app/ipc';
import { createExposedApi, type ExposedApi } from '../../../src-main/app/preload-api';
import { contract, listMethods, type Result } from '../../../src-shared/contract';
import { createClient } from '../../../src-shared/contract/client';
import { IPC_EVENT_CHANNEL } from '../../../src-shared/contract/wire';
import { createPreloadTransport } from '../../../src-renderer/transport/preload-transport';

/**
 * The preload and the ipcMain binding joined by an in-memory channel that behaves like Electron's: one handler
 * per channel, structured-clone on the way in and out, and an event carrying the sender's identity. Behind it
 * is the real core with a fresh data directory.
 */
type Listener = Parameters<IpcMainLike['handle']>[1];

class MemoryIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

interface Sender {
  id: number;
  url: string | null;
  subframe?: boolean;
}

function rendererFor(
  ipcMain: MemoryIpcMain,
  sender: Sender,
  rawListeners: Array<(message: unknown) => void>,
): ExposedApi {
  const event: InvokeEventLike = {
    sender: { id: sender.id },
    senderFrame: sender.url === null ? null : { url: sender.url, parent: sender.subframe ? {} : null },
  };
  return createExposedApi(
    async (channel, request) => {
      const handler = ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler(event, structuredClone(request)));
    },
    (handler) => rawListeners.push(handler),
  );
}

function methodPaths(node: unknown, prefix = ''): string[] {
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'function' ? [name] : methodPaths(value, name);
  });
}

type AnyCall = (request?: unknown) => Promise<Result<unknown>>;
function call(api: ExposedApi, name: string): AnyCall {
  let node: unknown = api;
  for (const part of name.split('.')) node = (node as Record<string, unknown>)[part];
  return node as AnyCall;
}

const WINDOW_ID = 7;

describe('preload ↔ ipcMain bridge over the real core', () => {
  let dataDir: string;
  let core: Core;
  let ipcMain: MemoryIpcMain;
  let unbind: () => void;
  let stopEvents: () => void;
  let rawListeners: Array<(message: unknown) => void>;
  let api: ExposedApi;

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'boxfleet-bridge-'));
    core = await createCore({ dataDir, mode: 'desktop', log: () => {} });
    ipcMain = new MemoryIpcMain();
    unbind = bindIpc({
      ipcMain,
      router: core.router,
      ctx: { face: 'desktop' },
      trustedWebContentsIds: () => new Set([WINDOW_ID]),
    });
    rawListeners = [];
    stopEvents = forwardEvents(core.events, () => [
      {
        isDestroyed: () => false,
        send: (channel, message) => {
          if (channel === IPC_EVENT_CHANNEL) for (const l of rawListeners) l(structuredClone(message));
        },
      },
    ]);
    api = rendererFor(ipcMain, { id: WINDOW_ID, url: 'app://boxfleet/index.html' }, rawListeners);
  });

  afterEach(async () => {
    stopEvents();
    unbind();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exposes exactly the contract, nested by domain, plus events.subscribe', () => {
    const names = listMethods(contract).map(([name]) => name);
    expect(methodPaths(api).sort()).toEqual([...names, 'events.subscribe'].sort());
    expect(new Set(Object.keys(api))).toEqual(new Set([...Object.keys(contract), 'events']));
    for (const forbidden of ['invoke', 'send', 'sendSync', 'ipcRenderer', 'on'])
      expect(Object.keys(api)).not.toContain(forbidden);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(names.map((n) => `boxfleet:${n}`).sort());
  });

  it('answers contract calls from our window through the router', async () => {
    const info = await call(api, 'app.info')();
    expect(info).toMatchObject({ ok: true, value: { name: 'Boxfleet', mode: 'desktop', platform: process.platform } });
    expect(await call(api, 'boxes.list')()).toEqual({ ok: true, value: [] });
  });

  it('validates requests in main', async () => {
    const answer = await call(api, 'app.info')({ surprise: true });
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error.code).toBe('validation');
  });

  it.each([
    ['another webContents', { id: WINDOW_ID + 1, url: 'app://boxfleet/index.html' }],
    ['a page that is not ours', { id: WINDOW_ID, url: 'https://box.example.org/admin/' }],
    ['a look-alike origin', { id: WINDOW_ID, url: 'app://boxfleet.evil/index.html' }],
    ['a subframe', { id: WINDOW_ID, url: 'app://boxfleet/index.html', subframe: true }],
    ['a frame that is gone', { id: WINDOW_ID, url: null }],
  ] as const)('refuses calls from %s before the router sees them', async (_what, sender) => {
    const stranger = rendererFor(ipcMain, sender, []);
    // An invalid request would be a validation error if it reached the router.
    for (const request of [{}, { surprise: true }]) {
      const answer = await call(stranger, 'app.info')(request);
      expect(answer.ok).toBe(false);
      expect(!answer.ok && answer.error.code).toBe('not-supported');
    }
  });

  it('delivers core events to subscribers of that event only, until they unsubscribe', () => {
    const changed: unknown[] = [];
    const progress: unknown[] = [];
    const unsubscribe = api.events.subscribe('boxes.changed', (payload) => changed.push(payload));
    api.events.subscribe('jobs.progress', (payload) => progress.push(payload));
    core.events.emit('boxes.changed', { reason: 'saved' });
    unsubscribe();
    core.events.emit('boxes.changed', { reason: 'removed' });
    expect(changed).toEqual([{ reason: 'saved' }]);
    expect(progress).toEqual([]);
    expect(rawListeners).toHaveLength(1);
  });

  it('ignores malformed or unknown pushed messages', () => {
    const seen: unknown[] = [];
    api.events.subscribe('boxes.changed', (payload) => seen.push(payload));
    for (const listener of rawListeners) {
      listener({ name: 'ipc.secret', payload: 1 });
      listener('boxes.changed');
      listener(null);
    }
    expect(seen).toEqual([]);
  });

  it('refuses to subscribe to names outside the contract', () => {
    expect(() => api.events.subscribe('boxfleet:event', () => {})).toThrow(/Unknown event/);
    expect(() => api.events.subscribe('__proto__', () => {})).toThrow(/Unknown event/);
  });

  it('serves the renderer client unchanged, answers checked against the contract', async () => {
    const client = createClient(createPreloadTransport(api));
    const info = await client.api.app.info();
    expect(info.ok && info.value.mode).toBe('desktop');
    const seen: string[] = [];
    client.on('boxes.changed', (payload) => seen.push(payload.reason));
    core.events.emit('boxes.changed', { reason: 'refreshed' });
    expect(seen).toEqual(['refreshed']);
  });

  it('removes every channel when unbound', async () => {
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
    await expect(call(api, 'boxes.list')()).rejects.toThrow(/No handler registered/);
    unbind = () => {};
  });
});
