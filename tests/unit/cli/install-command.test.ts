/**
 * `boxfleet install`, `install attach` and `upgrade`: what is refused before anything is contacted (usage errors,
 * exit 2, no data directory opened), and the help. The runs themselves are integration tests over real SSH
 * (tests/integration/cli-install.test.ts).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src-main/cli/main';
import { captureIo } from '../../helpers/capture-io';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bf-install-cli-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function run(args: string[], stdin = '') {
  const dataDir = join(root, 'data');
  const io = captureIo(stdin);
  const code = await main(['--data-dir', dataDir, ...args], io, {});
  return { code, out: io.stdout, err: io.stderr, opened: existsSync(dataDir) };
}

const login = ['--host', '192.0.2.1', '--user', 'root', '--key', '/nonexistent/key'];

describe('boxfleet install: usage', () => {
  it.each([
    [['install', '--user', 'root', '--agent'], /needs --host HOST and --user USER/],
    [['install', ...login], /needs --hostname FQDN and --admin-email EMAIL/],
    [['install', ...login, '--flavour', 'debian', '--preflight-only'], /--flavour takes upstream or power/],
    [['install', '--host', 'h', '--user', 'u', '--preflight-only'], /Choose one way to log in/],
    [['install', ...login, '--port', '70000', '--preflight-only'], /--port takes a port number/],
    [
      ['install', ...login, '--hostname', 'box.example.com', '--admin-email', 'me@example.com'],
      /--admin-password-stdin \(it is never taken from the command line\)/,
    ],
    [
      ['install', ...login, '--hostname', 'b.example.com', '--admin-email', 'me@example.com', '--admin-password-stdin'],
      /read an empty password/,
    ],
    [['install', 'attach'], /either --host HOST or --box NAME/],
    [['install', 'attach', '--host', 'h', '--box', 'b'], /either --host HOST or --box NAME/],
    [['upgrade'], /upgrade needs --box NAME/],
    [['install', ...login, '--admin-password', 'x'], /Unknown option '--admin-password'/],
  ])('%j is refused (exit 2) without opening the data directory', async (args, message) => {
    const r = await run(args);
    expect(r.err).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.opened).toBe(false);
  });

  it('reads the SSH password and then the admin password from one stdin, one per line', async () => {
    // Both secrets are read before anything is contacted: an empty second line is refused as the admin password.
    const r = await run(
      ['install', '--host', 'h', '--user', 'u', '--password-stdin', '--hostname', 'b.example.com'].concat([
        '--admin-email',
        'me@example.com',
        '--admin-password-stdin',
      ]),
      'ssh-secret\n\n',
    );
    expect(r.err).toMatch(/--admin-password-stdin read an empty password/);
    expect(r.code).toBe(2);
  });

  it('is listed in the help, and each command explains its secrets and output', async () => {
    const global = await run(['--help']);
    expect(global.out).toContain('boxfleet install --host H');
    expect(global.out).toContain('boxfleet install attach');
    expect(global.out).toContain('boxfleet upgrade --box NAME');
    const help = await run(['install', '--help']);
    expect(help.out).toMatch(/never from the command line/);
    expect(help.out).toMatch(/--preflight-only an array of \{id, result \(pass, warn or fail\), reason\}/);
    expect(help.code).toBe(0);
  });
});
