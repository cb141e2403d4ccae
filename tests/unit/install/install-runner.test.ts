import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envFile, RUNNER_SCRIPT } from '../../../src-main/install/box-scripts';
import { InstallProgress } from '../../../src-main/install/follower';

/** The runner as the box runs it (bash, perl, curl), on a file:// bootstrap, in a temp dir instead of /var/lib. */
async function runRunner(bootstrap: string, password: string) {
  const dir = await mkdtemp(join(tmpdir(), 'bf-runner-'));
  await writeFile(join(dir, 'runner.sh'), RUNNER_SCRIPT, { mode: 0o600 });
  await writeFile(join(dir, 'setup.sh'), bootstrap);
  await writeFile(
    join(dir, 'env'),
    envFile([
      ['NONINTERACTIVE', '1'],
      ['EMAIL_PW', password],
      ['BOXFLEET_BOOTSTRAP_URL', `file://${dir}/setup.sh`],
    ]),
    { mode: 0o600 },
  );
  const ran = spawnSync('bash', [join(dir, 'runner.sh'), dir], { encoding: 'utf8', timeout: 30_000 });
  return { dir, ran };
}

describe('the install runner', () => {
  it('reads and deletes the env file, blanks the password in the log, and writes the exit status', async () => {
    const password = "pa$$ 'word' \\x";
    const { dir, ran } = await runRunner(
      [
        'echo "Installing Postfix (SMTP server)..."',
        'echo "the password is $EMAIL_PW, twice: $EMAIL_PW"',
        '[ "$NONINTERACTIVE" = 1 ] && echo "unattended"',
        'echo "to stderr" >&2',
        'exit 3',
      ].join('\n'),
      password,
    );
    expect(ran.status).toBe(0);
    const files = await readdir(dir);
    expect(files).not.toContain('env');
    expect(files).not.toContain('out');
    expect((await readFile(join(dir, 'exit'), 'utf8')).trim()).toBe('3');
    const log = await readFile(join(dir, 'log'), 'utf8');
    expect(log).not.toContain(password);
    expect(log).toContain('the password is ********, twice: ********');
    expect(log).toContain('unattended');
    expect(log).toContain('to stderr');
    for (const name of ['log', 'exit', 'pid', 'bootstrap.sh'])
      expect((await stat(join(dir, name))).mode & 0o077).toBe(0);
    const progress = new InstallProgress();
    progress.accept(Buffer.from(log));
    expect(progress.reader.outcome(3)).toMatchObject({ ok: false, failingStep: 'Installing Postfix (SMTP server)' });
  });

  it('says so and exits 97 when the bootstrap cannot be downloaded', async () => {
    const again = await mkdtemp(join(tmpdir(), 'bf-runner-'));
    await writeFile(join(again, 'runner.sh'), RUNNER_SCRIPT);
    await writeFile(join(again, 'env'), envFile([['BOXFLEET_BOOTSTRAP_URL', `file://${again}/missing.sh`]]));
    spawnSync('bash', [join(again, 'runner.sh'), again], { encoding: 'utf8', timeout: 30_000 });
    expect((await readFile(join(again, 'exit'), 'utf8')).trim()).toBe('97');
    expect(await readFile(join(again, 'log'), 'utf8')).toContain('boxfleet: could not download the bootstrap');
  });
});
