import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { InstallStatus, NextSteps } from '../../src-shared/contract/install';
import { fail, type Result } from '../../src-shared/contract/result';
import { findSameServer, sameServerMessage, type Box } from '../../src-shared/domain/box';
import { sameFingerprint } from '../../src-shared/domain/install-outcome';
import type { BoxInfo } from '../box/api-request';
import type { BoxExec } from '../box/api-key';
import type { BoxApiClients } from '../box/box-api-clients';
import type { FleetService } from '../fleet/fleet-service';
import { CREDENTIAL_KINDS, deleteAllSecrets, keychainAccount, type Keychain } from '../secrets/keychain';
import { setChosenPassword, type ChosenAdmin } from './admin-password';
import type { StoredInstall } from './install-store';

export type Outcome = NonNullable<InstallStatus['outcome']>;

/** The certificate fingerprint a TLS server presents (`AB:CD:…`), or null when it could not be reached. */
export type TlsProbe = (target: { host: string; servername: string; socket?: Duplex }) => Promise<string | null>;

export const tlsProbe: TlsProbe = ({ host, servername, socket }) =>
  new Promise((resolve) => {
    let settled = false;
    let tls: TLSSocket | undefined;
    const done = (value: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      tls?.destroy();
      socket?.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(null), 8_000);
    try {
      tls = tlsConnect({
        ...(socket ? { socket } : { host, port: 443 }),
        ...(isIP(servername) ? {} : { servername }),
        // Only the fingerprint is read, to compare with what setup printed: trust is what is being checked.
        rejectUnauthorized: false,
      });
      tls.once('secureConnect', () => done(tls?.getPeerCertificate().fingerprint256 ?? null));
      tls.once('error', () => done(null));
    } catch {
      done(null);
    }
  });

export interface FinishDeps {
  ssh: BoxExec & { forwardOut(id: string, host: string, port: number): Promise<Result<Duplex>> };
  apis: Pick<BoxApiClients, 'for' | 'forget'>;
  fleet: FleetService;
  keychain: Keychain;
  tls: TlsProbe;
  now(): Date;
}

/** Port 443 as the desktop reaches it, else through the SSH connection (a firewall in between is not the box's fault). */
async function servedFingerprint(deps: FinishDeps, stored: StoredInstall, hostname: string): Promise<string | null> {
  const direct = await deps.tls({ host: stored.record.host, servername: hostname });
  if (direct !== null) return direct;
  const channel = await deps.ssh.forwardOut(stored.login.targetId, '127.0.0.1', 443);
  return channel.ok ? deps.tls({ host: '127.0.0.1', servername: hostname, socket: channel.value }) : null;
}

export function nextSteps(
  hostname: string,
  ipv4: string | null,
  ipv6: string | null,
  tls: NextSteps['tls'],
): NextSteps {
  const addresses = [ipv4, ipv6].filter((a): a is string => a !== null && a !== '' && a !== 'auto');
  return {
    hostname,
    nameservers: [`ns1.${hostname}`, `ns2.${hostname}`],
    glue: [`ns1.${hostname}`, `ns2.${hostname}`].map((host) => ({ host, ipv4, ipv6 })),
    reverseDns: addresses.map((address) => ({ address, name: hostname })),
    tls,
    controlPanel: `https://${hostname}/admin`,
  };
}

function address(printed: string | null, answered: string | null): string | null {
  const value = printed ?? answered;
  return value === null || value === '' || value === 'auto' ? null : value;
}

