import { existsSync, readFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { ok, type Result } from '../../src-shared/contract/result';
import { HostKeys } from '../../src-main/hostkeys/host-keys';
import { MemoryKnownHostsStorage } from '../../src-main/hostkeys/known-hosts-storage';
import { SshPool } from '../../src-main/ssh/ssh-pool';
import type { SshAuth, SshTarget } from '../../src-main/ssh/types';
import { startDelayProxy } from '../harness/delay-proxy';
import { startProcess, stopProcess } from '../harness/processes';
import { runCommand } from '../harness/run-command';
import { makeKeyPair, startSshd, type SshdInstance } from '../harness/sshd';
import { makeTempDir } from '../harness/temp';
import { waitFor } from '../harness/wait';
import { TEST_USER_PASSWORD } from '../harness/test-users';

jest.setTimeout(60_000);

function trustingHostKeys(): HostKeys {
  return new HostKeys({ storage: new MemoryKnownHostsStorage(), readSystemKnownHosts: async () => null });
}

function poolFor(
  targets: Map<string, SshTarget>,
  hostKeys: HostKeys,
  extra: Partial<ConstructorParameters<typeof SshPool>[0]> = {},
): SshPool {
  return new SshPool({
    hostKeys,
    resolveTarget: async (id): Promise<Result<SshTarget>> => ok(targets.get(id) as SshTarget),
    ...extra,
  });
}

async function whoami(pool: SshPool, boxId: string): Promise<string> {
  const ran = await pool.exec(boxId, 'id -un');
  if (!ran.ok) throw new Error(`${ran.error.code}: ${ran.error.message}`);
  return ran.value.stdout.trim();
}

describe('SshPool against a real sshd', () => {
  let sshd: SshdInstance;
  let hostKeys: HostKeys;

  beforeAll(async () => {
    sshd = await startSshd({ users: ['bfadmin'], passwordAuth: true });
  });
  afterAll(() => sshd.stop());
  beforeEach(async () => {
    hostKeys = trustingHostKeys();
    await hostKeys.trust(sshd.host, sshd.port, 'ssh-ed25519', sshd.hostKeyFingerprint);
  });

  const target = (auth: SshAuth): SshTarget => ({ host: sshd.host, port: sshd.port, user: 'bfadmin', auth });

  it.each([
    ['ed25519', 'openssh', undefined],
    ['ecdsa', 'openssh', undefined],
    ['rsa', 'openssh', undefined],
    ['rsa', 'pem', undefined],
    ['ecdsa', 'pem', undefined],
    ['ed25519', 'openssh', 'correct horse'],
    ['rsa', 'pem', 'battery staple'],
  ] as const)('logs in with a %s key (%s format, passphrase %s)', async (type, format, passphrase) => {
    const key = await makeKeyPair({ type, format, ...(passphrase ? { passphrase } : {}) });
    await sshd.authorizeKey('bfadmin', key.publicKeyLine);
    const privateKey = readFileSync(key.privateKeyPath, 'utf8');
    const pool = poolFor(
      new Map([['box', target({ kind: 'key', privateKey, ...(passphrase ? { passphrase } : {}) })]]),
      hostKeys,
    );
    try {
      expect(await whoami(pool, 'box')).toBe('bfadmin');
    } finally {
      pool.closeAll();
    }
  });

  it('logs in with a password', async () => {
    const pool = poolFor(new Map([['box', target({ kind: 'password', password: TEST_USER_PASSWORD })]]), hostKeys);
    try {
      expect(await whoami(pool, 'box')).toBe('bfadmin');
    } finally {
      pool.closeAll();
    }
  });

  it('logs in through an ssh-agent', async () => {
    const key = await makeKeyPair({ type: 'ed25519' });
    await sshd.authorizeKey('bfadmin', key.publicKeyLine);
    const agent = await startAgent(key.privateKeyPath);
    const pool = poolFor(new Map([['box', target({ kind: 'agent', socketPath: agent.socket })]]), hostKeys);
    try {
      expect(await whoami(pool, 'box')).toBe('bfadmin');
    } finally {
      pool.closeAll();
      await agent.stop();
    }
  });

  it('answers auth-failed for a key the box does not know, a wrong passphrase or a wrong password', async () => {
    const stranger = await makeKeyPair({ type: 'ed25519' });
    const locked = await makeKeyPair({ type: 'ed25519', passphrase: 'right one' });
    const pool = poolFor(
      new Map<string, SshTarget>([
        ['stranger', target({ kind: 'key', privateKey: readFileSync(stranger.privateKeyPath, 'utf8') })],
        [
          'passphrase',
          target({ kind: 'key', privateKey: readFileSync(locked.privateKeyPath, 'utf8'), passphrase: 'wrong one' }),
        ],
        ['no-passphrase', target({ kind: 'key', privateKey: readFileSync(locked.privateKeyPath, 'utf8') })],
        ['password', target({ kind: 'password', password: 'not-the-password' })],
      ]),
      hostKeys,
    );
    try {
      for (const id of ['stranger', 'passphrase', 'no-passphrase', 'password']) {
        const result = await pool.exec(id, 'true');
        expect([id, result.ok ? 'ok' : result.error.code]).toEqual([id, 'auth-failed']);
      }
    } finally {
      pool.closeAll();
    }
  });

  it('runs commands with stdin, an output limit and a timeout', async () => {
    const pool = poolFor(new Map([['box', target({ kind: 'password', password: TEST_USER_PASSWORD })]]), hostKeys);
    try {
      expect(await pool.exec('box', 'cat; echo err >&2; exit 3', { stdin: 'hello\n' })).toEqual({
        ok: true,
        value: { code: 3, signal: null, stdout: 'hello\n', stderr: 'err\n' },
      });
      const big = await pool.exec('box', 'head -c 200000 /dev/zero', { maxOutputBytes: 1000 });
      expect(!big.ok && big.error.code).toBe('internal');
      const slow = await pool.exec('box', 'sleep 20', { timeoutMs: 300 });
      expect(!slow.ok && slow.error.code).toBe('timeout');
      // The connection survives both and is reused.
      expect(await whoami(pool, 'box')).toBe('bfadmin');
      const sftp = await pool.sftp('box');
      if (!sftp.ok) throw new Error(sftp.error.message);
      const listing = await new Promise<string[]>((resolve, reject) =>
        sftp.value.readdir('/', (error, list) => (error ? reject(error) : resolve(list.map((e) => e.filename)))),
      );
      expect(listing).toContain('etc');
      sftp.value.end();
    } finally {
      pool.closeAll();
    }
  });

  it('times a round trip with nothing run on the box: never below the network delay, and a held box times out', async () => {
    const proxy = await startDelayProxy({ targetHost: sshd.host, targetPort: sshd.port, delayMs: 40 });
    await hostKeys.trust(proxy.host, proxy.port, 'ssh-ed25519', sshd.hostKeyFingerprint);
    const pool = poolFor(
      new Map([['box', { ...target({ kind: 'password', password: TEST_USER_PASSWORD }), port: proxy.port }]]),
      hostKeys,
    );
    try {
      const first = await pool.roundTrip('box');
      if (!first.ok) throw new Error(first.error.message);
      // 40 ms each way: a reply can never come sooner than 80 ms.
      expect(first.value).toBeGreaterThanOrEqual(80);
      proxy.hold();
      const held = await pool.roundTrip('box', { timeoutMs: 300 });
      expect(!held.ok && held.error.code).toBe('timeout');
      proxy.release();
      const again = await pool.roundTrip('box');
      expect(again.ok).toBe(true);
    } finally {
      pool.closeAll();
      await proxy.stop();
    }
  });

  it('reconnects on the next use after the connection dropped', async () => {
    const proxy = await startCuttableProxy(sshd.host, sshd.port);
    await hostKeys.trust('127.0.0.1', proxy.port, 'ssh-ed25519', sshd.hostKeyFingerprint);
    const pool = poolFor(
      new Map([
        [
          'box',
          {
            host: '127.0.0.1',
            port: proxy.port,
            user: 'bfadmin',
            auth: { kind: 'password', password: TEST_USER_PASSWORD },
          },
        ],
      ]),
      hostKeys,
    );
    try {
      expect(await whoami(pool, 'box')).toBe('bfadmin');
      proxy.cut();
      await waitUntil(() => !pool.isConnected('box'));
      expect(await whoami(pool, 'box')).toBe('bfadmin');
      expect(proxy.accepted()).toBe(2);
    } finally {
      pool.closeAll();
      await proxy.stop();
    }
  });

  it('goes through a jump host', async () => {
    const jumpSshd = await startSshd({ users: ['bfadmin'], passwordAuth: true });
    await hostKeys.trust(jumpSshd.host, jumpSshd.port, 'ssh-ed25519', jumpSshd.hostKeyFingerprint);
    const auth: SshAuth = { kind: 'password', password: TEST_USER_PASSWORD };
    const jump = { host: jumpSshd.host, port: jumpSshd.port, user: 'bfadmin', auth };
    const pool = poolFor(
      new Map<string, SshTarget>([
        ['box', { ...target(auth), jump }],
        ['nowhere', { host: '127.0.0.1', port: 1, user: 'bfadmin', auth, jump }],
      ]),
      hostKeys,
    );
    try {
      expect(await whoami(pool, 'box')).toBe('bfadmin');
      const unreachable = await pool.exec('nowhere', 'true');
      expect(!unreachable.ok && unreachable.error.code).toBe('host-unreachable');
      expect(!unreachable.ok && unreachable.error.message).toMatch(/jump host/);
    } finally {
      pool.closeAll();
      await jumpSshd.stop();
    }
  });
});

describe('SshPool when the box is away', () => {
  it('answers host-unreachable within 10 s when sshd is stopped', async () => {
    const sshd = await startSshd({ users: ['bfadmin'], passwordAuth: true });
    const hostKeys = trustingHostKeys();
    await hostKeys.trust(sshd.host, sshd.port, 'ssh-ed25519', sshd.hostKeyFingerprint);
    const pool = poolFor(
      new Map([
        [
          'box',
          {
            host: sshd.host,
            port: sshd.port,
            user: 'bfadmin',
            auth: { kind: 'password', password: TEST_USER_PASSWORD },
          },
        ],
      ]),
      hostKeys,
    );
    try {
      expect(await whoami(pool, 'box')).toBe('bfadmin');
      await sshd.stop();
      // sshd's per-connection process outlives the listener, so start from a fresh connection.
      pool.close('box');
      const started = Date.now();
      const result = await pool.exec('box', 'true');
      const elapsed = Date.now() - started;
      expect(!result.ok && result.error.code).toBe('host-unreachable');
      // Refused: nothing listens there any more, so the error does not promise that trying again helps.
      expect(!result.ok && result.error.retryable).toBe(false);
      expect(elapsed).toBeLessThan(10_000);
    } finally {
      pool.closeAll();
      await sshd.stop();
    }
  });

  it('answers timeout when the host accepts TCP but never speaks SSH', async () => {
    // Reads and ignores everything, so it notices when the client hangs up.
    const silent = createServer((socket) => socket.on('error', () => undefined).resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const pool = poolFor(
      new Map([['box', { host: '127.0.0.1', port, user: 'x', auth: { kind: 'password', password: 'x' } }]]),
      trustingHostKeys(),
      { readyTimeoutMs: 1000 },
    );
    try {
      const result = await pool.exec('box', 'true');
      expect(!result.ok && result.error.code).toBe('timeout');
    } finally {
      pool.closeAll();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A TCP forwarder in front of sshd whose live connections can be cut, to simulate a dropped link. */
async function startCuttableProxy(
  host: string,
  port: number,
): Promise<{ port: number; cut(): void; accepted(): number; stop(): Promise<void> }> {
  const live = new Set<Socket>();
  let count = 0;
  const server: Server = createServer((inbound) => {
    count += 1;
    const outbound = connect(port, host);
    live.add(inbound);
    live.add(outbound);
    inbound.pipe(outbound).pipe(inbound);
    const drop = (): void => {
      inbound.destroy();
      outbound.destroy();
    };
    inbound.on('error', drop).on('close', drop);
    outbound.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cut: () => {
      for (const socket of live) socket.destroy();
      live.clear();
    },
    accepted: () => count,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of live) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A real ssh-agent on its own socket holding one key. */
async function startAgent(privateKeyPath: string): Promise<{ socket: string; stop(): Promise<void> }> {
  const socket = `${await makeTempDir('agent', 0o700)}/agent.sock`;
  const agent = await startProcess('ssh-agent', 'ssh-agent', ['-D', '-a', socket]);
  await waitFor(
    async () => (existsSync(socket) ? true : undefined),
    () => 'ssh-agent socket',
    5000,
    20,
  );
  await runCommand('ssh-add', [privateKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
  return { socket, stop: async () => void (await stopProcess(agent)) };
}
