import { addLeftoverMailbox, addUser } from '../../emulator/state';
import type { BoxState } from '../../emulator/types';
import { ADMIN, call, keyAuth, startTestBox } from './emu-client';
import type { Reply, TestBox } from './emu-client';

// §4.2.1, verified output for 3 active users, 1 archived mailbox and an IDN domain.
const USERS_JSON = `[
  {
    "domain": "example.com",
    "users": [
      {
        "box_quota": "?",
        "box_size": "?",
        "email": "me@example.com",
        "percent": "",
        "privileges": [
          "admin"
        ],
        "quota": "0",
        "status": "active"
      },
      {
        "box_quota": 2147483648,
        "box_size": "1.5M",
        "email": "u2@example.com",
        "percent": "  0%",
        "privileges": [
          "admin"
        ],
        "quota": "100M",
        "status": "active"
      },
      {
        "box_quota": "?",
        "box_size": "?",
        "email": "olduser@example.com",
        "mailbox": "/home/user-data/mail/mailboxes/example.com/olduser",
        "percent": "?",
        "privileges": [],
        "status": "inactive"
      }
    ]
  },
  {
    "domain": "b\\u00fccher.de",
    "users": [
      {
        "box_quota": "?",
        "box_size": "?",
        "email": "u3@xn--bcher-kva.de",
        "percent": "",
        "privileges": [],
        "quota": "0",
        "status": "active"
      }
    ]
  }
]
`;

function seedExample(s: BoxState): void {
  addUser(s, { email: 'me@example.com', password: ADMIN.password, privileges: ['admin'] });
  addUser(s, {
    email: 'u2@example.com',
    password: 'password two',
    privileges: ['admin'],
    quota: '100M',
    maildirsize: { quotaBytes: 2147483648, usedBytes: 1572864, messages: 7 },
  });
  addUser(s, { email: 'u3@xn--bcher-kva.de', password: 'password three' });
  addLeftoverMailbox(s, 'olduser@example.com');
}

