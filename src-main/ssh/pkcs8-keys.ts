import { createPrivateKey, type KeyObject } from 'node:crypto';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import { encodeEd25519KeyPair } from './key-pairs';

const PKCS8 = /-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/;

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
      // OpenSSH's own format is the only one ssh2 reads ed25519 keys in.
      return ok({ key: encodeEd25519KeyPair(key).privateKey, converted: true });
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
