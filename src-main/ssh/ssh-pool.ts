import type { Duplex } from 'node:stream';
import type { Client, SFTPWrapper } from 'ssh2';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { HostKeyChecker } from '../hostkeys/host-keys';
import { connectEndpoint, type ConnectTuning } from './connect';
import { execOnClient } from './exec';
import { forwardOnClient, hopThrough } from './forward';
import { probeHostKey, type HostKeyProbe, type ProbeTarget } from './probe-host-key';
import { roundTripOnClient, type RoundTripOptions } from './round-trip';
import type { ExecOptions, ExecResult, SshTarget } from './types';

export interface SshPoolDeps {
  hostKeys: HostKeyChecker;
  /** Turns a box id into where and how to log in (profile + keychain secrets). Called on every (re)connect. */
  resolveTarget: (boxId: string) => Promise<Result<SshTarget>>;
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** Waits between reconnect attempts after a connection dropped. */
  reconnectDelaysMs?: readonly number[];
  /** SSH_AUTH_SOCK for agent auth; defaults to process.env. */
  agentSocket?: string;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Closes a box's connection after it was unused this long (0 or absent: never). Unused means no exec or SFTP
   * session running and no forwarded channel open; the real daemon closes its connection after every answer.
   */
  idleCloseMs?: number;
  /** Injected so tests drive the idle timer; unref'd real timers by default. */
  timers?: PoolTimers;
}

export interface PoolTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const unrefTimers: PoolTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // An idle timer must not keep the CLI alive.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Live {
  readonly client: Client;
  readonly jump: Client | undefined;
  alive: boolean;
  /** Exec and SFTP sessions running and forwarded channels open on this connection. */
  inUse: number;
  idleTimer?: unknown;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One persistent SSH connection per box, shared by exec, SFTP and tunnels. A connection that drops is
 * re-established on the next use, with a short backoff while the box is still coming back.
 */
export class SshPool {
  private readonly hostKeys: HostKeyChecker;
  private readonly resolveTarget: SshPoolDeps['resolveTarget'];
  private readonly tuning: ConnectTuning;
  private readonly reconnectDelaysMs: readonly number[];
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly live = new Map<string, Live>();
  private readonly pending = new Map<string, Promise<Result<Live>>>();
  private readonly dropped = new Set<string>();
  /** Bumped by close(): a connect that finishes after its box was closed is thrown away. */
  private readonly generation = new Map<string, number>();
  private idleCloseMs: number;
  private readonly timers: PoolTimers;

  constructor(deps: SshPoolDeps) {
    this.hostKeys = deps.hostKeys;
    this.resolveTarget = deps.resolveTarget;
    this.tuning = {
      readyTimeoutMs: deps.readyTimeoutMs ?? 10_000,
      keepaliveIntervalMs: deps.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: deps.keepaliveCountMax ?? 3,
      agentSocket: deps.agentSocket ?? process.env['SSH_AUTH_SOCK'],
    };
    this.reconnectDelaysMs = deps.reconnectDelaysMs ?? [250, 1000];
    this.sleep = deps.sleep ?? wait;
    this.idleCloseMs = deps.idleCloseMs ?? 0;
    this.timers = deps.timers ?? unrefTimers;
  }

  /** Changes the idle time (the schedule's `idleCloseSeconds`); applies from each connection's next idle moment. */
  setIdleClose(ms: number): void {
    this.idleCloseMs = ms;
  }

