import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Client } from 'ssh2';
import { runningProcesses } from '../harness/processes';
import { basicAuth, connectSsh, execCommand, httpOverSsh } from '../harness/ssh-client';
import { makeKeyPair, startSshd, type KeyPair, type SshdInstance } from '../harness/sshd';
import { grantApiKeyRead, sudoRulesOf, type SudoersGrant } from '../harness/sudoers';
import { makeTempDir, removeTempDirs } from '../harness/temp';
import { authorizeKey, resetAuthorizedKeys, TEST_USER_PASSWORD } from '../harness/test-users';
import { readBanner } from '../harness/wait';

jest.setTimeout(60_000);

let sshd: SshdInstance;
let key: KeyPair;
const clients: Client[] = [];

async function connect(...args: Parameters<typeof connectSsh>): Promise<Client> {
  const client = await connectSsh(...args);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  sshd = await startSshd({ users: ['bfadmin', 'bfnosudo'], passwordAuth: true });
  key = await makeKeyPair({ type: 'ed25519' });
  await sshd.authorizeKey('bfadmin', key.publicKeyLine);
  await sshd.authorizeKey('bfnosudo', key.publicKeyLine);
});

afterAll(async () => {
  for (const client of clients) client.end();
  await sshd?.stop();
  await removeTempDirs();
});

const as = (
  username: string,
  extra: Partial<Parameters<typeof connectSsh>[0]> = {},
): Parameters<typeof connectSsh>[0] => ({
  host: sshd.host,
  port: sshd.port,
  username,
  privateKeyPath: key.privateKeyPath,
  hostKeyFingerprint: sshd.hostKeyFingerprint,
  ...extra,
});

