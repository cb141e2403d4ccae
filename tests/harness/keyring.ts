/**
 * A real Secret Service for tests: a private D-Bus session bus plus gnome-keyring-daemon with a fresh data
 * dir, unlocked with a known password.
 *
 * libdbus (linked into @napi-rs/keyring) reads DBUS_SESSION_BUS_ADDRESS once per process and keeps it, so
 * every keyring in one process uses the same socket path; a process can therefore run one keyring at a time.
 * `applyNoKeychain()` points at that same path while nothing listens there.
 *
 * `apply()` writes the real process environment (real-env.ts): under jest, `process.env` is a sandboxed copy
 * that native code never sees.
 *
 * Pin the store when using the library (`KEYRING_ENTRY_OPTIONS`): its default silently falls back to the
 * kernel keyring, which loses secrets at reboot and fails here with `AccessDenied`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startProcess, stopProcess, type TrackedProcess } from './processes';
import { reapOnExit } from './reaper';
import { runCommand } from './run-command';
import { setRealEnv } from './real-env';
import { makeTempDir } from './temp';
import { waitFor } from './wait';

export interface KeyringEnv {
  DBUS_SESSION_BUS_ADDRESS: string;
  XDG_DATA_HOME: string;
  XDG_RUNTIME_DIR: string;
}

/** What `apply()` replaced, for `restoreEnv`. */
export type EnvSnapshot = Record<keyof KeyringEnv, string | undefined>;

/**
 * - unlocked: a working Secret Service with an unlocked login collection
 * - locked: the same, with the login collection locked (reads of existing items and writes fail)
 * - no-secret-service: a session bus with nobody owning org.freedesktop.secrets
 */
export type KeyringState = 'unlocked' | 'locked' | 'no-secret-service';

export interface Keyring {
  env: KeyringEnv;
  state: KeyringState;
  password: string;
  /** Puts `env` into process.env and returns the previous values. */
  apply(): EnvSnapshot;
  /** Locks the login collection (unlocking would need a prompt, which there is none of). */
  lock(): Promise<void>;
  stop(): Promise<void>;
}

/** The options that pin @napi-rs/keyring to the Secret Service on Linux (`new Entry(service, user, options)`). */
export const KEYRING_ENTRY_OPTIONS = { linux: { store: 'secret-service' } } as const;

const busDir = path.join(os.tmpdir(), `boxfleet-bus-${process.pid}`);
const busSocket = path.join(busDir, 'bus');
/** The one session bus address this process ever uses (see the note at the top). */
export const BUS_ADDRESS = `unix:path=${busSocket}`;

let current: Keyring | undefined;

// No <standard_session_servicedirs/>: nothing gets auto-started on this bus behind the registry's back.
const busConfig = (): string => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>${BUS_ADDRESS}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

function setEnv(values: Partial<Record<keyof KeyringEnv, string | undefined>>): EnvSnapshot {
  const previous: EnvSnapshot = {
    DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
    XDG_DATA_HOME: process.env.XDG_DATA_HOME,
    XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR,
  };
  setRealEnv({ ...values });
  return previous;
}

/**
 * Points this process's session bus address at the harness's path before anything touches D-Bus, so the
 * first use (which libdbus remembers for the life of the process) can never pin some other address.
 * Called from jest-setup.ts for every integration test file.
 */
export function pinBusAddress(): void {
  if (process.env.DBUS_SESSION_BUS_ADDRESS !== BUS_ADDRESS) setRealEnv({ DBUS_SESSION_BUS_ADDRESS: BUS_ADDRESS });
}

/** Puts back what `apply()` or `applyNoKeychain()` replaced. */
export function restoreEnv(snapshot: EnvSnapshot): void {
  setEnv(snapshot);
}

/**
 * Makes this process see "no usable keychain": the bus address points at a socket nobody listens on.
 * @napi-rs/keyring then fails with `Platform failure: DBus error: Failed to connect to socket <path>: No such
 * file or directory`.
 */
export function applyNoKeychain(): EnvSnapshot {
  if (current) throw new Error('stop the running keyring before simulating a missing one');
  return setEnv({ DBUS_SESSION_BUS_ADDRESS: BUS_ADDRESS, XDG_DATA_HOME: undefined, XDG_RUNTIME_DIR: undefined });
}

async function busCall(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  const { stdout } = await runCommand('dbus-send', ['--session', '--print-reply', ...args], { env, timeoutMs: 5000 });
  return stdout;
}

/** Starts a session bus and (unless state is 'no-secret-service') gnome-keyring-daemon on it. */
export async function startKeyring(options: { state?: KeyringState; password?: string } = {}): Promise<Keyring> {
  if (current) throw new Error('a keyring is already running in this process; stop it first');
  const state = options.state ?? 'unlocked';
  const password = options.password ?? 'boxfleet-keyring-test';
  const dir = await makeTempDir('keyring', 0o700);
  const env: KeyringEnv = {
    DBUS_SESSION_BUS_ADDRESS: BUS_ADDRESS,
    XDG_DATA_HOME: path.join(dir, 'data'),
    XDG_RUNTIME_DIR: path.join(dir, 'runtime'),
  };
  await fs.promises.mkdir(env.XDG_DATA_HOME, { mode: 0o700 });
  await fs.promises.mkdir(env.XDG_RUNTIME_DIR, { mode: 0o700 });
  await fs.promises.mkdir(busDir, { recursive: true, mode: 0o700 });
  reapOnExit('dir', busDir);
  await fs.promises.rm(busSocket, { force: true });
  const configPath = path.join(dir, 'bus.conf');
  await fs.promises.writeFile(configPath, busConfig());
  const childEnv = { ...process.env, ...env };

  const started: TrackedProcess[] = [];
  const stopAll = async (): Promise<void> => {
    for (const p of [...started].reverse()) await stopProcess(p);
    await fs.promises.rm(busSocket, { force: true });
  };
  try {
    const bus = await startProcess(
      'dbus-daemon',
      'dbus-daemon',
      [`--config-file=${configPath}`, '--nofork', '--nopidfile', '--print-address'],
      { env: childEnv },
    );
    started.push(bus);
    await bus.waitForOutput(/unix:path=/);

    if (state !== 'no-secret-service') {
      const args = ['--foreground', '--components=secrets', '--unlock'];
      started.push(
        await startProcess('gnome-keyring-daemon', 'gnome-keyring-daemon', args, { env: childEnv, stdin: password }),
      );
      await waitFor(
        async () => {
          const reply = await busCall(childEnv, [
            '--dest=org.freedesktop.DBus',
            '/org/freedesktop/DBus',
            'org.freedesktop.DBus.NameHasOwner',
            'string:org.freedesktop.secrets',
          ]);
          return reply.includes('boolean true') ? true : undefined;
        },
        () => `gnome-keyring-daemon to own org.freedesktop.secrets:\n${started[1]?.output() ?? ''}`,
      );
    }
  } catch (err) {
    await stopAll();
    throw err;
  }

  const keyring: Keyring = {
    env,
    state,
    password,
    apply: () => setEnv(env),
    lock: async () => {
      await busCall(childEnv, [
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.Lock',
        'array:objpath:/org/freedesktop/secrets/collection/login',
      ]);
      keyring.state = 'locked';
    },
    stop: async () => {
      if (current === keyring) current = undefined;
      await stopAll();
    },
  };
  current = keyring;
  if (state === 'locked') await keyring.lock();
  return keyring;
}

/** A keyring whose login collection is locked: what a desktop looks like before the user unlocks it. */
export function startLockedKeyring(password?: string): Promise<Keyring> {
  return startKeyring({ state: 'locked', password });
}
