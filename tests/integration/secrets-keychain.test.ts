import { keychainAccount } from '../../src-main/secrets/keychain';
import { OsKeychain } from '../../src-main/secrets/os-keychain';
import { applyNoKeychain, restoreEnv, startKeyring, type Keyring } from '../harness/keyring';
import { runCommand } from '../harness/run-command';

jest.setTimeout(60_000);

/** Entries as the Secret Service itself lists them (libsecret's own client, not the library under test). */
async function secretServiceEntries(keyring: Keyring, service: string): Promise<string> {
  const { stdout, stderr } = await runCommand('secret-tool', ['search', '--all', 'service', service], {
    env: { ...process.env, ...keyring.env },
    allowFailure: true,
  });
  return stdout + stderr;
}

describe('OsKeychain against a real Secret Service', () => {
  let keyring: Keyring;
  let restore: ReturnType<Keyring['apply']>;
  beforeEach(async () => {
    keyring = await startKeyring();
    restore = keyring.apply();
  });
  afterEach(async () => {
    await keyring.stop();
    restoreEnv(restore);
  });

  it('stores, reads and deletes secrets in the Secret Service, one entry per credential', async () => {
    const keychain = new OsKeychain({ service: 'boxfleet-test' });
    const account = keychainAccount('box-1', 'password');
    expect(await keychain.get(account)).toEqual({ ok: true, value: null });
    expect(await keychain.set(account, 'pä$$ wörd')).toEqual({ ok: true, value: undefined });
    expect(await keychain.set(keychainAccount('box-1', 'passphrase'), 'phrase')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await keychain.set(keychainAccount('box-2', 'password'), 'other')).toEqual({ ok: true, value: undefined });
    expect(await keychain.get(account)).toEqual({ ok: true, value: 'pä$$ wörd' });

    // Proves the pin: the entries are in the Secret Service, not in the kernel keyring.
    const listed = await secretServiceEntries(keyring, 'boxfleet-test');
    expect(listed).toContain('box-1:password');
    expect(listed).toContain('box-2:password');

    expect(await keychain.deleteAll('box-1')).toEqual({ ok: true, value: undefined });
    expect(await keychain.get(account)).toEqual({ ok: true, value: null });
    expect(await keychain.get(keychainAccount('box-1', 'passphrase'))).toEqual({ ok: true, value: null });
    expect(await keychain.get(keychainAccount('box-2', 'password'))).toEqual({ ok: true, value: 'other' });
    expect(await keychain.delete(account)).toEqual({ ok: true, value: undefined });
  });

  it('fails closed with keychain-unavailable when the collection is locked', async () => {
    const keychain = new OsKeychain({ service: 'boxfleet-test' });
    await keyring.lock();
    const saved = await keychain.set(keychainAccount('box-1', 'password'), 'secret');
    expect(saved.ok ? null : saved.error.code).toBe('keychain-unavailable');
    expect(!saved.ok && saved.error.message).toMatch(/[Uu]nlock/);
  });
});

describe('OsKeychain without a usable keychain', () => {
  it('fails closed with keychain-unavailable when no Secret Service owns the bus name', async () => {
    const keyring = await startKeyring({ state: 'no-secret-service' });
    const restore = keyring.apply();
    try {
      const keychain = new OsKeychain({ service: 'boxfleet-test' });
      const saved = await keychain.set(keychainAccount('box-1', 'password'), 'secret');
      expect(saved.ok ? null : saved.error.code).toBe('keychain-unavailable');
    } finally {
      await keyring.stop();
      restoreEnv(restore);
    }
  });

  it('fails closed with keychain-unavailable when DBUS_SESSION_BUS_ADDRESS points nowhere', async () => {
    const restore = applyNoKeychain();
    try {
      const keychain = new OsKeychain({ service: 'boxfleet-test' });
      for (const result of [
        await keychain.set(keychainAccount('box-1', 'password'), 'secret'),
        await keychain.get(keychainAccount('box-1', 'password')),
      ]) {
        expect(result.ok ? null : result.error.code).toBe('keychain-unavailable');
        expect(!result.ok && result.error.message).toMatch(/D-Bus/);
      }
    } finally {
      restoreEnv(restore);
    }
  });
});
