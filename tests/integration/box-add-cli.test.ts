import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src-main/cli/main';
import { addUser } from '../emulator';
import { applyNoKeychain, restoreEnv, startKeyring, type Keyring } from '../harness/keyring';
import { runCommand } from '../harness/run-command';
import { makeKeyPair } from '../harness/ssh-keys';
import { startSshd } from '../harness/sshd';
import { startTestbed, type Testbed, type TestbedBox } from '../harness/testbed';
import { TEST_USER_PASSWORD } from '../harness/test-users';
import { captureIo } from '../helpers/capture-io';

jest.setTimeout(120_000);

let bed: Testbed;
let box: TestbedBox;
let keyring: Keyring;
let restore: ReturnType<Keyring['apply']>;
let dataDir: string;

async function cli(args: string[], stdin = '') {
  const io = captureIo(stdin);
  const code = await main(['--data-dir', dataDir, ...args], io, {});
  return { code, out: io.stdout, err: io.stderr };
}

function target(b: TestbedBox, user = b.profile.user): string[] {
  const { paths } = b.profile;
  return [
    ...[
      '--host',
      b.profile.host,
      '--port',
      String(b.profile.port),
      '--user',
      user,
      '--api-port',
      String(b.profile.apiPort),
    ],
    ...['--api-key-file', paths.apiKey, '--conf-file', paths.conf, '--storage-root', paths.storageRoot],
  ];
}

/** The Secret Service's own view of Boxfleet's entries (libsecret's client, not the code under test). */
async function keychainAccounts(): Promise<string[]> {
  const { stdout, stderr } = await runCommand('secret-tool', ['search', '--all', 'service', 'boxfleet'], {
    env: { ...process.env, ...keyring.env },
    allowFailure: true,
  });
  return [...(stdout + stderr).matchAll(/attribute\.username = (\S+)/g)].map((m) => m[1] as string).sort();
}

beforeAll(async () => {
  keyring = await startKeyring();
  restore = keyring.apply();
  bed = await startTestbed({
    boxes: [
      {
        flavour: 'upstream',
        admin: { email: 'me@box.example.com', password: 'correct-horse-1' },
        seed: (state) => {
          addUser(state, { email: 'alice@example.com', password: 'alice-password-1', quota: '2G' });
        },
        passwordAuth: true,
      },
    ],
  });
  box = bed.boxes[0] as TestbedBox;
});
afterAll(async () => {
  await bed?.stop();
  await keyring?.stop();
  restoreEnv(restore);
});
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bf-add-'));
});

describe('boxfleet box add against a real sshd, Secret Service and the box emulator', () => {
  it('refuses an unknown host key without confirmation and sends nothing', async () => {
    const r = await cli(['box', 'add', 'mail1', ...target(box), '--key', box.profile.privateKeyPath]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(box.profile.hostKeyFingerprint);
    expect(r.err).toMatch(/--accept-host-key/);
    expect(JSON.parse((await cli(['box', 'list', '--json'])).out)).toEqual([]);
    expect(await keychainAccounts()).toEqual([]);
  });

  it('adds a box with a key, lists its users, survives a key rotation, and removes its keychain entries', async () => {
    const add = await cli([
      'box',
      'add',
      'mail1',
      ...target(box),
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
    expect(await keychainAccounts()).toEqual([`${added.box.id}:private-key`]);

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

    expect((await cli(['box', 'remove', 'mail1'])).code).toBe(0);
    expect(await keychainAccounts()).toEqual([]);
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
        ...target(box),
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
    const withPassword = await cli(['box', 'add', 'pw', ...target(box), '--password-stdin'], TEST_USER_PASSWORD + '\n');
    expect(withPassword.err).toBe('');
    expect(withPassword.code).toBe(0);
    const boxes = JSON.parse((await cli(['box', 'list', '--json'])).out) as Array<{ id: string; name: string }>;
    const ids = Object.fromEntries(boxes.map((b) => [b.name, b.id]));
    const mine = (await keychainAccounts()).filter((a) => a.startsWith(`${ids.pp}:`) || a.startsWith(`${ids.pw}:`));
    expect(mine).toEqual([`${ids.pp}:passphrase`, `${ids.pp}:private-key`, `${ids.pw}:password`].sort());
  });

  it('stores nothing when the key is wrong', async () => {
    const before = await keychainAccounts();
    const stranger = await makeKeyPair({ type: 'ed25519' });
    const r = await cli([
      'box',
      'add',
      'bad',
      ...target(box),
      '--key',
      stranger.privateKeyPath,
      '--accept-host-key',
      box.profile.hostKeyFingerprint,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/refused the login/);
    expect(await keychainAccounts()).toEqual(before);
    expect(JSON.parse((await cli(['box', 'list', '--json'])).out)).toEqual([]);
  });

  it('says that sudo needs a password when the login user cannot read the API key', async () => {
    const nosudo = box.profileAs('bfnosudo');
    const add = await cli([
      'box',
      'add',
      'ns',
      ...target(box, 'bfnosudo'),
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
    await keyring.stop();
    const saved = applyNoKeychain();
    try {
      const r = await cli([
        'box',
        'add',
        'nokc',
        ...target(box),
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
      keyring = await startKeyring();
      keyring.apply();
    }
    expect(JSON.parse((await cli(['box', 'list', '--json'])).out)).toEqual([]);
  });

  it('reaches a box through a jump host whose key was pinned before', async () => {
    const bastion = await startSshd({ users: ['bfadmin'] });
    try {
      await bastion.authorizeKey('bfadmin', bed.clientKey.publicKeyLine);
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
      const unconfirmed = await cli(['box', 'add', 'behind', ...target(box), ...key, ...jump]);
      expect(unconfirmed.code).toBe(1);
      expect(unconfirmed.err).toContain(box.profile.hostKeyFingerprint);
      const added = await cli([
        'box',
        'add',
        'behind',
        ...target(box),
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
          ...target(box),
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
