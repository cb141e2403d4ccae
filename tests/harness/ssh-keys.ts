/** SSH key pairs and fingerprints made with the real ssh-keygen, as a user of the app would make them. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { runCommand } from './run-command';
import { makeTempDir } from './temp';

export type KeyType = 'ed25519' | 'ecdsa' | 'rsa';

export interface KeyPair {
  type: KeyType;
  privateKeyPath: string;
  publicKeyPath: string;
  /** The `.pub` file's single line: `ssh-ed25519 AAAA... comment`. */
  publicKeyLine: string;
  /** `SHA256:...` exactly as `ssh-keygen -lf` prints it. */
  fingerprint: string;
}

export interface MakeKeyPairOptions {
  type?: KeyType;
  passphrase?: string;
  /** 'pem' writes the legacy PEM encoding (PKCS#1 / SEC1) for rsa and ecdsa; ssh-keygen ignores it for ed25519. */
  format?: 'openssh' | 'pem';
  /** Directory to write into (default: a fresh temp dir). */
  dir?: string;
  comment?: string;
}

let keyCounter = 0;

/** Generates a client key pair with ssh-keygen. */
export async function makeKeyPair(options: MakeKeyPairOptions = {}): Promise<KeyPair> {
  const type = options.type ?? 'ed25519';
  const dir = options.dir ?? (await makeTempDir('keys'));
  keyCounter += 1;
  const privateKeyPath = path.join(dir, `id_${type}_${keyCounter}`);
  await generateKey(privateKeyPath, type, {
    passphrase: options.passphrase ?? '',
    comment: options.comment ?? `boxfleet-test-${type}-${keyCounter}`,
    pem: options.format === 'pem',
  });
  const publicKeyPath = `${privateKeyPath}.pub`;
  return {
    type,
    privateKeyPath,
    publicKeyPath,
    publicKeyLine: (await fs.promises.readFile(publicKeyPath, 'utf8')).trim(),
    fingerprint: await fingerprintOfKeyFile(publicKeyPath),
  };
}

/** Writes `privateKeyPath` and `privateKeyPath.pub`, replacing existing files. */
export async function generateKey(
  privateKeyPath: string,
  type: KeyType,
  options: { passphrase?: string; comment?: string; pem?: boolean } = {},
): Promise<void> {
  await fs.promises.rm(privateKeyPath, { force: true });
  await fs.promises.rm(`${privateKeyPath}.pub`, { force: true });
  const args = ['-q', '-t', type, '-N', options.passphrase ?? '', '-C', options.comment ?? '', '-f', privateKeyPath];
  if (type === 'rsa') args.push('-b', '3072');
  if (options.pem) args.push('-m', 'PEM');
  await runCommand('ssh-keygen', args);
}

/** `SHA256:...` of a public (or private) key file, taken from `ssh-keygen -lf`. */
export async function fingerprintOfKeyFile(keyPath: string): Promise<string> {
  const { stdout } = await runCommand('ssh-keygen', ['-l', '-E', 'sha256', '-f', keyPath]);
  const match = /\b(SHA256:[A-Za-z0-9+/]+)/.exec(stdout);
  if (!match?.[1]) throw new Error(`no SHA256 fingerprint in ssh-keygen output: ${stdout}`);
  return match[1];
}

/**
 * The OpenSSH-style fingerprint of a raw public key blob (what ssh2's `hostVerifier` receives):
 * base64 of its SHA-256 without '=' padding.
 */
export function fingerprintOfKeyBlob(blob: Buffer): string {
  return 'SHA256:' + crypto.createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}
