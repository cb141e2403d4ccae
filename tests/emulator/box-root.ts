/**
 * The files a box keeps on disk that clients read over SSH (§2.2, §7.1, §7.2), written under a local directory that
 * mirrors the box's `/`.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BoxState } from './types';

export const API_KEY_PATH = '/var/lib/mailinabox/api.key';

/** Absolute local path of a box path under `root`. */
export function boxPath(root: string, path: string): string {
  return join(root, path);
}

/** What the start script does: the key, no trailing newline, mode 0640. */
export function writeApiKey(root: string, key: string): string {
  const file = boxPath(root, API_KEY_PATH);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, key, { mode: 0o640 });
  chmodSync(file, 0o640);
  return file;
}

/** /etc/mailinabox.conf as setup writes it; Power appends GNUPGHOME and PGPKEY when the daemon key exists. */
export function writeMailinaboxConf(root: string, state: BoxState): void {
  const lines = [
    'STORAGE_USER=user-data',
    `STORAGE_ROOT=${state.storageRoot}`,
    `PRIMARY_HOSTNAME=${state.hostname}`,
    `PUBLIC_IP=${state.publicIp}`,
    `PUBLIC_IPV6=${state.publicIpv6}`,
    `PRIVATE_IP=${state.publicIp}`,
    `PRIVATE_IPV6=${state.publicIpv6}`,
    'MTA_STS_MODE=enforce',
  ];
  if (state.flavour === 'power' && state.pgp.daemon) {
    lines.push(`GNUPGHOME=${state.storageRoot}/.gnupg/`, `PGPKEY=${state.pgp.daemon.fingerprint}`);
  }
  const file = boxPath(root, '/etc/mailinabox.conf');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, lines.map((l) => l + '\n').join(''));
}

/** Base64 of random bytes in 64-character lines, like `openssl rand -base64 2048`. */
function backupSecret(): string {
  const b64 = randomBytes(2048).toString('base64');
  return (b64.match(/.{1,64}/g) ?? []).map((l) => l + '\n').join('');
}

/** STORAGE_ROOT's skeleton; existing files (the backup secret) are kept across restarts. */
export function ensureStorageRoot(root: string, state: BoxState): string {
  const storage = boxPath(root, state.storageRoot);
  for (const d of ['mail/mailboxes', 'mail/dkim', 'ssl', 'backup/encrypted', 'dns', 'www/default']) {
    mkdirSync(join(storage, d), { recursive: true });
  }
  if (state.flavour === 'power') mkdirSync(join(storage, '.gnupg'), { recursive: true, mode: 0o700 });
  const version = join(storage, 'mailinabox.version');
  if (!existsSync(version)) writeFileSync(version, '15\n');
  const secret = join(storage, 'backup/secret_key.txt');
  if (!existsSync(secret)) writeFileSync(secret, backupSecret(), { mode: 0o600 });
  chmodSync(secret, 0o600);
  return storage;
}
