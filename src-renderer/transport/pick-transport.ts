import { WS_PATH } from '../../src-shared/contract/wire';
import { connectBrowserSocket, websocketUrl } from './browser-socket';
import { createPreloadTransport, isPreloadBridge } from './preload-transport';
import { createWebSocketTransport, type ConnectionState, type ConnectionTransport } from './websocket-transport';

const alwaysOpen = {
  state: 'open' as ConnectionState,
  onStateChange: () => () => {},
  close: () => {},
};

/**
 * Electron's preload when it is there, browser mode's WebSocket otherwise. Decided once at start-up; nothing after
 * this knows which one it got.
 */
export function pickTransport(win: Window): ConnectionTransport {
  const bridge: unknown = Reflect.get(win, 'boxfleet');
  if (isPreloadBridge(bridge)) return { ...createPreloadTransport(bridge), ...alwaysOpen };
  return createWebSocketTransport({ url: websocketUrl(win.location, WS_PATH), connect: connectBrowserSocket });
}
