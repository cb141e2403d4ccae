import { WS_PATH } from '../../src-shared/contract/wire';
import { connectBrowserSocket, websocketUrl } from './browser-socket';
import { pageSessionCredentials } from './page-session';
import { createPreloadTransport, isPreloadBridge } from './preload-transport';
import { createWebSocketTransport, type ConnectionState, type RefusableTransport } from './websocket-transport';

const alwaysOpen = {
  state: 'open' as ConnectionState,
  refusal: null,
  onStateChange: () => () => {},
  onRefusal: () => () => {},
  close: () => {},
};

/**
 * Electron's preload when it is there, browser mode's WebSocket otherwise. Decided once at start-up; nothing after
 * this knows which one it got. Only browser mode can be refused (no or a spent session).
 */
export function pickTransport(win: Window): RefusableTransport {
  const bridge: unknown = Reflect.get(win, 'boxfleet');
  if (isPreloadBridge(bridge)) return { ...createPreloadTransport(bridge), ...alwaysOpen };
  return createWebSocketTransport({
    url: websocketUrl(win.location, WS_PATH),
    connect: connectBrowserSocket,
    session: pageSessionCredentials(win),
  });
}
