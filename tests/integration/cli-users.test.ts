/**
 * `boxfleet users ...` against emulated boxes of both flavours over real SSH: every operation, the box's refusals
 * (its text verbatim on stderr, exit 1), usage errors (exit 2), and passwords that never reach the output.
 */
import { verifyPassword } from '../emulator';
import { FLAVOURS, useMailCliBed } from '../helpers/cli-mail-bed';

jest.setTimeout(180_000);

const bed = useMailCliBed({ old: true });

interface ListedUser {
  email: string;
  status: string;
  privileges: string[];
  quota?: string;
}

async function listed(box: string): Promise<ListedUser[]> {
  const r = await bed().cli(['users', 'list', '--box', box, '--json']);
  if (r.code !== 0) throw new Error(r.err);
  return (JSON.parse(r.out) as Array<{ users: ListedUser[] }>).flatMap((g) => g.users);
}

const stored = (box: string, email: string) =>
  bed()
    .stateOf(box)
    .users.find((u) => u.email === email);

describe.each(FLAVOURS)('users on %s (%s)', (box) => {
  test('add with --password-stdin, admin and a quota; the password is set and never printed', async () => {
    const r = await bed().cli(
      ['users', 'add', '--box', box, 'bob@example.com', '--password-stdin', '--admin', '--quota', '1G'],
      'bob-secret-pw-1\n',
    );
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^Added bob@example\.com to /);
    expect(r.out).toContain('mail user added');
    expect(r.out + r.err).not.toContain('bob-secret-pw-1');
    const user = stored(box, 'bob@example.com');
    // The newline that ends the piped line is not part of the password.
    expect(verifyPassword('bob-secret-pw-1', user?.password ?? '')).toBe(true);
    expect(await listed(box)).toContainEqual(
      expect.objectContaining({ email: 'bob@example.com', status: 'active', privileges: ['admin'], quota: '1G' }),
    );
  });

  test('without --password-stdin and without a terminal a password is made and printed once', async () => {
    const r = await bed().cli(['users', 'add', '--box', box, 'carol@example.com']);
    expect(r.code).toBe(0);
    const made = /Password \(shown only this once\): (\S+)\n/.exec(r.out)?.[1] ?? '';
    expect(made).toHaveLength(20);
    expect(r.out.split(made)).toHaveLength(2);
    expect(verifyPassword(made, stored(box, 'carol@example.com')?.password ?? '')).toBe(true);

    const json = await bed().cli(['users', 'add', '--box', box, 'dave@example.com', '--json']);
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.out) as { email: string; report: string; generatedPassword: string };
    expect(answer).toMatchObject({ email: 'dave@example.com', report: expect.stringContaining('mail user added') });
    expect(verifyPassword(answer.generatedPassword, stored(box, 'dave@example.com')?.password ?? '')).toBe(true);
  });

  test.each([
    ['a duplicate user', 'alice@example.com', 'long-enough-1', [], 'User already exists.'],
    ['a bad address', 'not-an-address', 'long-enough-1', [], 'Invalid email address.'],
    ['a non-ASCII local part', 'jörg@example.com', 'long-enough-1', [], 'Invalid email address.'],
    [
      'an upper-case local part',
      'Erin@example.com',
      'long-enough-1',
      [],
      'User account email addresses may only use the lowercase ASCII letters a-z, the digits 0-9, underscore (_), hyphen (-), and period (.).',
    ],
    ['a short password', 'erin@example.com', 'short', [], 'Passwords must be at least eight characters.'],
    ['a bad quota', 'erin@example.com', 'long-enough-1', ['--quota', '12X'], 'Invalid quota.'],
  ])('add refuses %s with the box text on stderr, exit 1', async (_what, email, password, extra, text) => {
    const r = await bed().cli(['users', 'add', '--box', box, email, '--password-stdin', ...extra], password);
    expect(r).toEqual({ code: 1, out: '', err: `boxfleet: ${text}\n` });
    expect(stored(box, 'erin@example.com')).toBeUndefined();
  });

  test('password from stdin; a refusal leaves the old one', async () => {
    const r = await bed().cli(
      ['users', 'password', '--box', box, 'alice@example.com', '--password-stdin'],
      'new-pass-99\n',
    );
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).not.toContain('new-pass-99');
    expect(verifyPassword('new-pass-99', stored(box, 'alice@example.com')?.password ?? '')).toBe(true);

    const short = await bed().cli(['users', 'password', '--box', box, 'alice@example.com', '--password-stdin'], 'tiny');
    expect(short).toEqual({ code: 1, out: '', err: 'boxfleet: Passwords must be at least eight characters.\n' });
    expect(verifyPassword('new-pass-99', stored(box, 'alice@example.com')?.password ?? '')).toBe(true);

    // No terminal to ask on and no --password-stdin: a usage error, nothing sent.
    const none = await bed().cli(['users', 'password', '--box', box, 'alice@example.com']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/--password-stdin/);
  });

  test('admin on and off', async () => {
    expect((await bed().cli(['users', 'admin', '--box', box, 'alice@example.com', 'on'])).code).toBe(0);
    expect(stored(box, 'alice@example.com')?.privileges).toEqual(['admin']);
    const off = await bed().cli(['users', 'admin', '--box', box, 'alice@example.com', 'off', '--json']);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.out)).toEqual({ email: 'alice@example.com', box, admin: false });
    expect(stored(box, 'alice@example.com')?.privileges).toEqual([]);

    const bad = await bed().cli(['users', 'admin', '--box', box, 'alice@example.com', 'maybe']);
    expect(bad).toMatchObject({ code: 2, err: 'boxfleet: users admin takes on or off, not "maybe".\n' });
    const nobody = await bed().cli(['users', 'admin', '--box', box, 'nobody@example.com', 'on']);
    expect(nobody).toEqual({ code: 1, out: '', err: "boxfleet: That's not a user (nobody@example.com).\n" });
  });

  test('quota: print, set (the box stores its own form), refuse a bad one', async () => {
    expect(await bed().cli(['users', 'quota', '--box', box, 'alice@example.com'])).toEqual({
      code: 0,
      out: '2G\n',
      err: '',
    });
    const set = await bed().cli(['users', 'quota', '--box', box, 'alice@example.com', '500m', '--json']);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.out)).toEqual({ email: 'alice@example.com', box, quota: '500M' });
    const unlimited = await bed().cli(['users', 'quota', '--box', box, 'alice@example.com', '0']);
    expect(unlimited).toEqual({ code: 0, out: 'The quota of alice@example.com is now 0 (unlimited).\n', err: '' });
    const bad = await bed().cli(['users', 'quota', '--box', box, 'alice@example.com', '1.5G']);
    expect(bad).toEqual({
      code: 1,
      out: '',
      err: 'boxfleet: Quotas cannot contain spaces, commas, or decimal points.\n',
    });
    expect(stored(box, 'alice@example.com')?.quota).toBe('0');
  });

  test('remove needs --yes without a terminal, then archives: the mail stays and the way back is named', async () => {
    const refused = await bed().cli(['users', 'remove', '--box', box, 'carol@example.com']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--yes/);
    expect(stored(box, 'carol@example.com')).toBeDefined();

    const r = await bed().cli(['users', 'remove', '--box', box, 'carol@example.com', '--yes']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^Removed carol@example\.com from .*adding carol@example\.com again restores it/s);
    expect(stored(box, 'carol@example.com')).toBeUndefined();
    expect(await listed(box)).toContainEqual(
      expect.objectContaining({ email: 'carol@example.com', status: 'inactive' }),
    );

    const again = await bed().cli(['users', 'remove', '--box', box, 'carol@example.com', '--yes']);
    expect(again).toMatchObject({ code: 1, out: '' });
    expect(again.err).toMatch(/carol@example\.com/);
  });
});

