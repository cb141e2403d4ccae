import { ok, type Result } from '../../src-shared/contract/result';
import { HostKeys } from '../../src-main/hostkeys/host-keys';
import { MemoryKnownHostsStorage } from '../../src-main/hostkeys/known-hosts-storage';
import { SshPool } from '../../src-main/ssh/ssh-pool';
import type { SshTarget } from '../../src-main/ssh/types';
import { startSshd, type SshdInstance } from '../harness/sshd';
import { TEST_USER_PASSWORD } from '../harness/test-users';
import { FakeTimers } from '../unit/health/fake-timers';

jest.setTimeout(60_000);

describe('SshPool idle close against a real sshd', () => {
  let sshd: SshdInstance;
  let timers: FakeTimers;
  let pool: SshPool;

  beforeAll(async () => {
    sshd = await startSshd({ users: ['bfadmin'], passwordAuth: true });
  });
  afterAll(() => sshd.stop());
  beforeEach(async () => {
    const hostKeys = new HostKeys({ storage: new MemoryKnownHostsStorage(), readSystemKnownHosts: async () => null });
    await hostKeys.trust(sshd.host, sshd.port, 'ssh-ed25519', sshd.hostKeyFingerprint);
    const target: SshTarget = {
      host: sshd.host,
      port: sshd.port,
      user: 'bfadmin',
      auth: { kind: 'password', password: TEST_USER_PASSWORD },
    };
    timers = new FakeTimers();
    pool = new SshPool({
      hostKeys,
      resolveTarget: async (): Promise<Result<SshTarget>> => ok(target),
      idleCloseMs: 300_000,
      timers,
    });
  });
  afterEach(() => pool.closeAll());

  it('reuses the connection between uses and closes it after the idle time', async () => {
    expect((await pool.exec('box', 'true')).ok).toBe(true);
    const first = await pool.connection('box');
    timers.advance(299_000);
    expect((await pool.exec('box', 'true')).ok).toBe(true);
    expect(await pool.connection('box')).toEqual(first);
    // The clock restarted with the last use: 299 s later it is still open, 300 s after the last use it is closed.
    timers.advance(299_000);
    expect(pool.isConnected('box')).toBe(true);
    timers.advance(1_000);
    expect(pool.isConnected('box')).toBe(false);
    // The next use opens a new one.
    expect((await pool.exec('box', 'id -un')).ok).toBe(true);
    expect(pool.isConnected('box')).toBe(true);
  });

  it('does not close a connection while a command runs on it', async () => {
    const running = pool.exec('box', 'sleep 1; echo done');
    while (timers.count === 0 && !pool.isConnected('box')) await new Promise((r) => setImmediate(r));
    timers.advance(600_000);
    expect(pool.isConnected('box')).toBe(true);
    const ran = await running;
    expect(ran.ok && ran.value.stdout.trim()).toBe('done');
    timers.advance(300_000);
    expect(pool.isConnected('box')).toBe(false);
  });

  it('follows a changed idle time', async () => {
    pool.setIdleClose(10_000);
    expect((await pool.exec('box', 'true')).ok).toBe(true);
    timers.advance(10_000);
    expect(pool.isConnected('box')).toBe(false);
  });
});
