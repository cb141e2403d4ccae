import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSaveTextDialog, type SaveDialogOptions } from '../../../src-main/app/save-file-dialog';
import { createCore, type Core } from '../../../src-main/compose/core';
import type { CallContext } from '../../../src-main/ipc/handlers';
import { fail } from '../../../src-shared/contract/result';

/**
 * `app.saveText` through the real core's router. Electron's dialog cannot open here, so the desktop face gets a
 * stand-in that answers as `showSaveDialog` does; main writes the file itself, to the path chosen there only.
 */
describe('saving text through the system dialog', () => {
  let dataDir: string;
  let outDir: string;
  let core: Core;
  const shown: SaveDialogOptions[] = [];

  const desktop = (answer: { canceled: boolean; filePath?: string }): CallContext => ({
    face: 'desktop',
    dialogs: {
      openKeyFile: async () => ({ cancelled: true }),
      saveText: createSaveTextDialog({
        downloadsDir: '/home/admin/Downloads',
        showSaveDialog: async (options) => {
          shown.push(options);
          return answer;
        },
      }),
    },
  });

  beforeEach(async () => {
    shown.length = 0;
    dataDir = mkdtempSync(path.join(tmpdir(), 'boxfleet-save-'));
    outDir = mkdtempSync(path.join(tmpdir(), 'boxfleet-save-out-'));
    core = await createCore({ dataDir, mode: 'desktop', log: () => {} });
  });

  afterEach(async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('writes the text where the admin chose, readable by the owner only, and answers the path', async () => {
    const target = path.join(outDir, 'mail-eu-users.csv');
    const saved = await core.router.call(
      'app.saveText',
      { suggestedName: 'mail-eu-users-2026-11-30.csv', text: 'email,status\nme@example.com,active\n' },
      desktop({ canceled: false, filePath: target }),
    );
    expect(saved).toEqual({ ok: true, value: { path: target } });
    expect(readFileSync(target, 'utf8')).toBe('email,status\nme@example.com,active\n');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(shown[0]?.defaultPath).toBe(path.join('/home/admin/Downloads', 'mail-eu-users-2026-11-30.csv'));
    const info = await core.router.call('app.info', {}, desktop({ canceled: true }));
    expect(info).toMatchObject({ ok: true, value: { nativeSaveDialog: true } });
  });

  it('offers only the last part of a suggested name, so a page cannot point the dialog elsewhere', async () => {
    await core.router.call(
      'app.saveText',
      { suggestedName: '../../etc/cron.d/evil', text: 'x' },
      desktop({ canceled: true }),
    );
    expect(shown[0]?.defaultPath).toBe(path.join('/home/admin/Downloads', 'evil'));
  });

  it('answers cancelled and writes nothing when the admin closes the dialog', async () => {
    const saved = await core.router.call(
      'app.saveText',
      { suggestedName: 'a.csv', text: 'x' },
      desktop({ canceled: true }),
    );
    expect(saved).toEqual({ ok: true, value: { cancelled: true } });
    expect(existsSync(path.join(outDir, 'a.csv'))).toBe(false);
  });

  it('says which file could not be written and why', async () => {
    const target = path.join(outDir, 'missing-folder', 'a.csv');
    const saved = await core.router.call(
      'app.saveText',
      { suggestedName: 'a.csv', text: 'x' },
      desktop({ canceled: false, filePath: target }),
    );
    expect(saved).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(saved.ok ? '' : saved.error.message).toContain(target);
  });

  it.each(['browser', 'cli'] as const)(
    'answers not-supported in the %s face, which has no save dialog',
    async (face) => {
      const saved = await core.router.call('app.saveText', { suggestedName: 'a.csv', text: 'x' }, { face });
      expect(saved).toMatchObject(fail('not-supported', expect.any(String) as unknown as string));
      const info = await core.router.call('app.info', {}, { face });
      expect(info).toMatchObject({ ok: true, value: { nativeSaveDialog: false } });
    },
  );
});
