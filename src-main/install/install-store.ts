import { join } from 'node:path';
import { z } from 'zod';
import type { StoreProblem } from '../../src-shared/contract/app';
import {
  installRecordSchema,
  installStatusSchema,
  type InstallRecord,
  type InstallStatus,
} from '../../src-shared/contract/install';
import { ok, type Result } from '../../src-shared/contract/result';
import { authMethodSchema, boxPathsSchema, jumpHostSchema } from '../../src-shared/domain/box';
import { JsonFile } from '../store/json-file';

/**
 * How to reach the server again after a restart. For an install the secrets are in the keychain under the install
 * id (`targetId`); for a re-run or upgrade `targetId` is the fleet box, which has its own.
 */
export const installLoginSchema = z.object({
  targetId: z.string(),
  auth: authMethodSchema.optional(),
  jumpHost: jumpHostSchema.optional(),
  apiPort: z.number().int(),
  paths: boxPathsSchema,
});
export type InstallLogin = z.infer<typeof installLoginSchema>;

/** One install as `<dataDir>/installs.json` keeps it: the contract's record, how to reach it, and its end (no secret). */
export const storedInstallSchema = z.object({
  record: installRecordSchema,
  login: installLoginSchema,
  publicIp: z.string().nullable(),
  publicIpv6: z.string().nullable(),
  /** What `status` showed when it ended, so it can be shown after a restart without the server. */
  final: installStatusSchema.omit({ record: true }).optional(),
});
export type StoredInstall = z.infer<typeof storedInstallSchema>;

const fileSchema = z.array(storedInstallSchema);

/** Ended installs kept in the list; running ones are never dropped. */
const KEEP_ENDED = 30;

/** `<dataDir>/installs.json` (0600): every change is a read-modify-write through one queue. */
export class InstallStore {
  private readonly file: JsonFile<StoredInstall[]>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, onProblem?: (problem: StoreProblem) => void) {
    this.file = new JsonFile(join(dataDir, 'installs.json'), {
      version: 1,
      schema: fileSchema,
      empty: () => [],
      ...(onProblem ? { onProblem } : {}),
    });
  }

  async all(): Promise<Result<StoredInstall[]>> {
    return this.file.readOrEmpty();
  }

  async get(installId: string): Promise<Result<StoredInstall | undefined>> {
    const all = await this.all();
    return all.ok ? ok(all.value.find((entry) => entry.record.installId === installId)) : all;
  }

  /** Adds or replaces one install (newest first), dropping the oldest ended ones beyond the limit. */
  put(entry: StoredInstall): Promise<Result<StoredInstall[]>> {
    return this.serial(() =>
      this.file.update((current) => {
        const others = current.filter((e) => e.record.installId !== entry.record.installId);
        const next = [entry, ...others].sort((a, b) => b.record.startedAt.localeCompare(a.record.startedAt));
        let ended = 0;
        return next.filter((e) => e.record.state === 'running' || ++ended <= KEEP_ENDED);
      }),
    );
  }

  /** Changes one install's record (and its end) if it is still there. */
  change(installId: string, change: (entry: StoredInstall) => StoredInstall): Promise<Result<StoredInstall[]>> {
    return this.serial(() =>
      this.file.update((current) => current.map((e) => (e.record.installId === installId ? change(e) : e))),
    );
  }

  remove(installId: string): Promise<Result<StoredInstall[]>> {
    return this.serial(() => this.file.update((current) => current.filter((e) => e.record.installId !== installId)));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

export type { InstallRecord, InstallStatus };
