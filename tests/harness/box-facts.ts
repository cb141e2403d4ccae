/**
 * Facts of an emulated box that both its API and its files show: the newest backup (GET /system/backup/status and
 * the duplicity files in STORAGE_ROOT/backup/encrypted) and the certificate of its hostname (GET /ssl/status).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EmulatorHandle } from '../emulator/index';
import { addCertificate, setPrimaryCertFile } from '../emulator/tls';

const DAY = 86_400_000;

/** duplicity's file-name time, e.g. 20260419T010512Z. */
function duplicityTime(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * One full backup at `at` (or none): the emulator's history and the local target's files, in a directory only root
 * may list, as on a box where duplicity runs as root.
 */
export async function setLastBackup(emulator: EmulatorHandle, at: Date | null): Promise<void> {
  const dir = path.join(emulator.box.storageDir, 'backup', 'encrypted');
  await fs.promises.mkdir(dir, { recursive: true });
  await fs.promises.chown(dir, 0, 0);
  await fs.promises.chmod(dir, 0o700);
  for (const name of await fs.promises.readdir(dir)) {
    if (name.startsWith('duplicity-')) await fs.promises.rm(path.join(dir, name), { force: true });
  }
  emulator.state.backup.history = [];
  if (at === null) return;
  // duplicity keeps whole seconds.
  const when = new Date(Math.floor(at.getTime() / 1000) * 1000);
  const t = duplicityTime(when);
  for (const name of [
    `duplicity-full.${t}.manifest.gpg`,
    `duplicity-full.${t}.vol1.difftar.gpg`,
    `duplicity-full-signatures.${t}.sigtar.gpg`,
  ]) {
    await fs.promises.writeFile(path.join(dir, name), 'x', { mode: 0o600 });
  }
  emulator.state.backup.history = [{ date: when, full: true, size: 1024 * 1024, volumes: 1 }];
}

/** A certificate for the hostname signed by the box's test CA, valid from 85 days ago until `days` from now. */
export function setCertificateExpiry(emulator: EmulatorHandle, days: number): void {
  const now = emulator.box.now();
  const record = addCertificate(emulator.box, {
    names: [emulator.state.hostname],
    notBefore: new Date(now.getTime() - 85 * DAY),
    notAfter: new Date(now.getTime() + days * DAY),
  });
  setPrimaryCertFile(emulator.box, record.fileName);
}
