import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import { linesFor, parseKnownHosts } from './known-hosts-file';
import type { KnownHostEntry, KnownHostsData, KnownHostsStorage } from './known-hosts-storage';

/**
 * `mismatch` also covers a key of a type we have never seen for a host we know: a changed key is a hard stop,
 * and an attacker must not be able to downgrade that to a first-contact question by offering another key type.
 */
export type HostKeyCheck =
  | { readonly status: 'trusted' }
  | { readonly status: 'unknown' }
  | { readonly status: 'mismatch'; readonly expected: string; readonly expectedKeyType: string };

/** What SshPool needs from the host-key store. */
export interface HostKeyChecker {
  check(host: string, port: number, keyType: string, fingerprint: string): Promise<Result<HostKeyCheck>>;
  /** Key types already known for host:port, so the SSH handshake can ask for one of those first. */
  knownKeyTypes(host: string, port: number): Promise<Result<string[]>>;
}

export interface HostKeysDeps {
  storage: KnownHostsStorage;
  /** Text of the user's ~/.ssh/known_hosts, or null when there is none. */
  readSystemKnownHosts?: () => Promise<string | null>;
  now?: () => Date;
}

interface Known {
  keyType: string;
  fingerprint: string;
  revoked: boolean;
}

export async function readUserKnownHosts(): Promise<string | null> {
  try {
    return await readFile(join(homedir(), '.ssh', 'known_hosts'), 'utf8');
  } catch {
    return null;
  }
}

function sameHost(entry: KnownHostEntry, host: string, port: number): boolean {
  return entry.host === host.toLowerCase() && entry.port === port;
}

/**
 * Known host keys keyed by host, port and key type. Answers with a verdict and never asks the user itself:
 * the caller decides whether to show a first-contact confirmation or a changed-key stop.
 */
export class HostKeys implements HostKeyChecker {
  private readonly storage: KnownHostsStorage;
  private readonly readSystem: () => Promise<string | null>;
  private readonly now: () => Date;

  constructor(deps: HostKeysDeps) {
    this.storage = deps.storage;
    this.readSystem = deps.readSystemKnownHosts ?? readUserKnownHosts;
    this.now = deps.now ?? (() => new Date());
  }

  private async known(host: string, port: number): Promise<Result<Known[]>> {
    const loaded = await this.storage.load();
    if (!loaded.ok) return loaded;
    const known: Known[] = loaded.value.hosts
      .filter((e) => sameHost(e, host, port))
      .map((e) => ({ keyType: e.keyType, fingerprint: e.fingerprint, revoked: false }));
    const systemText = await this.readSystem();
    if (systemText !== null) {
      for (const line of linesFor(parseKnownHosts(systemText), host, port)) {
        known.push({ keyType: line.keyType, fingerprint: line.fingerprint, revoked: line.marker === 'revoked' });
      }
    }
    return ok(known);
  }

  async check(host: string, port: number, keyType: string, fingerprint: string): Promise<Result<HostKeyCheck>> {
    const known = await this.known(host, port);
    if (!known.ok) return known;
    const entries = known.value;
    const revoked = entries.find((k) => k.revoked && k.fingerprint === fingerprint);
    if (revoked)
      return ok({
        status: 'mismatch',
        expected: '(this key is marked @revoked in ~/.ssh/known_hosts)',
        expectedKeyType: keyType,
      });
    const trusted = entries.filter((k) => !k.revoked);
    if (trusted.some((k) => k.keyType === keyType && k.fingerprint === fingerprint)) return ok({ status: 'trusted' });
    if (trusted.length === 0) return ok({ status: 'unknown' });
    const expected = trusted.find((k) => k.keyType === keyType) ?? trusted[0];
    if (expected === undefined) return ok({ status: 'unknown' });
    return ok({ status: 'mismatch', expected: expected.fingerprint, expectedKeyType: expected.keyType });
  }

  async knownKeyTypes(host: string, port: number): Promise<Result<string[]>> {
    const known = await this.known(host, port);
    if (!known.ok) return known;
    return ok([...new Set(known.value.filter((k) => !k.revoked).map((k) => k.keyType))]);
  }

  /**
   * Records a key the user confirmed. Replaces every key we hold for host:port, so accepting a changed key
   * (after the user verified it out of band) is the same single deliberate step as a first contact.
   */
  async trust(host: string, port: number, keyType: string, fingerprint: string): Promise<Result<void>> {
    if (!/^SHA256:[A-Za-z0-9+/]{43}$/.test(fingerprint))
      return fail('validation', `Not a SHA-256 host key fingerprint: ${fingerprint}`);
    const loaded = await this.storage.load();
    if (!loaded.ok) return loaded;
    const data: KnownHostsData = {
      version: 1,
      hosts: [
        ...loaded.value.hosts.filter((e) => !sameHost(e, host, port)),
        { host: host.toLowerCase(), port, keyType, fingerprint, addedAt: this.now().toISOString() },
      ],
    };
    return this.storage.save(data);
  }

  /** Drops what we hold for host:port (all key types, or one). Keys in ~/.ssh/known_hosts are the user's and stay. */
  async forget(host: string, port: number, keyType?: string): Promise<Result<void>> {
    const loaded = await this.storage.load();
    if (!loaded.ok) return loaded;
    const hosts = loaded.value.hosts.filter(
      (e) => !(sameHost(e, host, port) && (keyType === undefined || e.keyType === keyType)),
    );
    return this.storage.save({ version: 1, hosts });
  }

  async list(): Promise<Result<KnownHostEntry[]>> {
    const loaded = await this.storage.load();
    return loaded.ok ? ok(loaded.value.hosts) : loaded;
  }
}
