/**
 * What one management-API call costs through Boxfleet's client compared with the obvious alternatives.
 *
 * One emulated box (gunicorn-like: every connection closed after its answer) behind a real sshd, reached
 * through the harness's delay proxy (DELAY_MS each way) and directly (0 ms added). Per latency, 100 sequential
 * `GET /mail/users?format=json` calls: through BoxApiClient on one warm SSH connection (with its spare channel,
 * and without it), as `ssh … curl` per call, and as `ssh … curl` through an OpenSSH ControlMaster; anchors are a
 * TCP ping-pong (one round trip), a trivial ssh2 exec, and the daemon's own time per request on 127.0.0.1.
 *
 *   npm run bench -- api-calls          (or: node scripts/run-ts.mjs bench/api-calls.ts)
 *   env: CALLS (default 100), DELAY_MS (default 10)
 */
import { readFileSync } from 'node:fs';
import { ok, type Result } from '../src-shared/contract/result';
import { BoxApiClient } from '../src-main/box/box-api-client';
import { HostKeys } from '../src-main/hostkeys/host-keys';
import { MemoryKnownHostsStorage } from '../src-main/hostkeys/known-hosts-storage';
import { SshPool } from '../src-main/ssh/ssh-pool';
import type { SshTarget } from '../src-main/ssh/types';
import { removeTempDirs } from '../tests/harness/temp';
import { startTestbed, type TestbedBox } from '../tests/harness/testbed';
import { waitFor } from '../tests/harness/wait';
import { directGet, tcpRoundTrip } from './anchors';
import { OpenSsh } from './openssh';
import { fmt, table, timeSequential, type PerCall } from './timing';

const ADMIN = { email: 'me@example.com', password: 'admin-password-1' };
const PATH = '/mail/users?format=json';

interface Scenario {
  name: string;
  delayMs: number;
  host: string;
  port: number;
}

interface ScenarioResult {
  scenario: Scenario;
  rtt: PerCall;
  exec: PerCall;
  client: PerCall;
  clientNoSpare: PerCall;
  channelsPerCall: number;
  ssh: PerCall;
  controlMaster: PerCall;
}

function expectUsers(body: string, via: string): void {
  if (!body.includes(`"${ADMIN.email}"`)) throw new Error(`${via}: unexpected answer ${body.slice(0, 200)}`);
}

async function runScenario(box: TestbedBox, pool: SshPool, scenario: Scenario, n: number): Promise<ScenarioResult> {
  const boxId = scenario.name;
  const rtt = await tcpRoundTrip('TCP ping-pong (1 round trip)', scenario.delayMs, n);
  const exec = await timeSequential('ssh2 exec `true` (warm connection)', n, async () => {
    const done = await pool.exec(boxId, 'true');
    if (!done.ok || done.value.code !== 0) throw new Error(`exec failed: ${JSON.stringify(done)}`);
  });

  const apiClient = (spareIdleMs?: number): BoxApiClient =>
    new BoxApiClient({
      ssh: pool,
      profile: { id: boxId, user: box.profile.user, apiPort: box.profile.apiPort, paths: box.profile.paths },
      ...(spareIdleMs !== undefined ? { spareIdleMs } : {}),
    });
  const timeClient = async (label: string, client: BoxApiClient): Promise<PerCall> => {
    try {
      return await timeSequential(label, n, async () => {
        const users = await client.routes.users.list();
        if (!users.ok) throw new Error(`${label}: ${users.error.code}: ${users.error.message}`);
        if (!users.value.some((d) => d.users.some((u) => u.email === ADMIN.email))) throw new Error('admin missing');
      });
    } finally {
      client.close();
    }
  };
  const acceptedBefore = box.emulator.acceptedConnections();
  const client = await timeClient('BoxApiClient, spare channel', apiClient());
  const channelsPerCall = (box.emulator.acceptedConnections() - acceptedBefore) / (n + 3);
  // spareIdleMs 0 turns spares off: each call waits for its own channel, as before spares existed.
  const clientNoSpare = await timeClient('BoxApiClient, channel per call', apiClient(0));

  const openssh = await OpenSsh.create({
    host: scenario.host,
    port: scenario.port,
    user: box.profile.user,
    privateKeyPath: box.profile.privateKeyPath,
    hostPublicKey: box.sshd.hostPublicKey,
  });
  const curl = `curl -s -u ${box.emulator.apiKey()}: 'http://127.0.0.1:${box.profile.apiPort}${PATH}'`;
  const ssh = await timeSequential('ssh … curl (new connection each)', n, async () =>
    expectUsers(await openssh.run(curl), 'ssh'),
  );
  const master = await openssh.startMaster();
  let controlMaster: PerCall;
  try {
    controlMaster = await timeSequential('ssh … curl via ControlMaster', n, async () =>
      expectUsers(await openssh.run(curl, master.controlPath), 'ControlMaster'),
    );
  } finally {
    await master.stop();
  }
  return { scenario, rtt, exec, client, clientNoSpare, channelsPerCall, ssh, controlMaster };
}

