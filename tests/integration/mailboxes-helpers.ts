/**
 * What the mailboxes integration tests share: emulated boxes behind real sshd added to a fresh data directory through
 * the CLI, and a real core whose router the tests call as the window would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src-main/cli/main';
import { createCore, type Core } from '../../src-main/compose/core';
import type { AppError } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import { addLeftoverMailbox, addUser, type BoxState } from '../emulator';
import { captureIo } from '../helpers/capture-io';
import { suiteBed } from '../helpers/suite-bed';
import { restoreEnv, startKeyring, type Keyring } from '../harness/keyring';
import { removeTempDirs } from '../harness/temp';
import { startTestbed, type Testbed, type TestbedBoxOptions, type TestbedOptions } from '../harness/testbed';

/** The admin every mail test box is set up with. */
export const MAIL_ADMIN = { email: 'me@box.example.com', password: 'admin-password-1' };

/** alice@example.com with a 2 GB quota, and the mailbox folder an archived gone@example.com left on the box. */
export function seedAliceAndArchived(state: BoxState): void {
  addUser(state, { email: 'alice@example.com', password: 'alice-password-1', quota: '2G' });
  addLeftoverMailbox(state, 'gone@example.com');
}

/** "up": an upstream box.example.com seeded with `seedAliceAndArchived`, the first box of several mail beds. */
export const UP_WITH_ALICE = {
  name: 'up',
  flavour: 'upstream',
  hostname: 'box.example.com',
  admin: MAIL_ADMIN,
  seed: seedAliceAndArchived,
} as const satisfies TestbedBoxOptions & { name: string };

export interface MailBed {
  readonly core: Core;
  readonly testbed: Testbed;
  /** Box ids by the names given to `startMailBed`. */
  readonly ids: ReadonlyMap<string, string>;
  /** The id of the box given this name; throws for a name not given. */
  id(name: string): string;
  /** A contract call through the router; throws with the error's code and text when it fails. */
  call<T>(method: string, request: object): Promise<T>;
  /** A contract call that must fail: its error. */
  refusal(method: string, request: object): Promise<AppError>;
  stop(): Promise<void>;
}

/** `bed` adds test bed options (DNS tests need `system: true`: the box's /etc/nsd at its real path). */
export async function startMailBed(
  boxes: Array<TestbedBoxOptions & { name: string }>,
  bed: Omit<TestbedOptions, 'boxes'> = {},
): Promise<MailBed> {
  const keyring: Keyring = await startKeyring();
  const restore = keyring.apply();
  const dataDir = await mkdtemp(join(tmpdir(), 'bf-mailboxes-'));
  const testbed = await startTestbed({ ...bed, boxes });
  for (const [index, box] of testbed.boxes.entries()) {
    const { host, port, apiPort, paths, user, privateKeyPath, hostKeyFingerprint } = box.profile;
    const io = captureIo();
    const code = await main(
      [
        ...['--data-dir', dataDir, 'box', 'add', boxes[index]?.name ?? `box-${index}`, '--host', host],
        ...['--port', String(port), '--user', user, '--api-port', String(apiPort)],
        ...['--api-key-file', paths.apiKey, '--conf-file', paths.conf, '--storage-root', paths.storageRoot],
        ...['--key', privateKeyPath, '--accept-host-key', hostKeyFingerprint],
      ],
      io,
      {},
    );
    if (code !== 0) throw new Error(`box add: ${io.stderr}`);
  }
  const core = await createCore({ dataDir, mode: 'cli' });
  const listed = await core.router.call('boxes.list', {}, { face: 'cli' });
  if (!listed.ok) throw new Error(listed.error.message);
  const ids = new Map((listed.value as Box[]).map((box) => [box.name, box.id]));
  return {
    core,
    testbed,
    ids,
    id(name: string): string {
      const id = ids.get(name);
      if (id === undefined) throw new Error(`no test box ${name}`);
      return id;
    },
    async call<T>(method: string, request: object): Promise<T> {
      const answer = await core.router.call(method, request, { face: 'desktop' });
      if (!answer.ok) throw new Error(`${method}: ${answer.error.code}: ${answer.error.message}`);
      return answer.value as T;
    },
    async refusal(method: string, request: object): Promise<AppError> {
      const answer = await core.router.call(method, request, { face: 'desktop' });
      if (answer.ok) throw new Error(`${method} succeeded: ${JSON.stringify(answer.value)}`);
      return answer.error;
    },
    async stop() {
      await core.close();
      await testbed.stop();
      await keyring.stop();
      restoreEnv(restore);
      await rm(dataDir, { recursive: true, force: true });
      await removeTempDirs();
    },
  };
}

/**
 * The file's mail bed: started before its tests (then `afterStart`, to take a box down, say) and stopped after them.
 * Call the returned function inside a test or hook for the bed.
 */
export function useMailBed(
  boxes: Array<TestbedBoxOptions & { name: string }>,
  afterStart?: (bed: MailBed) => Promise<void>,
): () => MailBed {
  return suiteBed(async () => {
    const bed = await startMailBed(boxes);
    try {
      await afterStart?.(bed);
    } catch (error) {
      await bed.stop();
      throw error;
    }
    return bed;
  });
}
