/**
 * Collecting one box's health against real sshd + the emulator, both flavours: the probe's one exec over a real
 * SSH connection (stub tools and a private mount namespace give each box its own system state), the API calls
 * through the tunnel, and what a down, hanging or re-keyed box gives. One shared testbed for the whole file.
 */
import { readFileSync } from 'node:fs';
import { ok, type Result } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import type { BoxHealth } from '../../src-shared/domain/fleet-health';
import { BoxApiClients } from '../../src-main/box/box-api-clients';
import { collectBoxHealth, type CollectDeps } from '../../src-main/health/collect-box';
import { parseProbeApi } from '../../src-main/health/probe-api';
import { probeCommand } from '../../src-main/health/probe-script';
import { SlowFacts } from '../../src-main/health/probe-slow-facts';
import { HostKeys } from '../../src-main/hostkeys/host-keys';
import { MemoryKnownHostsStorage } from '../../src-main/hostkeys/known-hosts-storage';
import { SshPool } from '../../src-main/ssh/ssh-pool';
import type { SshTarget } from '../../src-main/ssh/types';
import { healthySystem } from '../harness/box-system';
import { removeTempDirs } from '../harness/temp';
import { startTestbed, type BoxProfile, type Testbed } from '../harness/testbed';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const GIB = 1024 ** 3;
const CONNECT_TIMEOUT_MS = 4_000;
const EXEC_TIMEOUT_MS = 4_000;

let bed: Testbed;
let pool: SshPool;
let apis: BoxApiClients;
const boxes = new Map<string, { box: Box; profile: BoxProfile }>();
/** Set at start; the backup and certificate dates are relative to it. */
let started: Date;

function register(id: string, profile: BoxProfile, flavour: 'upstream' | 'power'): Box {
  const box: Box = {
    id,
    name: id,
    host: profile.host,
    port: profile.port,
    user: profile.user,
    auth: { kind: 'key', keyPath: profile.privateKeyPath, hasPassphrase: false },
    tags: [flavour],
    apiPort: profile.apiPort,
    paths: profile.paths,
    addedAt: new Date().toISOString(),
  };
  boxes.set(id, { box, profile });
  return box;
}

function deps(): CollectDeps {
  return {
    connect: (id) => pool.connection(id),
    exec: (id, command, options) => pool.exec(id, command, options),
    api: (box) => apis.for(box),
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    execTimeoutMs: EXEC_TIMEOUT_MS,
  };
}

function collect(id: string, signal = new AbortController().signal, slowFacts?: SlowFacts): Promise<BoxHealth> {
  const entry = boxes.get(id);
  if (!entry) throw new Error(`no box ${id}`);
  return collectBoxHealth({ ...deps(), ...(slowFacts ? { slowFacts } : {}) }, entry.box, signal);
}

/** administrator@ plus the four automatic aliases a box with one mail domain lists (postmaster@, abuse@, …). */
const ALIASES = 5;

/** What `date` becomes in BoxHealth: whole seconds (duplicity's precision), ISO with milliseconds. */
const wholeSeconds = (date: Date): string => new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
const midnightIn = (days: number): string =>
  new Date(new Date(started.getTime() + days * DAY).toISOString().slice(0, 10) + 'T00:00:00Z').toISOString();

beforeAll(async () => {
  bed = await startTestbed({
    system: true,
    proxy: true,
    boxes: [
      {
        flavour: 'upstream',
        hostname: 'box1.example.com',
        admin: { email: 'a@box1.example.com', password: 'pw-1-abcd' },
      },
      { flavour: 'power', hostname: 'box2.example.com', admin: { email: 'a@box2.example.com', password: 'pw-2-abcd' } },
      {
        flavour: 'upstream',
        hostname: 'box3.example.com',
        admin: { email: 'a@box3.example.com', password: 'pw-3-abcd' },
      },
      { flavour: 'power', hostname: 'box4.example.com', admin: { email: 'a@box4.example.com', password: 'pw-4-abcd' } },
    ],
  });
  started = new Date();
  const hostKeys = new HostKeys({ storage: new MemoryKnownHostsStorage(), readSystemKnownHosts: async () => null });
  for (const b of bed.boxes)
    await hostKeys.trust(b.profile.host, b.profile.port, 'ssh-ed25519', b.profile.hostKeyFingerprint);
  pool = new SshPool({
    hostKeys,
    readyTimeoutMs: CONNECT_TIMEOUT_MS,
    reconnectDelaysMs: [],
    resolveTarget: async (id): Promise<Result<SshTarget>> => {
      const entry = boxes.get(id);
      if (!entry) throw new Error(`no profile for ${id}`);
      const p = entry.profile;
      return ok({
        host: p.host,
        port: p.port,
        user: p.user,
        auth: { kind: 'key', privateKey: readFileSync(p.privateKeyPath, 'utf8') },
      });
    },
  });
  apis = new BoxApiClients({ ssh: pool });
  register('upstream-ok', bed.box(0).profile, 'upstream');
  register('power-tls', bed.box(1).profile, 'power');
  register('upstream-down', bed.box(2).profile, 'upstream');
  register('power-hang', bed.box(3).profile, 'power');
  register('upstream-nosudo', bed.box(0).profileAs('bfnosudo'), 'upstream');

  // The three states of the issue: a last backup three days old, a certificate expiring in 5 days, a box down.
  await bed.box(0).setLastBackup(new Date(started.getTime() - 3 * DAY));
  bed.box(0).setCertificateExpiry(80);
  await bed.box(1).setLastBackup(new Date(started.getTime() - 6 * 3600_000));
  bed.box(1).setCertificateExpiry(5);
  await bed.box(1).setSystemState({
    services: { ...healthySystem().services, nginx: 'failed', fail2ban: 'inactive' },
    disk: {
      root: { totalBytes: 20 * GIB, usedBytes: 5 * GIB, mount: '/' },
      storage: { totalBytes: 100 * GIB, usedBytes: 95 * GIB, mount: '/home/user-data' },
    },
    queue: 7,
    rebootRequired: true,
    updates: 12,
  });
  await bed.box(3).setLastBackup(new Date(started.getTime() - 3600_000));
});

