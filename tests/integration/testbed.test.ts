/**
 * Three emulated boxes, each behind its own sshd, reached the way the app reaches a box: SSH with a pinned host
 * key, the root-only API key read with `sudo -n /usr/bin/cat` (the one rule bfadmin has), and the API called through a direct-tcpip forward.
 */
import type { Client } from 'ssh2';
import { basicAuth, connectSsh, execCommand, httpOverSsh, type TunnelResponse } from '../harness/ssh-client';
import { removeTempDirs } from '../harness/temp';
import { startTestbed, type BoxProfile, type Testbed } from '../harness/testbed';

jest.setTimeout(120_000);

let bed: Testbed;
const clients = new Map<number, Client>();

const admins = [0, 1, 2].map((i) => ({
  email: `admin${i + 1}@box${i + 1}.example.com`,
  password: `Passw0rd-box-${i + 1}`,
}));

function connect(profile: BoxProfile): Promise<Client> {
  return connectSsh({
    host: profile.host,
    port: profile.port,
    username: profile.user,
    privateKeyPath: profile.privateKeyPath,
    hostKeyFingerprint: profile.hostKeyFingerprint,
  });
}

async function readKey(client: Client, profile: BoxProfile): Promise<string> {
  const result = await execCommand(client, `sudo -n /usr/bin/cat ${profile.paths.apiKey}`);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return result.stdout;
}

function listUsers(client: Client, apiPort: number, key: string): Promise<TunnelResponse> {
  return httpOverSsh(client, {
    port: apiPort,
    path: '/mail/users?format=json',
    headers: { authorization: basicAuth(key) },
  });
}

function emailsIn(response: TunnelResponse): string[] {
  const domains = JSON.parse(response.body) as Array<{ domain: string; users: Array<{ email: string }> }>;
  return domains.flatMap((d) => d.users.map((u) => u.email));
}

beforeAll(async () => {
  bed = await startTestbed({
    boxes: [
      { flavour: 'upstream', hostname: 'box1.example.com', admin: admins[0] },
      { flavour: 'power', hostname: 'box2.example.com', admin: admins[1] },
      { flavour: 'upstream', hostname: 'box3.example.com', admin: admins[2] },
    ],
  });
  for (const box of bed.boxes) clients.set(box.index, await connect(box.profile));
});

afterAll(async () => {
  for (const client of clients.values()) client.end();
  await bed?.stop();
  await removeTempDirs();
});

const client = (index: number): Client => {
  const c = clients.get(index);
  if (!c) throw new Error(`no client for box ${index}`);
  return c;
};

test('three boxes, three sshd instances, three host keys', () => {
  const ports = new Set(bed.boxes.map((b) => b.profile.port));
  const fingerprints = new Set(bed.boxes.map((b) => b.profile.hostKeyFingerprint));
  expect(ports.size).toBe(3);
  expect(fingerprints.size).toBe(3);
  for (const box of bed.boxes) expect(box.profile.hostKeyFingerprint).toMatch(/^SHA256:/);
});

test('the API key is root-only: bfadmin cannot read it without sudo', async () => {
  const box = bed.boxes[0];
  if (!box) throw new Error('no box');
  const result = await execCommand(client(0), `cat ${box.profile.paths.apiKey}`);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toMatch(/Permission denied/);
  expect((await execCommand(client(0), `stat -c '%a %U:%G' ${box.profile.paths.apiKey}`)).stdout).toBe(
    '640 root:root\n',
  );
});

test('each box answers through its own sshd with its own key, and refuses the others', async () => {
  const keys: string[] = [];
  for (const box of bed.boxes) {
    const key = await readKey(client(box.index), box.profile);
    expect(key).toMatch(/^[A-Za-z0-9]{32}$/);
    keys.push(key);
    const response = await listUsers(client(box.index), box.profile.apiPort, key);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(emailsIn(response)).toEqual([admins[box.index]?.email]);
  }
  expect(new Set(keys).size).toBe(3);

  for (const box of bed.boxes) {
    for (const [owner, key] of keys.entries()) {
      if (owner === box.index) continue;
      const response = await listUsers(client(box.index), box.profile.apiPort, key);
      expect(response.status).toBe(401);
      expect(response.headers['x-reason']).toBe('Enter a password.');
    }
  }
});

test('a restarted daemon refuses the old key; the re-read key works', async () => {
  const box = bed.boxes[1];
  if (!box) throw new Error('no box');
  const before = await readKey(client(1), box.profile);
  await box.restartEmulator();
  const stale = await listUsers(client(1), box.profile.apiPort, before);
  expect(stale.status).toBe(401);
  expect(stale.headers['x-reason']).toBe('Enter a password.');
  expect(stale.body).toBe('Enter a password.\n');

  const after = await readKey(client(1), box.profile);
  expect(after).not.toBe(before);
  const fresh = await listUsers(client(1), box.profile.apiPort, after);
  expect(fresh.status).toBe(200);
  expect(emailsIn(fresh)).toEqual([admins[1]?.email]);
});

test('bfnosudo cannot read the key: it has no sudo rule', async () => {
  const box = bed.boxes[2];
  if (!box) throw new Error('no box');
  const nosudo = await connect(box.profileAs('bfnosudo'));
  try {
    const result = await execCommand(nosudo, `sudo -n /usr/bin/cat ${box.profile.paths.apiKey}`);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('password is required');
  } finally {
    nosudo.end();
  }
});
