import { utils } from 'ssh2';
import { fail } from '../../../src-shared/contract/result';
import { sha256Fingerprint } from '../../../src-main/hostkeys/fingerprint';
import { generateEd25519KeyPair } from '../../../src-main/ssh/key-pairs';
import { HostKeys } from '../../../src-main/hostkeys/host-keys';
import { MemoryKnownHostsStorage, type KnownHostsStorage } from '../../../src-main/hostkeys/known-hosts-storage';

function key(type: 'ed25519' | 'ecdsa'): { line: string; fingerprint: string } {
  const line =
    type === 'ed25519'
      ? generateEd25519KeyPair().publicKeyLine
      : utils.generateKeyPairSync('ecdsa', { bits: 256 }).public;
  return {
    line: line.split(' ').slice(0, 2).join(' '),
    fingerprint: sha256Fingerprint(Buffer.from(line.split(' ')[1] ?? '', 'base64')),
  };
}

const a = key('ed25519');
const b = key('ed25519');
const c = key('ecdsa');

function hostKeys(
  systemText: string | null = null,
  storage: KnownHostsStorage = new MemoryKnownHostsStorage(),
): HostKeys {
  return new HostKeys({
    storage,
    readSystemKnownHosts: async () => systemText,
    now: () => new Date('2026-01-02T03:04:05Z'),
  });
}

describe('HostKeys', () => {
  it('answers unknown for a host it has never seen, trusted after trust()', async () => {
    const keys = hostKeys();
    expect(await keys.check('box.example.com', 22, 'ssh-ed25519', a.fingerprint)).toEqual({
      ok: true,
      value: { status: 'unknown' },
    });
    expect((await keys.trust('box.example.com', 22, 'ssh-ed25519', a.fingerprint)).ok).toBe(true);
    expect(await keys.check('BOX.example.com', 22, 'ssh-ed25519', a.fingerprint)).toEqual({
      ok: true,
      value: { status: 'trusted' },
    });
    expect(await keys.check('box.example.com', 2222, 'ssh-ed25519', a.fingerprint)).toEqual({
      ok: true,
      value: { status: 'unknown' },
    });
  });

  it('answers mismatch with the expected fingerprint when the key changed', async () => {
    const keys = hostKeys();
    await keys.trust('box.example.com', 22, 'ssh-ed25519', a.fingerprint);
    expect(await keys.check('box.example.com', 22, 'ssh-ed25519', b.fingerprint)).toEqual({
      ok: true,
      value: { status: 'mismatch', expected: a.fingerprint, expectedKeyType: 'ssh-ed25519' },
    });
  });

  it('treats a key of a new type on a known host as a mismatch, not as a first contact', async () => {
    const keys = hostKeys();
    await keys.trust('box.example.com', 22, 'ssh-ed25519', a.fingerprint);
    const verdict = await keys.check('box.example.com', 22, 'ecdsa-sha2-nistp256', c.fingerprint);
    expect(verdict.ok && verdict.value.status).toBe('mismatch');
  });

  it('trusts keys from ~/.ssh/known_hosts and reports their types', async () => {
    const keys = hostKeys(`[10.0.0.9]:2200 ${c.line}\n`);
    expect(await keys.check('10.0.0.9', 2200, 'ecdsa-sha2-nistp256', c.fingerprint)).toEqual({
      ok: true,
      value: { status: 'trusted' },
    });
    expect(await keys.knownKeyTypes('10.0.0.9', 2200)).toEqual({ ok: true, value: ['ecdsa-sha2-nistp256'] });
    const other = await keys.check('10.0.0.9', 2200, 'ecdsa-sha2-nistp256', key('ecdsa').fingerprint);
    expect(other.ok && other.value.status).toBe('mismatch');
  });

  it('never trusts a key marked @revoked', async () => {
    const keys = hostKeys(`@revoked * ${a.line}\nbox.example.com ${a.line}\n`);
    const verdict = await keys.check('box.example.com', 22, 'ssh-ed25519', a.fingerprint);
    expect(verdict.ok && verdict.value.status).toBe('mismatch');
  });

  it('accepting a changed key replaces the old one and persists through the storage', async () => {
    const storage = new MemoryKnownHostsStorage();
    const keys = hostKeys(null, storage);
    await keys.trust('box.example.com', 22, 'ssh-ed25519', a.fingerprint);
    await keys.trust('box.example.com', 22, 'ssh-ed25519', b.fingerprint);
    const reloaded = hostKeys(null, storage);
    expect(await reloaded.check('box.example.com', 22, 'ssh-ed25519', b.fingerprint)).toEqual({
      ok: true,
      value: { status: 'trusted' },
    });
    expect((await reloaded.check('box.example.com', 22, 'ssh-ed25519', a.fingerprint)).ok).toBe(true);
    expect(await reloaded.list()).toEqual({
      ok: true,
      value: [
        {
          host: 'box.example.com',
          port: 22,
          keyType: 'ssh-ed25519',
          fingerprint: b.fingerprint,
          addedAt: '2026-01-02T03:04:05.000Z',
        },
      ],
    });
    await reloaded.forget('box.example.com', 22);
    expect(await reloaded.check('box.example.com', 22, 'ssh-ed25519', b.fingerprint)).toEqual({
      ok: true,
      value: { status: 'unknown' },
    });
  });

  it('refuses to record something that is not a SHA-256 fingerprint', async () => {
    const result = await hostKeys().trust('box', 22, 'ssh-ed25519', 'MD5:aa:bb');
    expect(!result.ok && result.error.code).toBe('validation');
  });

  it('passes a storage failure through instead of trusting', async () => {
    const broken: KnownHostsStorage = {
      load: async () => fail('store-corrupt', 'known hosts file is damaged'),
      save: async () => fail('store-corrupt', 'no'),
    };
    const verdict = await hostKeys(null, broken).check('box', 22, 'ssh-ed25519', a.fingerprint);
    expect(!verdict.ok && verdict.error.code).toBe('store-corrupt');
  });
});
