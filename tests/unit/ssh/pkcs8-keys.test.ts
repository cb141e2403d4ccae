import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { utils } from 'ssh2';
import { toSshReadableKey } from '../../../src-main/ssh/pkcs8-keys';

/** The public key as an OpenSSH wire blob, computed by node:crypto, independently of the code under test. */
function expectedPublicBlob(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  const str = (b: Buffer | string) => {
    const body = typeof b === 'string' ? Buffer.from(b) : b;
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    return Buffer.concat([len, body]);
  };
  const mpint = (b: Buffer) => str(b[0] !== undefined && b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
  switch (publicKey.asymmetricKeyType) {
    case 'ed25519':
      return Buffer.concat([str('ssh-ed25519'), str(Buffer.from(jwk.x ?? '', 'base64url'))]);
    case 'rsa':
      return Buffer.concat([
        str('ssh-rsa'),
        mpint(Buffer.from(jwk.e ?? '', 'base64url')),
        mpint(Buffer.from(jwk.n ?? '', 'base64url')),
      ]);
    case 'ec': {
      const point = Buffer.concat([
        Buffer.from([4]),
        Buffer.from(jwk.x ?? '', 'base64url'),
        Buffer.from(jwk.y ?? '', 'base64url'),
      ]);
      return Buffer.concat([str('ecdsa-sha2-nistp256'), str('nistp256'), str(point)]);
    }
    default:
      throw new Error('unexpected key type');
  }
}

function parsedPublicBlob(key: string): Buffer {
  const parsed = utils.parseKey(key);
  if (parsed instanceof Error) throw parsed;
  const one = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!one) throw new Error('no key parsed');
  return one.getPublicSSH();
}

describe('PKCS#8 private keys', () => {
  const pairs = {
    ed25519: generateKeyPairSync('ed25519'),
    rsa: generateKeyPairSync('rsa', { modulusLength: 2048 }),
    ecdsa: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }),
  };

  it.each(Object.entries(pairs))('turns a %s key into one ssh2 reads, with the same public key', (_type, pair) => {
    const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(utils.parseKey(pem)).toBeInstanceOf(Error);
    const readable = toSshReadableKey(pem);
    if (!readable.ok) throw new Error(readable.error.message);
    expect(readable.value.converted).toBe(true);
    expect(parsedPublicBlob(readable.value.key).equals(expectedPublicBlob(createPublicKey(pair.privateKey)))).toBe(
      true,
    );
  });

  it('decrypts an encrypted PKCS#8 key with its passphrase and asks for it without one', () => {
    const pem = pairs.ed25519.privateKey
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'open sesame' })
      .toString();
    expect(toSshReadableKey(pem)).toMatchObject({ ok: false, error: { code: 'auth-failed', message: /passphrase/ } });
    expect(toSshReadableKey(pem, 'wrong')).toMatchObject({ ok: false, error: { code: 'auth-failed' } });
    const readable = toSshReadableKey(pem, 'open sesame');
    if (!readable.ok) throw new Error(readable.error.message);
    expect(parsedPublicBlob(readable.value.key).equals(expectedPublicBlob(pairs.ed25519.publicKey))).toBe(true);
  });

  it('leaves OpenSSH and traditional PEM keys untouched', () => {
    const pem = pairs.rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(toSshReadableKey(pem)).toEqual({ ok: true, value: { key: pem, converted: false } });
  });
});
