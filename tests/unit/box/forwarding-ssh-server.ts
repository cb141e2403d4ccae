/**
 * A real SSH server (ssh2) that only forwards direct-tcpip channels, like sshd does for `forwardOut`, and counts
 * them on its side: what a client leaks shows up here as channels that never close.
 */
import { connect, type AddressInfo, type Socket } from 'node:net';
import { Client, Server, type Connection, type ServerChannel } from 'ssh2';
import { ok, type Result } from '../../../src-shared/contract/result';
import type { BoxSsh } from '../../../src-main/box/box-api-client';
import { forwardOnClient } from '../../../src-main/ssh/forward';
import { generateEd25519KeyPair } from '../../../src-main/ssh/key-pairs';
import type { ExecResult } from '../../../src-main/ssh/types';

export interface ChannelRecord {
  index: number;
  /** Held channels only: whether the next channel was opened while this channel's answer was held. */
  nextOpenedWhileHeld?: boolean;
  closed: boolean;
}

export class ForwardingSshServer {
  readonly channels: ChannelRecord[] = [];
  /**
   * From this channel index on, hold each channel's answer until the next channel is open (at most holdMaxMs),
   * so whether the client opens channels ahead does not depend on which packet happens to arrive first.
   */
  holdAnswersFrom = Number.POSITIVE_INFINITY;
  holdMaxMs = 1000;
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private waiters: Array<() => boolean> = [];
  port = 0;

  constructor() {
    const hostKey = { private: generateEd25519KeyPair().privateKey };
    this.server = new Server({ hostKeys: [hostKey.private] }, (connection) => {
      this.connections.add(connection);
      connection.on('close', () => this.connections.delete(connection));
      connection.on('error', () => undefined);
      connection.on('authentication', (ctx) => ctx.accept());
      connection.on('ready', () => {
        connection.on('tcpip', (accept, reject, info) => {
          // Like sshd: the channel is confirmed only once the daemon's port accepted the TCP connection.
          const upstream = connect({ host: info.destIP, port: info.destPort });
          upstream.once('error', () => reject());
          upstream.once('connect', () => {
            upstream.removeAllListeners('error');
            upstream.on('error', () => undefined);
            this.bridge(accept(), upstream);
          });
        });
      });
    });
  }

  private bridge(channel: ServerChannel, upstream: Socket): void {
    const record: ChannelRecord = { index: this.channels.length, closed: false };
    this.channels.push(record);
    this.waiters = this.waiters.filter((waiter) => !waiter());
    channel.on('error', () => undefined);
    channel.pipe(upstream);
    let chain = Promise.resolve();
    const gate = async (): Promise<void> => {
      if (record.index < this.holdAnswersFrom || record.nextOpenedWhileHeld !== undefined) return;
      record.nextOpenedWhileHeld = await this.nextOpened(record.index);
    };
    upstream.on('data', (chunk: Buffer) => {
      chain = chain.then(gate).then(() => void channel.write(chunk));
    });
    // What sshd does when the daemon closes its end: EOF, then CHANNEL_CLOSE (a server channel's end() sends both).
    upstream.on('end', () => {
      chain = chain.then(gate).then(() => void channel.end());
    });
    upstream.on('close', () => {
      // ssh2 emits a server channel's 'close' only after its 'end': keep reading once the pipe is gone.
      channel.resume();
      chain = chain.then(() => channel.close());
    });
    channel.on('close', () => {
      record.closed = true;
      upstream.destroy();
    });
  }

  /** True once channel `index + 1` exists, false if it did not appear within holdMaxMs. */
  private nextOpened(index: number): Promise<boolean> {
    if (this.channels.length > index + 1) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = (): boolean => {
        if (this.channels.length <= index + 1) return false;
        clearTimeout(timer);
        resolve(true);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, this.holdMaxMs);
      this.waiters.push(waiter);
    });
  }

  openChannels(): number {
    return this.channels.filter((c) => !c.closed).length;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const connection of this.connections) connection.end();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** BoxSsh over a real ssh2 client connection; the API key "file" is read from the emulator. */
export async function connectBoxSsh(
  port: number,
  apiKey: () => string,
): Promise<{ ssh: BoxSsh & { opened: number }; client: Client }> {
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', reject);
    client.connect({ host: '127.0.0.1', port, username: 'bfadmin', password: 'unused' });
  });
  client.setNoDelay(true);
  const ssh = {
    opened: 0,
    exec: async (): Promise<Result<ExecResult>> => ok({ code: 0, signal: null, stdout: apiKey(), stderr: '' }),
    forwardOut(_boxId: string, host: string, targetPort: number) {
      ssh.opened += 1;
      return forwardOnClient(client, host, targetPort);
    },
  };
  return { ssh, client };
}
