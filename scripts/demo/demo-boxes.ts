/**
 * One demo box: the box emulator (a stand-in for the Mail-in-a-Box management daemon) on a loopback port, behind
 * a real sshd, with a few users and aliases so there is something to look at. Its files live under a local
 * directory that mirrors the box's `/`; the `box add` options point the client at them.
 */
import { join } from 'node:path';
import { addAlias, addUser, startEmulator } from '../../tests/emulator/index';
import type { BoxState, EmulatorHandle, Flavour } from '../../tests/emulator/index';
import { startDemoSshd } from './demo-sshd';
import type { DemoSshd } from './demo-sshd';

export interface DemoBox {
  name: string;
  flavour: Flavour;
  hostname: string;
  sshd: DemoSshd;
  emulator: EmulatorHandle;
  /** The `box add` arguments after `box add` (name first). */
  addArgs: string[];
  stop(): Promise<void>;
}

/** upstream, power, upstream, … named demo-upstream, demo-power, demo-upstream-2, … */
export function demoBoxPlan(count: number): Array<{ name: string; flavour: Flavour }> {
  return Array.from({ length: count }, (_, i) => {
    const flavour: Flavour = i % 2 === 0 ? 'upstream' : 'power';
    const round = Math.floor(i / 2) + 1;
    return { name: round === 1 ? `demo-${flavour}` : `demo-${flavour}-${round}`, flavour };
  });
}

function seed(index: number): (state: BoxState) => void {
  const domain = `example${index === 0 ? '' : index + 1}.com`;
  return (state) => {
    addUser(state, { email: `alice@${domain}`, password: 'demo-password-1', quota: '2G' });
    addUser(state, { email: `bob@${domain}`, password: 'demo-password-2' });
    addAlias(state, { source: `hello@${domain}`, destination: [`alice@${domain}`, `bob@${domain}`] });
  };
}

export async function startDemoBox(
  index: number,
  plan: { name: string; flavour: Flavour },
  dir: string,
  client: { privateKeyPath: string; publicKeyLine: string },
): Promise<DemoBox> {
  const hostname = `box${index + 1}.example.com`;
  const sshd = await startDemoSshd(join(dir, 'sshd'), client.publicKeyLine);
  let emulator: EmulatorHandle;
  try {
    emulator = await startEmulator({
      flavour: plan.flavour,
      root: join(dir, 'root'),
      host: '127.0.0.1',
      port: 0,
      hostname,
      admin: { email: `me@${hostname}`, password: 'demo-admin-password' },
      seed: seed(index),
      // The box's SSHFP records then name the keys of the sshd the client really talks to.
      sshHostKeys: sshd.hostPublicKeys,
    });
  } catch (err) {
    await sshd.stop();
    throw err;
  }
  const root = join(dir, 'root');
  const addArgs = [
    plan.name,
    ...['--host', sshd.host, '--port', String(sshd.port), '--user', sshd.user],
    ...['--key', client.privateKeyPath, '--accept-host-key', sshd.hostKeyFingerprint],
    // The management API listens on the box's loopback like the real daemon, on its own port.
    ...['--api-port', String(emulator.port)],
    ...['--api-key-file', emulator.keyPath, '--conf-file', join(root, 'etc', 'mailinabox.conf')],
    ...['--storage-root', join(root, emulator.state.storageRoot)],
  ];
  return {
    name: plan.name,
    flavour: plan.flavour,
    hostname,
    sshd,
    emulator,
    addArgs,
    stop: async () => {
      await sshd.stop();
      await emulator.stop();
    },
  };
}
