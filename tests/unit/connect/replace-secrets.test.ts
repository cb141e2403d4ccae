import { fail, type Result } from '../../../src-shared/contract/result';
import { replaceSecrets } from '../../../src-main/connect/replace-secrets';
import { keychainAccount, MemoryKeychain, type Keychain } from '../../../src-main/secrets/keychain';

const BOX = 'box-abc123';

/** A keychain whose writes (or deletes) to one account fail, as a full or locked Secret Service would. */
function failingOn(inner: MemoryKeychain, operation: 'set' | 'delete', account: string): Keychain {
  const refused = (): Result<void> => fail('keychain-unavailable', 'Could not save the secret in the OS keychain.');
  return {
    get: (a) => inner.get(a),
    set: async (a, secret) => (operation === 'set' && a === account ? refused() : inner.set(a, secret)),
    delete: async (a) => (operation === 'delete' && a === account ? refused() : inner.delete(a)),
  };
}

async function entries(keychain: Keychain): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const kind of ['private-key', 'passphrase', 'password', 'generated-key'] as const) {
    const value = await keychain.get(keychainAccount(BOX, kind));
    if (value.ok && value.value !== null) found[kind] = value.value;
  }
  return found;
}

async function keyLoginBox(): Promise<MemoryKeychain> {
  const keychain = new MemoryKeychain();
  await keychain.set(keychainAccount(BOX, 'private-key'), 'OLD KEY');
  await keychain.set(keychainAccount(BOX, 'passphrase'), 'old passphrase');
  return keychain;
}

describe('replaceSecrets', () => {
  it('writes the new credential and deletes the kinds it does not use', async () => {
    const keychain = await keyLoginBox();
    const replaced = await replaceSecrets(keychain, BOX, [['password', 'new password']]);
    expect(replaced.ok).toBe(true);
    expect(await entries(keychain)).toEqual({ password: 'new password' });
  });

  it('overwrites a kind both credentials use and drops the one the new key lacks', async () => {
    const keychain = await keyLoginBox();
    await replaceSecrets(keychain, BOX, [['private-key', 'NEW KEY']]);
    expect(await entries(keychain)).toEqual({ 'private-key': 'NEW KEY' });
  });

  it('puts the old credential back when a write fails halfway', async () => {
    const keychain = await keyLoginBox();
    const flaky = failingOn(keychain, 'set', keychainAccount(BOX, 'passphrase'));
    const replaced = await replaceSecrets(flaky, BOX, [
      ['private-key', 'NEW KEY'],
      ['passphrase', 'new passphrase'],
    ]);
    expect(replaced).toMatchObject({ ok: false, error: { code: 'keychain-unavailable' } });
    expect(await entries(keychain)).toEqual({ 'private-key': 'OLD KEY', passphrase: 'old passphrase' });
  });

  it('puts the old credential back when deleting an unused kind fails', async () => {
    const keychain = await keyLoginBox();
    const flaky = failingOn(keychain, 'delete', keychainAccount(BOX, 'passphrase'));
    const replaced = await replaceSecrets(flaky, BOX, [['password', 'new password']]);
    expect(replaced.ok).toBe(false);
    expect(await entries(keychain)).toEqual({ 'private-key': 'OLD KEY', passphrase: 'old passphrase' });
  });
});
