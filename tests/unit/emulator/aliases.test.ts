import { addAlias, addUser } from '../../emulator/state';
import { ADMIN, call, keyAuth, startTestBox } from './emu-client';
import type { Reply, TestBox } from './emu-client';

interface AliasJson {
  address: string;
  address_display: string;
  auto: boolean;
  forwards_to: string[];
  permitted_senders: string[] | null;
}

describe('aliases (§4.3, §5.6)', () => {
  let box: TestBox;
  let post: (path: string, form: Record<string, string>) => Promise<Reply>;
  let get: (path: string) => Promise<Reply>;
  beforeAll(async () => {
    box = await startTestBox({
      flavour: 'upstream',
      admin: ADMIN,
      seed: (s) => {
        addUser(s, { email: 'u3@xn--bcher-kva.de', password: 'password three' });
        addUser(s, { email: 'plain@example.com', password: 'plain password' });
        addAlias(s, { source: '@xn--bcher-kva.de', destination: '@example.com' });
      },
    });
    post = (path, form) => call(box.emu, path, { auth: keyAuth(box.emu), form });
    get = (path) => call(box.emu, path, { auth: keyAuth(box.emu) });
    // Seeding bypasses the kick; one alias change recomputes the auto aliases.
    await post('/mail/aliases/add', { address: 'info@example.com', forwards_to: 'me@example.com' });
  });
  afterAll(() => box.close());

  test('text listing: TSV of user and auto aliases, IDN maps included, email order', async () => {
    const r = await get('/mail/aliases');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toBe(
      [
        'abuse@box.example.com\tadministrator@box.example.com\t',
        'admin@box.example.com\tadministrator@box.example.com\t',
        'administrator@box.example.com\tme@example.com\t',
        'hostmaster@box.example.com\tadministrator@box.example.com\t',
        'postmaster@box.example.com\tadministrator@box.example.com\t',
        'abuse@example.com\tadministrator@box.example.com\t',
        'admin@example.com\tadministrator@box.example.com\t',
        'info@example.com\tme@example.com\t',
        'postmaster@example.com\tadministrator@box.example.com\t',
        // "bücher.de" sorts as its own zone, before "xn--bcher-kva.de".
        '@bücher.de\t@xn--bcher-kva.de\t',
        '@xn--bcher-kva.de\t@example.com\t',
        'abuse@xn--bcher-kva.de\tadministrator@box.example.com\t',
        'admin@xn--bcher-kva.de\tadministrator@box.example.com\t',
        'postmaster@xn--bcher-kva.de\tadministrator@box.example.com\t',
        '',
      ].join('\n'),
    );
  });

  test('JSON listing: Unicode groups, non-auto first, IDN maps left out', async () => {
    const r = await get('/mail/aliases?format=json');
    expect(r.body).toContain('"domain": "b\\u00fccher.de"');
    const groups = JSON.parse(r.body) as Array<{ domain: string; aliases: AliasJson[] }>;
    expect(groups.map((g) => g.domain)).toEqual(['box.example.com', 'example.com', 'bücher.de']);
    expect(groups[0]?.aliases.slice(0, 2)).toEqual([
      {
        address: 'administrator@box.example.com',
        address_display: 'administrator@box.example.com',
        auto: false,
        forwards_to: ['me@example.com'],
        permitted_senders: null,
      },
      {
        address: 'abuse@box.example.com',
        address_display: 'abuse@box.example.com',
        auto: true,
        forwards_to: ['administrator@box.example.com'],
        permitted_senders: null,
      },
    ]);
    expect(groups[2]?.aliases[0]).toEqual({
      address: '@xn--bcher-kva.de',
      address_display: '@bücher.de',
      auto: false,
      forwards_to: ['@example.com'],
      permitted_senders: null,
    });
    expect(groups.flatMap((g) => g.aliases).some((a) => a.address.startsWith('@b'))).toBe(false);
  });

  test('add: validation messages', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ address: '  ' }, 'No email address provided.'],
      [{ address: 'Bad..Name@bücher.de' }, 'Invalid email address (bad..name@xn--bcher-kva.de).'],
      [{ address: 'x@example.com', forwards_to: 'me@example.com, broken' }, 'Invalid receiver email address (broken).'],
      [
        { address: 'abuse@example.net', forwards_to: 'someone@example.org' },
        'This alias can only have administrators of this system as destinations because the address is frequently used for domain control validation.',
      ],
      [
        { address: 'abuse@example.net', forwards_to: 'plain@example.com' },
        'This alias can only have administrators of this system as destinations because the address is frequently used for domain control validation.',
      ],
      [{ address: 'abuse@example.net', forwards_to: '@example.com' }, 'Invalid receiver email address (@example.com).'],
      [
        { address: 'x@example.com', forwards_to: '', permitted_senders: 'Plain@example.com' },
        'Invalid permitted sender: Plain@example.com is not a user on this system.',
      ],
      [
        { address: 'x@example.com', forwards_to: ' ', permitted_senders: '' },
        'The alias must either forward to an address or have a permitted sender.',
      ],
      [{ address: 'INFO@example.com', forwards_to: 'me@example.com' }, 'Alias already exists (info@example.com).'],
    ];
    for (const [form, message] of cases) {
      const r = await post('/mail/aliases/add', { forwards_to: '', permitted_senders: '', ...form });
      expect([r.status, r.body]).toEqual([400, message]);
    }
  });

  test('add: kinds of alias, normalisation, update', async () => {
    const dcv = await post('/mail/aliases/add', {
      address: 'webmaster@example.com',
      forwards_to: 'me+tag@example.com',
    });
    expect(dcv.body.startsWith('alias added\n')).toBe(true);
    const idn = await post('/mail/aliases/add', {
      address: 'Sales@Bücher.de'.replace('B', 'b'),
      forwards_to: 'u3@bücher.de\nme@example.com',
    });
    expect(idn.status).toBe(200);
    const sendOnly = await post('/mail/aliases/add', {
      address: 'robot@example.com',
      forwards_to: '',
      permitted_senders: 'plain@example.com, me@example.com',
    });
    expect(sendOnly.status).toBe(200);
    const update = await post('/mail/aliases/add', {
      address: 'info@example.com',
      forwards_to: 'plain@example.com',
      update_if_exists: '1',
    });
    expect(update.body.startsWith('alias updated\n')).toBe(true);
    const text = (await get('/mail/aliases')).body;
    expect(text).toContain('sales@xn--bcher-kva.de\tu3@xn--bcher-kva.de,me@example.com\t\n');
    expect(text).toContain('robot@example.com\t\tplain@example.com,me@example.com\n');
    expect(text).toContain('info@example.com\tplain@example.com\t\n');
    const json = JSON.parse((await get('/mail/aliases?format=json')).body) as Array<{ aliases: AliasJson[] }>;
    const robot = json.flatMap((g) => g.aliases).find((a) => a.address === 'robot@example.com');
    expect(robot?.forwards_to).toEqual(['']);
    expect(robot?.permitted_senders).toEqual(['plain@example.com', 'me@example.com']);
    const sales = json.flatMap((g) => g.aliases).find((a) => a.address === 'sales@xn--bcher-kva.de');
    expect(sales?.address_display).toBe('sales@bücher.de');
    expect(sales?.forwards_to).toEqual(['u3@bücher.de', 'me@example.com']);
  });

  test('remove: exact stored form only; auto aliases are not removable', async () => {
    await post('/mail/aliases/add', { address: 'gone@example.com', forwards_to: 'me@example.com' });
    expect((await post('/mail/aliases/remove', { address: 'GONE@example.com' })).body).toBe(
      "That's not an alias (GONE@example.com).",
    );
    expect((await post('/mail/aliases/remove', { address: 'postmaster@example.com' })).body).toBe(
      "That's not an alias (postmaster@example.com).",
    );
    const r = await post('/mail/aliases/remove', { address: 'gone@example.com' });
    expect(r.body.startsWith('alias removed\n')).toBe(true);
  });

  test('the kick removes stale user-created admin aliases with a report line (§4.2.6)', async () => {
    expect((await post('/mail/users/add', { email: 'x@x.com', password: 'password1' })).status).toBe(200);
    const add = await post('/mail/aliases/add', {
      address: 'admin@x.com',
      forwards_to: 'administrator@box.example.com',
    });
    expect(add.status).toBe(200);
    const r = await post('/mail/users/remove', { email: 'x@x.com' });
    expect(
      r.body.startsWith(
        'mail user removed\nremoved alias admin@x.com (was to administrator@box.example.com; domain no longer used for email)\n',
      ),
    ).toBe(true);
    expect((await get('/mail/aliases')).body).not.toContain('@x.com');
  });

  test('GET /mail/domains: every mail domain once, punycode', async () => {
    const r = await get('/mail/domains');
    expect(
      r.body
        .split('\n')
        .filter((l) => l !== '')
        .sort(),
    ).toEqual(['box.example.com', 'example.com', 'xn--bcher-kva.de']);
    expect(r.body.endsWith('\n')).toBe(true);
  });
});
