import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boxesMethods } from '../../../src-shared/contract/boxes';
import type { Result } from '../../../src-shared/contract/result';
import { boxSchema, findSameServer, type Box } from '../../../src-shared/domain/box';
import { createCore, type Core } from '../../../src-main/compose/core';
import { MemoryKeychain } from '../../../src-main/secrets/keychain';
import { generateEd25519KeyPair } from '../../../src-main/ssh/key-pairs';

/** A loopback listener standing where the box would be: it counts every connection anyone opens to it. */
async function countingListener(): Promise<{ server: Server; port: number; connections: () => number }> {
  let count = 0;
  const server = createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port, connections: () => count };
}

describe('BoxConnector before any host is contacted', () => {
  let dir: string;
  let core: Core;
  let listener: Awaited<ReturnType<typeof countingListener>>;
  let existing: Box;
  let keyPath: string;

  const call = (method: string, request: unknown): Promise<Result<unknown>> =>
    core.router.call(method, request, { face: 'cli' });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bf-connector-'));
    listener = await countingListener();
    keyPath = join(dir, 'id_test');
    const pair = generateEd25519KeyPair();
    writeFileSync(keyPath, pair.privateKey, { mode: 0o600 });
    writeFileSync(`${keyPath}.pub`, pair.publicKeyLine + '\n');
    existing = boxSchema.parse({
      id: 'box-existing1',
      name: 'mail1',
      host: '127.0.0.1',
      port: listener.port,
      user: 'admin',
      auth: { kind: 'password' },
      addedAt: '2026-01-01T00:00:00Z',
    });
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify({ version: 1, data: { boxes: [existing] } }));
    core = await createCore({ dataDir: join(dir), mode: 'cli', keychain: new MemoryKeychain(), log: () => {} });
  });
  afterEach(async () => {
    await core.close();
    await new Promise((resolve) => listener.server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const sameServer = () => ({
    host: '127.0.0.1',
    port: listener.port,
    user: 'admin',
    credential: { kind: 'key-file', path: keyPath },
  });

  it('refuses to connect to a server the fleet already reaches, naming the box', async () => {
    const connected = await call('boxes.connect', sameServer());
    expect(connected).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: `admin@127.0.0.1 port ${listener.port} is already in the fleet as "mail1".`,
        retryable: false,
        detail: { boxId: 'box-existing1', name: 'mail1' },
      },
    });
    const probed = await call('boxes.probe', sameServer());
    expect(probed.ok ? null : probed.error.detail).toEqual({ boxId: 'box-existing1', name: 'mail1' });
    expect(listener.connections()).toBe(0);
  });

  it('lets a box be edited onto its own server (replaces), which reaches the host', async () => {
    const probed = await call('boxes.probe', { ...sameServer(), replaces: existing.id });
    expect(probed.ok ? null : probed.error.code).not.toBe('conflict');
    expect(listener.connections()).toBe(1);
  });

  it.each([
    ['a missing file', 'id_gone', 'No file at {dir}/id_gone.'],
    ['the public half', 'id_test.pub', 'That is the public half (.pub); choose the private key file id_test.'],
    ['a folder', '.', '{dir} is a folder; choose the private key file inside it.'],
    ['a device', '/dev/zero', '/dev/zero is not a regular file (it is a device, pipe or socket).'],
    ['a file that is no key', 'fleet.json', 'That file is not an SSH private key.'],
  ])('reports %s on the key field before contacting the host', async (_what, file, message) => {
    const path = file.startsWith('/') ? file : join(dir, file);
    const request = { ...sameServer(), user: 'someone-else', credential: { kind: 'key-file', path } };
    for (const method of ['boxes.probe', 'boxes.connect']) {
      const result = await call(method, request);
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'validation',
          message: message.replace('{dir}', dir),
          retryable: false,
          detail: { field: 'keyPath' },
        },
      });
    }
    expect(listener.connections()).toBe(0);
  });

  it.each([
    [
      'a public key',
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA me@laptop',
      'That is a public key; use the private key (the file without .pub).',
    ],
    ['text that is no key', 'hello', 'That text is not an SSH private key.'],
  ])('reports a pasted %s on the key field before contacting the host', async (_what, privateKey, message) => {
    const request = { ...sameServer(), user: 'someone-else', credential: { kind: 'key-text', privateKey } };
    expect(await call('boxes.connect', request)).toEqual({
      ok: false,
      error: { code: 'validation', message, retryable: false, detail: { field: 'privateKey' } },
    });
    expect(listener.connections()).toBe(0);
  });

  it('bounds draft ids in the contract and answers unknown ones without keeping them', async () => {
    const huge = 'draft-' + 'a'.repeat(1024 * 1024);
    expect(boxesMethods.discard.request.safeParse({ draftId: huge }).success).toBe(false);
    expect((await call('boxes.discard', { draftId: huge })).ok).toBe(false);
    expect(await call('boxes.discard', { draftId: 'draft-0123456789ab' })).toEqual({ ok: true, value: {} });
    expect((await call('boxes.save', { draftId: huge, name: 'x' })).ok).toBe(false);
  });
});

describe('findSameServer', () => {
  const box = (id: string, host: string, port: number, user: string): Box =>
    boxSchema.parse({ id, name: id, host, port, user, auth: { kind: 'agent' }, addedAt: '2026-01-01T00:00:00Z' });
  const fleet = [box('box-aaa', 'Mail.Example.com', 22, 'admin'), box('box-bbb', '10.0.0.1', 2222, 'root')];

  it('matches host (ignoring letter case and a final dot), port and user', () => {
    expect(findSameServer(fleet, { host: 'mail.example.com.', port: 22, user: 'admin' })?.id).toBe('box-aaa');
    expect(findSameServer(fleet, { host: 'mail.example.com', port: 2222, user: 'admin' })).toBeUndefined();
    expect(findSameServer(fleet, { host: 'mail.example.com', port: 22, user: 'root' })).toBeUndefined();
    expect(findSameServer(fleet, { host: '10.0.0.1', port: 2222, user: 'root' })?.id).toBe('box-bbb');
  });

  it('does not count the box being edited', () => {
    expect(findSameServer(fleet, { host: 'mail.example.com', port: 22, user: 'admin' }, 'box-aaa')).toBeUndefined();
  });
});