describe('mail users, upstream (§4.2)', () => {
  let box: TestBox;
  let post: (path: string, form: Record<string, string>) => Promise<Reply>;
  let get: (path: string) => Promise<Reply>;
  beforeAll(async () => {
    box = await startTestBox({ flavour: 'upstream', seed: seedExample });
    post = (path, form) => call(box.emu, path, { auth: keyAuth(box.emu), form });
    get = (path) => call(box.emu, path, { auth: keyAuth(box.emu) });
  });
  afterAll(() => box.close());

  test('GET /mail/users?format=json matches the verified example byte for byte', async () => {
    const r = await get('/mail/users?format=json');
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.body).toBe(USERS_JSON);
  });

  test('GET /mail/users text: active users in domain order, text/html', async () => {
    const r = await get('/mail/users');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toBe('me@example.com\nu2@example.com\nu3@xn--bcher-kva.de\n');
  });

  test('POST /mail/users/add validation messages, in the daemon order', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ email: ' ', password: '' }, 'No email address provided.'],
      [{ email: 'not-an-email', password: '' }, 'Invalid email address.'],
      [{ email: 'a@localhost', password: 'password1' }, 'Invalid email address.'],
      [{ email: 'a@x.test', password: 'password1' }, 'Invalid email address.'],
      [
        { email: 'Me2@example.com', password: '' },
        'User account email addresses may only use the lowercase ASCII letters a-z, the digits 0-9, underscore (_), hyphen (-), and period (.).',
      ],
      [
        { email: 'a+b@example.com', password: '' },
        'User account email addresses may only use the lowercase ASCII letters a-z, the digits 0-9, underscore (_), hyphen (-), and period (.).',
      ],
      [
        { email: 'x@bücher.de', password: '' },
        'User account email addresses may only use the lowercase ASCII letters a-z, the digits 0-9, underscore (_), hyphen (-), and period (.).',
      ],
      [
        { email: 'postmaster@example.com', password: '' },
        'You may not make a user account for that address because it is frequently used for domain control validation. Use an alias instead if necessary.',
      ],
      [{ email: 'new@example.com', password: '   ' }, 'No password provided.'],
      [{ email: 'new@example.com', password: 'short' }, 'Passwords must be at least eight characters.'],
      [{ email: 'new@example.com', password: 'password1', privileges: 'admin\n' }, "That's not a valid privilege ()."],
      [{ email: 'new@example.com', password: 'password1', quota: '' }, 'No quota provided.'],
      [
        { email: 'new@example.com', password: 'password1', quota: '1.5G' },
        'Quotas cannot contain spaces, commas, or decimal points.',
      ],
      [{ email: 'new@example.com', password: 'password1', quota: '10K' }, 'Invalid quota.'],
      [{ email: 'me@example.com', password: 'password1' }, 'User already exists.'],
    ];
    for (const [form, message] of cases) {
      const r = await post('/mail/users/add', form);
      expect([r.status, r.body]).toEqual([400, message]);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    }
    const asJson = await call(box.emu, '/mail/users/add', {
      auth: keyAuth(box.emu),
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'new@example.com', password: 'password1' }),
    });
    expect([asJson.status, asJson.body]).toEqual([400, 'No email address provided.']);
  });

  test('add, quota, privileges, password, remove', async () => {
    const added = await post('/mail/users/add', { email: 'new@example.org', password: 'password1', quota: ' 2g ' });
    expect(added.status).toBe(200);
    expect(added.body.startsWith('mail user added\n')).toBe(true);
    const aliases = (await get('/mail/aliases')).body;
    expect(aliases).toContain('postmaster@example.org\tadministrator@box.example.com\t\n');

    expect((await get('/mail/users/quota?email=new@example.org')).body).toBe(
      '{\n  "email": "new@example.org",\n  "quota": "2G"\n}\n',
    );
    expect((await get('/mail/users/quota?email=new@example.org&text=1')).body).toBe('2G');
    const unknown = await get('/mail/users/quota?email=x@example.org');
    expect([unknown.status, unknown.body]).toEqual([
      200,
      '{\n  "email": "x@example.org",\n  "quota": [\n    "That\'s not a user (x@example.org).",\n    400\n  ]\n}\n',
    ]);
    const unknownText = await get('/mail/users/quota?email=x@example.org&text=y');
    expect([unknownText.status, unknownText.body]).toEqual([400, "That's not a user (x@example.org)."]);
    expect((await post('/mail/users/quota', { email: 'new@example.org', quota: '500m' })).body).toBe('OK');
    expect(box.emu.state.users.find((u) => u.email === 'new@example.org')?.quota).toBe('500M');
    expect((await post('/mail/users/quota', { email: 'new@example.org', quota: '1,5G' })).status).toBe(400);
    expect((await post('/mail/users/quota', { email: 'x@example.org', quota: '1G' })).body).toBe(
      "That's not a user (x@example.org).",
    );
    expect((await post('/mail/users/quota', { email: 'new@example.org' })).status).toBe(500);

    expect((await post('/mail/users/privileges/add', { email: 'new@example.org', privilege: 'admin' })).body).toBe(
      'OK',
    );
    expect((await post('/mail/users/privileges/add', { email: 'new@example.org', privilege: 'foo' })).body).toBe('OK');
    expect((await post('/mail/users/privileges/add', { email: 'new@example.org', privilege: 'foo' })).body).toBe('OK');
    expect((await get('/mail/users/privileges?email=new@example.org')).body).toBe('admin\nfoo');
    expect((await post('/mail/users/privileges/remove', { email: 'new@example.org', privilege: 'nope' })).body).toBe(
      'OK',
    );
    expect((await post('/mail/users/privileges/add', { email: 'new@example.org', privilege: ' ' })).body).toBe(
      "That's not a valid privilege ( ).",
    );
    expect((await get('/mail/users/privileges?email=x@example.org')).status).toBe(400);

    expect((await post('/mail/users/password', { email: 'new@example.org', password: 'short' })).body).toBe(
      'Passwords must be at least eight characters.',
    );
    expect((await post('/mail/users/password', { email: 'x@example.org', password: 'long enough' })).body).toBe(
      "That's not a user (x@example.org).",
    );
    expect((await post('/mail/users/password', { email: 'new@example.org', password: 'new password' })).body).toBe(
      'OK',
    );
    expect((await call(box.emu, '/mail/users', { auth: ['new@example.org', 'new password'] })).status).toBe(200);

    const removed = await post('/mail/users/remove', { email: 'new@example.org' });
    expect(removed.body.startsWith('mail user removed\n')).toBe(true);
    expect((await post('/mail/users/remove', { email: 'new@example.org' })).body).toBe(
      "That's not a user (new@example.org).",
    );
    const listing = JSON.parse((await get('/mail/users?format=json')).body) as Array<{
      domain: string;
      users: Array<Record<string, unknown>>;
    }>;
    const org = listing.find((g) => g.domain === 'example.org');
    expect(org?.users).toEqual([
      {
        box_quota: '?',
        box_size: '?',
        email: 'new@example.org',
        mailbox: '/home/user-data/mail/mailboxes/example.org/new',
        percent: '?',
        privileges: [],
        status: 'inactive',
      },
    ]);
    expect((await get('/mail/aliases')).body).not.toContain('postmaster@example.org');
  });

  test('DCV addresses are allowed for the very first user only', async () => {
    const fresh = await startTestBox({ flavour: 'upstream' });
    try {
      const r = await call(fresh.emu, '/mail/users/add', {
        auth: keyAuth(fresh.emu),
        form: { email: 'admin@example.net', password: 'password1', privileges: 'admin' },
      });
      expect(r.body.startsWith('mail user added\n')).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});

describe('mail users, Power differences (§6.3)', () => {
  test('default quota, noreply line on the first kick, box_count, self-service password', async () => {
    const box = await startTestBox({
      flavour: 'power',
      seed: (s) => {
        seedExample(s);
        s.defaultQuota = '5G';
        addUser(s, { email: 'plain@example.com', password: 'plain password' });
      },
    });
    try {
      const auth = keyAuth(box.emu);
      const r = await call(box.emu, '/mail/users/add', {
        auth,
        form: { email: 'p@example.com', password: 'password1' },
      });
      expect(r.body.startsWith('mail user added\nadded noreply address "noreply-daemon@box.example.com"\n')).toBe(true);
      const again = await call(box.emu, '/mail/users/add', {
        auth,
        form: { email: 'q@example.com', password: 'password1' },
      });
      expect(again.body).not.toContain('noreply');
      expect((await call(box.emu, '/mail/users/quota?email=p@example.com&text=1', { auth })).body).toBe('5G');

      const users = JSON.parse((await call(box.emu, '/mail/users?format=json', { auth })).body) as Array<{
        users: Array<Record<string, unknown>>;
      }>;
      const all = users.flatMap((g) => g.users);
      expect(all.find((u) => u['email'] === 'u2@example.com')?.['box_count']).toBe(7);
      expect(all.find((u) => u['email'] === 'me@example.com')?.['box_count']).toBe('?');
      expect(all.find((u) => u['email'] === 'olduser@example.com')?.['box_count']).toBe('?');

      const plain: [string, string] = ['plain@example.com', 'plain password'];
      const other = await call(box.emu, '/mail/users/password', {
        auth: plain,
        form: { email: 'me@example.com', password: 'hijacked!' },
      });
      expect([other.status, other.body]).toEqual([
        403,
        'You are not an administrator; you can only change your own password!',
      ]);
      const own = await call(box.emu, '/mail/users/password', {
        auth: plain,
        form: { email: 'plain@example.com', password: 'changed password' },
      });
      expect(own.body).toBe('OK');
      const list = await call(box.emu, '/mail/users', { auth: ['plain@example.com', 'changed password'] });
      expect(list.headers['x-reason']).toBe('You are not an administrator.');
    } finally {
      await box.close();
    }
  });
});
