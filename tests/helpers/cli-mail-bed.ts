import { addAlias, addUser } from '../emulator';
import type { BoxState } from '../emulator/types';
import type { TestbedBox, TestbedBoxOptions } from '../harness/testbed';
import { DEFAULT_CLI_BOX, startCliBed, type CliBed } from './cli-testbed';
import { suiteBed } from './suite-bed';

/**
 * The mail CLI tests' fleet: one emulated box per flavour behind real sshd, added to the fleet through
 * `boxfleet box add` as "up" (upstream v75) and "pw" (Power v60.5), each seeded with alice@example.com (2G) and
 * the alias team@example.com → alice. `old: true` adds "old", an upstream v72 box (no quota routes).
 */
export const FLAVOURS = [
  ['up', 'upstream'],
  ['pw', 'power'],
] as const;

export interface MailCliBed extends CliBed {
  /** The emulated box behind a fleet name. */
  boxOf(name: string): TestbedBox;
  /** Its state, as the emulator keeps it (what the box would have on disk). */
  stateOf(name: string): BoxState;
  /** The data directory holding the fleet, for a CLI run as its own process (in a terminal). */
  dataDir: string;
}

function seed(state: BoxState): void {
  addUser(state, { email: 'alice@example.com', password: 'alice-password-1', quota: '2G' });
  addAlias(state, { source: 'team@example.com', destination: 'alice@example.com' });
}

export async function startMailCliBed(options: { old?: boolean } = {}): Promise<MailCliBed> {
  const admin = DEFAULT_CLI_BOX.admin;
  const boxes: TestbedBoxOptions[] = [
    { flavour: 'upstream', hostname: 'up.example.net', admin, seed },
    { flavour: 'power', hostname: 'pw.example.net', admin, seed },
  ];
  const names = ['up', 'pw'];
  if (options.old) {
    boxes.push({
      flavour: 'upstream',
      hostname: 'old.example.net',
      admin,
      seed: (state) => {
        seed(state);
        state.version = 'v72';
      },
    });
    names.push('old');
  }
  const bed = await startCliBed({ boxes });
  const byName = new Map(names.map((name, i) => [name, bed.testbed.box(i)]));
  const boxOf = (name: string): TestbedBox => {
    const box = byName.get(name);
    if (!box) throw new Error(`no test box ${name}`);
    return box;
  };
  const dataDir = await bed.freshDataDir();
  for (const [name, box] of byName) {
    const { privateKeyPath, hostKeyFingerprint, user } = box.profile;
    const added = await bed.cli([
      ...['box', 'add', name, ...bed.target(user, box)],
      ...['--key', privateKeyPath, '--accept-host-key', hostKeyFingerprint],
    ]);
    if (added.code !== 0) throw new Error(`box add ${name}: ${added.err}`);
  }
  return Object.assign(bed, { boxOf, stateOf: (name: string) => boxOf(name).emulator.state, dataDir });
}

/** The file's mail CLI fleet, started before its tests and stopped after them; call the result inside a test. */
export function useMailCliBed(options: { old?: boolean } = {}): () => MailCliBed {
  return suiteBed(() => startMailCliBed(options));
}
