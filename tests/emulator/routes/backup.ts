/**
 * Backup routes (§4.9, Power §6.3.6 and §6.4.11). Remote targets cannot be reached from here, so saving one answers
 * with the failure text the daemon gives when the listing fails; local targets are real directories under the root.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { PyValueError } from '../auth';
import { backupStatus, duplicityTime } from '../backup-status';
import { backupPublicKey } from '../box-ssh-keys';
import { pyRepr } from '../dns-records';
import { json, text } from '../respond';
import type { EmuBox, EmuRequest, EmuResponse, RouteDef } from '../types';

const BOTH = ['upstream', 'power'] as const;
const DAY = 86400_000;

function backupRoot(box: EmuBox): { box: string; local: string } {
  return { box: join(box.state.storageRoot, 'backup'), local: join(box.storageDir, 'backup') };
}

function secretKeyError(box: EmuBox): string | null {
  const root = backupRoot(box);
  if (existsSync(join(root.local, 'secret_key.txt'))) return null;
  return `[Errno 2] No such file or directory: '${join(root.box, 'secret_key.txt')}'`;
}

/** Python's int() on a form value. */
function pyInt(s: string): number {
  if (!/^\s*[+-]?\d+(?:_\d+)*\s*$/.test(s))
    throw new PyValueError(`invalid literal for int() with base 10: ${pyRepr(s)}`);
  return Number(s.replace(/_/g, ''));
}

