import { createPublicKey } from 'node:crypto';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyNoKeychain, restoreEnv } from '../harness/keyring';
import { runCommand } from '../harness/run-command';
import { makeKeyPair } from '../harness/ssh-keys';
import { startSshd } from '../harness/sshd';
import type { TestbedBox } from '../harness/testbed';
import { makeTempDir } from '../harness/temp';
import { TEST_USER_PASSWORD } from '../harness/test-users';
import { freePort } from '../harness/free-port';
import { startCliBed, type CliBed } from '../helpers/cli-testbed';

jest.setTimeout(120_000);

let bed: CliBed;
let box: TestbedBox;
const cli = (args: string[], stdin = '') => bed.cli(args, stdin);

beforeAll(async () => {
  bed = await startCliBed();
  box = bed.box;
});
afterAll(() => bed?.stop());
beforeEach(() => bed.freshDataDir());

describe('boxfleet box add against a real sshd, Secret Service and the box emulator', () => {
  it('refuses an unknown host key without confirmation and sends nothing', async () => {
    const r = await cli(['box', 'add', 'mail1', ...bed.target(), '--key', box.profile.privateKeyPath]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(box.profile.hostKeyFingerprint);
    expect(r.err).toMatch(/--accept-host-key/);
    expect(JSON.parse((await cli(['box', 'list', '--json'])).out)).toEqual([]);
    expect(await bed.keychainAccounts()).toEqual([]);
  });

  it('adds a box with a key, lists its users, survives a key rotation, and removes its keychain entries', async () => {
    const add = await cli([
      'box',
      'add',
      'mail1',
      ...bed.target(),
      '--key',
      box.profile.privateKeyPath,
      '--accept-host-key',
      box.profile.hostKeyFingerprint,
      '--tag',
      'prod',
      '--json',
    ]);
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    const added = JSON.parse(add.out) as { box: { id: string; tags: string[] }; detection: Record<string, unknown> };
    expect(added.box.tags).toEqual(['prod']);
    expect(added.detection).toEqual({
      miab: true,
      admin: true,
      flavour: 'upstream',
      version: 'v75',
      hostname: box.hostname,
    });
    expect(await bed.keychainAccounts()).toEqual([`${added.box.id}:private-key`]);

    const tested = await cli(['box', 'test', 'mail1', '--json']);
    expect(tested.code).toBe(0);
    expect(JSON.parse(tested.out).detection).toEqual({
      miab: true,
      admin: true,
      flavour: 'upstream',
      version: 'v75',
      hostname: box.hostname,
    });

    const users = await cli(['users', 'list', '--box', 'mail1', '--json']);
    expect(users.code).toBe(0);
    const emails = (JSON.parse(users.out) as Array<{ users: Array<{ email: string }> }>).flatMap((g) =>
      g.users.map((u) => u.email),
    );
    expect(emails).toEqual(expect.arrayContaining(['me@box.example.com', 'alice@example.com']));

    await box.restartEmulator();
    const again = await cli(['users', 'list', '--box', 'mail1']);
    expect(again.err).toBe('');
    expect(again.out).toMatch(/alice@example\.com\s+active\s+2G/);

    const raw = await cli(['api', '--box', 'mail1', 'GET', '/system/version']);
    expect(raw).toMatchObject({ code: 0, out: 'v75\n' });
    const quota = ['--data', 'email=alice@example.com'];
    const setQuota = await cli(['api', '--box', 'mail1', 'POST', '/mail/users/quota', ...quota, '--data', 'quota=3G']);
    expect(setQuota).toMatchObject({ code: 0, out: 'OK\n' });
    const getQuota = await cli(['api', '--box', 'mail1', 'GET', '/mail/users/quota?text=1', ...quota]);
    expect(getQuota).toMatchObject({ code: 0, out: '3G\n' });
    const refused = await cli(['api', '--box', 'mail1', 'POST', '/mail/users/quota', ...quota, '--data', 'quota=3 G']);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('Quotas cannot contain spaces, commas, or decimal points.\n');

    expect((await cli(['box', 'remove', 'mail1'])).code).toBe(0);
    expect(await bed.keychainAccounts()).toEqual([]);
    expect(JSON.parse((await cli(['box', 'list', '--json'])).out)).toEqual([]);
  });

  it('adds boxes with a passphrase-protected key and with a password', async () => {
    const key = await makeKeyPair({ type: 'ecdsa', passphrase: 'open sesame' });
    await box.sshd.authorizeKey('bfadmin', key.publicKeyLine);
    const withPassphrase = await cli(
      [
        'box',
        'add',
        'pp',
        ...bed.target(),
        '--key',
        key.privateKeyPath,
        '--passphrase-stdin',
        '--accept-host-key',
        box.profile.hostKeyFingerprint,
      ],
      'open sesame\n',
    );
    expect(withPassphrase.err).toBe('');
    expect(withPassphrase.code).toBe(0);
    const pp = (JSON.parse((await cli(['box', 'list', '--json'])).out) as Array<{ id: string }>)[0]?.id;
    // The same server cannot be added twice to one fleet: the password login goes to a second data directory.
    await bed.freshDataDir();
    const withPassword = await cli(
      ['box', 'add', 'pw', ...bed.target(), '--password-stdin', '--accept-host-key', box.profile.hostKeyFingerprint],
      TEST_USER_PASSWORD + '\n',
    );
    expect(withPassword.err).toBe('');
    expect(withPassword.code).toBe(0);
    const pw = (JSON.parse((await cli(['box', 'list', '--json'])).out) as Array<{ id: string }>)[0]?.id;
    const ids = { pp, pw };
    const mine = (await bed.keychainAccounts()).filter((a) => a.startsWith(`${ids.pp}:`) || a.startsWith(`${ids.pw}:`));
    expect(mine).toEqual([`${ids.pp}:passphrase`, `${ids.pp}:private-key`, `${ids.pw}:password`].sort());
  });

  it('logs in with a PKCS#8 key as openssl writes it', async () => {
    const dir = await makeTempDir('p8');
    const keyPath = join(dir, 'id_p8');
    await runCommand('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', keyPath]);
    const x = Buffer.from(
      createPublicKey(await readFile(keyPath, 'utf8')).export({ format: 'jwk' }).x ?? '',
      'base64url',
    );
    const field = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
    const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(x)]);
    await box.sshd.authorizeKey('bfadmin', `ssh-ed25519 ${blob.toString('base64')} pkcs8`);
    const r = await cli([
      'box',
      'add',
      'p8',
      ...bed.target(),
      '--key',
      keyPath,
      '--accept-host-key',
      box.profile.hostKeyFingerprint,
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect((await cli(['users', 'list', '--box', 'p8'])).out).toMatch(/alice@example\.com/);
  });

  it('stores nothing when the key is wrong', async () => {
    const before = await bed.keychainAccounts();
    const stranger = await makeKeyPair({ type: 'ed25519' });
    const r = await cli([
      'box',
      'add',
      'bad',
      ...bed.target(),
      '--key',
      stranger.privateKeyPath,
      '--accept-host-key',
      box.profile.hostKeyFingerprint,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/refused the login/);
    expect(await bed.keychainAccounts()).toEqual(before);
    expect(JSON.parse((await cli(['box', 'list', '--json'])).out)).toEqual([]);
  });

  it('says that sudo needs a password when the login user cannot read the API key', async () => {
    const nosudo = box.profileAs('bfnosudo');
    const add = await cli([
      'box',
      'add',
      'ns',
      ...bed.target('bfnosudo'),
      '--key',
      nosudo.privateKeyPath,
      '--accept-host-key',
      box.profile.hostKeyFingerprint,
    ]);
    expect(add.code).toBe(0);
    const tested = await cli(['box', 'test', 'ns', '--json']);
    expect(tested.code).toBe(1);
    const detection = JSON.parse(tested.out).detection as { miab: boolean; admin: boolean; note: string };
    expect(detection).toMatchObject({ miab: true, admin: false });
    expect(detection.note).toMatch(/sudo/);
  });

  it('fails closed with keychain-unavailable and saves nothing when there is no keychain', async () => {
    await bed.keyring.stop();
    const saved = applyNoKeychain();
    try {
      const r = await cli([
        'box',
        'add',
        'nokc',
        ...bed.target(),
        '--key',
        box.profile.privateKeyPath,
        '--accept-host-key',
        box.profile.hostKeyFingerprint,
      ]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/keychain/i);
      expect(r.err).not.toMatch(/refused the login/);
    } finally {
      restoreEnv(saved);
      await bed.restartKeyring();
    }
    expect(JSON.parse((await cli(['box', 'list', '--json'])).out)).toEqual([]);
  });

  it('reaches a box through a jump host whose key was pinned before', async () => {
    const bastion = await startSshd({ users: ['bfadmin'] });
    try {
      await bastion.authorizeKey('bfadmin', bed.testbed.clientKey.publicKeyLine);
      const key = ['--key', box.profile.privateKeyPath];
      const addBastion = await cli([
        'box',
        'add',
        'bastion',
        '--host',
        bastion.host,
        '--port',
        String(bastion.port),
        '--user',
        'bfadmin',
        ...key,
        '--accept-host-key',
        bastion.hostKeyFingerprint,
      ]);
      expect(addBastion.code).toBe(0);
      const jump = ['--jump', `bfadmin@${bastion.host}:${bastion.port}`];
      const unconfirmed = await cli(['box', 'add', 'behind', ...bed.target(), ...key, ...jump]);
      expect(unconfirmed.code).toBe(1);
      expect(unconfirmed.err).toContain(box.profile.hostKeyFingerprint);
      const added = await cli([
        'box',
        'add',
        'behind',
        ...bed.target(),
        ...key,
        ...jump,
        '--accept-host-key',
        box.profile.hostKeyFingerprint,
        '--json',
      ]);
      expect(added.err).toBe('');
      expect(JSON.parse(added.out).detection).toMatchObject({ miab: true, admin: true, version: 'v75' });
      const users = await cli(['users', 'list', '--box', 'behind']);
      expect(users.out).toMatch(/alice@example\.com/);
      // Without the jump host the box is out of reach: proof that the connection went through it.
      await bastion.stop();
      const cut = await cli(['users', 'list', '--box', 'behind']);
      expect(cut.code).toBe(1);
      expect(cut.err).toMatch(new RegExp(`${bastion.host}:${bastion.port}`));
    } finally {
      await bastion.stop();
    }
  });

  it('stops hard on a changed host key and accepts it only deliberately', async () => {
    expect(
      (
        await cli([
          'box',
          'add',
          'hk',
          ...bed.target(),
          '--key',
          box.profile.privateKeyPath,
          '--accept-host-key',
          box.profile.hostKeyFingerprint,
        ])
      ).code,
    ).toBe(0);
    await box.sshd.restart({ newHostKey: true });
    const refused = await cli(['box', 'test', 'hk']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/changed/);
    expect(refused.err).toContain(box.sshd.hostKeyFingerprint);
    const accepted = await cli(['box', 'test', 'hk', '--accept-host-key', box.sshd.hostKeyFingerprint]);
    expect(accepted.err).not.toMatch(/changed/);
  });
});

describe('boxfleet box add: what it says before and instead of a login', () => {
  const addWith = (name: string, extra: string[], target = bed.target(), stdin = '') =>
    cli(['box', 'add', name, ...target, ...extra, '--accept-host-key', box.profile.hostKeyFingerprint], stdin);

  it('refuses the same server twice and says how to open or edit the box that exists', async () => {
    expect((await addWith('mail1', ['--key', box.profile.privateKeyPath])).code).toBe(0);
    const accounts = await bed.keychainAccounts();
    const again = await addWith('mail2', ['--password-stdin'], bed.target(), TEST_USER_PASSWORD + '\n');
    expect(again.code).toBe(1);
    expect(again.err).toBe(
      `boxfleet: ${box.profile.user}@${box.profile.host} port ${box.profile.port} is already in the fleet as "mail1". ` +
        'See it with `boxfleet box show mail1`; change its login or address with `boxfleet box edit mail1 ...`.\n',
    );
    expect(
      (JSON.parse((await cli(['box', 'list', '--json'])).out) as Array<{ name: string }>).map((b) => b.name),
    ).toEqual(['mail1']);
    expect(await bed.keychainAccounts()).toEqual(accounts);
  });

  it('reports a .pub file, a missing file and a file that is no key in words, and stores nothing', async () => {
    const dir = await makeTempDir('keys');
    const pub = join(dir, 'id_x.pub');
    await writeFile(pub, bed.testbed.clientKey.publicKeyLine + '\n');
    const notKey = join(dir, 'notes.txt');
    await writeFile(notKey, 'hello\n');
    const cases: Array<[string, string]> = [
      [pub, 'That is the public half (.pub); choose the private key file id_x.'],
      [join(dir, 'id_missing'), `No file at ${join(dir, 'id_missing')}.`],
      [notKey, 'That file is not an SSH private key.'],
    ];
    for (const [path, message] of cases) {
      const r = await addWith('k', ['--key', path]);
      expect({ code: r.code, err: r.err }).toEqual({ code: 1, err: `boxfleet: ${message}\n` });
    }
    expect(JSON.parse((await cli(['box', 'list', '--json'])).out)).toEqual([]);
  });

  it('says nothing listens on a refused port, without promising that trying again helps', async () => {
    const port = await freePort();
    const r = await cli(
      ['box', 'add', 'nobody', '--host', '127.0.0.1', '--port', String(port), '--user', 'bfadmin', '--password-stdin'],
      'unused\n',
    );
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `boxfleet: Nothing is listening for SSH at 127.0.0.1:${port} (the connection was refused). Check the address ` +
        'and port, and that the SSH server runs on the box.\n',
    );
  });

  it('prints a host name from the box without its control characters', async () => {
    const dir = await makeTempDir('conf');
    const conf = join(dir, 'mailinabox.conf');
    await copyFile(box.profile.paths.conf, conf);
    const text = await readFile(conf, 'utf8');
    await writeFile(
      conf,
      text.replace(/^PRIMARY_HOSTNAME=.*$/m, 'PRIMARY_HOSTNAME=evil\u001b]0;owned\u0007\u001b[2J.example.com'),
    );
    const { host, port, apiPort, paths } = box.profile;
    const target = [
      ...['--host', host, '--port', String(port), '--user', box.profile.user, '--api-port', String(apiPort)],
      ...['--api-key-file', paths.apiKey, '--conf-file', conf, '--storage-root', paths.storageRoot],
    ];
    const r = await addWith('evil', ['--key', box.profile.privateKeyPath], target);
    expect(r.err).toBe('');
    expect(r.out).toContain(' on evil]0;owned[2J.example.com, with admin access.');
    expect([...r.out].filter((c) => c < ' ' && c !== '\n')).toEqual([]);
  });
});
