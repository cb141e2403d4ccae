import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import net from 'node:net';
import * as packet from 'dns-packet';
import type { Answer, DecodedPacket, RecordType } from 'dns-packet';
import type { AskedFrom } from '../../../src-shared/contract/dns';

/** A server asked: who it is to the zone (box, secondary, resolver, parent) and where it listens. */
export type Server = AskedFrom;

export interface Question {
  name: string;
  type: RecordType;
  /** Resolvers are asked to recurse; authoritative servers are not (a referral is the answer we want from a parent). */
  recurse: boolean;
}

/** An answer, or why there is none. `nxdomain` is an answer: the name does not exist there. */
export type Reply =
  | {
      ok: true;
      rcode: string;
      authoritative: boolean;
      answers: Answer[];
      authorities: Answer[];
      additionals: Answer[];
      via: 'udp' | 'tcp';
    }
  | { ok: false; reason: string; /** No answer at all within the timeout (not a refusal). */ silent?: boolean };

/** One distinct question of this client, for reports and for the benchmark's dig anchor. */
export interface AskedQuestion {
  server: Server;
  question: Question;
  /**
   * Filled in when the reply came. `not-asked`: the server had already let enough questions of this check go
   * unanswered that this one was not put on the wire.
   */
  outcome?: 'udp' | 'tcp' | 'unknown' | 'not-asked';
}

const EDNS_PAYLOAD = 1232;
/**
 * Questions on the wire at once, per server and in all. A burst of hundreds overflows a nameserver's socket buffer
 * (measured with nsd on loopback: answers lost, each costing a resend); a few dozen keep every server busy without
 * loss. Per server, so a server that never answers holds only its own share while the others go on.
 */
const PER_SERVER = 24;
const IN_ALL = 128;
/**
 * Once a question to a server went unanswered (its resend too) and the server has answered none of this check's
 * questions, the rest of them are unknown without asking: a dead server costs one timeout, not one per question.
 * A server that answered anything is always asked: one slow name is no sign it is gone.
 */
const SILENT_LIMIT = 1;

/** No answer within the timeout. */
class Silence extends Error {}

interface ServerState {
  inFlight: number;
  waiting: Array<() => void>;
  answered: boolean;
  unanswered: number;
}

interface Pending {
  server: Server;
  question: Question;
  settle(result: DecodedPacket | Error): void;
}

/**
 * A small DNS client over dns-packet: UDP first (one socket per address family, replies matched by id, source and
 * question), TCP when the answer is truncated. No answer within the timeout, a refusal or a server failure is a
 * reply with ok false: the caller reports it as unknown, never as a failed check. The same question to the same
 * server within one client's life is asked once.
 */
