import { readFileSync } from 'node:fs';
import { ok, type Result } from '../../src-shared/contract/result';
import { BoxApiClient } from '../../src-main/box/box-api-client';
import { HostKeys } from '../../src-main/hostkeys/host-keys';
import { MemoryKnownHostsStorage } from '../../src-main/hostkeys/known-hosts-storage';
import { SshPool } from '../../src-main/ssh/ssh-pool';
import type { SshTarget } from '../../src-main/ssh/types';
import { startTestbed, type BoxProfile, type Testbed, type TestbedBox } from '../harness/testbed';

jest.setTimeout(120_000);

const admin = { email: 'me@example.com', password: 'admin-password-1' };

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('BoxApiClient through SSH to the box emulator', () => {
  let bed: Testbed;
  let hostKeys: HostKeys;
  let pool: SshPool;
  const profiles = new Map<string, BoxProfile>();
  const clients: BoxApiClient[] = [];

  const clientFor = (boxId: string, profile: BoxProfile): BoxApiClient => {
    profiles.set(boxId, profile);
    const client = new BoxApiClient({
      ssh: pool,
      profile: { id: boxId, user: profile.user, apiPort: profile.apiPort, paths: profile.paths },
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    bed = await startTestbed({
      boxes: [
        { flavour: 'upstream', admin },
        { flavour: 'power', admin },
      ],
    });
    hostKeys = new HostKeys({ storage: new MemoryKnownHostsStorage(), readSystemKnownHosts: async () => null });
    for (const box of bed.boxes)
      await hostKeys.trust(box.profile.host, box.profile.port, 'ssh-ed25519', box.profile.hostKeyFingerprint);
    pool = new SshPool({
      hostKeys,
      resolveTarget: async (id): Promise<Result<SshTarget>> => {
        const p = profiles.get(id);
        if (!p) throw new Error(`no profile for ${id}`);
        return ok({
          host: p.host,
          port: p.port,
          user: p.user,
          auth: { kind: 'key', privateKey: readFileSync(p.privateKeyPath, 'utf8') },
        });
      },
    });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    pool?.closeAll();
    await bed?.stop();
  });

  const upstream = (): TestbedBox => bed.boxes[0] as TestbedBox;
  const power = (): TestbedBox => bed.boxes[1] as TestbedBox;

  it('detects each flavour and its version', async () => {
    expect(await clientFor('up-detect', upstream().profile).detect()).toEqual({
      ok: true,
      value: { flavour: 'upstream', version: 'v75' },
    });
    expect(await clientFor('pw-detect', power().profile).detect()).toEqual({
      ok: true,
      value: { flavour: 'power', version: 'v60.5' },
    });
  });

  it.each(['upstream', 'power'] as const)('manages mail users and aliases on %s', async (flavour) => {
    const box = flavour === 'upstream' ? upstream() : power();
    const api = clientFor(`${flavour}-mail`, box.profile).routes;
    const added = unwrap(
      await api.users.add({ email: 'alice@example.com', password: 'alice-password', privileges: [], quota: '1G' }),
    );
    expect(added).toMatch(/^mail user added\n/);
    const groups = unwrap(await api.users.list());
    const alice = groups.flatMap((g) => g.users).find((u) => u.email === 'alice@example.com');
    expect(alice).toMatchObject({ status: 'active', quota: '1G', privileges: [] });
    expect(unwrap(await api.users.listEmails())).toEqual(
      expect.arrayContaining(['me@example.com', 'alice@example.com']),
    );

    expect(await api.users.setPassword('alice@example.com', 'new-alice-password')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await api.users.setQuota('alice@example.com', '2G')).toEqual({ ok: true, value: undefined });
    expect(await api.users.getQuota('alice@example.com')).toEqual({ ok: true, value: '2G' });
    expect(await api.users.addPrivilege('alice@example.com', 'admin')).toEqual({ ok: true, value: undefined });
    expect(await api.users.privileges('alice@example.com')).toEqual({ ok: true, value: ['admin'] });
    expect(await api.users.removePrivilege('alice@example.com', 'admin')).toEqual({ ok: true, value: undefined });

    const duplicate = await api.users.add({ email: 'alice@example.com', password: 'alice-password' });
    expect(duplicate.ok ? null : duplicate.error).toMatchObject({
      code: 'box-api-error',
      message: 'User already exists.',
    });

    expect(
      unwrap(
        await api.aliases.add({ address: 'info@example.com', forwardsTo: ['alice@example.com'], permittedSenders: [] }),
      ),
    ).toMatch(/^alias added\n/);
    const aliases = unwrap(await api.aliases.list()).flatMap((g) => g.aliases);
    expect(aliases.find((a) => a.address === 'info@example.com')).toMatchObject({
      forwards_to: ['alice@example.com'],
      permitted_senders: null,
      auto: false,
    });
    expect(unwrap(await api.aliases.domains())).toContain('example.com');
    expect(unwrap(await api.aliases.remove('info@example.com'))).toMatch(/^alias removed\n/);
    expect(unwrap(await api.users.remove('alice@example.com'))).toMatch(/^mail user removed\n/);
    const afterRemove = unwrap(await api.users.list()).flatMap((g) => g.users);
    expect(afterRemove.find((u) => u.email === 'alice@example.com')?.status).not.toBe('active');
  });

  it.each(['upstream', 'power'] as const)(
    "writes custom DNS in %s's own encoding and reads it back",
    async (flavour) => {
      const box = flavour === 'upstream' ? upstream() : power();
      const api = clientFor(`${flavour}-dns`, box.profile).routes;
      const zones = unwrap(await api.dns.zones());
      const zone = zones[0] ?? '';
      const qname = `test.${zone}`;
      unwrap(await api.dns.customSet({ qname, rtype: 'A', value: '192.0.2.44' }));
      const records = unwrap(await api.dns.customFor(qname, 'A'));
      expect(records.map((r) => r.value)).toEqual(['192.0.2.44']);
      unwrap(await api.dns.customDelete({ qname, rtype: 'A' }));
      expect(unwrap(await api.dns.customFor(qname, 'A'))).toEqual([]);
    },
  );

  it('reaches the Power-only routes on Power and refuses them on upstream', async () => {
    const onPower = clientFor('pw-quota', power().profile).routes;
    expect(await onPower.power.setDefaultQuota('5G')).toEqual({ ok: true, value: undefined });
    expect(await onPower.power.defaultQuota()).toEqual({ ok: true, value: '5G' });
    const onUpstream = clientFor('up-quota', upstream().profile).routes;
    const refused = await onUpstream.power.defaultQuota();
    expect(refused.ok ? null : refused.error.code).toBe('not-supported');
  });

  it('keeps working after the daemon restarts and rotates its API key', async () => {
    const box = upstream();
    const api = clientFor('up-rotate', box.profile);
    unwrap(await api.routes.system.version());
    const before = box.emulator.apiKey();
    await box.restartEmulator();
    expect(box.emulator.apiKey()).not.toBe(before);
    expect(await api.routes.system.version()).toEqual({ ok: true, value: 'v75' });
    expect(unwrap(await api.routes.users.listEmails())).toContain('me@example.com');
  });

  it('answers needs-sudo for a login whose sudo asks for a password', async () => {
    const box = upstream();
    const api = clientFor('up-nosudo', box.profileAs('bfnosudo'));
    const result = await api.routes.system.version();
    expect(result.ok ? null : result.error.code).toBe('needs-sudo');
    expect(!result.ok && result.error.message).toMatch(/passwordless sudo/);
  });

  it('reports a changed host key on the next connection instead of talking to the box', async () => {
    const box = power();
    const api = clientFor('pw-hostkey', box.profile);
    unwrap(await api.routes.system.version());
    await box.sshd.restart({ newHostKey: true });
    pool.close('pw-hostkey');
    api.close();
    const result = await api.routes.system.version();
    expect(result.ok ? null : result.error.code).toBe('host-key-mismatch');
  });
});
