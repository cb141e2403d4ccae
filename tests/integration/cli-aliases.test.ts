/**
 * `boxfleet aliases ...` against emulated boxes of both flavours over real SSH: list (automatic aliases marked,
 * IDN shown in Unicode), add (several forward-to addresses, catch-all, domain alias, send-only, --update), remove,
 * and the box's refusals verbatim with exit 1; usage errors exit 2.
 */
import { FLAVOURS, useMailCliBed } from '../helpers/cli-mail-bed';

jest.setTimeout(180_000);

const bed = useMailCliBed();

interface ListedAlias {
  address: string;
  display: string;
  kind: string;
  auto: boolean;
  forwardsTo: string[];
  permittedSenders: string[];
}

async function listed(box: string): Promise<ListedAlias[]> {
  const r = await bed().cli(['aliases', 'list', '--box', box, '--json']);
  if (r.code !== 0) throw new Error(r.err);
  return (JSON.parse(r.out) as Array<{ aliases: ListedAlias[] }>).flatMap((g) => g.aliases);
}

const stored = (box: string, source: string) =>
  bed()
    .stateOf(box)
    .aliases.find((a) => a.source === source);

describe.each(FLAVOURS)('aliases on %s (%s)', (box) => {
  test('list: the seeded alias and the automatic ones, marked, in a table and as JSON', async () => {
    const r = await bed().cli(['aliases', 'list', '--box', box]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^ADDRESS\s+KIND\s+FORWARDS TO\s+PERMITTED SENDERS\n/);
    expect(r.out).toMatch(/team@example\.com\s+alias\s+alice@example\.com\s+-\n/);
    expect(r.out).toMatch(/postmaster@example\.com\s+alias \(automatic\)/);
    const all = await listed(box);
    expect(all).toContainEqual({
      address: 'team@example.com',
      display: 'team@example.com',
      kind: 'regular',
      auto: false,
      forwardsTo: ['alice@example.com'],
      permittedSenders: [],
    });
    expect(all).toContainEqual(expect.objectContaining({ address: 'postmaster@example.com', auto: true }));
  });

  test('add with several forward-to addresses, then --update replaces both lists', async () => {
    const r = await bed().cli([
      ...['aliases', 'add', '--box', box, 'sales@example.com'],
      ...['--to', 'alice@example.com, ops@elsewhere.example', '--to', 'me@box.example.com'],
    ]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(
      /^Added sales@example\.com → alice@example\.com, ops@elsewhere\.example, me@box\.example\.com/,
    );
    expect(r.out).toContain('alias added');
    expect(stored(box, 'sales@example.com')?.destination).toBe(
      'alice@example.com,ops@elsewhere.example,me@box.example.com',
    );

    const again = await bed().cli(['aliases', 'add', '--box', box, 'sales@example.com', '--to', 'alice@example.com']);
    expect(again).toEqual({ code: 1, out: '', err: 'boxfleet: Alias already exists (sales@example.com).\n' });

    const updated = await bed().cli([
      ...['aliases', 'add', '--box', box, 'sales@example.com', '--update', '--json'],
      ...['--to', 'ops@elsewhere.example', '--permitted-senders', 'alice@example.com'],
    ]);
    expect(updated.code).toBe(0);
    expect(JSON.parse(updated.out)).toMatchObject({
      address: 'sales@example.com',
      box,
      forwardsTo: ['ops@elsewhere.example'],
      permittedSenders: ['alice@example.com'],
      report: expect.stringContaining('alias updated'),
    });
    expect(stored(box, 'sales@example.com')).toEqual({
      source: 'sales@example.com',
      destination: 'ops@elsewhere.example',
      permittedSenders: 'alice@example.com',
    });
  });

  test('catch-all, domain alias, send-only and an international domain, each of its kind', async () => {
    const add = (...args: string[]) => bed().cli(['aliases', 'add', '--box', box, ...args]);
    expect((await add('@example.com', '--to', 'alice@example.com')).code).toBe(0);
    expect((await add('@example.org', '--to', '@example.com')).code).toBe(0);
    expect((await add('noreply@example.com', '--permitted-senders', 'alice@example.com')).code).toBe(0);
    const idn = await add('info@bücher.example', '--to', 'alice@example.com');
    expect(idn).toMatchObject({ code: 0, err: '' });
    const all = await listed(box);
    const kind = (address: string) => all.find((a) => a.address === address)?.kind;
    expect(kind('@example.com')).toBe('catch-all');
    expect(kind('@example.org')).toBe('domain-alias');
    expect(kind('noreply@example.com')).toBe('send-only');
    expect(all).toContainEqual(
      expect.objectContaining({ address: 'info@xn--bcher-kva.example', display: 'info@bücher.example' }),
    );
    expect((await bed().cli(['aliases', 'list', '--box', box])).out).toMatch(/info@bücher\.example\s+alias\s/);
  });

  test.each([
    ['a bad address', ['not-an-address', '--to', 'alice@example.com'], 'Invalid email address (not-an-address).'],
    [
      'a bad forward-to address',
      ['x1@example.com', '--to', 'alice@example.com,nobody'],
      'Invalid receiver email address (nobody).',
    ],
    [
      'a permitted sender who is not a user',
      ['x2@example.com', '--to', 'alice@example.com', '--permitted-senders', 'zed@example.com'],
      'Invalid permitted sender: zed@example.com is not a user on this system.',
    ],
  ])('add refuses %s with the box text on stderr, exit 1', async (_what, args, text) => {
    const r = await bed().cli(['aliases', 'add', '--box', box, ...args]);
    expect(r).toEqual({ code: 1, out: '', err: `boxfleet: ${text}\n` });
  });

  test('remove asks for --yes without a terminal, removes, and refuses what is not an alias', async () => {
    const refused = await bed().cli(['aliases', 'remove', '--box', box, 'team@example.com']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--yes/);
    expect(stored(box, 'team@example.com')).toBeDefined();

    const r = await bed().cli(['aliases', 'remove', '--box', box, 'team@example.com', '--yes']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^Removed team@example\.com from /);
    expect(stored(box, 'team@example.com')).toBeUndefined();

    const gone = await bed().cli(['aliases', 'remove', '--box', box, 'team@example.com', '--yes']);
    expect(gone).toEqual({ code: 1, out: '', err: "boxfleet: That's not an alias (team@example.com).\n" });
    const auto = await bed().cli(['aliases', 'remove', '--box', box, 'postmaster@example.com', '--yes']);
    expect(auto).toMatchObject({ code: 1, out: '' });
    expect(auto.err).toMatch(/^boxfleet: .*postmaster@example\.com/);
    expect((await listed(box)).some((a) => a.address === 'postmaster@example.com')).toBe(true);
  });
});

test('aliases: usage errors exit 2', async () => {
  const noTo = await bed().cli(['aliases', 'add', '--box', 'up', 'x@example.com']);
  expect(noTo.code).toBe(2);
  expect(noTo.err).toMatch(/--to/);
  const noBox = await bed().cli(['aliases', 'list']);
  expect(noBox).toEqual({ code: 2, out: '', err: 'boxfleet: aliases list needs --box NAME.\n' });
  const noAddress = await bed().cli(['aliases', 'remove', '--box', 'up', '--yes']);
  expect(noAddress.code).toBe(2);
});
