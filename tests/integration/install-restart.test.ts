/**
 * An install outlives the app: the core that started it is closed mid-install, a new core (the app started again)
 * lists it as running and attaches, and the install finishes with the box in the fleet; the CLI's `install attach`
 * does the same from a fresh process's point of view. Real SSH to an install test machine, real Secret Service.
 */
import path from 'node:path';
import { createCore, type Core } from '../../src-main/compose/core';
import { cliApi } from '../../src-main/cli/commands/mail-common';
import { INSTALL_ENV, machineLogin, samplePs, startInstallBed, type InstallBed } from '../harness/install-bed';
import { startInstallMachine, type InstallMachine } from '../harness/install-machine';
import { netnsSupport } from '../harness/netns';
import { startProcess, stopProcess } from '../harness/processes';
import { removeTempDirs } from '../harness/temp';
import { waitFor } from '../harness/wait';

jest.setTimeout(180_000);

const support = netnsSupport();
const describeIf = support.ok ? describe : describe.skip;
if (!support.ok) console.warn(`install restart tests skipped: ${support.reason}`);

const HELD = 'Installing Roundcube (webmail)...';
const ADMIN_PW = 'Restart-admin-pw-9x';
const machines: InstallMachine[] = [];
const cores: Core[] = [];
let bed: InstallBed;

beforeAll(async () => {
  bed = await startInstallBed();
});
afterAll(async () => {
  for (const core of cores) await core.close().catch(() => undefined);
  for (const m of machines) await m.stop();
  await bed?.stop();
  await removeTempDirs();
});

async function openCore(dataDir: string): Promise<Core> {
  const core = await createCore({ dataDir, mode: 'cli', env: { ...INSTALL_ENV }, log: () => undefined });
  cores.push(core);
  return core;
}

/** Connects (as the add-box flow does) and starts an install that setup will hold at HELD. */
async function startHeldInstall(dataDir: string, hostname: string): Promise<{ m: InstallMachine; installId: string }> {
  const m = await startInstallMachine({ pauseMs: 10, scenario: { kind: 'hold', at: HELD } });
  machines.push(m);
  const core = await openCore(dataDir);
  const api = cliApi(core);
  const credential = { kind: 'key-file' as const, path: m.clientKey.privateKeyPath };
  const login = { host: m.host, port: m.port, user: m.adminUser };
  const probed = await api.boxes.probe({ ...login, credential });
  expect(probed.ok).toBe(true);
  const connected = await api.boxes.connect({
    ...login,
    apiPort: 10222,
    credential,
    acceptHostKey: m.hostKeyFingerprint,
  });
  if (!connected.ok) throw new Error(connected.error.message);
  const started = await api.install.start({
    draftId: connected.value.draftId,
    answers: {
      flavour: 'upstream',
      hostname,
      adminEmail: 'me@example.com',
      adminPassword: ADMIN_PW,
      publicIp: '192.0.2.30',
      publicIpv6: '',
    },
    name: hostname,
    tags: [],
  });
  if (!started.ok) throw new Error(started.error.message);
  await m.waitForStep(HELD);
  // The app goes away mid-install: setup goes on, detached, on the machine.
  await core.close();
  cores.splice(cores.indexOf(core), 1);
  return { m, installId: started.value.installId };
}

