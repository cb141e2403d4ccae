import { createHash } from 'node:crypto';

/** `SHA256:<base64 without padding>`, the form `ssh-keygen -lf` and OpenSSH's prompts print, so users can compare by eye. */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

/**
 * The key type named inside an SSH wire-format public key blob (`ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`).
 * Returns null for a blob too short to hold one, so a malformed key is refused rather than trusted.
 */
export function keyTypeOfBlob(keyBlob: Buffer): string | null {
  if (keyBlob.length < 4) return null;
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || length > 64 || keyBlob.length < 4 + length) return null;
  const name = keyBlob.subarray(4, 4 + length).toString('latin1');
  return /^[a-z0-9@.-]+$/.test(name) ? name : null;
}

/** Host key algorithms ssh2 can negotiate for a key type; RSA keys sign with SHA-2 first. */
export function algorithmsForKeyType(keyType: string): string[] {
  if (keyType === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return [keyType];
}
