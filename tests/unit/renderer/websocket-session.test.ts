import { SESSION_REFUSALS, WS_CLOSE } from '../../../src-shared/contract/wire';
import {
  pageSessionCredentials,
  SESSION_STORAGE_KEY,
  type PageWindow,
} from '../../../src-renderer/transport/page-session';
import {
  createWebSocketTransport,
  type RefusableTransport,
  type SessionCredentials,
} from '../../../src-renderer/transport/websocket-transport';
import { connectNodeSocket, TestServer } from './ws-test-server';

/** A window with an address bar, a history and a sessionStorage, as the page session sees them. */
function fakeWindow(href: string, stored: Record<string, string> = {}): PageWindow & { href(): string } {
  let url = new URL(href);
  const storage = new Map(Object.entries(stored));
  return {
    get location() {
      return { pathname: url.pathname, search: url.search, hash: url.hash };
    },
    history: {
      state: null,
      replaceState: (_data, _unused, next) => {
        url = new URL(next, url);
      },
    },
    sessionStorage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
    },
    href: () => url.href,
  };
}

function memoryCredentials(start: { token?: string; session?: string }): SessionCredentials & { kept: string[] } {
  const kept: string[] = [];
  let { token, session } = start;
  return {
    kept,
    hello: () => (token ? { token } : session ? { session } : null),
    remember(secret) {
      kept.push(secret);
      token = undefined;
      session = secret;
    },
  };
}

describe('WebSocket transport with a browser-mode session', () => {
  let server: TestServer;
  let transport: RefusableTransport | undefined;

  beforeEach(async () => {
    server = await TestServer.start();
  });
  afterEach(async () => {
    transport?.close();
    await server.stop();
  });

  it('says hello first, sends calls only after the welcome, and keeps the secret for the next socket', async () => {
    server.helloPolicy = () => ({ session: 'secret-1' });
    const credentials = memoryCredentials({ token: 'one-time' });
    transport = createWebSocketTransport({
      url: server.url,
      connect: connectNodeSocket,
      backoff: () => 5,
      session: credentials,
    });
    const answer = transport.invoke('boxes.list', {});
    const call = await server.nextCall();
    expect(server.hellos).toEqual([{ token: 'one-time' }]);
    expect(credentials.kept).toEqual(['secret-1']);
    server.answer(call, 'rows');
    await expect(answer).resolves.toBe('rows');

    server.dropAll();
    await server.until(() => server.hellos.length === 2);
    expect(server.hellos[1]).toEqual({ session: 'secret-1' });
  });

  it.each([
    [WS_CLOSE.tokenRefused, 'already used'],
    [WS_CLOSE.sessionEnded, 'Run `boxfleet serve` again'],
    [WS_CLOSE.noSession, 'Open the link that `boxfleet serve` printed'],
  ])('stops for good and says why when the core closes with %i', async (code, words) => {
    server.helloPolicy = () => ({ close: code });
    const refusals: string[] = [];
    transport = createWebSocketTransport({
      url: server.url,
      connect: connectNodeSocket,
      backoff: () => 5,
      session: memoryCredentials({ session: 'stale' }),
    });
    transport.onRefusal((message) => refusals.push(message));
    await expect(transport.invoke('boxes.list', {})).rejects.toThrow(words);
    expect(transport.refusal).toBe(SESSION_REFUSALS[code]);
    expect(refusals).toEqual([SESSION_REFUSALS[code]]);
    expect(transport.state).toBe('closed');
    await expect(transport.invoke('app.info', {})).rejects.toThrow(words);
    expect(server.hellos).toHaveLength(1);
  });

  it('falls back to the stored secret when the link in the address bar was already used', async () => {
    server.helloPolicy = (hello) =>
      typeof hello === 'object' && hello !== null && 'token' in hello
        ? { close: WS_CLOSE.tokenRefused }
        : { session: 'S1' };
    const win = fakeWindow('http://127.0.0.1:4000/?token=used#/fleet', { [SESSION_STORAGE_KEY]: 'S1' });
    transport = createWebSocketTransport({
      url: server.url,
      connect: connectNodeSocket,
      backoff: () => 5,
      session: pageSessionCredentials(win),
    });
    const answer = transport.invoke('boxes.list', {});
    server.answer(await server.nextCall(), 'rows');
    await expect(answer).resolves.toBe('rows');
    expect(server.hellos).toEqual([{ token: 'used' }, { session: 'S1' }]);
    expect(transport.refusal).toBeNull();
  });

  it('is refused at once, without connecting, when the page has no token and no secret', () => {
    transport = createWebSocketTransport({
      url: server.url,
      connect: () => {
        throw new Error('must not connect');
      },
      session: memoryCredentials({}),
    });
    expect(transport.state).toBe('closed');
    expect(transport.refusal).toContain('Open the link that `boxfleet serve` printed');
  });
});

describe('page session credentials', () => {
  it('takes the token from the address bar, removing it but keeping the route in the hash', () => {
    const win = fakeWindow('http://127.0.0.1:4000/?token=T1#/box/x/mailboxes');
    const credentials = pageSessionCredentials(win);
    expect(win.href()).toBe('http://127.0.0.1:4000/#/box/x/mailboxes');
    expect(credentials.hello()).toEqual({ token: 'T1' });
    credentials.remember('S1');
    expect(credentials.hello()).toEqual({ session: 'S1' });
    expect(win.sessionStorage.getItem(SESSION_STORAGE_KEY)).toBe('S1');
  });

  it('keeps other query parameters and leaves a URL without a token alone', () => {
    const win = fakeWindow('http://127.0.0.1:4000/?a=1&token=T1&b=2#/fleet');
    pageSessionCredentials(win);
    expect(win.href()).toBe('http://127.0.0.1:4000/?a=1&b=2#/fleet');
    const plain = fakeWindow('http://127.0.0.1:4000/#/fleet');
    plain.history.replaceState = () => {
      throw new Error('must not touch the address bar');
    };
    expect(pageSessionCredentials(plain).hello()).toBeNull();
  });

  it('resumes with the stored secret after a reload, but a fresh link wins over it', () => {
    expect(
      pageSessionCredentials(fakeWindow('http://127.0.0.1:4000/', { [SESSION_STORAGE_KEY]: 'S1' })).hello(),
    ).toEqual({
      session: 'S1',
    });
    expect(
      pageSessionCredentials(fakeWindow('http://127.0.0.1:4000/?token=T2', { [SESSION_STORAGE_KEY]: 'S1' })).hello(),
    ).toEqual({ token: 'T2' });
  });
});
