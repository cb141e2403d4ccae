/**
 * The keyring harness against the real gnome-keyring Secret Service, and the exact errors @napi-rs/keyring
 * gives when no keychain is usable. One file on purpose: libdbus keeps the first bus address per process.
 */
import { Entry } from '@napi-rs/keyring';
import {
  applyNoKeychain,
  BUS_ADDRESS,
  KEYRING_ENTRY_OPTIONS,
  restoreEnv,
  startKeyring,
  type EnvSnapshot,
  type Keyring,
} from '../harness/keyring';
import { runCommand } from '../harness/run-command';
import { removeTempDirs } from '../harness/temp';

jest.setTimeout(60_000);

const SERVICE = 'boxfleet-test';
const entry = (user: string): Entry => new Entry(SERVICE, user, KEYRING_ENTRY_OPTIONS);

let keyring: Keyring | undefined;
let snapshot: EnvSnapshot | undefined;

/** Stops the current keyring (one per process), then starts the next one and points this process at it. */
async function use(start: (() => Promise<Keyring>) | 'none'): Promise<Keyring | undefined> {
  await keyring?.stop();
  keyring = undefined;
  if (snapshot) restoreEnv(snapshot);
  if (start === 'none') {
    snapshot = applyNoKeychain();
    return undefined;
  }
  keyring = await start();
  snapshot = keyring.apply();
  return keyring;
}

afterAll(async () => {
  await keyring?.stop();
  if (snapshot) restoreEnv(snapshot);
  await removeTempDirs();
});

test('an unlocked keyring stores and finds secrets through secret-tool and @napi-rs/keyring alike', async () => {
  await use(() => startKeyring());
  const env = { ...process.env, ...keyring?.env };
  expect(keyring?.env.DBUS_SESSION_BUS_ADDRESS).toBe(BUS_ADDRESS);
  await runCommand('secret-tool', ['store', '--label=boxfleet test', 'service', SERVICE, 'username', 'from-cli'], {
    env,
    input: 'cli-secret',
  });
  expect(
    (await runCommand('secret-tool', ['lookup', 'service', SERVICE, 'username', 'from-cli'], { env })).stdout,
  ).toBe('cli-secret');
  // The library's Secret Service items carry `service` and `username` attributes, so each side sees the other's.
  expect(entry('from-cli').getPassword()).toBe('cli-secret');

  entry('x').setPassword('lib-secret');
  expect(entry('x').getPassword()).toBe('lib-secret');
  expect((await runCommand('secret-tool', ['lookup', 'service', SERVICE, 'username', 'x'], { env })).stdout).toBe(
    'lib-secret',
  );
  expect(entry('x').deletePassword()).toBe(true);
  expect(entry('x').getPassword()).toBeNull();
  expect(entry('x').deletePassword()).toBe(false);
});

test('a locked collection: reading an existing secret and writing fail with "unlock prompt was dismissed"', async () => {
  const unlocked = await use(() => startKeyring());
  if (!unlocked) throw new Error('no keyring');
  entry('kept').setPassword('v1');
  await unlocked.lock();
  expect(unlocked.state).toBe('locked');
  expect(() => entry('kept').getPassword()).toThrow(
    "Couldn't access platform storage: Secret Service: unlock prompt was dismissed",
  );
  expect(() => entry('new').setPassword('v')).toThrow(/unlock prompt was dismissed/);
  // A secret that does not exist is simply absent, even when locked.
  expect(entry('never-stored').getPassword()).toBeNull();
});

test('a fresh keyring in the same process starts empty', async () => {
  await use(() => startKeyring());
  expect(entry('kept').getPassword()).toBeNull();
});

test('a session bus without a Secret Service', async () => {
  await use(() => startKeyring({ state: 'no-secret-service' }));
  expect(() => entry('x')).toThrow(
    'Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files',
  );
});

test('no session bus at all', async () => {
  await use('none');
  expect(() => entry('x')).toThrow(
    `Platform failure: DBus error: Failed to connect to socket ${BUS_ADDRESS.replace('unix:path=', '')}: No such file or directory`,
  );
  // Unpinned, the library falls back to the kernel keyring, which refuses here: why the store must be pinned.
  expect(() => new Entry(SERVICE, 'fallback').setPassword('v')).toThrow(
    "Couldn't access platform storage: AccessDenied",
  );
});

test('after all that, a new keyring in this process works again', async () => {
  await use(() => startKeyring());
  entry('again').setPassword('ok');
  expect(entry('again').getPassword()).toBe('ok');
});