afterAll(async () => {
  apis?.closeAll();
  pool?.closeAll();
  await bed?.stop();
  await removeTempDirs();
});

test('a healthy upstream box whose last backup is three days old', async () => {
  const health = await collect('upstream-ok');
  expect(health).toMatchObject({
    boxId: 'upstream-ok',
    reachability: 'up',
    error: null,
    flavour: 'upstream',
    version: 'v75',
    latestVersion: null,
    checks: null,
    backup: { lastAt: wholeSeconds(new Date(started.getTime() - 3 * DAY)), enabled: true, error: null },
    tls: { soonestExpiry: midnightIn(80), soonestDomain: 'box1.example.com' },
    counts: { users: 1, aliases: ALIASES },
  });
  expect(health.rttMs).toBeGreaterThan(0);
  const probe = health.probe;
  expect(probe).toMatchObject({
    disk: {
      root: { mount: '/', totalBytes: 40 * GIB, usedBytes: 10 * GIB, availableBytes: 30 * GIB },
      storage: { mount: '/', totalBytes: 40 * GIB, usedBytes: 10 * GIB, availableBytes: 30 * GIB },
    },
    services: healthySystem().services,
    queue: 0,
    rebootRequired: false,
    updates: 0,
    newestBackupAt: wholeSeconds(new Date(started.getTime() - 3 * DAY)),
  });
  expect(probe?.uptimeSeconds).toBeGreaterThan(0);
  expect(probe?.load).toHaveLength(3);
  expect(probe?.memory?.totalBytes).toBeGreaterThan(0);
});

test('a Power box whose certificate expires in 5 days, with a failed service, a full disk, a queue and a reboot due', async () => {
  const health = await collect('power-tls');
  expect(health).toMatchObject({
    reachability: 'up',
    error: null,
    flavour: 'power',
    version: 'v60.5',
    backup: { lastAt: wholeSeconds(new Date(started.getTime() - 6 * 3600_000)), enabled: true, error: null },
    tls: { soonestExpiry: midnightIn(5), soonestDomain: 'box2.example.com' },
    counts: { users: 1, aliases: ALIASES },
  });
  // The box itself reports a certificate this close to expiry as a problem (danger), on top of the others.
  expect(health.tls?.problems).toBeGreaterThanOrEqual(1);
  expect(health.probe).toMatchObject({
    disk: {
      root: { mount: '/', totalBytes: 20 * GIB, usedBytes: 5 * GIB },
      storage: { mount: '/home/user-data', totalBytes: 100 * GIB, usedBytes: 95 * GIB, availableBytes: 5 * GIB },
    },
    services: { ...healthySystem().services, nginx: 'failed', fail2ban: 'inactive' },
    queue: 7,
    rebootRequired: true,
    updates: 12,
  });
});

test('one exec carries everything: the probe asks the API on the box itself, with the key only sudo can read', async () => {
  const probeOf = async (id: string): Promise<string> => {
    const entry = boxes.get(id);
    if (!entry) throw new Error(`no box ${id}`);
    const { box } = entry;
    const ran = await pool.exec(id, probeCommand(box.paths.conf, { port: box.apiPort, keyPath: box.paths.apiKey }));
    if (!ran.ok) throw new Error(ran.error.message);
    return ran.value.stdout;
  };
  const upstream = parseProbeApi(await probeOf('upstream-ok'));
  const power = parseProbeApi(await probeOf('power-tls'));
  const statuses = (answers: typeof upstream): Record<string, number> =>
    Object.fromEntries([...(answers ?? new Map())].map(([name, answer]) => [name, answer.status]));
  const allOk = { version: 200, backup: 200, tls: 200, users: 200, aliases: 200 };
  // The flavour probe is asked without credentials: upstream has no such route, Power refuses it (403, since the
  // probe sends X-Requested-With like the client does).
  expect(statuses(upstream)).toEqual({ flavour: 404, ...allOk });
  expect(statuses(power)).toEqual({ flavour: 403, ...allOk });
  expect(await probeOf('upstream-nosudo')).toMatch(/^api-unavailable key$/m);
});

