import { Server } from 'ssh2';
import { ok, type Result } from '../../src-shared/contract/result';
import { HostKeys } from '../../src-main/hostkeys/host-keys';
import { MemoryKnownHostsStorage } from '../../src-main/hostkeys/known-hosts-storage';
import { generateEd25519KeyPair } from '../../src-main/ssh/key-pairs';
import { SshPool } from '../../src-main/ssh/ssh-pool';
import type { SshTarget } from '../../src-main/ssh/types';
import { fingerprintOfKeyBlob } from '../harness/ssh-keys';
import { runCommand } from '../harness/run-command';
import { startSshd, type SshdInstance } from '../harness/sshd';
import { TEST_USER_PASSWORD } from '../harness/test-users';

jest.setTimeout(60_000);

/** sshd (LogLevel VERBOSE) logs every authentication attempt, failed or not. */
const AUTH_TRACE = /Accepted|Failed|Postponed|userauth|Invalid user|password for|publickey for/i;

function hostKeysWith(systemKnownHosts: string | null = null): HostKeys {
  return new HostKeys({ storage: new MemoryKnownHostsStorage(), readSystemKnownHosts: async () => systemKnownHosts });
}

function poolFor(sshd: SshdInstance, hostKeys: HostKeys): SshPool {
  const target: SshTarget = {
    host: sshd.host,
    port: sshd.port,
    user: 'bfadmin',
    auth: { kind: 'password', password: TEST_USER_PASSWORD },
  };
  return new SshPool({ hostKeys, resolveTarget: async (): Promise<Result<SshTarget>> => ok(target) });
}

async function logSince(sshd: SshdInstance, offset: number): Promise<string> {
  return (await sshd.log()).slice(offset);
}

describe('host key verification against a real sshd', () => {
  let sshd: SshdInstance;
  beforeEach(async () => {
    sshd = await startSshd({ users: ['bfadmin'], passwordAuth: true });
  });
  afterEach(() => sshd.stop());

  it('refuses an unknown host key before any authentication is attempted', async () => {
    const pool = poolFor(sshd, hostKeysWith());
    const before = (await sshd.log()).length;
    try {
      const result = await pool.exec('box', 'true');
      expect(result.ok ? null : result.error.code).toBe('host-key-unknown');
      expect(!result.ok && result.error.detail).toMatchObject({
        fingerprint: sshd.hostKeyFingerprint,
        keyType: 'ssh-ed25519',
      });
      expect(await logSince(sshd, before)).not.toMatch(AUTH_TRACE);
    } finally {
      pool.closeAll();
    }
  });

  it('logs in once the user confirmed the fingerprint, and sshd then shows the authentication', async () => {
    const hostKeys = hostKeysWith();
    const pool = poolFor(sshd, hostKeys);
    try {
      const probe = await pool.probeHostKey({ host: sshd.host, port: sshd.port });
      expect(probe).toEqual({
        ok: true,
        value: { keyType: 'ssh-ed25519', fingerprint: sshd.hostKeyFingerprint, status: 'unknown' },
      });
      expect(await sshd.log()).not.toMatch(AUTH_TRACE);
      await hostKeys.trust(
        sshd.host,
        sshd.port,
        probe.ok ? probe.value.keyType : '',
        probe.ok ? probe.value.fingerprint : '',
      );
      const ran = await pool.exec('box', 'id -un');
      expect(ran.ok && ran.value.stdout.trim()).toBe('bfadmin');
      // The control for the checks above: a real login does leave its trace in this log.
      expect(await sshd.log()).toMatch(/Accepted password for bfadmin/);
      const again = await pool.probeHostKey({ host: sshd.host, port: sshd.port });
      expect(again.ok && again.value.status).toBe('trusted');
    } finally {
      pool.closeAll();
    }
  });

  it('stops hard with host-key-mismatch after sshd comes back with a new host key, and sends no credential', async () => {
    const hostKeys = hostKeysWith();
    await hostKeys.trust(sshd.host, sshd.port, 'ssh-ed25519', sshd.hostKeyFingerprint);
    const pool = poolFor(sshd, hostKeys);
    try {
      expect((await pool.exec('box', 'true')).ok).toBe(true);
      const old = sshd.hostKeyFingerprint;
      await sshd.restart({ newHostKey: true });
      pool.close('box');
      const before = (await sshd.log()).length;
      const result = await pool.exec('box', 'true');
      expect(result.ok ? null : result.error.code).toBe('host-key-mismatch');
      expect(!result.ok && result.error.detail).toMatchObject({
        expected: old,
        got: sshd.hostKeyFingerprint,
        keyType: 'ssh-ed25519',
      });
      expect(!result.ok && result.error.message).toMatch(/accept the new key/);
      expect(await logSince(sshd, before)).not.toMatch(AUTH_TRACE);
      // Accepting the new key deliberately is one step.
      await hostKeys.trust(sshd.host, sshd.port, 'ssh-ed25519', sshd.hostKeyFingerprint);
      expect((await pool.exec('box', 'true')).ok).toBe(true);
    } finally {
      pool.closeAll();
    }
  });

  it("trusts keys from the user's known_hosts, hashed entries included", async () => {
    const scanned = await runCommand('ssh-keyscan', ['-H', '-t', 'ed25519', '-p', String(sshd.port), sshd.host]);
    expect(scanned.stdout).toMatch(/^\|1\|/m);
    const pool = poolFor(sshd, hostKeysWith(scanned.stdout));
    try {
      const ran = await pool.exec('box', 'id -un');
      expect(ran.ok && ran.value.stdout.trim()).toBe('bfadmin');
    } finally {
      pool.closeAll();
    }
  });
});

