import { pathForView, viewForPath } from '../../../src-renderer/routes';
import { checkAnswers, EMPTY_ANSWERS, prefillAnswers } from '../../../src-renderer/stores/install-answers';
import { checksSummary, formatElapsed, orderChecks } from '../../../src-renderer/stores/install-view';
import { cleanPreflight, FAKE_STEPS } from './install-fake-main';
import { fakeCore, GOOD_KEY, settle } from './fake-core';
import { sampleBox } from './mail-fixtures';

type Core = ReturnType<typeof fakeCore>;

/** Through the wizard to a started install, as the screens drive it. */
async function startInstall(core: Core) {
  const wizard = core.stores.installWizard;
  wizard.getState().open();
  await settle();
  const steps = wizard.getState().connect;
  steps.getState().setField('host', 'fresh.example.net');
  steps.getState().setField('keyPath', GOOD_KEY);
  await steps.getState().submitDetails();
  await steps.getState().confirmHostKey();
  await settle();
  wizard.getState().toAnswers();
  wizard.getState().setAnswer('adminEmail', 'me@example.com');
  wizard.getState().setAnswer('adminPassword', 'Kx7-pq2-Lm9-zr4-Wt8');
  wizard.getState().setAnswer('name', 'fresh');
  const started = await wizard.getState().start();
  if (!started) throw new Error('not started');
  await settle();
  return started;
}

describe('following an install', () => {
  it('reads the status on each event of its job, and ends with the box in the fleet and its next steps', async () => {
    const core = fakeCore();
    const runs = core.stores.installRuns;
    const { installId, jobId } = await startInstall(core);
    expect(runs.getState().byId[installId]).toMatchObject({ jobId, status: { status: 'ready' } });
    expect(core.stores.jobs.getState().jobs.map((job) => job.jobId)).toContain(jobId);

    core.install.advance(installId, 2, ['Updating system packages...', 'Installing nsd (DNS server)...']);
    await settle();
    await settle();
    const status = runs.getState().byId[installId]?.status.data;
    expect(status?.steps.map((step) => step.state)).toEqual([
      'done',
      'done',
      'running',
      'pending',
      'pending',
      'pending',
    ]);
    expect(status?.fraction).toBeCloseTo(2 / FAKE_STEPS.length);
    expect(status?.logTail).toEqual(['Updating system packages...', 'Installing nsd (DNS server)...']);

    core.install.finish(installId, { ok: true });
    await settle();
    await settle();
    const done = runs.getState().byId[installId]?.status.data;
    expect(done?.outcome).toMatchObject({
      ok: true,
      nextSteps: { nameservers: ['ns1.box.example.com', 'ns2.box.example.com'] },
    });
    expect(done?.record.boxId).toBeDefined();
    // The new box is in the fleet the window shows.
    expect(core.stores.fleet.getState().boxes.map((box) => box.name)).toEqual(['fresh']);
  });

  it('shows the failing step and the box’s last lines when setup fails', async () => {
    const core = fakeCore();
    const runs = core.stores.installRuns;
    const { installId } = await startInstall(core);
    core.install.advance(installId, 2);
    core.install.finish(installId, {
      ok: false,
      step: 'Installing Postfix (SMTP server)',
      message: 'FAILED: apt-get install postfix',
    });
    await settle();
    await settle();
    const status = runs.getState().byId[installId]?.status.data;
    expect(status?.outcome).toMatchObject({ ok: false, failingStep: 'Installing Postfix (SMTP server)' });
    expect(status?.record.state).toBe('failed');
    expect(status?.logTail.at(-1)).toBe('E: Could not get lock /var/lib/dpkg/lock-frontend');
    expect(core.stores.fleet.getState().boxes).toEqual([]);
  });

  it('offers Attach for an install no longer followed, and follows it again after attaching', async () => {
    const core = fakeCore();
    const runs = core.stores.installRuns;
    const { installId } = await startInstall(core);
    core.install.lose(installId);
    await settle();
    await settle();
    expect(runs.getState().byId[installId]?.jobId).toBeNull();
    await runs.getState().loadList();
    const record = runs.getState().list.data?.find((r) => r.installId === installId);
    expect(record?.state).toBe('unknown');

    const jobId = await runs.getState().attach(installId);
    expect(jobId).not.toBeNull();
    expect(runs.getState().byId[installId]?.jobId).toBe(jobId);
    core.install.advance(installId, 4, ['Installing Nginx (web server)...']);
    await settle();
    await settle();
    expect(runs.getState().byId[installId]?.status.data?.logTail).toContain('Installing Nginx (web server)...');
  });

  it('reads an install opened by its link (after a restart), and forgets one that ended', async () => {
    const core = fakeCore();
    const { installId } = await startInstall(core);
    core.install.finish(installId, { ok: false, step: 'Installing nsd (DNS server)', message: 'FAILED: nsd' });
    // A new window: nothing followed yet.
    const fresh = core.stores.installRuns;
    await fresh.getState().load(installId);
    expect(fresh.getState().byId[installId]?.status.data?.outcome?.ok).toBe(false);
    await fresh.getState().forget(installId);
    expect(fresh.getState().byId[installId]).toBeUndefined();
    expect(fresh.getState().list.data).toEqual([]);
    await fresh.getState().load('inst-404');
    expect(fresh.getState().byId['inst-404']?.status).toMatchObject({ status: 'failed', error: { code: 'not-found' } });
  });

  it('re-runs setup on a box of the fleet and follows it like an install', async () => {
    const core = fakeCore();
    core.addElsewhere(sampleBox('box-9', 'mail-eu'));
    const runs = core.stores.installRuns;
    const installId = await runs.getState().upgrade('box-9', 'v75');
    expect(installId).not.toBeNull();
    expect(core.calls.find((c) => c.method === 'install.upgrade')?.request).toEqual({ boxId: 'box-9', version: 'v75' });
    await settle();
    expect(runs.getState().byId[installId ?? '']?.status.data?.record).toMatchObject({
      kind: 'upgrade',
      boxId: 'box-9',
    });
    // A box that is gone: the refusal is kept for the dialog, and nothing is followed.
    expect(await runs.getState().upgrade('box-404')).toBeNull();
    expect(runs.getState().upgrades['box-404']?.error?.code).toBe('not-found');
    runs.getState().clearUpgradeError('box-404');
    expect(runs.getState().upgrades['box-404']).toBeUndefined();
  });
});

