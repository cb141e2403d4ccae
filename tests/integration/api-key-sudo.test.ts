/**
 * Reading the root-only API key as a non-root login, against a real sshd and sudo: bfadmin holds exactly the
 * sudoers line Boxfleet recommends (sudoersLine) for the box's api.key and nothing else; bfnosudo holds no rule.
 */
import fs, { readFileSync } from 'node:fs';
import { ok, type Result } from '../../src-shared/contract/result';
import { sudoersLine } from '../../src-shared/domain/api-key-access';
import { readApiKey } from '../../src-main/box/api-key';
import { BoxApiClient } from '../../src-main/box/box-api-client';
import { HostKeys } from '../../src-main/hostkeys/host-keys';
import { MemoryKnownHostsStorage } from '../../src-main/hostkeys/known-hosts-storage';
import { SshPool } from '../../src-main/ssh/ssh-pool';
import type { SshTarget } from '../../src-main/ssh/types';
import { sudoRulesOf } from '../harness/sudoers';
import { removeTempDirs } from '../harness/temp';
import { startTestbed, type BoxProfile, type Testbed, type TestbedBox } from '../harness/testbed';
import { userInfo } from '../harness/test-users';

jest.setTimeout(120_000);

let bed: Testbed;
let pool: SshPool;
const profiles = new Map<string, BoxProfile>();
const clients: BoxApiClient[] = [];
const box = (): TestbedBox => bed.boxes[0] as TestbedBox;

function clientFor(boxId: string, profile: BoxProfile): BoxApiClient {
  profiles.set(boxId, profile);
  const client = new BoxApiClient({
    ssh: pool,
    profile: { id: boxId, user: profile.user, apiPort: profile.apiPort, paths: profile.paths },
  });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  bed = await startTestbed({
    boxes: [{ flavour: 'upstream', admin: { email: 'me@example.com', password: 'pw-1-abc' } }],
  });
  const hostKeys = new HostKeys({ storage: new MemoryKnownHostsStorage(), readSystemKnownHosts: async () => null });
  await hostKeys.trust(box().profile.host, box().profile.port, 'ssh-ed25519', box().profile.hostKeyFingerprint);
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
  await removeTempDirs();
});

test('bfadmin holds exactly the recommended rule for this box, and only rules of that form', async () => {
  const { apiKey } = box().profile.paths;
  const line = sudoersLine('bfadmin', apiKey);
  const rules = await sudoRulesOf('bfadmin');
  expect(rules).toContain(line.replace(/^bfadmin ALL=/, ''));
  // Other test runs on this machine may grant bfadmin the same rule for their own boxes' keys meanwhile, or the
  // health probe's backup-listing rule.
  for (const rule of rules)
    expect(rule).toMatch(/^\(root\) NOPASSWD: \/usr\/bin\/(cat \/[\w./+-]+|ls -1 \/[\w./+-]+\/backup\/encrypted)$/);
  const grant = fs.readFileSync(box().sudoersGrant, 'utf8').split('\n');
  expect(grant.filter((l) => l !== '' && !l.startsWith('#'))).toEqual([line]);
  expect(await sudoRulesOf('bfnosudo')).toEqual([]);
});

test('with only that rule the key is read and an API call works', async () => {
  const profile = box().profile;
  profiles.set('admin', profile);
  const key = await readApiKey(pool, 'admin', { user: profile.user, path: profile.paths.apiKey });
  expect(key).toEqual({ ok: true, value: box().emulator.apiKey() });
  const api = clientFor('admin-api', profile);
  expect(await api.routes.system.version()).toEqual({ ok: true, value: 'v75' });
  expect(await api.routes.users.listEmails()).toEqual({ ok: true, value: ['me@example.com'] });
});

test('without a rule the answer is needs-sudo, naming the exact line to add', async () => {
  const profile = box().profileAs('bfnosudo');
  const api = clientFor('nosudo-api', profile);
  const result = await api.routes.system.version();
  expect(result.ok ? null : result.error.code).toBe('needs-sudo');
  expect(!result.ok && result.error.message).toContain(`"${sudoersLine('bfnosudo', profile.paths.apiKey)}"`);
});

test('a login that may read the key itself (group-readable) reads it without sudo', async () => {
  const profile = box().profileAs('bfnosudo');
  profiles.set('nosudo-group', profile);
  const { gid } = await userInfo('bfnosudo');
  fs.chownSync(profile.paths.apiKey, 0, gid);
  try {
    const key = await readApiKey(pool, 'nosudo-group', { user: profile.user, path: profile.paths.apiKey });
    expect(key).toEqual({ ok: true, value: box().emulator.apiKey() });
  } finally {
    fs.chownSync(profile.paths.apiKey, 0, 0);
  }
});
