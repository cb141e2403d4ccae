import { fail, ok } from '../../../src-shared/contract';
import { cleanPreflight } from './install-fake-main';
import { FINGERPRINT, GOOD_KEY, fakeCore, settle } from './fake-core';

type Core = ReturnType<typeof fakeCore>;

/** The connect step, exactly as the add-server steps are driven: form, host key, login. */
async function connect(core: Core, keyPath = GOOD_KEY) {
  const wizard = core.stores.installWizard;
  wizard.getState().open();
  await settle();
  const steps = wizard.getState().connect;
  expect(steps.getState().step).toBe('details');
  steps.getState().setField('host', 'fresh.example.net');
  steps.getState().setField('user', 'root');
  steps.getState().setField('keyPath', keyPath);
  steps.getState().setField('passphrase', 'key passphrase');
  await steps.getState().submitDetails();
  // A server seen before (its key confirmed in an earlier attempt) goes straight on.
  if (steps.getState().step === 'host-key') {
    expect(steps.getState().hostKey).toMatchObject({ status: 'unknown', fingerprint: FINGERPRINT });
    await steps.getState().confirmHostKey();
  }
  await settle();
}

function answer(core: Core) {
  const { setAnswer } = core.stores.installWizard.getState();
  setAnswer('adminEmail', 'me@example.com');
  setAnswer('adminPassword', 'Kx7-pq2-Lm9-zr4-Wt8');
  setAnswer('tagsText', 'eu, new');
}