  /** Marks the box's connection busy until the returned function is called; the idle clock restarts then. */
  private hold(boxId: string): () => void {
    const live = this.live.get(boxId);
    if (!live) return () => undefined;
    live.inUse++;
    if (live.idleTimer !== undefined) this.timers.clearTimeout(live.idleTimer);
    live.idleTimer = undefined;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      live.inUse--;
      this.armIdle(boxId, live);
    };
  }

  private armIdle(boxId: string, live: Live): void {
    if (live.inUse > 0 || this.idleCloseMs <= 0 || !live.alive) return;
    if (live.idleTimer !== undefined) this.timers.clearTimeout(live.idleTimer);
    live.idleTimer = this.timers.setTimeout(() => {
      live.idleTimer = undefined;
      if (live.inUse === 0 && this.live.get(boxId) === live) this.close(boxId);
    }, this.idleCloseMs);
  }

  /** The box's connection, opening it if needed. */
  async connection(boxId: string): Promise<Result<Client>> {
    const current = this.live.get(boxId);
    if (current?.alive) return ok(current.client);
    let pending = this.pending.get(boxId);
    if (!pending) {
      pending = this.open(boxId).finally(() => this.pending.delete(boxId));
      this.pending.set(boxId, pending);
    }
    const opened = await pending;
    return opened.ok ? ok(opened.value.client) : opened;
  }

  isConnected(boxId: string): boolean {
    return this.live.get(boxId)?.alive === true;
  }

  private async open(boxId: string): Promise<Result<Live>> {
    const generation = this.generation.get(boxId) ?? 0;
    const delays = this.dropped.has(boxId) ? this.reconnectDelaysMs : [];
    let result = await this.attempt(boxId);
    for (const delay of delays) {
      // Only a box that is briefly away (restarting sshd, rebooting) is worth waiting for; a refused key is not.
      if (result.ok || result.error.code !== 'host-unreachable') break;
      await this.sleep(delay);
      result = await this.attempt(boxId);
    }
    if (!result.ok) return result;
    const live = result.value;
    if ((this.generation.get(boxId) ?? 0) !== generation) {
      live.client.end();
      live.jump?.end();
      return fail('cancelled', 'The connection was closed while it was being opened.');
    }
    this.dropped.delete(boxId);
    this.live.set(boxId, live);
    this.armIdle(boxId, live);
    const onGone = (): void => {
      if (!live.alive) return;
      live.alive = false;
      if (live.idleTimer !== undefined) this.timers.clearTimeout(live.idleTimer);
      live.jump?.end();
      if (this.live.get(boxId) === live) {
        this.live.delete(boxId);
        this.dropped.add(boxId);
      }
    };
    live.client.on('close', onGone);
    live.client.on('end', onGone);
    live.jump?.on('close', () => live.client.end());
    return ok(live);
  }

  private async attempt(boxId: string): Promise<Result<Live>> {
    const target = await this.resolveTarget(boxId);
    if (!target.ok) return target;
    const t = target.value;
    if (!t.jump) {
      const direct = await connectEndpoint(t, this.hostKeys, this.tuning, 'connect');
      return direct.ok ? ok({ client: direct.value.client, jump: undefined, alive: true, inUse: 0 }) : direct;
    }
    const jump = await connectEndpoint(t.jump, this.hostKeys, this.tuning, 'jump');
    if (!jump.ok) return jump;
    const hop = await hopThrough(jump.value.client, t.jump, t.host, t.port);
    if (!hop.ok) {
      jump.value.client.end();
      return hop;
    }
    const box = await connectEndpoint(t, this.hostKeys, this.tuning, 'connect', hop.value);
    if (!box.ok) {
      jump.value.client.end();
      return box;
    }
    return ok({ client: box.value.client, jump: jump.value.client, alive: true, inUse: 0 });
  }

  async exec(boxId: string, command: string, options: ExecOptions = {}): Promise<Result<ExecResult>> {
    const client = await this.connection(boxId);
    if (!client.ok) return client;
    const release = this.hold(boxId);
    try {
      return await execOnClient(client.value, command, options);
    } finally {
      release();
    }
  }

  /** One network round trip to the box on its connection, in ms (opening the connection first if needed). */
  async roundTrip(boxId: string, options: RoundTripOptions = {}): Promise<Result<number>> {
    const client = await this.connection(boxId);
    if (!client.ok) return client;
    const release = this.hold(boxId);
    try {
      return await roundTripOnClient(client.value, options);
    } finally {
      release();
    }
  }

  /** A new SFTP session on the box's connection; the caller ends it when done. */
  async sftp(boxId: string): Promise<Result<SFTPWrapper>> {
    const client = await this.connection(boxId);
    if (!client.ok) return client;
    const release = this.hold(boxId);
    const opened = await new Promise<Result<SFTPWrapper>>((resolve) => {
      try {
        client.value.sftp((error, sftp) =>
          resolve(
            error
              ? fail('host-unreachable', `Could not open SFTP on the box: ${error.message}`, {
                  detail: { cause: error.message },
                })
              : ok(sftp),
          ),
        );
      } catch (error) {
        resolve(
          fail(
            'host-unreachable',
            `Could not open SFTP on the box: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      }
    });
    if (opened.ok) opened.value.once('close', release);
    else release();
    return opened;
  }

  /** A TCP channel from the box to host:port as the box sees it (e.g. the management daemon on 127.0.0.1:10222). */
  async forwardOut(boxId: string, host: string, port: number): Promise<Result<Duplex>> {
    const client = await this.connection(boxId);
    if (!client.ok) return client;
    const release = this.hold(boxId);
    const channel = await forwardOnClient(client.value, host, port);
    if (channel.ok) channel.value.once('close', release);
    else release();
    return channel;
  }

  /** Connects far enough to read the host key, then stops before authenticating. For first-contact confirmation. */
  async probeHostKey(target: ProbeTarget): Promise<Result<HostKeyProbe>> {
    return probeHostKey(target, this.hostKeys, this.tuning);
  }

  close(boxId: string): void {
    this.generation.set(boxId, (this.generation.get(boxId) ?? 0) + 1);
    this.dropped.delete(boxId);
    const live = this.live.get(boxId);
    this.live.delete(boxId);
    if (live) {
      live.alive = false;
      if (live.idleTimer !== undefined) this.timers.clearTimeout(live.idleTimer);
      live.client.end();
      live.jump?.end();
    }
  }

  closeAll(): void {
    for (const boxId of new Set([...this.live.keys(), ...this.pending.keys()])) this.close(boxId);
  }
}
