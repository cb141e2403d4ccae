import { readFileSync } from 'node:fs';
import { ok, type Result } from '../../src-shared/contract/result';
import { BoxApiClient } from '../../src-main/box/box-api-client';
import { HostKeys } from '../../src-main/hostkeys/host-keys';
import { MemoryKnownHostsStorage } from '../../src-main/hostkeys/known-hosts-storage';
import { SshPool } from '../../src-main/ssh/ssh-pool';
import type { SshTarget } from '../../src-main/ssh/types';
import { startTestbed, type Testbed, type TestbedBox } from '../harness/testbed';
import { waitFor } from '../harness/wait';

jest.setTimeout(120_000);

const admin = { email: 'me@example.com', password: 'admin-password-1' };

describe('BoxApiClient channels through sshd and a delay proxy to a gunicorn-like daemon', () => {
  let bed: Testbed;
  let pool: SshPool;
  const box = (): TestbedBox => bed.boxes[0] as TestbedBox;

  beforeAll(async () => {
    bed = await startTestbed({ boxes: [{ flavour: 'upstream', admin }], latencyMs: 10 });
    const profile = box().profile;
    const hostKeys = new HostKeys({ storage: new MemoryKnownHostsStorage(), readSystemKnownHosts: async () => null });
    await hostKeys.trust(profile.host, profile.port, 'ssh-ed25519', profile.hostKeyFingerprint);
    pool = new SshPool({
      hostKeys,
      resolveTarget: async (): Promise<Result<SshTarget>> =>
        ok({
          host: profile.host,
          port: profile.port,
          user: profile.user,
          auth: { kind: 'key', privateKey: readFileSync(profile.privateKeyPath, 'utf8') },
        }),
    });
  });
  afterAll(async () => {
    pool?.closeAll();
    await bed?.stop();
  });

  it('answers a run of calls on one channel each plus one spare, and leaves no connection open after close', async () => {
    const profile = box().profile;
    const client = new BoxApiClient({
      ssh: pool,
      profile: { id: 'box', user: profile.user, apiPort: profile.apiPort, paths: profile.paths },
      spareIdleMs: 60_000,
    });
    const before = box().emulator.acceptedConnections();
    const calls = 20;
    for (let i = 0; i < calls; i += 1) {
      const users = await client.routes.users.list();
      expect(users.ok && users.value.flatMap((d) => d.users.map((u) => u.email))).toEqual([admin.email]);
    }
    expect(box().emulator.acceptedConnections() - before).toBe(calls + 1);
    // Only the spare stays open between calls.
    await waitFor(
      () => (box().emulator.openConnections() === 1 ? true : undefined),
      () => `${box().emulator.openConnections()} daemon connections open, want the spare only`,
    );
    client.close();
    await waitFor(
      () => (box().emulator.openConnections() === 0 ? true : undefined),
      () => `${box().emulator.openConnections()} daemon connections still open after close`,
    );
    expect(pool.isConnected('box')).toBe(true);
  });
});