describe('the install wizard', () => {
  it('connects through the add-server steps, checks the server, prefills the answers and starts the install', async () => {
    const core = fakeCore();
    const wizard = core.stores.installWizard;
    await connect(core);
    // The same host-key stop as adding a box: the fingerprint was accepted exactly, then the login went out once.
    expect(core.calls.find((c) => c.method === 'boxes.connect')?.request).toMatchObject({
      host: 'fresh.example.net',
      acceptHostKey: FINGERPRINT,
      credential: { kind: 'key-file', path: GOOD_KEY, passphrase: 'key passphrase' },
    });
    // The connect store wiped the secret once main had it; the app's own Add a server wizard was not touched.
    expect(wizard.getState().connect.getState().form.passphrase).toBe('');
    expect(core.stores.addServer.getState().step).toBe('closed');

    const state = wizard.getState();
    expect(state.phase).toBe('preflight');
    expect(state.preflight.status).toBe('ready');
    expect(state.preflight.data?.checks.find((c) => c.id === 'ram')).toMatchObject({ result: 'warn' });
    expect(core.calls.find((c) => c.method === 'install.preflight')?.request).toEqual({
      draftId: state.draft?.draftId,
      flavour: 'upstream',
    });
    // Prefilled from the facts preflight found.
    expect(state.answers).toMatchObject({
      hostname: 'box.example.com',
      publicIp: '203.0.113.10',
      publicIpv6: '2001:db8::10',
      storageRoot: '/home/user-data',
      name: 'box.example.com',
    });

    wizard.getState().toAnswers();
    expect(wizard.getState().phase).toBe('answers');
    answer(core);
    const started = await wizard.getState().start();
    expect(started).not.toBeNull();
    const request = core.calls.find((c) => c.method === 'install.start')?.request;
    expect(request).toEqual({
      draftId: state.draft?.draftId,
      answers: {
        flavour: 'upstream',
        hostname: 'box.example.com',
        adminEmail: 'me@example.com',
        adminPassword: 'Kx7-pq2-Lm9-zr4-Wt8',
        publicIp: '203.0.113.10',
        publicIpv6: '2001:db8::10',
      },
      name: 'box.example.com',
      tags: ['eu', 'new'],
    });
    // The password left with the request: the wizard starts over, empty, and the install's screen is shown.
    expect(wizard.getState().phase).toBe('connect');
    expect(wizard.getState().answers.adminPassword).toBe('');
    expect(wizard.getState().draft).toBeNull();
    expect(core.stores.navigation.getState().view).toEqual({ screen: 'install', installId: started?.installId });
    expect(core.stores.installRuns.getState().byId[started?.installId ?? '']?.jobId).toBe(started?.jobId);
    // The draft is the install's now: nothing discarded it.
    expect(core.calls.some((c) => c.method === 'boxes.discard')).toBe(false);
  });

  it('holds the install back while a check fails, says what to do, and lets the admin check again', async () => {
    const core = fakeCore();
    const wizard = core.stores.installWizard;
    const failing = cleanPreflight();
    failing.checks.push({
      id: 'tmp-exec',
      result: 'fail',
      reason: '/tmp is mounted noexec.',
      next: 'Remount /tmp with exec (mount -o remount,exec /tmp).',
    });
    core.install.setPreflight(ok(failing));
    await connect(core);
    expect(wizard.getState().phase).toBe('preflight');
    const attempt = wizard.getState().attempt;
    wizard.getState().toAnswers();
    expect(wizard.getState().phase).toBe('preflight');
    expect(wizard.getState().attempt).toBe(attempt + 1);

    core.install.setPreflight(ok(cleanPreflight()));
    await wizard.getState().runPreflight();
    wizard.getState().toAnswers();
    expect(wizard.getState().phase).toBe('answers');
  });

  it('checks again for the other flavour, and keeps what was typed when going back and on', async () => {
    const core = fakeCore();
    const wizard = core.stores.installWizard;
    await connect(core);
    wizard.getState().toAnswers();
    wizard.getState().setAnswer('hostname', 'mail.example.org');
    wizard.getState().setAnswer('adminPassword', 'typed password 1');
    wizard.getState().setFlavour('power');
    await settle();
    expect(wizard.getState().phase).toBe('preflight');
    expect(wizard.getState().checkedFlavour).toBe('power');
    expect(core.calls.filter((c) => c.method === 'install.preflight').map((c) => c.request['flavour'])).toEqual([
      'upstream',
      'power',
    ]);
    // The hostname chosen by then is the one the DNS hints look up.
    expect(core.calls.filter((c) => c.method === 'install.preflight').at(-1)?.request['hostname']).toBe(
      'mail.example.org',
    );
    wizard.getState().toAnswers();
    expect(wizard.getState().answers).toMatchObject({
      flavour: 'power',
      hostname: 'mail.example.org',
      adminPassword: 'typed password 1',
    });
    // Power hands the password on unquoted: a blank in it is refused before anything is sent.
    wizard.getState().setAnswer('adminEmail', 'me@example.org');
    await wizard.getState().start();
    expect(wizard.getState().answerErrors.adminPassword).toMatch(/spaces/);
    expect(core.calls.some((c) => c.method === 'install.start')).toBe(false);
  });

  it('looks up the hostname typed as hints beside the answers, without leaving them', async () => {
    const core = fakeCore();
    const wizard = core.stores.installWizard;
    await connect(core);
    wizard.getState().toAnswers();
    wizard.getState().setAnswer('hostname', 'not a name');
    await wizard.getState().checkDns();
    expect(wizard.getState().answerErrors.hostname).toBeDefined();
    const withDns = cleanPreflight();
    withDns.checks.push(
      { id: 'dns-forward', result: 'warn', reason: 'mail.example.org does not resolve.', next: 'Add an A record.' },
      { id: 'dns-reverse', result: 'pass', reason: '203.0.113.10 points back at mail.example.org.' },
    );
    core.install.setPreflight(ok(withDns));
    wizard.getState().setAnswer('hostname', 'Mail.Example.org');
    await wizard.getState().checkDns();
    expect(core.calls.filter((c) => c.method === 'install.preflight').at(-1)?.request['hostname']).toBe(
      'mail.example.org',
    );
    expect(wizard.getState().phase).toBe('answers');
    expect(wizard.getState().dnsHostname).toBe('mail.example.org');
    expect(wizard.getState().dnsHints.data?.map((check) => [check.id, check.result])).toEqual([
      ['dns-forward', 'warn'],
      ['dns-reverse', 'pass'],
    ]);
  });

  it('points at each wrong answer and sends nothing', async () => {
    const core = fakeCore();
    const wizard = core.stores.installWizard;
    await connect(core);
    wizard.getState().toAnswers();
    const { setAnswer } = wizard.getState();
    setAnswer('hostname', 'localhost');
    setAnswer('adminEmail', 'not-an-address');
    setAnswer('adminPassword', 'short');
    setAnswer('publicIp', '203.0.113');
    setAnswer('publicIpv6', 'nope');
    setAnswer('storageRoot', 'relative/path');
    setAnswer('name', '');
    setAnswer('version', 'v 75');
    await wizard.getState().start();
    expect(Object.keys(wizard.getState().answerErrors).sort()).toEqual([
      'adminEmail',
      'adminPassword',
      'hostname',
      'name',
      'publicIp',
      'publicIpv6',
      'storageRoot',
      'version',
    ]);
    expect(wizard.getState().phase).toBe('answers');
    expect(core.calls.some((c) => c.method === 'install.start')).toBe(false);
    setAnswer('publicIpv6', '');
    expect(wizard.getState().answerErrors.publicIpv6).toBeUndefined();
  });

  it('keeps every answer after main refuses: on the field it names, or above the form with a way to reconnect', async () => {
    const core = fakeCore();
    const wizard = core.stores.installWizard;
    await connect(core);
    wizard.getState().toAnswers();
    answer(core);
    core.install.refuseStart(
      fail('validation', 'box.example.com does not resolve to this server.', { detail: { field: 'hostname' } }),
    );
    await wizard.getState().start();
    expect(wizard.getState().phase).toBe('answers');
    expect(wizard.getState().answerErrors.hostname).toBe('box.example.com does not resolve to this server.');
    expect(wizard.getState().answers.adminPassword).toBe('Kx7-pq2-Lm9-zr4-Wt8');

    // The connection expired meanwhile: the next step is to connect again, and the answers survive that.
    core.install.refuseStart(null);
    core.drafts.clear();
    await wizard.getState().start();
    expect(wizard.getState().error?.report.code).toBe('not-found');
    expect(wizard.getState().draftLost).toBe(true);
    await wizard.getState().backToConnect();
    expect(wizard.getState().phase).toBe('connect');
    const steps = wizard.getState().connect;
    expect(steps.getState().step).toBe('details');
    expect(steps.getState().form.host).toBe('fresh.example.net');
    steps.getState().setField('passphrase', 'key passphrase');
    await steps.getState().submitDetails();
    await settle();
    expect(wizard.getState().phase).toBe('preflight');
    wizard.getState().toAnswers();
    expect(wizard.getState().answers.adminPassword).toBe('Kx7-pq2-Lm9-zr4-Wt8');
    expect(await wizard.getState().start()).not.toBeNull();
  });

  it('offers to add a server that already runs Mail-in-a-Box instead of installing over it', async () => {
    const core = fakeCore();
    const wizard = core.stores.installWizard;
    const existing = cleanPreflight({ existing: { flavour: 'upstream', version: 'v74', hostname: 'old.example.com' } });
    existing.checks.push({
      id: 'existing',
      result: 'warn',
      reason: 'Mail-in-a-Box v74 is installed.',
      next: 'Re-run or upgrade it from the box.',
    });
    core.install.setPreflight(ok(existing));
    await connect(core);
    const box = await wizard.getState().addExisting();
    expect(box?.name).toBe('box.example.com');
    expect(core.boxes.map((b) => b.name)).toEqual(['box.example.com']);
    expect(core.stores.navigation.getState().view).toMatchObject({ screen: 'box', boxId: box?.id });
    expect(wizard.getState().phase).toBe('connect');
  });

  it('lets go of the connection when the admin leaves, and a preflight on a lost connection says to connect again', async () => {
    const core = fakeCore();
    const wizard = core.stores.installWizard;
    await connect(core);
    expect(core.drafts.size).toBe(1);
    await wizard.getState().cancel();
    expect(core.drafts.size).toBe(0);
    expect(wizard.getState().phase).toBe('connect');

    await connect(core);
    core.drafts.clear();
    await wizard.getState().runPreflight();
    expect(wizard.getState().preflight).toMatchObject({ status: 'failed', error: { code: 'not-found' } });
    expect(wizard.getState().draftLost).toBe(true);
  });
});
