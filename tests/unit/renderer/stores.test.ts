import { createClient } from '../../../src-shared/contract/client';
import { fail, ok, type Result } from '../../../src-shared/contract/result';
import { createNavigationRouter } from '../../../src-renderer/routes-router';
import { createStores } from '../../../src-renderer/stores/stores';
import { createPreloadTransport, type PreloadBridge } from '../../../src-renderer/transport/preload-transport';
import type { ConnectionState, ConnectionTransport } from '../../../src-renderer/transport/websocket-transport';
import { sampleBox } from './mail-fixtures';

const INFO = { name: 'Boxfleet', version: '0.1.0', mode: 'browser', platform: 'linux', problems: [] };

/**
 * A core behind the preload's shape whose answers the test releases one by one, and a connection whose state the
 * test sets, so the stores run exactly as in the app.
 */
function harness(path = '/') {
  const answers: Array<(result: Result<unknown>) => void> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'open';
  const bridge: PreloadBridge = {
    app: { info: () => Promise.resolve(ok(INFO)) },
    boxes: { list: () => new Promise((resolve) => answers.push(resolve)) },
    events: {
      subscribe(name, listener) {
        const set = listeners.get(name) ?? new Set();
        listeners.set(name, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    },
  };
  const transport: ConnectionTransport = {
    ...createPreloadTransport(bridge),
    get state() {
      return state;
    },
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {},
  };
  const stores = createStores(createClient(transport), transport, createNavigationRouter(path));
  return {
    stores,
    answers,
    emit: (name: string, payload: unknown) => listeners.get(name)?.forEach((listener) => listener(payload)),
    setState(next: ConnectionState) {
      state = next;
      stateListeners.forEach((listener) => listener(next));
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('renderer stores', () => {
  it('loads the fleet, and reports a failure with its guidance', async () => {
    const h = harness();
    const first = h.stores.fleet.getState().load();
    expect(h.stores.fleet.getState().status).toBe('loading');
    h.answers[0]?.(ok([sampleBox('box-one')]));
    await first;
    expect(h.stores.fleet.getState()).toMatchObject({ status: 'ready', error: null });
    expect(h.stores.fleet.getState().boxes.map((b) => b.id)).toEqual(['box-one']);

    const second = h.stores.fleet.getState().load();
    h.answers[1]?.(fail('keychain-unavailable', 'The login keyring is locked.'));
    await second;
    const { status, error, boxes } = h.stores.fleet.getState();
    expect(status).toBe('failed');
    expect(error).toMatchObject({
      code: 'keychain-unavailable',
      message: 'The login keyring is locked.',
      canRetry: false,
    });
    // What was shown before stays on screen under the banner.
    expect(boxes.map((b) => b.id)).toEqual(['box-one']);
  });

  it('lets a newer answer win over an older one that arrives late', async () => {
    const h = harness();
    const older = h.stores.fleet.getState().load();
    const newer = h.stores.fleet.getState().load();
    h.answers[1]?.(ok([sampleBox('box-new')]));
    await newer;
    h.answers[0]?.(ok([sampleBox('box-old')]));
    await older;
    expect(h.stores.fleet.getState().boxes.map((b) => b.id)).toEqual(['box-new']);
  });

  it('reloads when main says the registry changed, and forgets a selected box that went away', async () => {
    const h = harness();
    const load = h.stores.fleet.getState().load();
    h.answers[0]?.(ok([sampleBox('box-one'), sampleBox('box-two')]));
    await load;
    h.stores.navigation.getState().openBox('box-two');
    expect(h.stores.navigation.getState().view).toEqual({ screen: 'box', boxId: 'box-two', section: 'overview' });

    h.emit('boxes.changed', { reason: 'removed' });
    await settle();
    expect(h.answers).toHaveLength(2);
    h.answers[1]?.(ok([sampleBox('box-one')]));
    await settle();
    expect(h.stores.navigation.getState()).toMatchObject({ selectedBoxId: null, view: { screen: 'fleet' } });
  });

  it('keeps a link to a box the fleet never had on that box’s screen, so it can say there is no such box', async () => {
    const h = harness('/box/box-gone/mailboxes');
    const load = h.stores.fleet.getState().load();
    h.answers[0]?.(ok([sampleBox('box-one')]));
    await load;
    expect(h.stores.navigation.getState().view).toEqual({ screen: 'box', boxId: 'box-gone', section: 'mailboxes' });
  });

  it('fetches again what failed once the connection to the core is back', async () => {
    const h = harness();
    const load = h.stores.fleet.getState().load();
    h.answers[0]?.(fail('internal', 'Could not reach the Boxfleet core: lost', { retryable: true }));
    await load;
    h.setState('reconnecting');
    expect(h.stores.connection.getState().state).toBe('reconnecting');
    expect(h.answers).toHaveLength(1);
    h.setState('open');
    await settle();
    expect(h.answers).toHaveLength(2);
    h.answers[1]?.(ok([]));
    await settle();
    expect(h.stores.fleet.getState().status).toBe('ready');
  });

  it('keeps problems until dismissed', async () => {
    const h = harness();
    await h.stores.app.getState().load();
    expect(h.stores.app.getState().info?.mode).toBe('browser');
    expect(h.stores.app.getState().problemsDismissed).toBe(false);
    h.stores.app.getState().dismissProblems();
    expect(h.stores.app.getState().problemsDismissed).toBe(true);
  });
});