function report(n: number, emulator: PerCall, results: ScenarioResult[]): string {
  const header = ['per call, ms (mean / median)', ...results.map((r) => r.scenario.name)];
  const cell = (pick: (r: ScenarioResult) => PerCall): string[] =>
    results.map((r) => `${fmt(pick(r).meanMs)} / ${fmt(pick(r).medianMs)}`);
  const rows: string[][] = [
    ['(d) one round trip: TCP ping-pong', ...cell((r) => r.rtt)],
    ['(d) daemon alone on 127.0.0.1', ...results.map(() => `${fmt(emulator.meanMs)} / ${fmt(emulator.medianMs)}`)],
    ['    ssh2 exec `true`, warm connection', ...cell((r) => r.exec)],
    ['(a) BoxApiClient, spare channel', ...cell((r) => r.client)],
    ['    BoxApiClient, channel per call', ...cell((r) => r.clientNoSpare)],
    ['(b) ssh … curl, new connection each', ...cell((r) => r.ssh)],
    ['(c) ssh … curl via ControlMaster', ...cell((r) => r.controlMaster)],
    ['    channels opened per call (a)', ...results.map((r) => r.channelsPerCall.toFixed(2))],
    [
      'client ÷ (round trip + daemon)  goal ≤ 1.5',
      ...results.map((r) => (r.client.medianMs / (r.rtt.medianMs + emulator.medianMs)).toFixed(2)),
    ],
    [
      'ControlMaster ÷ client          goal ≥ 3',
      ...results.map((r) => (r.controlMaster.medianMs / r.client.medianMs).toFixed(2)),
    ],
    ['client per call ÷ round trip', ...results.map((r) => (r.client.medianMs / r.rtt.medianMs).toFixed(2))],
  ];
  return `api-calls: ${n} sequential GET ${PATH} per row; ratios from medians (the machine is shared: means carry other processes' stalls)\n\n${table(header, rows)}`;
}

export async function runApiCalls(): Promise<void> {
  const n = Math.max(1, Math.min(1000, Number(process.env['CALLS'] ?? 100)));
  const delayMs = Math.max(0, Math.min(500, Number(process.env['DELAY_MS'] ?? 10)));
  const bed = await startTestbed({ boxes: [{ flavour: 'upstream', admin: ADMIN }], latencyMs: 2 * delayMs });
  let pool: SshPool | undefined;
  try {
    const box = bed.boxes[0];
    if (!box) throw new Error('testbed started no box');
    const scenarios: Scenario[] = [
      ...(box.proxy ? [{ name: `+${delayMs} ms each way`, delayMs, host: box.proxy.host, port: box.proxy.port }] : []),
      { name: '+0 ms', delayMs: 0, host: box.sshd.host, port: box.sshd.port },
    ];
    const hostKeys = new HostKeys({ storage: new MemoryKnownHostsStorage(), readSystemKnownHosts: async () => null });
    for (const s of scenarios) await hostKeys.trust(s.host, s.port, 'ssh-ed25519', box.sshd.hostKeyFingerprint);
    const privateKey = readFileSync(box.profile.privateKeyPath, 'utf8');
    pool = new SshPool({
      hostKeys,
      resolveTarget: async (id): Promise<Result<SshTarget>> => {
        const s = scenarios.find((candidate) => candidate.name === id);
        if (!s) throw new Error(`no scenario ${id}`);
        return ok({ host: s.host, port: s.port, user: box.profile.user, auth: { kind: 'key', privateKey } });
      },
    });

    const key = box.emulator.apiKey();
    const authorization = 'Basic ' + Buffer.from(`${key}:`).toString('base64');
    const emulator = await timeSequential('daemon alone', n, async () =>
      expectUsers(await directGet(box.profile.apiPort, PATH, authorization), 'direct'),
    );
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      console.error(`measuring ${scenario.name} …`);
      results.push(await runScenario(box, pool, scenario, n));
    }
    console.log(report(n, emulator, results));
    // Closed channels finish closing a round trip later; a leak would stay.
    const settled = await waitFor(
      () => (box.emulator.openConnections() === 0 ? 0 : undefined),
      () => 'daemon connections still open',
      3000,
    ).catch(() => box.emulator.openConnections());
    console.log(`\ndaemon connections still open after the clients closed: ${settled}`);
  } finally {
    pool?.closeAll();
    await bed.stop();
    await removeTempDirs();
  }
}

if (require.main === module) {
  runApiCalls().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
