import type { ConnectSocket } from './websocket-transport';

/** The DOM's WebSocket behind the transport's small socket interface. */
export const connectBrowserSocket: ConnectSocket = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.addEventListener('open', () => handlers.onOpen());
  socket.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (typeof event.data === 'string') handlers.onMessage(event.data);
  });
  // A failed handshake fires error then close; close alone is enough to drive reconnection. Its code says whether
  // the core refused the session.
  socket.addEventListener('close', (event: CloseEvent) => handlers.onClose(event.code));
  return {
    send: (data) => socket.send(data),
    close: () => socket.close(),
  };
};

/** Browser mode serves the app and the socket from the same origin; the session goes in the socket's first message. */
export function websocketUrl(location: { protocol: string; host: string }, path: string): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}