describe('host keys of other types', () => {
  it('probes and trusts an RSA host key', async () => {
    const sshd = await startSshd({ users: ['bfadmin'], passwordAuth: true, hostKeyType: 'rsa' });
    const hostKeys = hostKeysWith();
    const pool = poolFor(sshd, hostKeys);
    try {
      const probe = await pool.probeHostKey({ host: sshd.host, port: sshd.port });
      expect(probe).toEqual({
        ok: true,
        value: { keyType: 'ssh-rsa', fingerprint: sshd.hostKeyFingerprint, status: 'unknown' },
      });
      await hostKeys.trust(sshd.host, sshd.port, 'ssh-rsa', sshd.hostKeyFingerprint);
      expect((await pool.exec('box', 'true')).ok).toBe(true);
    } finally {
      pool.closeAll();
      await sshd.stop();
    }
  });
});

describe('what the server sees when a host key is refused', () => {
  it('receives no authentication request at all', async () => {
    const pair = generateEd25519KeyPair();
    const hostKey = { private: pair.privateKey, public: pair.publicKeyLine };
    let authRequests = 0;
    let clients = 0;
    const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
      clients += 1;
      client.on('authentication', (ctx) => {
        authRequests += 1;
        ctx.reject();
      });
      client.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const target: SshTarget = {
      host: '127.0.0.1',
      port,
      user: 'someone',
      auth: { kind: 'password', password: 'visible-secret' },
    };
    const hostKeys = hostKeysWith();
    const pool = new SshPool({ hostKeys, resolveTarget: async (): Promise<Result<SshTarget>> => ok(target) });
    try {
      const refused = await pool.exec('box', 'true');
      expect(refused.ok ? null : refused.error.code).toBe('host-key-unknown');
      expect(!refused.ok && refused.error.detail?.['fingerprint']).toBe(
        fingerprintOfKeyBlob(Buffer.from(hostKey.public.split(' ')[1] ?? '', 'base64')),
      );
      // The control: with the key trusted, the same server does get the password attempt.
      await hostKeys.trust(
        '127.0.0.1',
        port,
        'ssh-ed25519',
        String(!refused.ok && refused.error.detail?.['fingerprint']),
      );
      const attempted = await pool.exec('box', 'true');
      expect(attempted.ok ? null : attempted.error.code).toBe('auth-failed');
      expect(clients).toBe(2);
      expect(authRequests).toBeGreaterThan(0);
    } finally {
      pool.closeAll();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
