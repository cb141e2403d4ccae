/**
 * The box's own SSH keys: the sshd host keys (which dns_update.build_sshfp_records publishes as SSHFP records, read
 * with ssh-keyscan from the running sshd) and the backup key /root/.ssh/id_rsa_miab that setup/system.sh always
 * creates (`ssh-keygen -t rsa -b 2048`; GET /system/backup/config returns its .pub). Files live under the box root.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { boxPath } from './box-root';

export const BACKUP_KEY_PATH = '/root/.ssh/id_rsa_miab';
const SSH_DIR = '/etc/ssh';

/** SSH wire string: uint32 length + bytes. */
function sshString(data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, data]);
}

/** SSH mpint of an unsigned big-endian integer: no leading zeros, one 0x00 when the top bit is set. */
function mpint(unsigned: Buffer): Buffer {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  const trimmed = unsigned.subarray(i);
  return sshString((trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** The `.pub` line OpenSSH writes for an RSA, ECDSA P-256 or Ed25519 public key. */
export function opensshPublicLine(publicKey: KeyObject, comment: string): string {
  if (publicKey.asymmetricKeyType === 'ed25519') {
    // Not through JWK: Node 20's JWK export of Ed keys can deadlock with a garbage collection (see key-pairs.ts).
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    const blob = Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)]);
    return `ssh-ed25519 ${blob.toString('base64')} ${comment}`;
  }
  const jwk = publicKey.export({ format: 'jwk' });
  const b = (s: string | undefined): Buffer => Buffer.from(s ?? '', 'base64url');
  let type: string;
  let blob: Buffer;
  if (jwk.kty === 'RSA') {
    type = 'ssh-rsa';
    blob = Buffer.concat([sshString(Buffer.from(type)), mpint(b(jwk.e)), mpint(b(jwk.n))]);
  } else if (jwk.kty === 'EC' && jwk.crv === 'P-256') {
    type = 'ecdsa-sha2-nistp256';
    const point = Buffer.concat([Buffer.from([4]), b(jwk.x), b(jwk.y)]);
    blob = Buffer.concat([sshString(Buffer.from(type)), sshString(Buffer.from('nistp256')), sshString(point)]);
  } else {
    throw new Error(`no OpenSSH encoding here for ${jwk.kty}/${jwk.crv ?? ''}`);
  }
  return `${type} ${blob.toString('base64')} ${comment}`;
}

// RSA takes up to a second per key and the reference checklist starts hundreds of boxes: one per size and process.
const processRsa = new Map<number, { privateKey: KeyObject; publicKey: KeyObject }>();
function rsaPair(bits: number): { privateKey: KeyObject; publicKey: KeyObject } {
  let pair = processRsa.get(bits);
  if (!pair) {
    pair = generateKeyPairSync('rsa', { modulusLength: bits });
    processRsa.set(bits, pair);
  }
  return pair;
}

function writeKeyPair(file: string, pair: { privateKey: KeyObject; publicKey: KeyObject }, comment: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // PKCS#1 / PKCS#8 PEM: OpenSSH reads both, and node:crypto cannot write the openssh-key-v1 format.
  const pem = pair.privateKey.export({
    format: 'pem',
    type: pair.privateKey.asymmetricKeyType === 'rsa' ? 'pkcs1' : 'pkcs8',
  });
  writeFileSync(file, pem, { mode: 0o600 });
  writeFileSync(file + '.pub', opensshPublicLine(pair.publicKey, comment) + '\n', { mode: 0o644 });
}

/** The file name sshd's HostKey would have for a public key line (`ssh-ed25519 …` → ssh_host_ed25519_key.pub). */
function hostKeyFileName(line: string): string {
  const type = line.split(' ')[0] ?? '';
  const short =
    type === 'ssh-rsa'
      ? 'rsa'
      : type === 'ssh-dss'
        ? 'dsa'
        : type.startsWith('ecdsa-')
          ? 'ecdsa'
          : type.replace(/^ssh-/, '');
  return `ssh_host_${short}_key.pub`;
}

/**
 * The box's sshd host keys: the given public key lines (the real sshd in front of the emulator), or else two fresh
 * key pairs, ECDSA P-256 and Ed25519, so the zone has two SSHFP records as the real boxes compared showed (which
 * two types those were is not known; these two cost nothing to generate, unlike RSA).
 */
export function ensureHostKeys(root: string, hostname: string, given?: readonly string[]): void {
  const dir = boxPath(root, SSH_DIR);
  mkdirSync(dir, { recursive: true });
  if (given) {
    for (const f of readdirSync(dir).filter((n) => /^ssh_host_.*_key(\.pub)?$/.test(n))) rmSync(join(dir, f));
    for (const line of given) writeFileSync(join(dir, hostKeyFileName(line.trim())), line.trim() + '\n');
    return;
  }
  if (readdirSync(dir).some((n) => /^ssh_host_.*_key\.pub$/.test(n))) return;
  writeKeyPair(join(dir, 'ssh_host_ecdsa_key'), generateKeyPairSync('ec', { namedCurve: 'P-256' }), `root@${hostname}`);
  writeKeyPair(join(dir, 'ssh_host_ed25519_key'), generateKeyPairSync('ed25519'), `root@${hostname}`);
}

/** setup/system.sh: the backup key, created once; a seeded public half (state.backup.sshPubKey) replaces it. */
export function ensureBackupKey(root: string, hostname: string, seededPublic?: string): void {
  const file = boxPath(root, BACKUP_KEY_PATH);
  if (!existsSync(file)) writeKeyPair(file, rsaPair(2048), `root@${hostname}`);
  if (seededPublic !== undefined) writeFileSync(file + '.pub', seededPublic);
}

/** The backup key's .pub as backup.get_backup_config reads it, or null when the file is missing. */
export function backupPublicKey(root: string): string | null {
  const file = boxPath(root, BACKUP_KEY_PATH + '.pub');
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

const SSHFP_ALGORITHM: Record<string, number> = {
  'ssh-rsa': 1,
  'ssh-dss': 2,
  'ecdsa-sha2-nistp256': 3,
  'ssh-ed25519': 4,
};

/**
 * build_sshfp_records: `ssh-keyscan -t rsa,dsa,ecdsa,ed25519 localhost` lines, sorted, each as
 * `<algorithm> 2 ( <SHA-256 of the key blob, upper-case hex> )`; lines it cannot map are skipped.
 */
export function sshfpValues(root: string): string[] {
  const dir = boxPath(root, SSH_DIR);
  if (!existsSync(dir)) return [];
  const lines = readdirSync(dir)
    .filter((n) => /^ssh_host_(rsa|dsa|ecdsa|ed25519)_key\.pub$/.test(n))
    .map((n) => readFileSync(join(dir, n), 'utf8').trim().split(/\s+/))
    .map(([type, blob]) => `localhost ${type ?? ''} ${blob ?? ''}`)
    .sort();
  const out: string[] = [];
  for (const line of lines) {
    const [, type, blob] = line.split(' ') as [string, string, string];
    const algorithm = SSHFP_ALGORITHM[type];
    if (algorithm === undefined || blob === '') continue;
    out.push(
      `${algorithm} 2 ( ${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('hex').toUpperCase()} )`,
    );
  }
  return out;
}
