import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src-main/cli/main';
import { captureIo } from '../../helpers/capture-io';

const made: string[] = [];
/** A fresh data directory, removed after the file's tests. */
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bf-cli-'));
  made.push(dir);
  return dir;
}
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('boxfleet CLI', () => {
  it('prints [] for box list --json on an empty data dir', async () => {
    const dir = await dataDir();
    const io = captureIo();
    expect(await main(['--data-dir', dir, 'box', 'list', '--json'], io, {})).toBe(0);
    expect(JSON.parse(io.stdout)).toEqual([]);
  });

  it('reads BOXFLEET_DATA_DIR when --data-dir is absent', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, 'fleet.json'), 'garbage');
    const io = captureIo();
    expect(await main(['box', 'list', '--json'], io, { BOXFLEET_DATA_DIR: dir })).toBe(0);
    expect(io.stderr).toMatch(/could not be read/);
    expect((await readdir(dir)).some((n) => n.startsWith('fleet.json.corrupt-'))).toBe(true);
  });

  it('explains an empty fleet in text mode', async () => {
    const io = captureIo();
    await main(['--data-dir', await dataDir(), 'box', 'list'], io, {});
    expect(io.stdout).toMatch(/No boxes yet/);
  });

  it.each([
    [['box', 'lst']],
    [['box', 'list', '--bogus']],
    [['box', 'list', 'extra']],
    [['serve', '--json']],
    [['serve', '--host', '0.0.0.0']],
    [['serve', '--port', 'eighty']],
    [[]],
  ])('exits 2 with a reason on stderr for %j', async (argv) => {
    const io = captureIo();
    expect(await main(argv, io, {})).toBe(2);
    expect(io.stderr + io.stdout).not.toBe('');
  });

  it('prints help and version with status 0', async () => {
    const io = captureIo();
    expect(await main(['--help'], io, {})).toBe(0);
    expect(io.stdout).toMatch(/box list/);
    expect(await main(['--version'], io, {})).toBe(0);
    expect(io.stdout).toMatch(/boxfleet \d+\.\d+\.\d+/);
    expect(await main(['box', 'list', '--help'], io, {})).toBe(0);
    expect(io.stdout).toMatch(/Usage: boxfleet box list/);
  });
});
