import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createKeyFileDialogs, type OpenDialogOptions } from '../../../src-main/app/key-file-dialog';
import { createCore, type Core } from '../../../src-main/compose/core';
import type { CallContext } from '../../../src-main/ipc/handlers';
import { ok } from '../../../src-shared/contract/result';

/**
 * `app.pickKeyFile` through the real core's router. Electron's dialog cannot open here, so the desktop face gets
 * a stand-in that answers as Electron's `showOpenDialog` does; the faces without a native dialog get none.
 */
describe('choosing a key file', () => {
  let dataDir: string;
  let core: Core;
  const shown: OpenDialogOptions[] = [];

  const desktop = (answer: { canceled: boolean; filePaths: string[] }): CallContext => ({
    face: 'desktop',
    dialogs: {
      ...createKeyFileDialogs({
        homeDir: '/home/admin',
        showOpenDialog: async (options) => {
          shown.push(options);
          return answer;
        },
      }),
      saveText: async () => ok({ cancelled: true }),
    },
  });

  beforeEach(async () => {
    shown.length = 0;
    dataDir = mkdtempSync(path.join(tmpdir(), 'boxfleet-keyfile-'));
    core = await createCore({ dataDir, mode: 'desktop', log: () => {} });
  });

  afterEach(async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the path chosen in the desktop dialog, opened in ~/.ssh with hidden files shown', async () => {
    const picked = await core.router.call(
      'app.pickKeyFile',
      {},
      desktop({ canceled: false, filePaths: ['/home/admin/.ssh/id_ed25519'] }),
    );
    expect(picked).toEqual({ ok: true, value: { path: '/home/admin/.ssh/id_ed25519' } });
    expect(shown).toHaveLength(1);
    expect(shown[0]?.defaultPath).toBe(path.join('/home/admin', '.ssh'));
    expect(shown[0]?.properties).toEqual(expect.arrayContaining(['openFile', 'showHiddenFiles']));
    const info = await core.router.call('app.info', {}, desktop({ canceled: true, filePaths: [] }));
    expect(info).toMatchObject({ ok: true, value: { nativeKeyFilePicker: true } });
  });

  it('answers cancelled, not an error, when the admin closes the dialog', async () => {
    const picked = await core.router.call('app.pickKeyFile', {}, desktop({ canceled: true, filePaths: [] }));
    expect(picked).toEqual({ ok: true, value: { cancelled: true } });
  });

  it.each(['browser', 'cli'] as const)(
    'answers not-supported in the %s face, whose window uses a file input',
    async (face) => {
      const picked = await core.router.call('app.pickKeyFile', {}, { face });
      expect(picked).toMatchObject({ ok: false, error: { code: 'not-supported' } });
      const info = await core.router.call('app.info', {}, { face });
      expect(info).toMatchObject({ ok: true, value: { nativeKeyFilePicker: false } });
    },
  );
});
