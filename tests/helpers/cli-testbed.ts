import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src-main/cli/main';
import { addUser } from '../emulator';
import { restoreEnv, startKeyring, type Keyring } from '../harness/keyring';
import { runCommand } from '../harness/run-command';
import { startTestbed, type Testbed, type TestbedBox, type TestbedBoxOptions } from '../harness/testbed';
import { captureIo } from './capture-io';

/**
 * One emulated upstream box behind a real sshd (keys and passwords accepted), a real Secret Service, and the CLI
 * run in-process against a fresh data directory per test: the setup the CLI integration tests share.
 */
export interface CliBed {
  readonly box: TestbedBox;
  readonly testbed: Testbed;
  readonly keyring: Keyring;
  cli(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }>;
  /** `--host ... --api-key-file ...`: how to reach the emulated box (the first, or `which`), whose files live under a local root. */
  target(user?: string, which?: TestbedBox): string[];
  /** The Secret Service's own view of Boxfleet's entries (libsecret's client, not the code under test). */
  keychainAccounts(): Promise<string[]>;
  /** A fresh data directory for the next test. */
  freshDataDir(): Promise<string>;
  /** Replaces the keyring (a test that takes the keychain away brings a new one back). */
  restartKeyring(): Promise<void>;
  stop(): Promise<void>;
}

/** The one box most CLI tests need: upstream, with alice@example.com (2G quota) next to the admin. */
export const DEFAULT_CLI_BOX: TestbedBoxOptions = {
  flavour: 'upstream',
  admin: { email: 'me@box.example.com', password: 'correct-horse-1' },
  seed: (state) => {
    addUser(state, { email: 'alice@example.com', password: 'alice-password-1', quota: '2G' });
  },
  passwordAuth: true,
};

/** `boxes` gives other emulated boxes (both flavours, say); `box` is the first of them. */
export async function startCliBed(options: { boxes?: TestbedBoxOptions[]; system?: boolean } = {}): Promise<CliBed> {
  let keyring = await startKeyring();
  const restore = keyring.apply();
  // `system`: the boxes' /etc/nsd at its real path, for the DNS commands (box-system.ts).
  const testbed = await startTestbed({ boxes: options.boxes ?? [DEFAULT_CLI_BOX], system: options.system ?? false });
  const box = testbed.boxes[0] as TestbedBox;
  const dataDirs: string[] = [];
  const newDataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bf-cli-'));
    dataDirs.push(dir);
    return dir;
  };
  let dataDir = await newDataDir();
  return {
    box,
    testbed,
    get keyring() {
      return keyring;
    },
    async cli(args, stdin = '') {
      const io = captureIo(stdin);
      const code = await main(['--data-dir', dataDir, ...args], io, {});
      return { code, out: io.stdout, err: io.stderr };
    },
    target(user = box.profile.user, which = box) {
      const { host, port, apiPort, paths } = which.profile;
      return [
        ...['--host', host, '--port', String(port), '--user', user, '--api-port', String(apiPort)],
        ...['--api-key-file', paths.apiKey, '--conf-file', paths.conf, '--storage-root', paths.storageRoot],
      ];
    },
    async keychainAccounts() {
      const { stdout, stderr } = await runCommand('secret-tool', ['search', '--all', 'service', 'boxfleet'], {
        env: { ...process.env, ...keyring.env },
        allowFailure: true,
      });
      return [...(stdout + stderr).matchAll(/attribute\.username = (\S+)/g)].map((m) => m[1] as string).sort();
    },
    async freshDataDir() {
      dataDir = await newDataDir();
      return dataDir;
    },
    async restartKeyring() {
      keyring = await startKeyring();
      keyring.apply();
    },
    async stop() {
      await testbed.stop();
      await keyring.stop();
      restoreEnv(restore);
      await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
