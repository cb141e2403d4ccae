import type { Box } from '../../../src-shared/domain/box';
import { FINGERPRINT, GOOD_KEY, MISSING_KEY, fakeCore, settle } from './fake-core';

const PRIVATE = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';

type Core = ReturnType<typeof fakeCore>;

async function openAndFill(core: Core, host = 'box1.example.com', keyPath = GOOD_KEY) {
  const wizard = core.stores.addServer;
  wizard.getState().open();
  await settle();
  const { setField } = wizard.getState();
  setField('host', host);
  setField('port', '2222');
  setField('user', 'bfadmin');
  setField('keyPath', keyPath);
  setField('passphrase', 'secret passphrase');
  return wizard;
}

async function addOne(core: Core, name: string): Promise<Box> {
  const wizard = await openAndFill(core);
  await wizard.getState().submitDetails();
  wizard.getState().setName(name);
  const saved = await wizard.getState().save();
  if (!saved) throw new Error('not saved');
  return saved;
}

const sent = (core: Core) =>
  core.calls.filter((c) => !['boxes.sshConfigHosts', 'boxes.list', 'app.info'].includes(c.method));

describe('adding a server that is already in the fleet', () => {
  it('says so before contacting the server, names the box, and keeps everything typed', async () => {
    const core = fakeCore({ hostKeyStatus: 'trusted' });
    const first = await addOne(core, 'mail-eu');
    core.calls.length = 0;

    const wizard = await openAndFill(core, 'BOX1.example.com');
    await wizard.getState().submitDetails();
    expect(wizard.getState()).toMatchObject({
      step: 'details',
      error: null,
      duplicate: { boxId: first.id, name: 'mail-eu' },
    });
    expect(wizard.getState().duplicate?.message).toContain('already in your fleet as mail-eu');
    expect(wizard.getState().form).toMatchObject({ host: 'BOX1.example.com', passphrase: 'secret passphrase' });
    expect(sent(core)).toEqual([]);

    // Another user on the same server is another box.
    wizard.getState().setField('user', 'other');
    expect(wizard.getState().duplicate).toBeNull();
    await wizard.getState().submitDetails();
    expect(wizard.getState().step).toBe('name');
  });

  it('shows main’s conflict the same way when the box was added elsewhere meanwhile', async () => {
    const core = fakeCore();
    const wizard = await openAndFill(core);
    core.addElsewhere({ ...(await addOneIn(fakeCore({ hostKeyStatus: 'trusted' }))), id: 'box-cli', name: 'from-cli' });

    await wizard.getState().submitDetails();
    await wizard.getState().confirmHostKey();
    expect(wizard.getState()).toMatchObject({
      step: 'details',
      error: null,
      duplicate: { boxId: 'box-cli', name: 'from-cli' },
    });
    expect(wizard.getState().form.passphrase).toBe('secret passphrase');
  });

  it('shows main’s conflict at save time on the name step, keeping the draft', async () => {
    const core = fakeCore({ hostKeyStatus: 'trusted' });
    const wizard = await openAndFill(core);
    await wizard.getState().submitDetails();
    expect(wizard.getState().step).toBe('name');
    core.boxes.push({ ...(await addOneIn(fakeCore({ hostKeyStatus: 'trusted' }))), id: 'box-late', name: 'late' });
    wizard.getState().setName('mine');
    expect(await wizard.getState().save()).toBeNull();
    expect(wizard.getState()).toMatchObject({ step: 'name', duplicate: { boxId: 'box-late', name: 'late' } });
    expect(wizard.getState().nameErrors.name).toBeUndefined();
    expect(core.drafts.size).toBe(1);
  });
});

/** A box as another core saved it: the same server as `openAndFill` types. */
async function addOneIn(other: Core): Promise<Box> {
  return addOne(other, 'other');
}

describe('the key field', () => {
  it('shows main’s refusal of a missing key file on the key field, not as a refused login', async () => {
    const core = fakeCore({ hostKeyStatus: 'trusted' });
    const wizard = await openAndFill(core, 'box1.example.com', MISSING_KEY);
    const before = wizard.getState().attempt;
    await wizard.getState().submitDetails();
    expect(wizard.getState()).toMatchObject({ step: 'details', error: null });
    expect(wizard.getState().fieldErrors.keyPath).toContain(`There is no file at ${MISSING_KEY}`);
    expect(wizard.getState().attempt).toBeGreaterThan(before);
    expect(wizard.getState().form.keyPath).toBe(MISSING_KEY);
    // Refused at the first call, before any login; the probe carries the path, never the passphrase.
    expect(core.calls.some((c) => c.method === 'boxes.connect')).toBe(false);
    expect(core.calls.find((c) => c.method === 'boxes.probe')?.request['credential']).toEqual({
      kind: 'key-file',
      path: MISSING_KEY,
    });
  });

  it('refuses a .pub file before anything is sent', async () => {
    const core = fakeCore();
    const wizard = await openAndFill(core, 'box1.example.com', `${GOOD_KEY}.pub`);
    await wizard.getState().submitDetails();
    expect(wizard.getState().fieldErrors.keyPath).toContain('public half');
    expect(sent(core)).toEqual([]);
  });

  it('takes the path from the desktop’s file dialog; a cancelled dialog changes nothing', async () => {
    const picked = fakeCore({ keyFileDialog: { path: '/home/me/.ssh/id_ed25519' } });
    const wizard = await openAndFill(picked, 'box1.example.com', '');
    expect(await wizard.getState().chooseKeyFile()).toBe(true);
    expect(wizard.getState().form.keyPath).toBe('/home/me/.ssh/id_ed25519');

    const cancelled = fakeCore({ keyFileDialog: { cancelled: true } });
    const other = await openAndFill(cancelled, 'box1.example.com', '/typed');
    expect(await other.getState().chooseKeyFile()).toBe(true);
    expect(other.getState().form.keyPath).toBe('/typed');

    // A face without a dialog says so; the window then offers its file input.
    const browser = fakeCore();
    expect(await (await openAndFill(browser)).getState().chooseKeyFile()).toBe(false);
  });

  it('sends a key read by the file input once, as key text, and wipes it after the login', async () => {
    const core = fakeCore({ hostKeyStatus: 'trusted' });
    const wizard = await openAndFill(core, 'box1.example.com', '');
    wizard.getState().takeUploadedKey('id_ed25519', PRIVATE);
    await wizard.getState().submitDetails();
    const connect = core.calls.find((c) => c.method === 'boxes.connect');
    expect(connect?.request['credential']).toEqual({
      kind: 'key-text',
      privateKey: PRIVATE,
      passphrase: 'secret passphrase',
    });
    expect(wizard.getState().form.uploadedKey).toBeNull();

    const pub = await openAndFill(fakeCore(), 'box1.example.com', '');
    pub.getState().takeUploadedKey('id_ed25519.pub', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG0 me@laptop');
    expect(pub.getState().fieldErrors.keyPath).toContain('public key');
  });
});

describe('confirming the host key', () => {
  it('still needs the exact fingerprint; a pasted one with padding is the same', async () => {
    const core = fakeCore({ hostKeyStatus: 'mismatch' });
    const wizard = await openAndFill(core);
    await wizard.getState().submitDetails();
    await wizard.getState().confirmHostKey(`${FINGERPRINT}=  `);
    expect(wizard.getState().step).toBe('name');
  });
});
