import type { Transport } from '../../src-shared/contract/client';
import {
  SESSION_REFUSALS,
  WS_CLOSE,
  wsServerMessageSchema,
  type WsCall,
  type WsHello,
} from '../../src-shared/contract/wire';

/** The few things the transport needs from a socket, so tests can run it over Node's `ws` and the app over the DOM's. */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: string): void;
  /** `code` is the WebSocket close code, when the peer sent one. */
  onClose(code?: number): void;
}

export interface SocketHandle {
  send(data: string): void;
  close(): void;
}

export type ConnectSocket = (url: string, handlers: SocketHandlers) => SocketHandle;

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** A transport that also says whether it is connected, so the shell can tell the user when the core is away. */
export interface ConnectionTransport extends Transport {
  readonly state: ConnectionState;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
  /** Stops reconnecting and fails whatever is still waiting. */
  close(): void;
}

/** A transport that can be refused for good: browser mode's core refuses a page without a valid session. */
export interface RefusableTransport extends ConnectionTransport {
  /** Why the core refused this page (what to tell the user), or null. Once set, the transport is closed. */
  readonly refusal: string | null;
  onRefusal(listener: (message: string) => void): () => void;
}

/** What the page presents as the first message of every socket, and keeps from the answer. */
export interface SessionCredentials {
  /** The hello for a new socket; null when the page has neither a token nor a session secret. */
  hello(): WsHello['hello'] | null;
  /** Keeps the session secret the core gave for the token (or confirmed for the secret). */
  remember(session: string): void;
  /** The core refused the hello with `code`; true if there is another credential to try on a new socket. */
  refused?(code: number): boolean;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WebSocketTransportOptions {
  url: string;
  connect: ConnectSocket;
  /** Milliseconds to wait before reconnect attempt `attempt` (1-based). */
  backoff?: (attempt: number) => number;
  timers?: Timers;
  /** Browser mode's session: sent as a hello before any call, on every socket. */
  session?: SessionCredentials;
}

/** 250 ms doubling up to 10 s: quick after a blip, gentle on a core that is gone for good. */
export function defaultBackoff(attempt: number): number {
  return Math.min(10_000, 250 * 2 ** Math.max(0, attempt - 1));
}

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

interface Pending {
  readonly method: string;
  readonly message: string;
  sent: boolean;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Browser mode's transport: contract calls as `{id, method, request}` over one WebSocket, answers matched by id,
 * pushed events fanned out to subscribers. With `session`, every socket first says hello and waits for the welcome
 * before any call goes out. When the socket drops, every call still waiting fails at once with a clear error (its
 * answer can never arrive) and the transport reconnects with backoff; when the core refuses the session, it stops
 * for good and says why (`refusal`).
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): RefusableTransport {
  const backoff = options.backoff ?? defaultBackoff;
  const timers = options.timers ?? defaultTimers;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const refusalListeners = new Set<(message: string) => void>();
  let state: ConnectionState = 'connecting';
  let refusal: string | null = null;
  let socket: SocketHandle | undefined;
  let open = false;
  let nextId = 1;
  let attempt = 0;
  let retryTimer: unknown;

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  }

  function failAll(reason: (method: string) => string): void {
    const waiting = [...pending.values()];
    pending.clear();
    for (const call of waiting) call.reject(new Error(reason(call.method)));
  }

  /** The core refused this page's session: nothing will work until the user opens a new link, so stop. */
  function refuse(message: string): void {
    if (state === 'closed') return;
    refusal = message;
    shutDown(() => message);
    for (const listener of [...refusalListeners]) listener(message);
  }

  function shutDown(reason: (method: string) => string): void {
    setState('closed');
    if (retryTimer !== undefined) timers.clearTimeout(retryTimer);
    retryTimer = undefined;
    const current = socket;
    socket = undefined;
    open = false;
    current?.close();
    failAll(reason);
  }

  /** The socket is ready for calls: send what waited for it. */
  function ready(thisSocket: SocketHandle): void {
    open = true;
    attempt = 0;
    setState('open');
    for (const call of pending.values()) {
      if (call.sent) continue;
      call.sent = true;
      thisSocket.send(call.message);
    }
  }

  function handleMessage(thisSocket: SocketHandle, data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = wsServerMessageSchema.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    if ('welcome' in message) {
      if (open || !options.session) return;
      options.session.remember(message.welcome.session);
      ready(thisSocket);
      return;
    }
    if ('id' in message) {
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      call.resolve(message.result);
      return;
    }
    for (const listener of [...(listeners.get(message.event) ?? [])]) listener(message.payload);
  }

  function connect(): void {
    const hello = options.session ? options.session.hello() : undefined;
    if (hello === null) {
      refuse(SESSION_REFUSALS[WS_CLOSE.noSession] ?? 'Open the link that `boxfleet serve` printed.');
      return;
    }
    let closed = false;
    const thisSocket: SocketHandle = options.connect(options.url, {
      onOpen() {
        if (closed || thisSocket !== socket) return;
        if (hello === undefined) return ready(thisSocket);
        thisSocket.send(JSON.stringify({ hello }));
      },
      onMessage(data) {
        if (thisSocket === socket) handleMessage(thisSocket, data);
      },
      onClose(code) {
        if (closed) return;
        closed = true;
        if (thisSocket !== socket) return;
        const refused = code === undefined ? undefined : SESSION_REFUSALS[code];
        if (code !== undefined && refused !== undefined && options.session) {
          socket = undefined;
          open = false;
          // Nothing was sent on this socket yet, so the waiting calls can simply wait for the next one.
          if (options.session.refused?.(code) === true) return connect();
          return refuse(refused);
        }
        const wasOpen = open;
        open = false;
        socket = undefined;
        if (state === 'closed') return;
        failAll((method) =>
          wasOpen
            ? `The connection to the Boxfleet core was lost before ${method} was answered. It is reconnecting; try again in a moment.`
            : `Could not connect to the Boxfleet core to run ${method}. Check that Boxfleet is still running, then try again.`,
        );
        setState('reconnecting');
        attempt += 1;
        retryTimer = timers.setTimeout(() => {
          retryTimer = undefined;
          if (state !== 'closed') connect();
        }, backoff(attempt));
      },
    });
    socket = thisSocket;
  }

  connect();

  return {
    get state() {
      return state;
    },
    get refusal() {
      return refusal;
    },
    invoke(method, request) {
      if (state === 'closed') {
        return Promise.reject(new Error(refusal ?? 'The connection to the Boxfleet core was closed.'));
      }
      const id = nextId++;
      const call: WsCall = { id, method, request };
      return new Promise<unknown>((resolve, reject) => {
        const entry: Pending = { method, message: JSON.stringify(call), sent: false, resolve, reject };
        pending.set(id, entry);
        // Calls made while (re)connecting wait for the socket; if that attempt fails, onClose fails them.
        if (open && socket) {
          entry.sent = true;
          socket.send(entry.message);
        }
      });
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => {
        listeners.get(event)?.delete(listener);
      };
    },
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    onRefusal(listener) {
      refusalListeners.add(listener);
      return () => {
        refusalListeners.delete(listener);
      };
    },
    close() {
      if (state === 'closed') return;
      shutDown((method) => `The connection to the Boxfleet core was closed before ${method} was answered.`);
    },
  };
}