describe('install answers and view helpers', () => {
  it('routes /install to the wizard and /install/<id> to that install, and back', () => {
    expect(viewForPath('/install')).toEqual({ screen: 'install' });
    expect(viewForPath('/install/inst-1a2b')).toEqual({ screen: 'install', installId: 'inst-1a2b' });
    expect(pathForView({ screen: 'install', installId: 'inst-1a2b' })).toBe('/install/inst-1a2b');
    expect(pathForView({ screen: 'install' })).toBe('/install');
    expect(viewForPath('/install/inst-1/more').screen).toBe('not-found');
  });

  it('prefills from preflight without overwriting what was typed', () => {
    const facts = cleanPreflight().facts;
    const typed = { ...EMPTY_ANSWERS, hostname: 'mine.example.org', publicIp: '198.51.100.7' };
    expect(prefillAnswers(typed, facts, 'fresh.example.net')).toMatchObject({
      hostname: 'mine.example.org',
      publicIp: '198.51.100.7',
      publicIpv6: '2001:db8::10',
      name: 'mine.example.org',
    });
    // A machine name that is no FQDN is not offered as the box's hostname.
    expect(prefillAnswers(EMPTY_ANSWERS, { ...facts, fqdn: 'ubuntu' }, '192.0.2.1')).toMatchObject({
      hostname: '',
      name: '192.0.2.1',
    });
  });

  it('sends the storage root and version only when given, and IPv6 as typed (auto, none or an address)', () => {
    const base = {
      ...EMPTY_ANSWERS,
      hostname: 'Box.Example.com.',
      adminEmail: 'me@example.com',
      adminPassword: 'long enough',
      publicIp: '203.0.113.10',
      name: 'box',
    };
    const plain = checkAnswers(base);
    expect(plain.ok && plain.answers).toEqual({
      flavour: 'upstream',
      hostname: 'box.example.com',
      adminEmail: 'me@example.com',
      adminPassword: 'long enough',
      publicIp: '203.0.113.10',
      publicIpv6: '',
    });
    const more = checkAnswers({ ...base, version: 'v60.5', storageRoot: '/srv/mail', publicIpv6: 'auto' });
    expect(more.ok && more.answers).toMatchObject({ version: 'v60.5', storageRoot: '/srv/mail', publicIpv6: 'auto' });
  });

  it('orders checks failed first and says how many of each; elapsed time in words', () => {
    const checks = cleanPreflight().checks;
    checks.push({ id: 'port-25', result: 'fail', reason: 'Outbound port 25 is blocked.' });
    expect(orderChecks(checks).map((c) => c.result)).toEqual(['fail', 'warn', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(checksSummary(checks)).toBe('5 passed, 1 with a warning, 1 failed.');
    expect(formatElapsed(40_500)).toBe('40 s');
    expect(formatElapsed(725_000)).toBe('12 min 05 s');
    expect(formatElapsed(3_720_000)).toBe('1 h 02 min');
  });
});
