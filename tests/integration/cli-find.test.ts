/**
 * `boxfleet find TEXT` across an upstream and a Power box over real SSH: users and aliases from both, in a table or
 * as JSON, and a box that is down named on stderr (exit 1) while the other box's hits are still printed.
 */
import { useMailCliBed } from '../helpers/cli-mail-bed';

jest.setTimeout(180_000);

const bed = useMailCliBed();

interface Hit {
  boxName: string;
  kind: string;
  address: string;
  status: string;
  forwardsTo: string[];
}

test('finds users and aliases on every box, any case, as a table and as JSON', async () => {
  const table = await bed().cli(['find', 'ALICE@']);
  expect(table).toMatchObject({ code: 0, err: '' });
  expect(table.out).toMatch(/^BOX\s+KIND\s+ADDRESS\s+STATE\s+FORWARDS TO\n/);
  expect(table.out).toMatch(/\nup\s+user\s+alice@example\.com\s+active\s+-\n/);
  expect(table.out).toMatch(/\npw\s+user\s+alice@example\.com\s+active\s+-\n/);

  const json = await bed().cli(['find', 'team', '--json']);
  expect(json.code).toBe(0);
  const { hits, failures } = JSON.parse(json.out) as { hits: Hit[]; failures: unknown[] };
  expect(failures).toEqual([]);
  const teams = hits.filter((h) => h.address === 'team@example.com');
  expect(teams.map((h) => h.boxName).sort()).toEqual(['pw', 'up']);
  expect(teams[0]).toMatchObject({ kind: 'alias', forwardsTo: ['alice@example.com'] });

  expect(await bed().cli(['find', 'nobody-like-this'])).toEqual({
    code: 0,
    out: 'No user or alias matches "nobody-like-this".\n',
    err: '',
  });
});

test('find without TEXT is a usage error', async () => {
  const r = await bed().cli(['find']);
  expect(r).toMatchObject({ code: 2, out: '' });
  expect(r.err).toMatch(/Usage: boxfleet find TEXT/);
});

test('a box that is down is named on stderr with exit 1; the other box still answers', async () => {
  await bed().boxOf('pw').sshd.stop();
  const r = await bed().cli(['find', 'alice']);
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/\nup\s+user\s+alice@example\.com/);
  expect(r.out).not.toMatch(/\npw\s/);
  expect(r.err).toMatch(/^boxfleet: pw was not searched: .+\n$/);

  const json = await bed().cli(['find', 'alice', '--json']);
  expect(json.code).toBe(1);
  const { hits, failures } = JSON.parse(json.out) as { hits: Hit[]; failures: Array<{ boxName: string }> };
  expect(new Set(hits.map((h) => h.boxName))).toEqual(new Set(['up']));
  expect(failures.map((f) => f.boxName)).toEqual(['pw']);
});
