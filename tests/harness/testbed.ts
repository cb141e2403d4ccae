/**
 * A fleet of emulated boxes, each behind its own real sshd, for integration tests and benchmarks.
 *
 * Per box: an sshd (users bfadmin and bfnosudo, one client key authorized for both), the box emulator with its
 * files under a root dir that mirrors the box's `/`, a sudoers grant that lets bfadmin run exactly
 * `/usr/bin/cat <that box's api.key>` (the rule Boxfleet recommends), and optionally a network namespace (the sshd
 * runs there) and a delay proxy in front of the sshd. Clients reach the API only through the box's sshd with a
 * direct-tcpip forward to 127.0.0.1:<apiPort>, reading the root-only key with `sudo -n /usr/bin/cat`; tests talk
 * to the emulator port directly only to seed it.
 *
 * Health (fleet view) tests, with `startTestbed({ system: true, proxy: true, boxes })`:
 * - `bed.box(i).setSystemState({ services, disk, queue, rebootRequired, updates, missingTools })`: what the health
 *   probe sees on that box (box-system.ts; defaults: healthySystem()). Stub tools come first on that sshd's PATH,
 *   /run and STORAGE_ROOT (/home/user-data) are the box's own in a private mount namespace of its sshd; the probe
 *   itself runs unchanged, as on a real box. The box's `<root>/etc/nsd` is its /etc/nsd there too, so DNS tests read
 *   /etc/nsd/zones/<zone>.txt.ds where a real box keeps it (DNS beds use `system: true` for this).
 * - `bed.box(i).setLastBackup(date | null)`: the newest backup, in the API's backup status and as duplicity files in
 *   a root-only STORAGE_ROOT/backup/encrypted (bfadmin gets the recommended `sudo -n /usr/bin/ls -1 …` rule).
 * - `bed.box(i).setCertificateExpiry(days)`: a CA-signed certificate for the hostname that expires in `days` days.
 * - Down: `bed.box(i).sshd.stop()`; host key changed: `bed.box(i).sshd.restart({ newHostKey: true })`.
 * - Hanging: `bed.box(i).hang()` / `unhang()`: the proxy in front of sshd holds every byte, connections stay open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../emulator/index';
import { createBoxSystem, type BoxSystem, type BoxSystemState } from './box-system';
import { setCertificateExpiry, setLastBackup } from './box-facts';
import { startDelayProxy, type DelayProxy } from './delay-proxy';
import { startNamespaceBridge } from './namespace-bridge';
import { createNetns, type Netns } from './netns';
import { stopProcess } from './processes';
import { makeKeyPair, type KeyPair } from './ssh-keys';
import { startSshd, type SshdInstance } from './sshd';
import { grantApiKeyRead, grantBackupList } from './sudoers';
import { makeTempDir } from './temp';
import { ensureTestUsers, TEST_USERS, type TestUser } from './test-users';

export interface TestbedBoxOptions {
  flavour: 'upstream' | 'power';
  hostname?: string;
  admin?: { email: string; password: string };
  seed?: EmulatorOptions['seed'];
  /** Let sshd accept passwords too (keys always work). */
  passwordAuth?: boolean;
}

export interface TestbedOptions {
  boxes: TestbedBoxOptions[];
  /** Run each box's sshd in its own network namespace (throws if namespaces are not permitted: check netnsSupport()). */
  netns?: boolean;
  /** Round-trip latency added in front of each sshd by a delay proxy (half in each direction). */
  latencyMs?: number;
  /** A delay proxy in front of each sshd even without latency, so a box can be made to hang (`box.hang()`). */
  proxy?: boolean;
  /**
   * Give each box the system its health probe reads (box-system.ts): stub tools on sshd's PATH, a private mount
   * namespace for /run and STORAGE_ROOT, and bfadmin's sudo rule for listing local backups.
   */
  system?: boolean;
}

/** What a client needs to manage the box, shaped like the app's box profile. */
export interface BoxProfile {
  host: string;
  /** sshd's port (or the delay proxy's). */
  port: number;
  user: TestUser;
  privateKeyPath: string;
  hostKeyFingerprint: string;
  /** The management API's port on the box's loopback: the target of `forwardOut('127.0.0.1', apiPort)`. */
  apiPort: number;
  paths: { apiKey: string; conf: string; storageRoot: string };
}

export interface TestbedBox {
  index: number;
  hostname: string;
  /** Local dir mirroring the box's `/`. */
  root: string;
  /** As bfadmin (passwordless `sudo /usr/bin/cat` of this box's api.key, nothing else). */
  readonly profile: BoxProfile;
  profileAs(user: TestUser): BoxProfile;
  sshd: SshdInstance;
  /** The /etc/sudoers.d file holding bfadmin's one rule for this box's api.key. */
  sudoersGrant: string;
  emulator: EmulatorHandle;
  netns?: Netns;
  proxy?: DelayProxy;
  /** Like `systemctl restart mailinabox`: the API key rotates, sessions end, port and data stay. */
  restartEmulator(): Promise<void>;
  /** The probe's view of the box (only with `system: true`). */
  system?: BoxSystem;
  /** Changes what the probe sees: services, disk, queue, reboot flag, updates, missing tools (`system: true`). */
  setSystemState(change: Partial<BoxSystemState>): Promise<void>;
  /** The newest backup (null: none), both as the API reports it and as files in STORAGE_ROOT/backup/encrypted. */
  setLastBackup(at: Date | null): Promise<void>;
  /** Installs a signed certificate for the box's hostname that expires in `days` days (the API's TLS status). */
  setCertificateExpiry(days: number): void;
  /** The box stops answering without closing connections (needs a proxy: `proxy: true` or `latencyMs`). */
  hang(): void;
  unhang(): void;
}

