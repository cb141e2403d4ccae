/**
 * Building a box's state: defaults that match a freshly set-up box, and the seed helpers tests use.
 */
import { randomBytes } from 'node:crypto';
import { hashPassword } from './passwords';
import type { AliasRecord, BoxState, Flavour, MfaDevice, UserRecord } from './types';

export interface CreateStateOptions {
  flavour: Flavour;
  hostname?: string;
  version?: string;
  publicIp?: string;
  publicIpv6?: string;
  storageRoot?: string;
}

/** A box as setup leaves it, minus the first user (see `addFirstAdmin`). */
export function createState(options: CreateStateOptions): BoxState {
  const power = options.flavour === 'power';
  return {
    flavour: options.flavour,
    version: options.version ?? (power ? 'v60.5' : 'v75'),
    hostname: options.hostname ?? 'box.example.com',
    publicIp: options.publicIp ?? '203.0.113.10',
    publicIpv6: options.publicIpv6 ?? '',
    storageRoot: options.storageRoot ?? '/home/user-data',
    users: [],
    aliases: [],
    autoAliases: [],
    noreply: [],
    leftoverMailboxes: [],
    customDns: [],
    secondaryNameservers: [],
    certs: [],
    privacy: true,
    defaultQuota: '0',
    backup: { target: 'local', targetUser: '', targetPass: '', minAgeInDays: 3, rsyncPort: 22, history: [] },
    status: [],
    updates: [],
    rebootRequired: false,
    latestUpstreamVersion: null,
    pgp: { daemon: null, imported: [], wkd: {} },
    smtpRelay: {
      enabled: false,
      host: '',
      port: null,
      user: '',
      password: null,
      authorizedServers: [],
      spfRecord: null,
      dkimSelector: null,
      dkimRr: '',
    },
    webCustomRoots: [],
    generated: { zones: {}, nginx: '' },
  };
}

export interface SeedUser {
  email: string;
  password: string;
  privileges?: string[];
  quota?: string;
  maildirsize?: UserRecord['maildirsize'];
}

/** Insert a user row directly (no validation, no kick), hashing the password like doveadm. */
export function addUser(state: BoxState, seed: SeedUser): UserRecord {
  const user: UserRecord = {
    id: state.users.reduce((m, u) => Math.max(m, u.id), 0) + 1,
    email: seed.email,
    password: hashPassword(seed.password),
    privileges: seed.privileges ?? [],
    quota: seed.quota ?? '0',
    maildirsize: seed.maildirsize ?? null,
    mfa: [],
  };
  state.users.push(user);
  return user;
}

export interface SeedAlias {
  source: string;
  /** Comma-joined or a list. */
  destination: string | string[];
  permittedSenders?: string | string[] | null;
}

/** Insert an alias row directly (no validation, no kick). */
export function addAlias(state: BoxState, seed: SeedAlias): AliasRecord {
  const join = (v: string | string[]): string => (Array.isArray(v) ? v.join(',') : v);
  const senders =
    seed.permittedSenders === undefined || seed.permittedSenders === null ? null : join(seed.permittedSenders);
  const alias: AliasRecord = {
    source: seed.source,
    destination: join(seed.destination),
    permittedSenders: senders === '' ? null : senders,
  };
  state.aliases = state.aliases.filter((a) => a.source !== alias.source);
  state.aliases.push(alias);
  return alias;
}

/** A mailbox left behind by a removed user (it lists as `inactive`). */
export function addLeftoverMailbox(
  state: BoxState,
  email: string,
  maildirsize: UserRecord['maildirsize'] = null,
): void {
  const at = email.indexOf('@');
  state.leftoverMailboxes.push({ domain: email.slice(at + 1), localpart: email.slice(0, at), maildirsize });
}

/** Enable a TOTP device for a user directly (the secret must be 32 base32 characters). */
export function addTotp(state: BoxState, email: string, secret: string, label: string | null = null): MfaDevice {
  const user = state.users.find((u) => u.email === email);
  if (!user) throw new Error(`no such user: ${email}`);
  const id = state.users.flatMap((u) => u.mfa).reduce((m, d) => Math.max(m, d.id), 0) + 1;
  const device: MfaDevice = { id, type: 'totp', secret, mruToken: null, label };
  user.mfa.push(device);
  return device;
}

/** 32 base32 characters from 20 random bytes, like `base64.b32encode(os.urandom(20))`. */
export function newTotpSecret(): string {
  const bytes = randomBytes(20);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}
