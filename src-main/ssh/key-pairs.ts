import { createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

export interface GeneratedKeyPair {
  /** OpenSSH private key PEM (`-----BEGIN OPENSSH PRIVATE KEY-----`), unencrypted: it lives only in the keychain. */
  readonly privateKey: string;
  /** One authorized_keys line: `ssh-ed25519 AAAA… comment`. */
  readonly publicKeyLine: string;
}

const COMMENT = /^[A-Za-z0-9@._+-]{0,64}$/;
const PUBLIC_KEY_LINE =
  /^(ssh-ed25519|ecdsa-sha2-nistp(?:256|384|521)|ssh-rsa) [A-Za-z0-9+/]+={0,2}(?: [A-Za-z0-9@._+-]{1,64})?$/;
const ED25519 = 'ssh-ed25519';

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

/** The raw 32-byte seed and public key of an ed25519 key, always exactly 32 bytes each (leading zeros kept). */
function rawEd25519(privateKey: KeyObject): { seed: Buffer; pub: Buffer } {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('Not an ed25519 private key.');
  // DER, not JWK: Node 20's JWK export of Ed keys allocates while holding the key's lock, and a garbage collection
  // that finalises a pending key-generation job then waits on that lock forever (seen as a hung test run). The
  // seed and the public key are the last 32 bytes of the PKCS#8 and SPKI encodings.
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const pub = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32);
  if (seed.length !== 32 || pub.length !== 32) throw new Error('Not an ed25519 private key.');
  return { seed, pub };
}

/**
 * OpenSSH's unencrypted `openssh-key-v1` private key and the matching authorized_keys line for an ed25519 key.
 * Written here rather than taken from ssh2 1.17.0, whose generator strips leading zero bytes from the public key and
 * so makes about one pair in 256 that neither OpenSSH nor ssh2 itself accepts (mscdex/ssh2 #1390, #1513).
 */
export function encodeEd25519KeyPair(privateKey: KeyObject, comment = ''): GeneratedKeyPair {
  if (!COMMENT.test(comment)) throw new Error('Key comments use letters, digits and @ . _ + - only.');
  const { seed, pub } = rawEd25519(privateKey);
  const publicBlob = Buffer.concat([sshString(ED25519), sshString(pub)]);
  // Two equal random words let a reader notice a wrong passphrase; they are required even without encryption.
  const check = randomBytes(4);
  const secret = Buffer.concat([
    check,
    check,
    sshString(ED25519),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment),
  ]);
  // Padded with 1, 2, 3 ... to the cipher block size, which is 8 for "none".
  const padLength = (8 - (secret.length % 8)) % 8;
  const padding = Buffer.from(Array.from({ length: padLength }, (_, i) => i + 1));
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    uint32(1),
    sshString(publicBlob),
    sshString(Buffer.concat([secret, padding])),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  const pem = ['-----BEGIN OPENSSH PRIVATE KEY-----', ...lines, '-----END OPENSSH PRIVATE KEY-----', ''].join('\n');
  const publicKeyLine = `${ED25519} ${publicBlob.toString('base64')}${comment ? ` ${comment}` : ''}`;
  return { privateKey: pem, publicKeyLine };
}

/** A fresh ed25519 key pair for a box, for users who do not want to manage key files. */
export function generateEd25519KeyPair(comment = 'boxfleet'): GeneratedKeyPair {
  if (!COMMENT.test(comment)) throw new Error('Key comments use letters, digits and @ . _ + - only.');
  return encodeEd25519KeyPair(generateKeyPairSync('ed25519').privateKey, comment);
}

/** Single-quotes a value for a POSIX shell. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * One shell command that adds the key to the login user's ~/.ssh/authorized_keys: creates the directory and file with
 * private modes, does not add a line that is already there, and starts a new line if the file lacks a final newline.
 * Only a well-formed public key line is accepted, so nothing else can ride along into the command.
 */
export function authorizeCommand(publicKeyLine: string): string {
  const line = publicKeyLine.trim();
  if (!PUBLIC_KEY_LINE.test(line)) throw new Error('That is not a single OpenSSH public key line.');
  const key = shellQuote(line);
  const file = '"$HOME/.ssh/authorized_keys"';
  return (
    `umask 077 && mkdir -p "$HOME/.ssh" && touch ${file} && ` +
    `{ grep -qxF ${key} ${file} || { if [ -s ${file} ] && [ -n "$(tail -c 1 ${file})" ]; then echo >> ${file}; fi; printf '%s\\n' ${key} >> ${file}; }; }`
  );
}