describeIf('an install survives closing the app', () => {
  it('a new core lists the running install, attaches, and finishes it with the box in the fleet', async () => {
    const dir = await bed.dataDir();
    const { m, installId } = await startHeldInstall(dir, 'box5.example.com');
    const core = await openCore(dir);
    const api = cliApi(core);
    const listed = await api.install.list({});
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.find((r) => r.installId === installId)?.state).toMatch(/running|unknown/);
    const attached = await api.install.attach({ installId });
    expect(attached.ok).toBe(true);
    await m.release();
    const outcome = await waitFor(
      async () => {
        const status = await api.install.status({ installId });
        return status.ok && status.value.outcome !== null ? status.value.outcome : undefined;
      },
      () => `install ${installId} to end`,
      90_000,
      200,
    );
    expect(outcome.ok).toBe(true);
    const boxes = await api.boxes.list({});
    if (!boxes.ok) throw new Error(boxes.error.message);
    expect(boxes.value.map((b) => b.name)).toEqual(['box5.example.com']);
    expect(await m.runs()).toEqual(['run 1: succeeded']);
  });

  it('`boxfleet install attach --host` finds it after the app was closed and follows it to the end', async () => {
    const dir = await bed.dataDir();
    const { m } = await startHeldInstall(dir, 'box6.example.com');
    const attach = bed.cli(dir, ['install', 'attach', '--host', m.host, '--json']);
    await m.release();
    const r = await attach;
    const last = JSON.parse(r.out.trim().split('\n').at(-1) ?? '{}') as { type?: string; ok?: boolean };
    expect(last).toMatchObject({ type: 'result', ok: true });
    expect(r.code).toBe(0);
    expect(r.out + r.err).not.toContain(ADMIN_PW);
    const boxes = JSON.parse((await bed.cli(dir, ['box', 'list', '--json'])).out) as Array<{ name: string }>;
    expect(boxes.map((b) => b.name)).toEqual(['box6.example.com']);
    // Attaching to it once it has ended reports its result instead of following.
    const again = await bed.cli(dir, ['install', 'attach', '--host', m.host]);
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
  });
  it('the CLI process killed mid-install (SIGKILL): setup goes on, and a new `install attach` finishes it', async () => {
    const m = await startInstallMachine({ pauseMs: 10, scenario: { kind: 'hold', at: HELD } });
    machines.push(m);
    const dir = await bed.dataDir();
    const ps = samplePs(m);
    const args = ['--data-dir', dir, 'install', ...machineLogin(m), '--hostname', 'box9.example.com'].concat([
      '--admin-email',
      'me@example.com',
      '--admin-password-stdin',
      '--public-ip',
      '192.0.2.40',
      '--json',
    ]);
    const cli = await startProcess(
      'boxfleet install',
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, '..', 'harness', 'install-cli-entry.ts'), ...args],
      { env: { ...process.env, ...INSTALL_ENV }, stdin: `${ADMIN_PW}\n` },
    );
    await cli.waitForOutput(/"type":"started"/, 60_000);
    await m.waitForStep(HELD);
    cli.child.kill('SIGKILL');
    await cli.exited;
    await stopProcess(cli);
    await m.release();
    const r = await bed.cli(dir, ['install', 'attach', '--host', m.host, '--json']);
    const samples = await ps.stop();
    const last = JSON.parse(r.out.trim().split('\n').at(-1) ?? '{}') as { type?: string; ok?: boolean };
    expect(last).toMatchObject({ type: 'result', ok: true });
    expect(r.code).toBe(0);
    expect(await m.runs()).toEqual(['run 1: succeeded']);
    for (const sample of samples) expect(sample).not.toContain(ADMIN_PW);
    expect(cli.output() + r.out + r.err).not.toContain(ADMIN_PW);
  });
  it('an upgrade left running by a closed app: `install attach --box NAME` follows it to the end', async () => {
    const m = await startInstallMachine({ pauseMs: 5 });
    machines.push(m);
    const dir = await bed.dataDir();
    const installed = await bed.cli(
      dir,
      ['install', ...machineLogin(m), '--hostname', 'box10.example.com', '--admin-email', 'me@example.com'].concat([
        '--admin-password-stdin',
        '--public-ip',
        '192.0.2.60',
        '--name',
        'ten',
      ]),
      `${ADMIN_PW}\n`,
    );
    expect(installed.code).toBe(0);
    await m.setScenario({ kind: 'hold', at: HELD }, 5);
    const core = await openCore(dir);
    const api = cliApi(core);
    const boxes = await api.boxes.list({});
    if (!boxes.ok) throw new Error(boxes.error.message);
    const upgrade = await api.install.upgrade({ boxId: (boxes.value[0] as { id: string }).id, version: 'v76' });
    expect(upgrade.ok).toBe(true);
    await waitFor(
      async () => ((await m.steps()).filter((h) => h === HELD).length === 2 ? true : undefined),
      () => 'the re-run to reach the held step',
      60_000,
      50,
    );
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    const attach = bed.cli(dir, ['install', 'attach', '--box', 'ten', '--json']);
    await m.release();
    const r = await attach;
    const last = JSON.parse(r.out.trim().split('\n').at(-1) ?? '{}') as { type?: string; ok?: boolean };
    expect(last).toMatchObject({ type: 'result', ok: true });
    expect(r.code).toBe(0);
    expect(await m.runs()).toEqual(['run 1: succeeded', 'run 2: succeeded']);
    expect((await m.setupEnv())['TAG']).toBe('v76');
  });
});
