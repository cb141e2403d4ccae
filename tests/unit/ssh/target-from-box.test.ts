import { fail, ok } from '../../../src-shared/contract/result';
import { boxSchema, type Box } from '../../../src-shared/domain/box';
import { MemoryKeychain } from '../../../src-main/secrets/keychain';
import { targetFromBox } from '../../../src-main/ssh/target-from-box';

function box(auth: Box['auth'], extra: Partial<Box> = {}): Box {
  return boxSchema.parse({
    id: 'box-1',
    name: 'box1',
    host: 'box.example.com',
    user: 'admin',
    auth,
    addedAt: '2026-01-01T00:00:00Z',
    ...extra,
  });
}

describe('targetFromBox', () => {
  it('reads a key file and its passphrase from the keychain', async () => {
    const keychain = new MemoryKeychain();
    await keychain.set('box-1:passphrase', 'secret phrase');
    const target = await targetFromBox(box({ kind: 'key', keyPath: '/keys/id', hasPassphrase: true }), {
      keychain,
      readKeyFile: async (path) => ok(`KEY FROM ${path}`),
    });
    expect(target).toEqual({
      ok: true,
      value: {
        host: 'box.example.com',
        port: 22,
        user: 'admin',
        auth: { kind: 'key', privateKey: 'KEY FROM /keys/id', passphrase: 'secret phrase' },
      },
    });
  });

  it('uses the generated key or password from the keychain and says when it is missing', async () => {
    const keychain = new MemoryKeychain();
    await keychain.set('box-1:generated-key', 'GENERATED');
    const generated = await targetFromBox(box({ kind: 'generated-key', publicKey: 'ssh-ed25519 AAAA' }), { keychain });
    expect(generated.ok && generated.value.auth).toEqual({ kind: 'key', privateKey: 'GENERATED' });
    const missing = await targetFromBox(box({ kind: 'password' }), { keychain });
    expect(missing.ok ? null : missing.error.code).toBe('auth-failed');
  });

  it('passes on a keychain that cannot be used', async () => {
    const keychain = {
      get: async () => fail('keychain-unavailable', 'locked'),
      set: async () => ok(undefined),
      delete: async () => ok(undefined),
    };
    const result = await targetFromBox(box({ kind: 'password' }), { keychain });
    expect(result.ok ? null : result.error.code).toBe('keychain-unavailable');
  });

  it('reaches the box through its jump host with the same login method', async () => {
    const result = await targetFromBox(
      box({ kind: 'agent' }, { jumpHost: { host: 'bastion.example.com', port: 2222, user: 'hop' } }),
      { keychain: new MemoryKeychain() },
    );
    expect(result.ok && result.value.jump).toEqual({
      host: 'bastion.example.com',
      port: 2222,
      user: 'hop',
      auth: { kind: 'agent' },
    });
  });
});
