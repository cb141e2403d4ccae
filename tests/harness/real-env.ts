/**
 * Sets variables in the real process environment (the C `environ` that native addons such as
 * @napi-rs/keyring's libdbus read with getenv).
 *
 * Under jest, `process.env` in a test file is a sandboxed copy: assigning to it reaches neither native code
 * nor child processes spawned without an explicit env. A worker thread created with SHARE_ENV writes the
 * real environment, and the main thread blocks on Atomics.wait until it has, so callers stay synchronous.
 */
import { SHARE_ENV, Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
for (const [key, value] of Object.entries(workerData.values)) {
  if (value === null) delete process.env[key];
  else process.env[key] = value;
}
const flag = new Int32Array(workerData.flag);
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
`;

/** Sets (string) or unsets (undefined) each variable in both the real environment and this `process.env`. */
export function setRealEnv(values: Record<string, string | undefined>): void {
  const serialisable: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(values)) {
    serialisable[key] = value ?? null;
    if (value === undefined) Reflect.deleteProperty(process.env, key);
    else process.env[key] = value;
  }
  const flag = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER_SOURCE, { eval: true, env: SHARE_ENV, workerData: { values: serialisable, flag } });
  const result = Atomics.wait(new Int32Array(flag), 0, 0, 10_000);
  void worker.terminate();
  if (result === 'timed-out') throw new Error('could not set the real process environment (worker timed out)');
}