test('a box whose sshd is stopped is down, well within the connect timeout', async () => {
  await bed.box(2).sshd.stop();
  const before = performance.now();
  const health = await collect('upstream-down');
  expect(performance.now() - before).toBeLessThan(CONNECT_TIMEOUT_MS);
  expect(health).toMatchObject({ reachability: 'down', probe: null, rttMs: null, backup: null });
  expect(health.error?.code).toBe('host-unreachable');
});

test('a changed host key is reported as such, and nothing else is collected', async () => {
  await bed.box(2).sshd.restart({ newHostKey: true });
  const health = await collect('upstream-down');
  expect(health).toMatchObject({ reachability: 'host-key-changed', probe: null, counts: null });
  expect(health.error?.code).toBe('host-key-mismatch');
});

test('missing tools give null for their fields only', async () => {
  await bed.box(0).setSystemState({ missingTools: ['postqueue', 'apt-get', 'df'] });
  try {
    const health = await collect('upstream-ok');
    expect(health.reachability).toBe('up');
    expect(health.probe).toMatchObject({
      disk: { root: null, storage: null },
      queue: null,
      updates: null,
      rebootRequired: false,
      services: healthySystem().services,
    });
    await bed.box(0).setSystemState({ missingTools: ['systemctl', 'curl'] });
    const second = await collect('upstream-ok');
    expect(Object.values(second.probe?.services ?? {})).toEqual(Array(7).fill('unknown'));
    expect(second.probe?.queue).toBe(0);
    // Without curl on the box the API is asked through the SSH tunnel instead: the same facts.
    expect(second).toMatchObject({ flavour: 'upstream', version: 'v75', counts: { users: 1, aliases: ALIASES } });
    expect(second.tls?.soonestDomain).toBe('box1.example.com');
  } finally {
    await bed.box(0).setSystemState({ missingTools: [] });
  }
});

test('without sudo the root-only fields are null and the box is still up', async () => {
  const health = await collect('upstream-nosudo');
  expect(health.reachability).toBe('up');
  expect(health.error).toBeNull();
  // The local backup listing is the probe's one root-only field; the API key is root-only too.
  expect(health.probe?.newestBackupAt).toBeNull();
  expect(health.probe?.queue).toBe(0);
  expect(health.probe?.disk.root).not.toBeNull();
  expect(health).toMatchObject({ backup: null, tls: null, counts: null });
});

test('the slow facts (updates, backup and TLS status) are kept between looks until they are too old', async () => {
  let clock = 0;
  const slowFacts = new SlowFacts(60_000, () => clock);
  const first = await collect('upstream-ok', undefined, slowFacts);
  expect(first.probe?.updates).toBe(0);
  try {
    await bed.box(0).setSystemState({ updates: 4, queue: 2 });
    await bed.box(0).setLastBackup(new Date(started.getTime() - DAY));
    clock = 59_999;
    const kept = await collect('upstream-ok', undefined, slowFacts);
    // The fast part is fresh, the slow part is the kept one.
    expect(kept.probe).toMatchObject({ queue: 2, updates: 0 });
    expect(kept.backup).toEqual(first.backup);
    expect(kept.tls).toEqual(first.tls);
    clock = 60_000;
    const renewed = await collect('upstream-ok', undefined, slowFacts);
    expect(renewed.probe).toMatchObject({ queue: 2, updates: 4 });
    expect(renewed.backup?.lastAt).toBe(wholeSeconds(new Date(started.getTime() - DAY)));
  } finally {
    await bed.box(0).setSystemState({ updates: 0, queue: 0 });
    await bed.box(0).setLastBackup(new Date(started.getTime() - 3 * DAY));
  }
});

describe('a box that hangs', () => {
  afterEach(() => bed.box(3).unhang());

  test('on an open connection: cut off at the exec timeout, while another box answers meanwhile', async () => {
    expect((await collect('power-hang')).reachability).toBe('up');
    bed.box(3).hang();
    const hanging = collect('power-hang');
    const other = await collect('upstream-ok');
    expect(other.reachability).toBe('up');
    const health = await hanging;
    expect(health).toMatchObject({ reachability: 'down', probe: null });
    expect(health.error?.code).toBe('timeout');
  });

  test('on a new connection: cut off at the connect timeout', async () => {
    pool.close('power-hang');
    bed.box(3).hang();
    const health = await collect('power-hang');
    expect(health.reachability).toBe('down');
    expect(health.error?.code).toBe('timeout');
  });

  test('cancelled through the AbortSignal', async () => {
    pool.close('power-hang');
    bed.box(3).hang();
    const controller = new AbortController();
    const pending = collect('power-hang', controller.signal);
    controller.abort();
    const health = await pending;
    expect(health.reachability).toBe('error');
    expect(health.error?.code).toBe('cancelled');
  });
});