export class DnsClient {
  readonly asked: AskedQuestion[] = [];
  private readonly memo = new Map<string, Promise<Reply>>();
  private readonly pending = new Map<number, Pending>();
  private readonly sockets = new Map<'udp4' | 'udp6', dgram.Socket>();
  /** Settles every TCP question in flight (with an error), so close() ends them too. */
  private readonly tcpInFlight = new Set<(error: Error) => void>();
  private closed = false;
  private readonly perServer = new Map<string, ServerState>();
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly options: { timeoutMs: number; signal?: AbortSignal }) {
    // One listener for the whole client: stopping ends every question in flight at once.
    options.signal?.addEventListener('abort', () => this.close(), { once: true });
  }

  ask(server: Server, question: Question): Promise<Reply> {
    const key = `${server.address}|${server.port}|${question.name.toLowerCase()}|${question.type}|${question.recurse}`;
    const known = this.memo.get(key);
    if (known) return known;
    const record: AskedQuestion = { server, question };
    this.asked.push(record);
    const state = this.stateOf(server);
    const reply = this.slot(state).then(async () => {
      if (!state.answered && state.unanswered >= SILENT_LIMIT) {
        this.release(state);
        record.outcome = 'not-asked';
        return {
          ok: false as const,
          silent: true,
          reason: `no answer to ${state.unanswered} earlier questions of this check (not asked again)`,
        };
      }
      const r = await this.askOnce(server, question);
      if (r.ok) state.answered = true;
      else if (r.silent) state.unanswered += 1;
      this.release(state);
      record.outcome = r.ok ? r.via : 'unknown';
      return r;
    });
    this.memo.set(key, reply);
    return reply;
  }

  private stateOf(server: Server): ServerState {
    const key = `${server.address}|${server.port}`;
    let state = this.perServer.get(key);
    if (!state) {
      state = { inFlight: 0, waiting: [], answered: false, unanswered: 0 };
      this.perServer.set(key, state);
    }
    return state;
  }

  /** Waits for a place on the wire: one of the server's own, then one of the client's. */
  private async slot(state: ServerState): Promise<void> {
    if (state.inFlight < PER_SERVER) state.inFlight += 1;
    else await new Promise<void>((resolve) => state.waiting.push(resolve));
    if (this.inFlight < IN_ALL) this.inFlight += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Hands both places to the next waiting questions, if any. */
  private release(state: ServerState): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight -= 1;
    const mine = state.waiting.shift();
    if (mine) mine();
    else state.inFlight -= 1;
  }

  close(): void {
    this.closed = true;
    for (const socket of this.sockets.values()) socket.close();
    this.sockets.clear();
    for (const pending of [...this.pending.values()]) pending.settle(new Error('the check was stopped'));
    this.pending.clear();
    for (const settle of [...this.tcpInFlight]) settle(new Error('the check was stopped'));
  }

  private async askOnce(server: Server, question: Question): Promise<Reply> {
    if (this.closed || this.options.signal?.aborted) return { ok: false, reason: 'the check was stopped' };
    let decoded: DecodedPacket | Error = await this.overUdp(server, question);
    let via: 'udp' | 'tcp' = 'udp';
    if (!(decoded instanceof Error) && decoded.flag_tc) {
      decoded = await this.overTcp(server, question);
      via = 'tcp';
    }
    if (decoded instanceof Error) return { ok: false, reason: decoded.message, silent: decoded instanceof Silence };
    const rcode = (decoded as DecodedPacket & { rcode?: string }).rcode ?? 'NOERROR';
    if (rcode === 'SERVFAIL')
      return {
        ok: false,
        reason: 'the server answered SERVFAIL (a validating resolver answers so when the zone’s DNSSEC is broken)',
      };
    if (rcode !== 'NOERROR' && rcode !== 'NXDOMAIN') return { ok: false, reason: `the server answered ${rcode}` };
    return {
      ok: true,
      rcode,
      authoritative: decoded.flag_aa,
      answers: decoded.answers ?? [],
      authorities: decoded.authorities ?? [],
      additionals: decoded.additionals ?? [],
      via,
    };
  }

  private query(id: number, question: Question): packet.Packet {
    return {
      type: 'query',
      id,
      flags: question.recurse ? packet.RECURSION_DESIRED : 0,
      questions: [{ type: question.type, name: question.name, class: 'IN' }],
      additionals: [
        {
          type: 'OPT',
          name: '.',
          udpPayloadSize: EDNS_PAYLOAD,
          extendedRcode: 0,
          ednsVersion: 0,
          flags: 0,
          flag_do: false,
          options: [],
        },
      ],
    };
  }

  private socket(family: 'udp4' | 'udp6'): dgram.Socket {
    const existing = this.sockets.get(family);
    if (existing) return existing;
    const socket = dgram.createSocket(family);
    socket.on('message', (message, rinfo) => this.onMessage(message, rinfo));
    // A socket error (e.g. ICMP unreachable surfaced on some systems) must not crash: the pending questions time out.
    socket.on('error', () => undefined);
    socket.unref();
    this.sockets.set(family, socket);
    return socket;
  }

  private onMessage(message: Buffer, rinfo: dgram.RemoteInfo): void {
    let decoded: DecodedPacket;
    try {
      decoded = packet.decode(message);
    } catch {
      return; // Not a DNS message: ignore it, the real answer may still come.
    }
    if (decoded.id === undefined) return;
    const pending = this.pending.get(decoded.id);
    if (!pending) return;
    // Only the server asked may answer, and only the question asked: anything else is spoofed or stale.
    if (!sameAddress(rinfo.address, pending.server.address) || rinfo.port !== pending.server.port) return;
    if (!matchesQuestion(decoded, pending.question)) return;
    pending.settle(decoded);
  }

  private freeId(): number {
    for (;;) {
      const id = randomInt(0, 65536);
      if (!this.pending.has(id)) return id;
    }
  }

  private overUdp(server: Server, question: Question): Promise<DecodedPacket | Error> {
    return new Promise((resolve) => {
      const id = this.freeId();
      let message: Buffer;
      try {
        message = packet.encode(this.query(id, question));
      } catch (error) {
        resolve(new Error(`the question could not be written (${(error as Error).message})`));
        return;
      }
      const socket = this.socket(isIPv6(server.address) ? 'udp6' : 'udp4');
      // A send that fails at once (no route to an IPv6 address, say) is an answer now, not after the timeout.
      const send = (): void =>
        socket.send(message, server.port, server.address, (error) => {
          if (error) settle(new Error(`could not send to ${server.address} (${error.message})`));
        });
      // One resend halfway through: a single lost datagram should not turn into an unknown.
      const resend = setTimeout(send, Math.floor(this.options.timeoutMs / 2));
      const timer = setTimeout(
        () => settle(new Silence(`no answer within ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
      const settle = (result: DecodedPacket | Error): void => {
        clearTimeout(resend);
        clearTimeout(timer);
        if (this.pending.get(id)?.settle === settle) this.pending.delete(id);
        resolve(result);
      };
      this.pending.set(id, { server, question, settle });
      send();
    });
  }

  private overTcp(server: Server, question: Question): Promise<DecodedPacket | Error> {
    if (this.closed) return Promise.resolve(new Error('the check was stopped'));
    return new Promise((resolve) => {
      const id = this.freeId();
      const socket = net.connect({ host: server.address, port: server.port });
      let buffered = Buffer.alloc(0);
      let done = false;
      const timer = setTimeout(
        () => settle(new Error(`no answer over TCP within ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
      const settle = (result: DecodedPacket | Error): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.tcpInFlight.delete(settle);
        socket.destroy();
        resolve(result);
      };
      this.tcpInFlight.add(settle);
      socket.setNoDelay(true);
      socket.on('connect', () => socket.write(packet.streamEncode(this.query(id, question))));
      socket.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        if (buffered.length < 2) return;
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) return;
        try {
          const decoded = packet.decode(buffered.subarray(2, 2 + length));
          if (decoded.id !== id || !matchesQuestion(decoded, question))
            settle(new Error('the TCP answer was for another question'));
          else settle(decoded);
        } catch (error) {
          settle(new Error(`the TCP answer could not be read (${(error as Error).message})`));
        }
      });
      socket.on('error', (error) => settle(new Error(`TCP: ${error.message}`)));
      socket.on('close', () => settle(new Error('the server closed the TCP connection without an answer')));
    });
  }
}

function sameAddress(a: string, b: string): boolean {
  const strip = (s: string): string => s.replace(/^::ffff:/i, '').toLowerCase();
  return strip(a) === strip(b);
}

function matchesQuestion(decoded: DecodedPacket, question: Question): boolean {
  const asked = decoded.questions?.[0];
  if (!asked) return false;
  return (
    asked.type === question.type &&
    asked.name.replace(/\.$/, '').toLowerCase() === question.name.replace(/\.$/, '').toLowerCase()
  );
}
