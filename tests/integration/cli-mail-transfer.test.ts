/**
 * `boxfleet users|aliases export|import` against emulated boxes of both flavours over real SSH: CSV and JSON, files
 * and standard streams, a dry run and an applied import with mixed rows (exit 1 while any row is an error), and
 * passwords from the file that never reach the output.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyPassword } from '../emulator';
import { FLAVOURS, startMailCliBed, type MailCliBed } from '../helpers/cli-mail-bed';

jest.setTimeout(180_000);

let bed: MailCliBed;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bf-cli-transfer-'));
  bed = await startMailCliBed();
});

afterAll(async () => {
  await bed?.stop();
  await rm(dir, { recursive: true, force: true });
});

interface Row {
  row: number;
  address: string;
  action: string;
  detail: string;
  applied?: boolean;
}

const MIXED = [
  'email,password,admin,quota',
  'new1@example.com,new-user-pass-1,yes,1G',
  'alice@example.com,,,3G',
  'alice2@example.com,short,no,',
  'not-an-address,long-enough-pass,no,',
  'me@box.example.com,,yes,',
].join('\n');

const SECRETS = ['new-user-pass-1', 'long-enough-pass', 'short'];

describe.each(FLAVOURS)('export and import on %s (%s)', (box) => {
  test('users export: CSV to standard output, JSON to a file named .json; never a password', async () => {
    const csv = await bed.cli(['users', 'export', '--box', box]);
    expect(csv).toMatchObject({ code: 0, err: '' });
    const lines = csv.out.split('\n');
    expect(lines[0]).toBe('email,status,admin,quota,used,percent,messages,mailbox');
    expect(lines).toContainEqual(expect.stringMatching(/^alice@example\.com,active,no,2G,/));
    expect(csv.out).not.toContain('alice-password-1');

    const file = join(dir, `${box}-users.json`);
    const written = await bed.cli(['users', 'export', '--box', box, file, '--json']);
    expect(written.code).toBe(0);
    expect(JSON.parse(written.out)).toEqual({ box, format: 'json', file });
    const users = JSON.parse(await readFile(file, 'utf8')) as Array<Record<string, unknown>>;
    expect(users).toContainEqual(expect.objectContaining({ email: 'alice@example.com', quota: '2G', admin: false }));
    expect(users.every((u) => !('password' in u))).toBe(true);
  });

  test('users import --dry-run from standard input: a row each, nothing sent, exit 1 for the error rows', async () => {
    const before = JSON.stringify(bed.stateOf(box).users);
    const r = await bed.cli(['users', 'import', '--box', box, '--dry-run', '--json'], MIXED);
    expect(r.code).toBe(1);
    for (const secret of SECRETS) expect(r.out + r.err).not.toContain(secret);
    const { dryRun, rows } = JSON.parse(r.out) as { dryRun: boolean; rows: Row[] };
    expect(dryRun).toBe(true);
    expect(rows.map((row) => [row.row, row.address, row.action])).toEqual([
      [1, 'new1@example.com', 'create'],
      [2, 'alice@example.com', 'update'],
      [3, 'alice2@example.com', 'error'],
      [4, 'not-an-address', 'error'],
      [5, 'me@box.example.com', 'skip'],
    ]);
    expect(rows[2]?.detail).toBe('Passwords must be at least eight characters.');
    expect(JSON.stringify(bed.stateOf(box).users)).toBe(before);

    const text = await bed.cli(['users', 'import', '--box', box, '--dry-run'], MIXED);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/^ROW\s+ADDRESS\s+WOULD\s+DETAIL\n/);
    expect(text.out).toContain('1 to create, 1 to update, 1 to skip, 2 errors. Nothing was sent to the box (dry run).');
  });

  test('users import from a file applies the good rows as a job and reports each row', async () => {
    const file = join(dir, `${box}-mixed.csv`);
    await writeFile(file, MIXED);
    const r = await bed.cli(['users', 'import', '--box', box, file]);
    expect(r.code).toBe(1);
    for (const secret of SECRETS) expect(r.out + r.err).not.toContain(secret);
    expect(r.out).toMatch(/^ROW\s+ADDRESS\s+RESULT\s+DETAIL\n/);
    expect(r.out).toMatch(/new1@example\.com\s+create: done/);
    expect(r.out).toMatch(/alice@example\.com\s+update: done/);
    expect(r.out).toMatch(/not-an-address\s+error\s/);
    const users = bed.stateOf(box).users;
    const created = users.find((u) => u.email === 'new1@example.com');
    expect(created).toMatchObject({ privileges: ['admin'], quota: '1G' });
    expect(verifyPassword('new-user-pass-1', created?.password ?? '')).toBe(true);
    expect(users.find((u) => u.email === 'alice@example.com')?.quota).toBe('3G');
    expect(users.some((u) => u.email === 'alice2@example.com')).toBe(false);

    // Only good rows: exit 0, and the JSON names the job.
    const clean = await bed.cli(
      ['users', 'import', '--box', box, '--format', 'csv', '--json'],
      'email,password\nnew2@example.com,another-pass-2\n',
    );
    expect(clean.code).toBe(0);
    const answer = JSON.parse(clean.out) as { dryRun: boolean; jobId: string; rows: Row[] };
    expect(answer.dryRun).toBe(false);
    expect(answer.jobId).toEqual(expect.any(String));
    expect(answer.rows).toEqual([
      expect.objectContaining({ address: 'new2@example.com', action: 'create', applied: true }),
    ]);
  });

  test('aliases round trip: export as CSV, remove one on the box, import the file back', async () => {
    await bed.cli([
      'aliases',
      'add',
      '--box',
      box,
      'list@example.com',
      '--to',
      'alice@example.com,x@elsewhere.example',
    ]);
    const file = join(dir, `${box}-aliases.csv`);
    const exported = await bed.cli(['aliases', 'export', '--box', box, file]);
    expect(exported).toEqual({ code: 0, out: `Wrote the aliases of ${box} to ${file} (csv).\n`, err: '' });
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')[0]).toBe('address,forwards_to,permitted_senders');
    expect(text).toContain('list@example.com,"alice@example.com,x@elsewhere.example",');
    expect(text).not.toContain('postmaster@');

    expect((await bed.cli(['aliases', 'remove', '--box', box, 'list@example.com', '--yes'])).code).toBe(0);
    const planned = await bed.cli(['aliases', 'import', '--box', box, '--dry-run', file, '--json']);
    expect(planned.code).toBe(0);
    const rows = (JSON.parse(planned.out) as { rows: Row[] }).rows;
    expect(rows).toContainEqual(expect.objectContaining({ address: 'list@example.com', action: 'create' }));
    expect(rows).toContainEqual(expect.objectContaining({ address: 'team@example.com', action: 'skip' }));

    const applied = await bed.cli(['aliases', 'import', '--box', box, file]);
    expect(applied).toMatchObject({ code: 0, err: '' });
    expect(bed.stateOf(box).aliases.find((a) => a.source === 'list@example.com')?.destination).toBe(
      'alice@example.com,x@elsewhere.example',
    );
  });
});

describe('export and import: usage and file errors', () => {
  test.each([
    [['users', 'export', '--box', 'up', '--dry-run'], /--dry-run/],
    [['users', 'import', '--box', 'up', '--format', 'xml', '/dev/null'], /--format takes csv or json, not "xml"/],
    [['aliases', 'import', '/dev/null'], /aliases import needs --box NAME/],
    [['users', 'export', '--box', 'up', 'a.csv', 'b.csv'], /Usage: boxfleet users export/],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const r = await bed.cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  test('a missing file is a failure (exit 1) that says so', async () => {
    const missing = join(dir, 'missing.csv');
    const r = await bed.cli(['users', 'import', '--box', 'up', missing]);
    expect(r).toEqual({ code: 1, out: '', err: `boxfleet: ${missing}: there is no such file.\n` });
  });

  test('a file the box cannot take is refused with the reason, exit 1', async () => {
    const r = await bed.cli(['users', 'import', '--box', 'up', '--dry-run'], 'mail,pasword\nx@example.com,x\n');
    expect(r).toMatchObject({ code: 1, out: '' });
    expect(r.err).toMatch(/^boxfleet: Unknown column/);
  });
});
