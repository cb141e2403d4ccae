import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { ConnectSocket } from '../../../src-renderer/transport/websocket-transport';

/** The transport's socket interface over Node's `ws` client: the same shape the DOM adapter gives the app. */
export const connectNodeSocket: ConnectSocket = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.on('open', () => handlers.onOpen());
  socket.on('message', (data, isBinary) => {
    if (!isBinary) handlers.onMessage(data.toString());
  });
  socket.on('close', (code) => handlers.onClose(code));
  // Errors are followed by close, which drives reconnection; without a listener ws would throw.
  socket.on('error', () => {});
  return { send: (data) => socket.send(data), close: () => socket.close() };
};

export interface Received {
  readonly socket: WebSocket;
  readonly message: { id: number; method: string; request: unknown };
}

/** How the test server answers a hello: welcome with a session secret, or close with a code. */
export type HelloPolicy = (hello: unknown) => { session: string } | { close: number };

/**
 * A real WebSocket server on a free loopback port that records calls and lets the test answer them. With a hello
 * policy, messages `{hello}` are recorded in `hellos` and answered by the policy instead.
 */
export class TestServer {
  readonly received: Received[] = [];
  readonly hellos: unknown[] = [];
  helloPolicy: HelloPolicy | undefined;
  readonly connections: WebSocket[] = [];
  private waiters: Array<() => void> = [];
  private consumed = 0;

  private constructor(readonly wss: WebSocketServer) {
    wss.on('connection', (socket) => {
      this.connections.push(socket);
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString()) as Record<string, unknown>;
        if (this.helloPolicy && 'hello' in message) {
          this.hellos.push(message['hello']);
          const answer = this.helloPolicy(message['hello']);
          if ('close' in answer) socket.close(answer.close, 'refused');
          else socket.send(JSON.stringify({ welcome: { session: answer.session } }));
        } else {
          this.received.push({ socket, message: message as unknown as Received['message'] });
        }
        this.wake();
      });
      this.wake();
    });
  }

  static async start(port = 0): Promise<TestServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    return new TestServer(wss);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/api`;
  }

  get port(): number {
    return (this.wss.address() as AddressInfo).port;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves once `condition` holds, re-checked on every connection and message. */
  async until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** The next call the test has not looked at yet, in arrival order; waits for it if need be. */
  async nextCall(): Promise<Received> {
    await this.until(() => this.received.length > this.consumed);
    const call = this.received[this.consumed++];
    if (!call) throw new Error('no call arrived');
    return call;
  }

  /** Answers a recorded call on the socket it came in on. */
  answer(call: Received, result: unknown): void {
    call.socket.send(JSON.stringify({ id: call.message.id, result }));
  }

  broadcast(value: unknown): void {
    for (const socket of this.connections) if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(value));
  }

  /** Cuts every open connection, as a crashed or restarted core would. */
  dropAll(): void {
    for (const socket of this.connections) socket.terminate();
  }

  async stop(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
