import { fail } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import { createCore, type Core } from '../../src-main/compose/core';
import type { Keychain } from '../../src-main/secrets/keychain';
import { OsKeychain } from '../../src-main/secrets/os-keychain';
import type { TestbedBox } from '../harness/testbed';
import { TEST_USER_PASSWORD } from '../harness/test-users';
import { startCliBed, type CliBed } from '../helpers/cli-testbed';

jest.setTimeout(120_000);

let bed: CliBed;
let box: TestbedBox;
let dataDir: string;
const cli = (args: string[], stdin = '') => bed.cli(args, stdin);
const target = () => bed.target();

/** One box's entries in the Secret Service. */
async function keychainAccounts(boxId: string): Promise<string[]> {
  return (await bed.keychainAccounts()).filter((account) => account.startsWith(`${boxId}:`));
}

async function listBoxes(): Promise<Box[]> {
  return JSON.parse((await cli(['box', 'list', '--json'])).out) as Box[];
}

async function addWithKey(name: string): Promise<Box> {
  const add = await cli([
    'box',
    'add',
    name,
    ...target(),
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
  return (JSON.parse(add.out) as { box: Box }).box;
}

async function userEmails(name: string): Promise<string[]> {
  const users = await cli(['users', 'list', '--box', name, '--json']);
  expect(users.err).toBe('');
  return (JSON.parse(users.out) as Array<{ users: Array<{ email: string }> }>).flatMap((g) =>
    g.users.map((u) => u.email),
  );
}

beforeAll(async () => {
  bed = await startCliBed();
  box = bed.box;
});
afterAll(() => bed?.stop());
beforeEach(async () => {
  dataDir = await bed.freshDataDir();
});

describe('boxfleet box edit against a real sshd, Secret Service and the box emulator', () => {
  it('switches a key login to a password: the keychain entries are replaced and the box keeps working', async () => {
    const added = await addWithKey('mail1');
    expect(await keychainAccounts(added.id)).toEqual([`${added.id}:private-key`]);

    const edit = await cli(['box', 'edit', 'mail1', '--password-stdin', '--json'], TEST_USER_PASSWORD + '\n');
    expect(edit.err).toBe('');
    expect(edit.code).toBe(0);
    expect(JSON.parse(edit.out).detection).toMatchObject({ miab: true, admin: true, version: 'v75' });

    expect(await keychainAccounts(added.id)).toEqual([`${added.id}:password`]);
    const [edited, ...others] = await listBoxes();
    expect(others).toEqual([]);
    expect(edited).toMatchObject({
      id: added.id,
      name: 'mail1',
      tags: ['prod'],
      addedAt: added.addedAt,
      auth: { kind: 'password' },
    });
    expect(await userEmails('mail1')).toEqual(expect.arrayContaining(['me@box.example.com', 'alice@example.com']));
    expect((await cli(['box', 'test', 'mail1'])).code).toBe(0);
  });

  it('leaves the old credential and the box untouched when the new credential is refused', async () => {
    const added = await addWithKey('mail2');
    const before = await listBoxes();

    const edit = await cli(['box', 'edit', 'mail2', '--password-stdin', '--port', String(box.profile.port)], 'wrong\n');
    expect(edit.code).toBe(1);
    expect(edit.err).toMatch(/refused the login/);

    expect(await keychainAccounts(added.id)).toEqual([`${added.id}:private-key`]);
    expect(await listBoxes()).toEqual(before);
    expect(await userEmails('mail2')).toEqual(expect.arrayContaining(['alice@example.com']));
  });

  it('refuses to point a box at a server another box already reaches, and changes nothing', async () => {
    const first = await addWithKey('first');
    const nosudo = box.profileAs('bfnosudo');
    const second = await cli([
      'box',
      'add',
      'second',
      ...bed.target('bfnosudo'),
      '--key',
      nosudo.privateKeyPath,
      '--accept-host-key',
      box.profile.hostKeyFingerprint,
    ]);
    expect(second.code).toBe(0);
    const before = await listBoxes();
    const edit = await cli(['box', 'edit', 'second', '--user', box.profile.user, '--key', box.profile.privateKeyPath]);
    expect(edit.code).toBe(1);
    expect(edit.err).toContain(`is already in the fleet as "first".`);
    expect(await listBoxes()).toEqual(before);
    expect(await keychainAccounts(first.id)).toEqual([`${first.id}:private-key`]);
  });

  it('refuses a name that is not in the fleet and needs a credential', async () => {
    expect((await cli(['box', 'edit', 'nope', '--agent'])).err).toMatch(/no box called "nope"/i);
    const usage = await cli(['box', 'edit', 'nope']);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/Choose one way to log in/);
  });
});

describe('boxes.save with replaces, in one running core', () => {
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  const call = async <T>(method: string, request: unknown): Promise<T> => {
    const result = await (core as Core).router.call(method, request, { face: 'cli' });
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };

  const connectAs = (user: string, credential: unknown, replaces: string) =>
    (core as Core).router.call(
      'boxes.connect',
      {
        host: box.profile.host,
        port: box.profile.port,
        user,
        apiPort: box.profile.apiPort,
        paths: box.profile.paths,
        credential,
        replaces,
      },
      { face: 'cli' },
    );

  it('drops the live connection, so the next call logs in with the new settings', async () => {
    const added = await addWithKey('live');
    core = await createCore({ dataDir, mode: 'cli' });
    expect(await call('mailboxes.users.list', { boxId: added.id })).toEqual(expect.any(Array));

    // bfnosudo logs in but cannot read the API key: a users list that still went over bfadmin's open
    // connection (or its cached API key) would succeed.
    const nosudo = box.profileAs('bfnosudo');
    const connected = await connectAs('bfnosudo', { kind: 'key-file', path: nosudo.privateKeyPath }, added.id);
    if (!connected.ok) throw new Error(connected.error.message);
    const { draftId } = connected.value as { draftId: string };
    const saved = await call<Box>('boxes.save', { draftId, name: 'live', tags: ['eu'], replaces: added.id });
    expect(saved).toMatchObject({ id: added.id, user: 'bfnosudo', tags: ['eu'], addedAt: added.addedAt });

    const after = await (core as Core).router.call('mailboxes.users.list', { boxId: added.id }, { face: 'cli' });
    expect(after.ok).toBe(false);
    expect(await keychainAccounts(added.id)).toEqual([`${added.id}:private-key`]);
  });

  it('keeps the old credential when the keychain fails to store the new one', async () => {
    const added = await addWithKey('kcfail');
    const before = await listBoxes();
    const os = new OsKeychain();
    const refusesPasswords: Keychain = {
      get: (account) => os.get(account),
      delete: (account) => os.delete(account),
      set: async (account, secret) =>
        account.endsWith(':password')
          ? fail('keychain-unavailable', 'Could not save the secret in the OS keychain.')
          : os.set(account, secret),
    };
    core = await createCore({ dataDir, mode: 'cli', keychain: refusesPasswords });
    const connected = await connectAs(box.profile.user, { kind: 'password', password: TEST_USER_PASSWORD }, added.id);
    if (!connected.ok) throw new Error(connected.error.message);
    const { draftId } = connected.value as { draftId: string };
    const saved = await core.router.call(
      'boxes.save',
      { draftId, name: 'kcfail', replaces: added.id },
      { face: 'cli' },
    );
    expect(saved).toMatchObject({ ok: false, error: { code: 'keychain-unavailable' } });

    expect(await keychainAccounts(added.id)).toEqual([`${added.id}:private-key`]);
    expect(await listBoxes()).toEqual(before);
    expect(await userEmails('kcfail')).toEqual(expect.arrayContaining(['alice@example.com']));
  });
});