/** urllib.parse.urlparse, the parts list_target_files reads. */
function urlparse(url: string): { scheme: string; netloc: string; path: string; hostname: string } {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s.exec(url);
  const scheme = m ? (m[1] as string).toLowerCase() : '';
  let rest = m ? (m[2] as string) : url;
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end < 0 ? rest.slice(2) : rest.slice(2, end + 2);
    rest = end < 0 ? '' : rest.slice(end + 2);
  }
  const hostPort = netloc.slice(netloc.lastIndexOf('@') + 1);
  const hostname = (
    hostPort.startsWith('[') ? hostPort.slice(1, hostPort.indexOf(']')) : (hostPort.split(':')[0] ?? '')
  ).toLowerCase();
  return { scheme, netloc, path: rest.split(/[?#]/)[0] as string, hostname };
}

/** list_target_files as far as it can go without a network: null = reachable, else the message to answer. */
function checkTarget(box: EmuBox, target: string): string | null {
  const t = urlparse(target);
  if (t.scheme === 'file') {
    if (!existsSync(join(box.root, t.path))) throw new Error(`[Errno 2] No such file or directory: '${t.path}'`);
    return null;
  }
  if (t.scheme === 'rsync') {
    const reason = isIP(t.hostname)
      ? `The IP address ${t.hostname} is unreachable.`
      : `The hostname ${t.hostname} cannot be resolved.`;
    return `Connection to rsync host failed: ${reason}`;
  }
  if (t.scheme === 's3') {
    if ((t.path.slice(1).split('/')[0] ?? '') === '') return 'Enter an S3 bucket name.';
    return 'An error occurred (AccessDenied) when calling the ListObjectsV2 operation: Access Denied';
  }
  if (t.scheme === 'b2') {
    if (!t.netloc.includes(':') || !t.netloc.includes('@')) return 'substring not found';
    return 'B2 Bucket does not exist. Please double check your information!';
  }
  return target;
}

function getConfig(_req: EmuRequest, box: EmuBox): EmuResponse {
  const b = box.state.backup;
  const root = backupRoot(box).box;
  const config: Record<string, unknown> = {
    enc_pw_file: join(root, 'secret_key.txt'),
    file_target_directory: join(root, 'encrypted'),
    min_age_in_days: b.minAgeInDays,
    target: b.target === 'local' ? 'file://' + join(root, 'encrypted') : b.target,
  };
  const sshPubKey = backupPublicKey(box.root);
  if (sshPubKey !== null) config['ssh_pub_key'] = sshPubKey;
  if (box.state.flavour === 'power') config['target_rsync_port'] = b.rsyncPort;
  return json(config);
}

function setConfig(req: EmuRequest, box: EmuBox): EmuResponse {
  const target = req.form.get('target') ?? '';
  const minAge = pyInt(req.form.get('min_age') ?? '');
  let port = 22;
  if (box.state.flavour === 'power') {
    try {
      port = pyInt(req.form.get('target_rsync_port') ?? '');
    } catch {
      port = 22;
    }
  }
  if (target !== 'off' && target !== 'local') {
    const failure = checkTarget(box, target);
    if (failure !== null) return json(failure);
  }
  Object.assign(box.state.backup, {
    target,
    targetUser: req.form.get('target_user') ?? '',
    targetPass: req.form.get('target_pass') ?? '',
    minAgeInDays: minAge,
    rsyncPort: port,
  });
  return json('OK');
}

function status(_req: EmuRequest, box: EmuBox): EmuResponse {
  const b = box.state.backup;
  if (b.target === 'off') return json({});
  const error = b.statusError ?? secretKeyError(box);
  if (error !== null) return json({ error });
  return json(backupStatus(box.state, box.now()));
}

/** Directory on this machine that a local or file:// target writes to; null for remote targets. */
function localTargetDir(box: EmuBox): string | null {
  const target = box.state.backup.target;
  if (target === 'local') return join(backupRoot(box).local, 'encrypted');
  const t = urlparse(target);
  return t.scheme === 'file' ? join(box.root, t.path) : null;
}

/** Power's POST /system/backup/new: a real (tiny) duplicity volume set in the target, recorded in the history. */
function newBackup(req: EmuRequest, box: EmuBox): EmuResponse {
  const b = box.state.backup;
  if (b.target === 'off') return text('Backups are disabled in this machine. Nothing was done.');
  const missing = secretKeyError(box);
  if (missing !== null) throw new Error(missing);
  const dir = localTargetDir(box);
  if (dir === null) throw new Error('duplicity: the backup target cannot be reached');
  mkdirSync(dir, { recursive: true });
  const history = [...b.history].sort((x, y) => y.date.getTime() - x.date.getTime());
  const lastFull = history.find((h) => h.full);
  const incSize = history.slice(0, lastFull ? history.indexOf(lastFull) : 0).reduce((n, h) => n + h.size, 0);
  const now = box.now();
  const full =
    req.form.get('full') === 'true' ||
    !lastFull ||
    incSize > lastFull.size / 2 ||
    now.getTime() - lastFull.date.getTime() > (b.minAgeInDays * 10 + 1) * DAY;
  let date = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const newest = history[0];
  if (newest && date <= newest.date) date = new Date(newest.date.getTime() + 1000);
  const ts = duplicityTime(date);
  const prefix = full
    ? `duplicity-full.${ts}`
    : `duplicity-inc.${duplicityTime((newest as { date: Date }).date)}.to.${ts}`;
  const sig = full
    ? `duplicity-full-signatures.${ts}`
    : `duplicity-new-signatures.${duplicityTime((newest as { date: Date }).date)}.to.${ts}`;
  const files: Array<[string, number]> = [
    [`${prefix}.vol1.difftar.gpg`, full ? 8192 : 1024],
    [`${prefix}.manifest.gpg`, 256],
    [`${sig}.sigtar.gpg`, 512],
  ];
  for (const [name, size] of files) writeFileSync(join(dir, name), randomBytes(size));
  b.history.push({ date, full, size: files.reduce((n, [, s]) => n + s, 0), volumes: 1 });
  return text('OK');
}

export const backupRoutes: RouteDef[] = [
  { method: 'GET', path: '/system/backup/status', auth: 'admin', flavours: BOTH, slow: true, handler: status },
  { method: 'GET', path: '/system/backup/config', auth: 'admin', flavours: BOTH, handler: getConfig },
  { method: 'POST', path: '/system/backup/config', auth: 'admin', flavours: BOTH, handler: setConfig },
  { method: 'POST', path: '/system/backup/new', auth: 'admin', flavours: ['power'], slow: true, handler: newBackup },
];
