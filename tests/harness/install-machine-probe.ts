/**
 * Run by install-machine-reaper.test.ts in its own process (through tsx), which the test then kills with SIGKILL:
 * starts an install machine, installs on it (the daemon runs detached inside) and starts a second setup that is
 * held mid-way, prints what exists as one JSON line, and waits.
 */
import { execFileSync } from 'node:child_process';
import { startInstallMachine } from './install-machine';
import { connectSsh, execCommand } from './ssh-client';
import { tempRoot } from './temp';

async function main(): Promise<void> {
  const machine = await startInstallMachine({ pauseMs: 1 });
  const ssh = await connectSsh({
    host: machine.host,
    port: machine.port,
    username: machine.adminUser,
    privateKeyPath: machine.clientKey.privateKeyPath,
    hostKeyFingerprint: machine.hostKeyFingerprint,
  });
  const setup = `curl -s ${machine.bootstrapUrl} | sudo -n NONINTERACTIVE=1 PRIMARY_HOSTNAME=probe.example.com EMAIL_ADDR=me@example.com EMAIL_PW=probe-pw-1 bash`;
  await execCommand(ssh, setup);
  await machine.setScenario({ kind: 'hold', at: 'Installing Postfix (SMTP server)...' }, 1);
  // Detached like the app's runner, so it is not tied to this connection.
  await execCommand(ssh, `setsid -f sh -c '${setup} >/dev/null 2>&1' </dev/null >/dev/null 2>&1`);
  await machine.waitForStep('Installing Postfix (SMTP server)...');
  const pids = execFileSync('ip', ['netns', 'pids', machine.netns.name], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(Number);
  process.stdout.write(JSON.stringify({ netns: machine.netns.name, pids, dir: tempRoot() }) + '\n');
  setInterval(() => undefined, 1000);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
