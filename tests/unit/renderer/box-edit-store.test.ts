import type { Box } from '../../../src-shared/domain/box';
import { formFromBox } from '../../../src-renderer/stores/edit-connection-form';
import { FINGERPRINT, GOOD_KEY, NEW_FINGERPRINT, fakeCore, settle } from './fake-core';

async function addBox(core: ReturnType<typeof fakeCore>): Promise<Box> {
  const wizard = core.stores.addServer;
  wizard.getState().open();
  const { setField } = wizard.getState();
  setField('host', 'box1.example.com');
  setField('user', 'bfadmin');
  setField('keyPath', GOOD_KEY);
  await wizard.getState().submitDetails();
  wizard.getState().setName('mail1');
  wizard.getState().setTags('prod, eu');
  const saved = await wizard.getState().save();
  if (!saved) throw new Error('the box was not saved');
  return saved;
}

describe('editing a saved box’s connection', () => {
  it('prefills the wizard from the box, never with a secret', () => {
    const box: Box = {
      id: 'box-1',
      name: 'mail1',
      host: 'box1.example.com',
      port: 2222,
      user: 'bfadmin',
      auth: { kind: 'key', keyPath: '/keys/id', hasPassphrase: true },
      jumpHost: { host: 'bastion.example.com', port: 2200, user: 'jump' },
      tags: [],
      apiPort: 41234,
      paths: { apiKey: '/tmp/api.key', conf: '/tmp/mailinabox.conf', storageRoot: '/tmp/user-data' },
      addedAt: '2025-01-01T00:00:00.000Z',
    };
    expect(formFromBox(box)).toMatchObject({
      host: 'box1.example.com',
      port: '2222',
      user: 'bfadmin',
      authKind: 'key-file',
      keyPath: '/keys/id',
      passphrase: '',
      password: '',
      privateKey: '',
      generated: null,
      useJumpHost: true,
      jumpHost: 'bastion.example.com',
      jumpPort: '2200',
      jumpUser: 'jump',
      apiPort: '41234',
      apiKeyPath: '/tmp/api.key',
      confPath: '/tmp/mailinabox.conf',
      storageRoot: '/tmp/user-data',
    });
    expect(formFromBox({ ...box, auth: { kind: 'password' }, jumpHost: undefined })).toMatchObject({
      authKind: 'password',
      keyPath: '',
      useJumpHost: false,
    });
    expect(formFromBox({ ...box, auth: { kind: 'key', hasPassphrase: false } }).authKind).toBe('key-text');
    expect(formFromBox({ ...box, auth: { kind: 'generated-key', publicKey: 'ssh-ed25519 AAAA' } }).authKind).toBe(
      'generated',
    );
  });

  it('runs the same steps and saves with replaces: same box, new login, name and tags kept', async () => {
    const core = fakeCore({ hostKeyStatus: 'trusted' });
    const added = await addBox(core);
    const wizard = core.stores.addServer;

    wizard.getState().openEdit(added);
    await settle();
    expect(wizard.getState()).toMatchObject({
      step: 'details',
      editing: { boxId: added.id, name: 'mail1' },
      name: 'mail1',
      tagsText: 'prod, eu',
    });
    expect(wizard.getState().form).toMatchObject({ host: 'box1.example.com', user: 'bfadmin', keyPath: GOOD_KEY });

    wizard.getState().setField('authKind', 'password');
    await wizard.getState().submitDetails();
    expect(wizard.getState().fieldErrors.password).toBeDefined();
    wizard.getState().setField('password', 'new password');
    wizard.getState().setField('port', '2200');
    await wizard.getState().submitDetails();
    expect(wizard.getState().step).toBe('name');
    expect(wizard.getState().form.password).toBe('');
    expect(wizard.getState().name).toBe('mail1');

    // Main is told which box is being replaced, so the box's own server is not refused as already added.
    expect(core.calls.filter((c) => c.method === 'boxes.connect').at(-1)?.request).toMatchObject({
      host: 'box1.example.com',
      user: 'bfadmin',
      replaces: added.id,
    });
    expect(core.calls.filter((c) => c.method === 'boxes.probe').at(-1)?.request).toMatchObject({
      user: 'bfadmin',
      replaces: added.id,
    });

    const saved = await wizard.getState().save();
    const save = core.calls.filter((c) => c.method === 'boxes.save').at(-1);
    expect(save?.request).toMatchObject({ name: 'mail1', tags: ['prod', 'eu'], replaces: added.id });
    expect(saved).toMatchObject({ id: added.id, port: 2200, auth: { kind: 'password' }, addedAt: added.addedAt });
    expect(core.stores.fleet.getState().boxes).toEqual([saved]);
    expect(wizard.getState()).toMatchObject({ step: 'closed', editing: null });

    // The next "Add a server" is a plain add again.
    wizard.getState().open();
    expect(wizard.getState()).toMatchObject({ editing: null, name: '', form: { host: '' } });
  });
});

describe('a changed host key on the box overview', () => {
  it('stops with expected and presented keys, and trusts the new key only by its typed fingerprint', async () => {
    const core = fakeCore({ hostKeyStatus: 'trusted' });
    const box = await addBox(core);
    const actions = core.stores.boxActions;
    core.changeHostKey();

    await actions.getState().testConnection(box.id);
    const stop = actions.getState().tests[box.id];
    expect(stop).toMatchObject({
      status: 'failed',
      changedKey: { status: 'mismatch', fingerprint: NEW_FINGERPRINT, expected: FINGERPRINT },
    });

    const tests = () => core.calls.filter((c) => c.method === 'boxes.test').length;
    const before = tests();
    expect(await actions.getState().trustNewHostKey(box.id, FINGERPRINT)).toBe(false);
    expect(await actions.getState().trustNewHostKey(box.id, '')).toBe(false);
    expect(tests()).toBe(before);

    // Typed without the prefix, as some consoles print it.
    expect(await actions.getState().trustNewHostKey(box.id, ` ${NEW_FINGERPRINT.replace('SHA256:', '')} `)).toBe(true);
    expect(core.calls.at(-1)?.request).toEqual({ boxId: box.id, acceptHostKey: NEW_FINGERPRINT });
    expect(actions.getState().tests[box.id]).toMatchObject({ status: 'passed' });

    // Pinned now: the next test passes without asking.
    await actions.getState().testConnection(box.id);
    expect(actions.getState().tests[box.id]).toMatchObject({ status: 'passed' });
  });

  it('shows the same stop when another call met the changed key, and ignores other failures', async () => {
    const core = fakeCore({ hostKeyStatus: 'trusted' });
    const box = await addBox(core);
    const actions = core.stores.boxActions;
    actions.getState().noteFailure(box.id, { code: 'timeout', message: 'slow', retryable: true });
    expect(actions.getState().tests[box.id]).toBeUndefined();
    actions.getState().noteFailure(box.id, {
      code: 'host-key-mismatch',
      message: 'changed',
      retryable: false,
      detail: { keyType: 'ssh-ed25519', got: NEW_FINGERPRINT, expected: FINGERPRINT },
    });
    expect(actions.getState().tests[box.id]).toMatchObject({
      status: 'failed',
      changedKey: { fingerprint: NEW_FINGERPRINT, expected: FINGERPRINT },
    });
  });
});
