import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import { fail, ok, type Result } from '../../src-shared/contract/result';

const PKCS8 = /-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/;

function sshString(data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data) : data;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** OpenSSH's own unencrypted format (openssh-key-v1), the only one ssh2 reads ed25519 keys in. */
function openSshEd25519(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d ?? '', 'base64url');
  const pub = Buffer.from(jwk.x ?? '', 'base64url');
  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = randomBytes(4);
  let secret = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(''),
  ]);
  const padding: number[] = [];
  for (let i = 1; (secret.length + padding.length) % 8 !== 0; i++) padding.push(i);
  secret = Buffer.concat([secret, Buffer.from(padding)]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    uint32(1),
    sshString(publicBlob),
    sshString(secret),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return ['-----BEGIN OPENSSH PRIVATE KEY-----', ...lines, '-----END OPENSSH PRIVATE KEY-----', ''].join('\n');
}

/**
 * ssh2 reads OpenSSH and traditional PEM keys but not PKCS#8 (`BEGIN PRIVATE KEY`, as openssl and many tools write
 * them). Such a key is re-encoded in memory into a form ssh2 reads; any other key passes through untouched.
 */
export function toSshReadableKey(privateKey: string, passphrase?: string): Result<{ key: string; converted: boolean }> {
  if (!PKCS8.test(privateKey)) return ok({ key: privateKey, converted: false });
  let key: KeyObject;
  try {
    key = createPrivateKey(
      passphrase ? { key: privateKey, format: 'pem', passphrase } : { key: privateKey, format: 'pem' },
    );
  } catch (error) {
    const encrypted = privateKey.includes('ENCRYPTED PRIVATE KEY');
    return fail(
      'auth-failed',
      encrypted && !passphrase
        ? 'The private key is protected by a passphrase; enter it.'
        : `The private key (PKCS#8) cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      { retryable: false },
    );
  }
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ok({ key: key.export({ type: 'pkcs1', format: 'pem' }).toString(), converted: true });
    case 'ec':
      return ok({ key: key.export({ type: 'sec1', format: 'pem' }).toString(), converted: true });
    case 'ed25519':
      return ok({ key: openSshEd25519(key), converted: true });
    default:
      return fail(
        'auth-failed',
        `SSH cannot use a ${key.asymmetricKeyType ?? 'unknown'} key. Use an ed25519, ECDSA or RSA key.`,
        {
          retryable: false,
        },
      );
  }
}
