import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY_FILE_MAX_BYTES, readKeyFile } from '../../../src-main/ssh/key-file';
import { generateEd25519KeyPair } from '../../../src-main/ssh/key-pairs';
import { readKeyFileFromDisk } from '../../../src-main/ssh/target-from-box';

const pair = generateEd25519KeyPair('me@laptop');

describe('readKeyFile', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'bf-keyfile-'));
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh', 'id_x'), pair.privateKey, { mode: 0o600 });
    writeFileSync(join(home, '.ssh', 'id_x.pub'), pair.publicKeyLine + '\n');
    writeFileSync(join(home, 'notes.txt'), 'hello\n');
    writeFileSync(join(home, 'big'), `${pair.privateKey}${'#'.repeat(KEY_FILE_MAX_BYTES)}`);
    execFileSync('mkfifo', [join(home, 'fifo')]);
    symlinkSync('/dev/zero', join(home, 'zero-link'));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  async function problem(path: string): Promise<{ code: string; message: string; detail: unknown }> {
    const result = await readKeyFile(path, home);
    if (result.ok) throw new Error(`expected ${path} to be refused`);
    return { code: result.error.code, message: result.error.message, detail: result.error.detail };
  }

  it('reads a private key, expanding ~', async () => {
    expect(await readKeyFile('~/.ssh/id_x', home)).toEqual({ ok: true, value: pair.privateKey });
  });

  it.each([
    ['~/.ssh/id_missing', 'No file at ~/.ssh/id_missing.'],
    ['~/.ssh/id_x.pub', 'That is the public half (.pub); choose the private key file id_x.'],
    ['~/notes.txt', 'That file is not an SSH private key.'],
    ['~/.ssh', '~/.ssh is a folder; choose the private key file inside it.'],
    ['~/big', 'That file is too large to be an SSH private key.'],
    ['/dev/zero', '/dev/zero is not a regular file (it is a device, pipe or socket).'],
    ['~/zero-link', '~/zero-link is not a regular file (it is a device, pipe or socket).'],
    ['~/fifo', '~/fifo is not a regular file (it is a device, pipe or socket).'],
    ['~/.ssh/id_x/inner', 'No file at ~/.ssh/id_x/inner: a part of that path is a file, not a folder.'],
  ])('refuses %s on the key field: %s', async (path, message) => {
    expect(await problem(path)).toEqual({ code: 'validation', message, detail: { field: 'keyPath' } });
  });

  it('gives a saved box the same checks when its key is read from disk', async () => {
    const result = await readKeyFileFromDisk(join(home, '.ssh', 'id_x.pub'));
    expect(result.ok ? null : result.error).toEqual({
      code: 'validation',
      message: 'That is the public half (.pub); choose the private key file id_x.',
      retryable: false,
      detail: { field: 'keyPath' },
    });
  });
});