/** Copies the install's login to the new box's keychain entries and saves the box; the install's entries go. */
async function saveBox(deps: FinishDeps, stored: StoredInstall, info: BoxInfo, hostname: string): Promise<Result<Box>> {
  const { record, login } = stored;
  if (!login.auth) return fail('internal', 'This install has no login to save with the box.');
  const boxes = await deps.fleet.list();
  if (!boxes.ok) return boxes;
  const existing = findSameServer(boxes.value, record);
  if (existing) return fail('conflict', sameServerMessage(existing), { retryable: false });
  const boxId = `box-${randomBytes(6).toString('hex')}`;
  for (const kind of CREDENTIAL_KINDS) {
    const secret = await deps.keychain.get(keychainAccount(login.targetId, kind));
    if (!secret.ok) return secret;
    if (secret.value === null) continue;
    const stored = await deps.keychain.set(keychainAccount(boxId, kind), secret.value);
    if (!stored.ok) {
      await deleteAllSecrets(deps.keychain, boxId);
      return stored;
    }
  }
  const now = deps.now().toISOString();
  // The name was free when the install started; a box added meanwhile may have taken it.
  const taken = new Set(boxes.value.map((b) => b.name.toLowerCase()));
  let name = record.name;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${record.name.slice(0, 60)}-${n}`;
  const box: Box = {
    id: boxId,
    name,
    host: record.host,
    port: record.port,
    user: record.user,
    auth: login.auth,
    tags: record.tags,
    apiPort: login.apiPort,
    paths: login.paths,
    addedAt: now,
    ...(login.jumpHost ? { jumpHost: login.jumpHost } : {}),
    detected: { flavour: info.flavour, version: info.version, hostname, checkedAt: now },
  };
  const saved = await deps.fleet.save(box);
  if (!saved.ok) {
    await deleteAllSecrets(deps.keychain, boxId);
    return saved;
  }
  await deleteAllSecrets(deps.keychain, login.targetId);
  return saved;
}

const notAdded = (message: string): Outcome => ({
  ok: false,
  failingStep: 'Adding the box to the fleet',
  message: `Setup finished, but ${message}`,
  next: 'Add the box from the Fleet screen (Add a box) with the same login.',
  nextSteps: null,
});

/**
 * After the success marker: ask the API what it is (its client reads the API key), add the box to the fleet with the install's
 * login, and compare the TLS fingerprint setup printed with what port 443 serves.
 */
export async function finishInstall(
  deps: FinishDeps,
  stored: StoredInstall,
  printed: { fingerprint: string | null; hostname: string | null; publicIp: string | null; publicIpv6: string | null },
  /** The first admin and the password chosen in the wizard; unknown after a restart (it is never written down). */
  admin?: ChosenAdmin,
): Promise<{ outcome: Outcome; box?: Box }> {
  const { login, record } = stored;
  const hostname = printed.hostname ?? record.hostname;
  const api = deps.apis.for({ id: login.targetId, user: record.user, apiPort: login.apiPort, paths: login.paths });
  const info = await api.detect({ refresh: true });
  const passwordNote = info.ok
    ? await setChosenPassword((email, password) => api.routes.users.setPassword(email, password), admin)
    : null;
  deps.apis.forget(login.targetId);
  if (!info.ok) return { outcome: notAdded(`the box's API does not answer: ${info.error.message}`) };
  const box = await saveBox(deps, stored, info.value, hostname);
  if (!box.ok) return { outcome: notAdded(`the box could not be added to the fleet: ${box.error.message}`) };
  const served = await servedFingerprint(deps, stored, hostname);
  const match = printed.fingerprint !== null && served !== null ? sameFingerprint(printed.fingerprint, served) : null;
  const tlsNote =
    match === false
      ? ' Port 443 serves another certificate than the one setup made: check what answers there before you trust it.'
      : served === null
        ? ' Port 443 could not be reached, so the certificate was not compared.'
        : '';
  return {
    box: box.value,
    outcome: {
      ok: true,
      failingStep: null,
      message: `Your Mail-in-a-Box is running and is in the fleet as "${box.value.name}".${tlsNote}${passwordNote ?? ''}`,
      next: passwordNote === null ? null : 'Set the first admin’s password on the box’s Mailboxes page.',
      // The addresses setup printed in its summary are what it resolved `auto` to; the answers otherwise.
      nextSteps: nextSteps(
        hostname,
        address(printed.publicIp, stored.publicIp),
        address(printed.publicIpv6, stored.publicIpv6),
        {
          printed: printed.fingerprint,
          served,
          match,
        },
      ),
    },
  };
}

/** After a re-run or upgrade: the daemon restarted with a new API key, so the client forgets the old one and asks again. */
export async function finishRerun(deps: FinishDeps, stored: StoredInstall): Promise<{ outcome: Outcome }> {
  const boxId = stored.login.targetId;
  deps.apis.forget(boxId);
  const found = await deps.fleet.find(boxId);
  if (!found.ok)
    return { outcome: { ok: true, failingStep: null, message: 'Setup finished.', next: null, nextSteps: null } };
  const info = await deps.apis.for(found.value).detect({ refresh: true });
  if (!info.ok)
    return {
      outcome: {
        ok: false,
        failingStep: 'Checking the box',
        message: `Setup finished, but the box's API does not answer: ${info.error.message}`,
        next: 'Test the box from its page in a minute; the daemon may still be starting.',
        nextSteps: null,
      },
    };
  const now = deps.now().toISOString();
  await deps.fleet.save({
    ...found.value,
    detected: {
      flavour: info.value.flavour,
      version: info.value.version,
      checkedAt: now,
      ...(found.value.detected?.hostname ? { hostname: found.value.detected.hostname } : {}),
    },
  });
  return {
    outcome: {
      ok: true,
      failingStep: null,
      message: `Setup finished: ${found.value.name} runs ${info.value.version}. The daemon restarted with a new API key.`,
      next: null,
      nextSteps: null,
    },
  };
}
