import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { reldate } from '../../emulator/backup-status';
import { ADMIN, call, keyAuth, startTestBox } from './emu-client';
import type { TestBox } from './emu-client';

const NOW = new Date('2026-04-20T08:10:12Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

test('reldate wording', () => {
  const ago = (ms: number) => reldate(new Date(NOW.getTime() - ms), NOW, 'the future?');
  expect(ago(31 * HOUR + 5 * 60_000)).toBe('1 day, 7 hours');
  expect(ago(3 * DAY + 2 * HOUR)).toBe('3 days, 2 hours');
  expect(ago(12 * DAY)).toBe('12 days');
  expect(ago(5 * HOUR + 3 * 60_000)).toBe('5 hours, 3 minutes');
  expect(reldate(new Date('2026-02-10T08:10:12Z'), NOW, '')).toBe('2 months, 10 days');
  expect(reldate(new Date('2025-01-20T08:10:12Z'), NOW, '')).toBe('1 year, 3 months');
  expect(ago(-HOUR)).toBe('the future?');
});

describe('emulator backup routes', () => {
  let up: TestBox;
  let power: TestBox;
  beforeAll(async () => {
    up = await startTestBox({ flavour: 'upstream', admin: ADMIN, now: () => NOW });
    power = await startTestBox({ flavour: 'power', admin: ADMIN, now: () => NOW });
  });
  afterAll(async () => {
    await up.close();
    await power.close();
  });
  const get = (b: TestBox, path: string) => call(b.emu, path, { auth: keyAuth(b.emu) });
  const post = (b: TestBox, path: string, form: Record<string, string>) =>
    call(b.emu, path, { form, auth: keyAuth(b.emu) });

  test('config defaults per flavour', async () => {
    const sshPubKey = readFileSync(join(up.root, 'root/.ssh/id_rsa_miab.pub'), 'utf8');
    const body =
      '{\n  "enc_pw_file": "/home/user-data/backup/secret_key.txt",\n  "file_target_directory": "/home/user-data/backup/encrypted",\n' +
      `  "min_age_in_days": 3,\n  "ssh_pub_key": ${JSON.stringify(sshPubKey)},\n` +
      '  "target": "file:///home/user-data/backup/encrypted"\n}\n';
    expect((await get(up, '/system/backup/config')).body).toBe(body);
    const p = JSON.parse((await get(power, '/system/backup/config')).body) as Record<string, unknown>;
    expect(p['target_rsync_port']).toBe(22);
  });

  test('config validation answers JSON strings; bad min_age is 500 upstream, 401 on Power', async () => {
    const cases: Array<[string, string]> = [
      [
        'rsync://me@backup.example.net:2222//srv/b',
        'Connection to rsync host failed: The hostname backup.example.net cannot be resolved.',
      ],
      ['rsync://me@192.0.2.9//srv/b', 'Connection to rsync host failed: The IP address 192.0.2.9 is unreachable.'],
      ['s3://s3.example.net/', 'Enter an S3 bucket name.'],
      ['b2://key:secret@bucket', 'B2 Bucket does not exist. Please double check your information!'],
      ['ftp://x', 'ftp://x'],
    ];
    for (const [target, message] of cases) {
      const r = await post(up, '/system/backup/config', { target, target_user: '', target_pass: '', min_age: '3' });
      expect({ target, status: r.status, body: r.body }).toEqual({
        target,
        status: 200,
        body: JSON.stringify(message) + '\n',
      });
    }
    expect((await post(up, '/system/backup/config', { target: 'file:///nowhere', min_age: '3' })).status).toBe(500);
    expect((await post(up, '/system/backup/config', { target: 'off', min_age: '' })).status).toBe(500);
    const p = await post(power, '/system/backup/config', { target: 'off', min_age: '' });
    expect(p).toMatchObject({ status: 401, body: "invalid literal for int() with base 10: ''\n" });
    expect((await post(up, '/system/backup/config', { target: 'off', min_age: '5' })).body).toBe('"OK"\n');
    expect(JSON.parse((await get(up, '/system/backup/config')).body)).toMatchObject({
      target: 'off',
      min_age_in_days: 5,
    });
    expect((await get(up, '/system/backup/status')).body).toBe('{}\n');
    await post(up, '/system/backup/config', { target: 'local', min_age: '3' });
  });

  test('status from the history, and the secret-key error', async () => {
    up.emu.state.backup.history = [
      { date: new Date('2026-04-10T01:05:12Z'), full: true, size: 10_000_000, volumes: 1 },
      { date: new Date('2026-04-19T01:05:12Z'), full: false, size: 1_000_000, volumes: 1 },
    ];
    const s = JSON.parse((await get(up, '/system/backup/status')).body) as { backups: Array<Record<string, unknown>> };
    expect(s.backups[0]).toEqual({
      date: '20260419T010512Z',
      date_delta: '1 day, 7 hours',
      date_str: '2026-04-19 01:05:12 UTC',
      deleted_in: 'approx. 3 days',
      full: false,
      size: 1_000_000,
      volumes: 1,
    });
    expect(s.backups[1]).toMatchObject({ date: '20260410T010512Z', full: true, deleted_in: 'approx. 3 days' });
    rmSync(join(up.emu.box.storageDir, 'backup', 'secret_key.txt'));
    expect((await get(up, '/system/backup/status')).body).toBe(
      '{\n  "error": "[Errno 2] No such file or directory: \'/home/user-data/backup/secret_key.txt\'"\n}\n',
    );
  });

  test('Power: backup/new writes duplicity volumes and grows the history', async () => {
    expect((await post(power, '/system/backup/new', { full: 'false' })).body).toBe('OK');
    expect((await post(power, '/system/backup/new', { full: 'false' })).body).toBe('OK');
    const dir = join(power.emu.box.storageDir, 'backup', 'encrypted');
    const files = readdirSync(dir).sort();
    expect(files).toContain('duplicity-full.20260420T081012Z.vol1.difftar.gpg');
    expect(files).toContain('duplicity-inc.20260420T081012Z.to.20260420T081013Z.vol1.difftar.gpg');
    const s = JSON.parse((await get(power, '/system/backup/status')).body) as { backups: Array<{ full: boolean }> };
    expect(s.backups.map((b) => b.full)).toEqual([false, true]);
    expect((await call(up.emu, '/system/backup/new', { form: {}, auth: keyAuth(up.emu) })).status).toBe(404);
    await post(power, '/system/backup/config', { target: 'off', min_age: '3' });
    expect((await post(power, '/system/backup/new', {})).body).toBe(
      'Backups are disabled in this machine. Nothing was done.',
    );
    expect(existsSync(dir)).toBe(true);
  });
});
