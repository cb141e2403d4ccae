import { createClient } from '../../../src-shared/contract/client';
import { fail, ok } from '../../../src-shared/contract/result';
import { createPreloadTransport, isPreloadBridge } from '../../../src-renderer/transport/preload-transport';
import { websocketUrl } from '../../../src-renderer/transport/browser-socket';

const BOX = {
  id: 'box-one',
  name: 'mail-eu',
  host: 'box1.example.net',
  port: 22,
  user: 'root',
  auth: { kind: 'agent' },
  tags: [],
  apiPort: 10222,
  paths: { apiKey: '/var/lib/mailinabox/api.key', conf: '/etc/mailinabox.conf', storageRoot: '/home/user-data' },
  addedAt: '2025-01-01T00:00:00.000Z',
};

/** A stand-in for `window.boxfleet` with the preload's shape: nested methods and events.subscribe. */
function bridge(boxes: unknown) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const requests: unknown[] = [];
  return {
    requests,
    emit(name: string, payload: unknown) {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
    api: {
      boxes: {
        prefix: 'listed:',
        list(this: { prefix: string }, request: unknown) {
          requests.push(request);
          return Promise.resolve(boxes);
        },
      },
      events: {
        subscribe(name: string, listener: (payload: unknown) => void) {
          const set = listeners.get(name) ?? new Set();
          listeners.set(name, set);
          set.add(listener);
          return () => set.delete(listener);
        },
      },
    },
  };
}

describe('preload transport', () => {
  it('recognises the preload API and nothing else', () => {
    expect(isPreloadBridge(bridge([]).api)).toBe(true);
    expect(isPreloadBridge(undefined)).toBe(false);
    expect(isPreloadBridge({ boxes: {} })).toBe(false);
    expect(isPreloadBridge({ events: { subscribe: 'no' } })).toBe(false);
  });

  it('calls the nested method named by the contract and hands back its result', async () => {
    const fake = bridge(ok([BOX]));
    const client = createClient(createPreloadTransport(fake.api));
    const result = await client.api.boxes.list();
    expect(result).toEqual(ok([BOX]));
    expect(fake.requests).toEqual([{}]);
  });

  it('passes failures through as values', async () => {
    const client = createClient(createPreloadTransport(bridge(fail('keychain-unavailable', 'locked')).api));
    expect(await client.api.boxes.list()).toEqual(fail('keychain-unavailable', 'locked'));
  });

  it('answers a method the bridge lacks with a clear internal error, not a crash', async () => {
    const client = createClient(createPreloadTransport(bridge(ok([])).api));
    const result = await client.api.app.info();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('internal');
    expect(result.error.message).toContain('The desktop bridge has no method app.info.');
  });

  it('delivers events through events.subscribe, checked against the contract, until unsubscribed', () => {
    const fake = bridge(ok([]));
    const client = createClient(createPreloadTransport(fake.api));
    const seen: unknown[] = [];
    const off = client.on('boxes.changed', (payload) => seen.push(payload));
    fake.emit('boxes.changed', { reason: 'added' });
    fake.emit('boxes.changed', { wrong: true });
    off();
    fake.emit('boxes.changed', { reason: 'removed' });
    expect(seen).toEqual([{ reason: 'added' }]);
  });
});

describe('websocketUrl', () => {
  it('uses ws: next to http: and wss: next to https:, on the page’s own host', () => {
    expect(websocketUrl({ protocol: 'http:', host: '127.0.0.1:4312' }, '/api')).toBe('ws://127.0.0.1:4312/api');
    expect(websocketUrl({ protocol: 'https:', host: 'fleet.example' }, '/api')).toBe('wss://fleet.example/api');
  });
});