test('sshd answers with an OpenSSH banner and reports its host key like ssh-keygen', async () => {
  expect(await readBanner(sshd.host, sshd.port)).toMatch(/^SSH-2\.0-OpenSSH_/);
  expect(sshd.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  expect(sshd.hostPublicKey).toMatch(/^ssh-ed25519 AAAA/);
});

test('key login as bfadmin, with the host key checked against the fingerprint', async () => {
  const client = await connect(as('bfadmin'));
  const result = await execCommand(client, 'id -un; echo $SHELL');
  expect(result).toMatchObject({ code: 0, stdout: 'bfadmin\n/bin/bash\n' });
});

test('a wrong host key fingerprint is refused', async () => {
  const wrong = 'SHA256:' + 'A'.repeat(43);
  await expect(connectSsh(as('bfadmin', { hostKeyFingerprint: wrong }))).rejects.toThrow(/host key SHA256:/);
});

test('an unauthorized key is refused', async () => {
  const stranger = await makeKeyPair({ type: 'ed25519' });
  await expect(connectSsh(as('bfadmin', { privateKeyPath: stranger.privateKeyPath }))).rejects.toThrow(
    /authentication methods failed/,
  );
});

test('password login works with the test password and fails with another', async () => {
  const client = await connect(as('bfnosudo', { privateKeyPath: undefined, password: TEST_USER_PASSWORD }));
  expect((await execCommand(client, 'id -un')).stdout).toBe('bfnosudo\n');
  await expect(connectSsh(as('bfnosudo', { privateKeyPath: undefined, password: 'wrong' }))).rejects.toThrow(
    /authentication methods failed/,
  );
});

describe('sudo for reading root-only files: bfadmin has exactly the recommended rule, bfnosudo none', () => {
  let secretPath: string;
  let grant: SudoersGrant;
  beforeAll(async () => {
    const dir = await makeTempDir('root-only');
    secretPath = path.join(dir, 'api.key');
    fs.writeFileSync(secretPath, 'the-secret', { mode: 0o640 });
    grant = await grantApiKeyRead('bfadmin', secretPath);
  });
  afterAll(() => grant?.remove());

  test('bfadmin cannot read it directly but can with sudo -n /usr/bin/cat PATH', async () => {
    const client = await connect(as('bfadmin'));
    const direct = await execCommand(client, `cat ${secretPath}`);
    expect(direct.code).not.toBe(0);
    expect(direct.stderr).toMatch(/Permission denied/);
    expect(await execCommand(client, `sudo -n /usr/bin/cat ${secretPath}`)).toMatchObject({
      code: 0,
      stdout: 'the-secret',
    });
  });

  test('the rule matches only that exact command: no `--`, no other file, no other command', async () => {
    const client = await connect(as('bfadmin'));
    for (const command of [`sudo -n cat -- ${secretPath}`, 'sudo -n /usr/bin/cat /etc/shadow', 'sudo -n id -u']) {
      const result = await execCommand(client, command);
      expect({ command, code: result.code, stdout: result.stdout }).toEqual({ command, code: 1, stdout: '' });
    }
  });

  test('sudo lists only rules of the recommended form for bfadmin, and none for bfnosudo', async () => {
    const rules = await sudoRulesOf('bfadmin');
    expect(rules).toContain(`(root) NOPASSWD: /usr/bin/cat ${secretPath}`);
    // Other test runs on this machine may hold grants for their own boxes' keys at the same time (same form), or
    // the health probe's backup-listing rule.
    for (const rule of rules)
      expect(rule).toMatch(/^\(root\) NOPASSWD: \/usr\/bin\/(cat \/[\w./+-]+|ls -1 \/[\w./+-]+\/backup\/encrypted)$/);
    expect(await sudoRulesOf('bfnosudo')).toEqual([]);
  });

  test('bfnosudo is refused', async () => {
    const client = await connect(as('bfnosudo'));
    const result = await execCommand(client, `sudo -n /usr/bin/cat ${secretPath}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('a password is required');
  });
});

test.each([
  { type: 'ecdsa' as const, format: 'pem' as const, passphrase: undefined },
  { type: 'rsa' as const, format: 'pem' as const, passphrase: 'correct horse' },
  { type: 'ed25519' as const, format: 'openssh' as const, passphrase: 'correct horse' },
])(
  'ssh2 logs in with a $type key in $format format (passphrase: $passphrase)',
  async ({ type, format, passphrase }) => {
    const pair = await makeKeyPair({ type, format, passphrase });
    const head = fs.readFileSync(pair.privateKeyPath, 'utf8').split('\n')[0];
    expect(head).toBe(
      format === 'pem'
        ? `-----BEGIN ${type === 'rsa' ? 'RSA' : 'EC'} PRIVATE KEY-----`
        : '-----BEGIN OPENSSH PRIVATE KEY-----',
    );
    await sshd.authorizeKey('bfadmin', pair.publicKeyLine);
    const client = await connect(as('bfadmin', { privateKeyPath: pair.privateKeyPath, passphrase }));
    expect((await execCommand(client, 'true')).code).toBe(0);
  },
);

test('keys in the home authorized_keys work until reset', async () => {
  const pair = await makeKeyPair({ type: 'ed25519' });
  await authorizeKey('bfnosudo', pair.publicKeyLine);
  const client = await connect(as('bfnosudo', { privateKeyPath: pair.privateKeyPath }));
  expect((await execCommand(client, 'id -un')).stdout).toBe('bfnosudo\n');
  await resetAuthorizedKeys('bfnosudo');
  await expect(connectSsh(as('bfnosudo', { privateKeyPath: pair.privateKeyPath }))).rejects.toThrow(
    /authentication methods failed/,
  );
});

test('sftp subsystem and direct-tcpip forwarding work', async () => {
  const server = http.createServer((req, res) => res.end(`seen ${req.headers.authorization ?? 'none'}`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    const client = await connect(as('bfadmin'));
    const response = await httpOverSsh(client, {
      port: address.port,
      path: '/',
      headers: { authorization: basicAuth('k') },
    });
    expect(response).toMatchObject({ status: 200, body: `seen ${basicAuth('k')}` });
    const names = await new Promise<string[]>((resolve, reject) =>
      client.sftp((err, sftp) => {
        if (err) return reject(err);
        sftp.readdir(sshd.dir, (e, list) => (e ? reject(e) : resolve(list.map((entry) => entry.filename))));
      }),
    );
    expect(names).toContain('sshd_config');
  } finally {
    server.close();
  }
});

test('restart with a new host key changes the fingerprint; the old one is then refused', async () => {
  const before = sshd.hostKeyFingerprint;
  const pidBefore = sshd.pid();
  await sshd.restart({ newHostKey: true });
  expect(sshd.pid()).not.toBe(pidBefore);
  expect(sshd.hostKeyFingerprint).not.toBe(before);
  await expect(connectSsh(as('bfadmin', { hostKeyFingerprint: before }))).rejects.toThrow(/expected/);
  const client = await connect(as('bfadmin'));
  expect((await execCommand(client, 'true')).code).toBe(0);
});

test('stop ends sshd: the port refuses connections and the registry holds no sshd', async () => {
  const other = await startSshd({ users: ['bfadmin'], hostKeyType: 'ecdsa' });
  expect(other.hostPublicKey).toMatch(/^ecdsa-sha2-nistp256 /);
  const pid = other.pid();
  await other.stop();
  expect(runningProcesses().map((p) => p.pid)).not.toContain(pid);
  await expect(readBanner(other.host, other.port)).rejects.toThrow(/ECONNREFUSED/);
});

test('a second sshd on a port another sshd holds fails to start, even though the other one answers the banner', async () => {
  // Two runs handed the same free port: the loser must not take the winner's answers for its own.
  // The loser's sshd starts late (as on a loaded machine), so the winner answers its banner check first.
  await expect(startSshd({ users: ['bfadmin'], port: sshd.port, mountSetup: 'sleep 1' })).rejects.toThrow(
    /already in use/i,
  );
  expect((await execCommand(await connect(as('bfadmin')), 'true')).code).toBe(0);
});
