import { FINGERPRINT, GOOD_KEY, fakeCore, settle } from './fake-core';

function fillDetails(core: ReturnType<typeof fakeCore>, keyPath = GOOD_KEY) {
  const { setField } = core.stores.addServer.getState();
  setField('host', 'box1.example.com');
  setField('port', '2222');
  setField('user', 'bfadmin');
  setField('authKind', 'key-file');
  setField('keyPath', keyPath);
  setField('passphrase', 'secret passphrase');
  setField('apiPort', '41234');
  setField('apiKeyPath', '/tmp/box/api.key');
}

describe('the Add a server wizard', () => {
  it('goes from the form through the host key to a saved, selected box, wiping secrets once main has them', async () => {
    const core = fakeCore();
    const wizard = core.stores.addServer;
    wizard.getState().open();
    await settle();
    expect(wizard.getState().step).toBe('details');
    expect(wizard.getState().sshHosts.map((h) => h.alias)).toEqual(['mail-eu']);
    fillDetails(core);

    await wizard.getState().submitDetails();
    expect(wizard.getState().step).toBe('host-key');
    expect(wizard.getState().hostKey).toMatchObject({ status: 'unknown', fingerprint: FINGERPRINT });

    await wizard.getState().confirmHostKey();
    const connect = core.calls.find((c) => c.method === 'boxes.connect');
    expect(connect?.request).toMatchObject({
      host: 'box1.example.com',
      port: 2222,
      user: 'bfadmin',
      apiPort: 41234,
      acceptHostKey: FINGERPRINT,
      paths: { apiKey: '/tmp/box/api.key', conf: '/etc/mailinabox.conf', storageRoot: '/home/user-data' },
      credential: { kind: 'key-file', path: GOOD_KEY, passphrase: 'secret passphrase' },
    });
    const state = wizard.getState();
    expect(state.step).toBe('name');
    expect(state.draft?.detection).toMatchObject({ miab: true, flavour: 'upstream', version: 'v75', admin: true });
    expect(state.form.passphrase).toBe('');
    expect(state.name).toBe('box1.example.com');

    wizard.getState().setTags('eu, production, eu');
    const saved = await wizard.getState().save();
    expect(saved?.tags).toEqual(['eu', 'production']);
    expect(wizard.getState().step).toBe('closed');
    expect(core.stores.fleet.getState().boxes.map((b) => b.name)).toEqual(['box1.example.com']);
    expect(core.stores.navigation.getState()).toMatchObject({
      selectedBoxId: saved?.id,
      view: { screen: 'box', boxId: saved?.id, section: 'overview' },
    });
  });

  it('points at each wrong field and sends nothing', async () => {
    const core = fakeCore();
    const wizard = core.stores.addServer;
    wizard.getState().open();
    wizard.getState().setField('host', 'not a host!');
    wizard.getState().setField('port', '70000');
    wizard.getState().setField('user', ' ');
    await wizard.getState().submitDetails();
    expect(wizard.getState().step).toBe('details');
    expect(Object.keys(wizard.getState().fieldErrors).sort()).toEqual(['host', 'keyPath', 'port', 'user']);
    // Only reads (the ~/.ssh/config hosts, the fleet): nothing was sent to a server.
    expect(core.calls.filter((c) => c.method !== 'boxes.sshConfigHosts' && c.method !== 'boxes.list')).toEqual([]);
    // Fixing a field clears its error alone.
    wizard.getState().setField('port', '22');
    expect(Object.keys(wizard.getState().fieldErrors).sort()).toEqual(['host', 'keyPath', 'user']);
  });

  it('keeps everything typed after a refused login, with guidance naming the key and user', async () => {
    const core = fakeCore();
    const wizard = core.stores.addServer;
    wizard.getState().open();
    fillDetails(core, '/keys/wrong');
    await wizard.getState().submitDetails();
    await wizard.getState().confirmHostKey();
    const state = wizard.getState();
    expect(state.step).toBe('details');
    expect(state.error?.report.code).toBe('auth-failed');
    expect(state.error?.report.nextStep).toContain('/keys/wrong');
    expect(state.error?.report.nextStep).toContain('~bfadmin/.ssh/authorized_keys');
    expect(state.form).toMatchObject({
      host: 'box1.example.com',
      keyPath: '/keys/wrong',
      passphrase: 'secret passphrase',
    });

    // The confirmed fingerprint is remembered: fixing the key path goes straight to the login.
    wizard.getState().setField('keyPath', GOOD_KEY);
    await wizard.getState().submitDetails();
    expect(wizard.getState().step).toBe('name');
  });

  it('discards the draft in main when cancelled after connecting', async () => {
    const core = fakeCore();
    const wizard = core.stores.addServer;
    wizard.getState().open();
    fillDetails(core);
    await wizard.getState().submitDetails();
    await wizard.getState().confirmHostKey();
    expect(core.drafts.size).toBe(1);
    await wizard.getState().cancel();
    expect(core.drafts.size).toBe(0);
    expect(wizard.getState()).toMatchObject({ step: 'closed', draft: null });
    expect(wizard.getState().form.host).toBe('');
  });

  it('frees a draft whose answer arrives after the wizard was cancelled', async () => {
    const core = fakeCore({ hostKeyStatus: 'trusted' });
    const wizard = core.stores.addServer;
    wizard.getState().open();
    fillDetails(core);
    core.holdAnswers('boxes.connect');
    const submitted = wizard.getState().submitDetails();
    while (wizard.getState().step !== 'connecting') await settle();
    const cancelled = wizard.getState().cancel();
    core.release();
    await Promise.all([submitted, cancelled]);
    await settle();
    expect(wizard.getState().step).toBe('closed');
    expect(core.drafts.size).toBe(0);
  });

  it('refuses a changed host key unless the new fingerprint is typed', async () => {
    const core = fakeCore({ hostKeyStatus: 'mismatch' });
    const wizard = core.stores.addServer;
    wizard.getState().open();
    fillDetails(core);
    await wizard.getState().submitDetails();
    expect(wizard.getState().hostKey).toMatchObject({ status: 'mismatch', expected: 'SHA256:old' });
    await wizard.getState().confirmHostKey();
    await wizard.getState().confirmHostKey('SHA256:something-else');
    expect(wizard.getState().step).toBe('host-key');
    expect(core.calls.some((c) => c.method === 'boxes.connect')).toBe(false);
    await wizard.getState().confirmHostKey(` ${FINGERPRINT.replace('SHA256:', '')} `);
    expect(wizard.getState().step).toBe('name');
  });

  it('through a jump host, asks main to log in and confirms the key main reports', async () => {
    const core = fakeCore();
    const wizard = core.stores.addServer;
    wizard.getState().open();
    fillDetails(core);
    wizard.getState().setField('useJumpHost', true);
    wizard.getState().setField('jumpHost', 'bastion.example.com');
    wizard.getState().setField('jumpUser', 'jump');
    await wizard.getState().submitDetails();
    expect(core.calls.some((c) => c.method === 'boxes.probe')).toBe(false);
    expect(wizard.getState()).toMatchObject({
      step: 'host-key',
      hostKey: { status: 'unknown', fingerprint: FINGERPRINT },
    });
    await wizard.getState().confirmHostKey();
    expect(wizard.getState().step).toBe('name');
    const connects = core.calls.filter((c) => c.method === 'boxes.connect');
    expect(connects.at(-1)?.request).toMatchObject({
      jumpHost: { host: 'bastion.example.com', port: 22, user: 'jump' },
      acceptHostKey: FINGERPRINT,
    });
  });

  it('fills the form from ~/.ssh/config and suggests the alias as the name', async () => {
    const core = fakeCore();
    const wizard = core.stores.addServer;
    wizard.getState().open();
    await settle();
    wizard.getState().importSshHost('mail-eu');
    expect(wizard.getState().form).toMatchObject({
      host: 'box1.example.com',
      port: '2222',
      user: 'admin',
      authKind: 'key-file',
      keyPath: GOOD_KEY,
    });
    expect(wizard.getState().name).toBe('mail-eu');
  });

  it('shows a name clash on the name field and keeps the draft for another try', async () => {
    const core = fakeCore({ hostKeyStatus: 'trusted' });
    const wizard = core.stores.addServer;
    for (const attempt of [1, 2]) {
      wizard.getState().open();
      fillDetails(core);
      // Another login on the same server: the same server and user would be refused as already added.
      if (attempt === 2) wizard.getState().setField('user', 'other');
      await wizard.getState().submitDetails();
      wizard.getState().setName('mail-eu');
      const saved = await wizard.getState().save();
      if (attempt === 1) expect(saved?.name).toBe('mail-eu');
      else expect(saved).toBeNull();
    }
    expect(wizard.getState().step).toBe('name');
    expect(wizard.getState().nameErrors.name).toContain('already exists');
    wizard.getState().setName('mail-eu-2');
    expect((await wizard.getState().save())?.name).toBe('mail-eu-2');
    expect(core.boxes.map((b) => b.name)).toEqual(['mail-eu', 'mail-eu-2']);
  });

  it('holds a generated key by id only, and sends that id as the credential', async () => {
    const core = fakeCore({ hostKeyStatus: 'trusted' });
    const wizard = core.stores.addServer;
    wizard.getState().open();
    fillDetails(core);
    wizard.getState().setField('authKind', 'generated');
    await wizard.getState().submitDetails();
    expect(wizard.getState().fieldErrors.generated).toContain('Generate a key first');
    await wizard.getState().generateKey();
    expect(wizard.getState().form.generated?.authorizeCommand).toContain('authorized_keys');
    expect(wizard.getState().fieldErrors.generated).toBeUndefined();
    await wizard.getState().submitDetails();
    const connect = core.calls.find((c) => c.method === 'boxes.connect');
    expect(connect?.request['credential']).toEqual({ kind: 'generated', keyId: 'key-1' });
  });
});