export interface Testbed {
  boxes: TestbedBox[];
  /** boxes[index], or a thrown error. */
  box(index: number): TestbedBox;
  clientKey: KeyPair;
  stop(): Promise<void>;
}

/** The daemon's key file is root:root 0640 on a box: only root, or sudo, reads it. */
async function lockDownApiKey(file: string): Promise<void> {
  await fs.promises.chown(file, 0, 0);
  await fs.promises.chmod(file, 0o640);
}

async function startBox(
  index: number,
  options: TestbedBoxOptions,
  bed: TestbedOptions,
  clientKey: KeyPair,
  cleanups: Array<() => Promise<void>>,
): Promise<TestbedBox> {
  const hostname = options.hostname ?? `box${index + 1}.example.com`;
  const root = await makeTempDir(`box${index + 1}-root`, 0o755);

  let netns: Netns | undefined;
  if (bed.netns) {
    const created = await createNetns();
    netns = created;
    cleanups.push(() => created.destroy());
  }

  const emulator = await startEmulator({
    flavour: options.flavour,
    root,
    host: netns?.hostAddress ?? '127.0.0.1',
    port: 0,
    hostname,
    admin: options.admin,
    seed: options.seed,
  });
  cleanups.push(() => emulator.stop());
  await lockDownApiKey(emulator.keyPath);
  const grant = await grantApiKeyRead('bfadmin', emulator.keyPath);
  cleanups.push(() => grant.remove());

  if (netns) {
    const bridge = await startNamespaceBridge(netns, emulator.port, netns.hostAddress, emulator.port);
    cleanups.push(async () => void (await stopProcess(bridge)));
  }

  let system: BoxSystem | undefined;
  if (bed.system) {
    system = await createBoxSystem(emulator.box.storageDir, emulator.state.storageRoot, path.join(root, 'etc', 'nsd'));
    const backupGrant = await grantBackupList('bfadmin', system.storageRoot);
    cleanups.push(() => backupGrant.remove());
  }

  const sshd = await startSshd({
    users: [...TEST_USERS],
    netns: netns?.name,
    passwordAuth: options.passwordAuth ?? false,
    ...(system ? { setEnv: { PATH: system.path }, mountSetup: system.mountSetup } : {}),
  });
  cleanups.push(() => sshd.stop());
  system?.attach(() => sshd.pid());
  for (const user of TEST_USERS) await sshd.authorizeKey(user, clientKey.publicKeyLine);

  let proxy: DelayProxy | undefined;
  if ((bed.latencyMs !== undefined && bed.latencyMs > 0) || bed.proxy) {
    const delayMs = (bed.latencyMs ?? 0) / 2;
    const started = await startDelayProxy({ targetHost: sshd.host, targetPort: sshd.port, delayMs });
    proxy = started;
    cleanups.push(() => started.stop());
  }

  const profileAs = (user: TestUser): BoxProfile => ({
    host: proxy?.host ?? sshd.host,
    port: proxy?.port ?? sshd.port,
    user,
    privateKeyPath: clientKey.privateKeyPath,
    hostKeyFingerprint: sshd.hostKeyFingerprint,
    apiPort: emulator.port,
    paths: {
      apiKey: emulator.keyPath,
      conf: path.join(root, 'etc', 'mailinabox.conf'),
      storageRoot: path.join(root, emulator.state.storageRoot),
    },
  });

  return {
    index,
    hostname,
    root,
    get profile() {
      return profileAs('bfadmin');
    },
    profileAs,
    sshd,
    sudoersGrant: grant.file,
    emulator,
    netns,
    proxy,
    restartEmulator: async () => {
      await emulator.restart();
      await lockDownApiKey(emulator.keyPath);
    },
    system,
    setSystemState: async (change) => {
      if (!system) throw new Error('start the testbed with system: true to set a box system state');
      await system.set(change);
    },
    setLastBackup: (at) => setLastBackup(emulator, at),
    setCertificateExpiry: (days) => setCertificateExpiry(emulator, days),
    hang: () => {
      if (!proxy) throw new Error('start the testbed with proxy: true (or latencyMs) to make a box hang');
      proxy.hold();
    },
    unhang: () => proxy?.release(),
  };
}

/** Starts every box (in parallel); if any part fails, everything already started is stopped again. */
export async function startTestbed(options: TestbedOptions): Promise<Testbed> {
  await ensureTestUsers();
  const clientKey = await makeKeyPair({ type: 'ed25519', comment: 'boxfleet-testbed' });
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    const errors: unknown[] = [];
    // Reverse start order: proxy, sshd, bridge, emulator, namespace.
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'testbed teardown failed');
  };
  const results = await Promise.allSettled(
    options.boxes.map((box, index) => {
      const own: Array<() => Promise<void>> = [];
      cleanups.push(async () => {
        for (const cleanup of own.reverse()) await cleanup();
      });
      return startBox(index, box, options, clientKey, own);
    }),
  );
  const boxes: TestbedBox[] = [];
  for (const result of results) {
    if (result.status === 'rejected') {
      await stop().catch(() => undefined);
      throw result.reason;
    }
    boxes.push(result.value);
  }
  const box = (index: number): TestbedBox => {
    const found = boxes[index];
    if (!found) throw new Error(`the testbed has no box ${index}`);
    return found;
  };
  return { boxes, box, clientKey, stop };
}