describe('users: usage and boxes without quotas', () => {
  test('usage errors exit 2 and never open the box', async () => {
    const noBox = await bed().cli(['users', 'add', 'x@example.com', '--password-stdin'], 'long-enough-1');
    expect(noBox).toEqual({ code: 2, out: '', err: 'boxfleet: users add needs --box NAME.\n' });
    const extra = await bed().cli(['users', 'quota', '--box', 'up', 'a@example.com', '1G', 'more']);
    expect(extra.code).toBe(2);
    expect(extra.err).toMatch(/^boxfleet: Usage: boxfleet users quota/);
    // A password on the command line is not an option at all.
    const argv = await bed().cli(['users', 'add', '--box', 'up', 'x@example.com', '--password', 'long-enough-1']);
    expect(argv.code).toBe(2);
  });

  test('an unknown box is a failure (exit 1) that says how to see the fleet', async () => {
    const r = await bed().cli(['users', 'list', '--box', 'nope']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('There is no box called "nope"');
  });

  test('quota on upstream before v73 is not supported, said in words; other commands still work', async () => {
    const get = await bed().cli(['users', 'quota', '--box', 'old', 'alice@example.com']);
    expect(get).toMatchObject({ code: 1, out: '' });
    expect(get.err).toMatch(/^boxfleet: .*v73.*\n$/);
    const set = await bed().cli(['users', 'quota', '--box', 'old', 'alice@example.com', '1G']);
    expect(set).toMatchObject({ code: 1, err: get.err });
    expect(
      bed()
        .stateOf('old')
        .users.find((u) => u.email === 'alice@example.com')?.quota,
    ).toBe('2G');
    const add = await bed().cli(
      ['users', 'add', '--box', 'old', 'frank@example.com', '--password-stdin', '--quota', '1G'],
      'long-enough-1',
    );
    expect(add).toMatchObject({ code: 1, err: get.err });
    expect((await bed().cli(['users', 'list', '--box', 'old'])).code).toBe(0);
  });
});
