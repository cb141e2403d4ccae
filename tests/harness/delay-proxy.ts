/**
 * A TCP proxy that holds every chunk for a fixed time in each direction: latency for benchmarks on kernels
 * without netem. A box "50 ms away" is `delayMs: 25` (25 ms each way). Nagle is off on both sockets so the
 * proxy adds only the delay, not coalescing waits.
 */
import net from 'node:net';

export interface DelayProxyOptions {
  targetHost: string;
  targetPort: number;
  /** Added to every chunk in each direction, so a round trip costs 2 × delayMs. */
  delayMs: number;
  listenHost?: string;
  /** Default: a port chosen by the kernel. */
  port?: number;
}

export interface DelayProxy {
  host: string;
  port: number;
  /** Connections currently open through the proxy. */
  connections(): number;
  /**
   * A hanging box: connections stay open (and new ones are accepted) but no byte passes in either direction until
   * `release()`, like a host whose network or sshd stopped answering without closing anything.
   */
  hold(): void;
  release(): void;
  stop(): Promise<void>;
}

/** Pending bytes per direction before the reading side is paused, so a fast sender cannot grow memory unbounded. */
const HIGH_WATER = 4 * 1024 * 1024;

function pipeDelayed(from: net.Socket, to: net.Socket, delayMs: number, isHeld: () => boolean): void {
  let pending = 0;
  // Timers with equal delays fire in creation order, so chunks keep their order.
  from.on('data', (chunk: Buffer) => {
    pending += chunk.length;
    if (pending > HIGH_WATER) from.pause();
    setTimeout(() => {
      pending -= chunk.length;
      if (!to.destroyed) to.write(chunk);
      if (pending <= HIGH_WATER && from.isPaused() && !to.writableNeedDrain && !isHeld()) from.resume();
    }, delayMs);
  });
  to.on('drain', () => {
    if (pending <= HIGH_WATER && from.isPaused() && !isHeld()) from.resume();
  });
  from.on('end', () => setTimeout(() => to.end(), delayMs));
}

/** Starts the proxy and resolves once it listens. */
export function startDelayProxy(options: DelayProxyOptions): Promise<DelayProxy> {
  const sockets = new Set<net.Socket>();
  let open = 0;
  let held = false;
  const server = net.createServer({ noDelay: true }, (client) => {
    const upstream = net.connect({ host: options.targetHost, port: options.targetPort, noDelay: true });
    client.setNoDelay(true);
    sockets.add(client);
    sockets.add(upstream);
    open += 1;
    if (held) {
      client.pause();
      upstream.pause();
    }
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      open -= 1;
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', () => setTimeout(close, options.delayMs));
    upstream.on('close', () => setTimeout(close, options.delayMs));
    pipeDelayed(client, upstream, options.delayMs, () => held);
    pipeDelayed(upstream, client, options.delayMs, () => held);
  });
  const host = options.listenHost ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: options.port ?? 0 }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('delay proxy has no TCP address'));
        return;
      }
      resolve({
        host,
        port: address.port,
        connections: () => open,
        hold: () => {
          held = true;
          for (const socket of sockets) socket.pause();
        },
        release: () => {
          held = false;
          for (const socket of sockets) socket.resume();
        },
        stop: () =>
          new Promise<void>((resolveStop) => {
            for (const socket of sockets) socket.destroy();
            sockets.clear();
            server.close(() => resolveStop());
          }),
      });
    });
  });
}
