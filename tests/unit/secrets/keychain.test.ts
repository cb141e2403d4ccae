import { keychainAccount, MemoryKeychain } from '../../../src-main/secrets/keychain';
import { mapKeyringError } from '../../../src-main/secrets/keyring-errors';
import { OsKeychain, type KeyringEntry } from '../../../src-main/secrets/os-keychain';

// The exact messages @napi-rs/keyring 2.1 gives on this kind of machine (see tests/harness/keyring.ts).
const NO_BUS =
  'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead';
const DEAD_BUS = 'Platform failure: DBus error: Failed to connect to socket /tmp/x/bus: No such file or directory';
const NO_COLLECTION = "Couldn't access platform storage: Secret Service: no result found";
const DISMISSED = "Couldn't access platform storage: Secret Service: unlock prompt was dismissed";

describe('keychainAccount', () => {
  it('names one entry per box and credential kind', () => {
    expect(keychainAccount('box-1', 'passphrase')).toBe('box-1:passphrase');
  });
});

describe('mapKeyringError', () => {
  it.each([
    [NO_BUS, /D-Bus session bus/],
    [DEAD_BUS, /D-Bus session bus/],
    [NO_COLLECTION, /locked or missing/],
    [DISMISSED, /prompt was dismissed/],
  ])('maps %s to keychain-unavailable with advice', (message, advice) => {
    const mapped = mapKeyringError(new Error(message), 'save');
    expect(mapped.error.code).toBe('keychain-unavailable');
    expect(mapped.error.message).toMatch(advice);
    expect(mapped.error.detail).toEqual({ cause: message });
  });
});

describe('OsKeychain', () => {
  const throwing = (message: string): KeyringEntry => ({
    getPassword: () => Promise.reject(new Error(message)),
    setPassword: () => Promise.reject(new Error(message)),
    deleteCredential: () => Promise.reject(new Error(message)),
  });

  it('fails closed on every operation when the keyring cannot be used', async () => {
    const keychain = new OsKeychain({ createEntry: () => throwing(NO_BUS) });
    for (const result of [
      await keychain.get('a:password'),
      await keychain.set('a:password', 's'),
      await keychain.delete('a:password'),
      await keychain.deleteAll('a'),
    ]) {
      expect(!result.ok && result.error.code).toBe('keychain-unavailable');
    }
  });

  it('treats a constructor that throws (store unavailable) the same way', async () => {
    const keychain = new OsKeychain({
      createEntry: () => {
        throw new Error(DEAD_BUS);
      },
    });
    const result = await keychain.get('a:password');
    expect(!result.ok && result.error.code).toBe('keychain-unavailable');
  });
});

describe('MemoryKeychain', () => {
  it('stores, reads and deletes every kind of a box at once', async () => {
    const keychain = new MemoryKeychain();
    await keychain.set('box-1:password', 'pw');
    await keychain.set('box-1:passphrase', 'pp');
    await keychain.set('box-2:password', 'other');
    expect(await keychain.get('box-1:password')).toEqual({ ok: true, value: 'pw' });
    expect((await keychain.deleteAll('box-1')).ok).toBe(true);
    expect(await keychain.get('box-1:password')).toEqual({ ok: true, value: null });
    expect(await keychain.get('box-1:passphrase')).toEqual({ ok: true, value: null });
    expect(await keychain.get('box-2:password')).toEqual({ ok: true, value: 'other' });
  });
});
