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
import { captureIo } from '../helpers/capture-io';
import { restoreEnv, startKeyring, type Keyring } from '../harness/keyring';
import { removeTempDirs } from '../harness/temp';
import { startTestbed, type Testbed, type TestbedBoxOptions } from '../harness/testbed';

export interface MailBed {
  readonly core: Core;
  readonly testbed: Testbed;
  /** Box ids by the names given to `startMailBed`. */
  readonly ids: ReadonlyMap<string, string>;
  /** A contract call through the router; throws with the error's code and text when it fails. */
  call<T>(method: string, request: object): Promise<T>;
  /** A contract call that must fail: its error. */
  refusal(method: string, request: object): Promise<AppError>;
  stop(): Promise<void>;
}

export async function startMailBed(boxes: Array<TestbedBoxOptions & { name: string }>): Promise<MailBed> {
  const keyring: Keyring = await startKeyring();
  const restore = keyring.apply();
  const dataDir = await mkdtemp(join(tmpdir(), 'bf-mailboxes-'));
  const testbed = await startTestbed({ boxes });
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
