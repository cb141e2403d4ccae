import { z } from 'zod';
import { ok, type Result } from '../../src-shared/contract/result';

export const knownHostEntrySchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  keyType: z.string().min(1),
  fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/),
  addedAt: z.string(),
});
export type KnownHostEntry = z.infer<typeof knownHostEntrySchema>;

/** What the app's own known-hosts file holds: only keys a user confirmed (or accepted deliberately after a change). */
export const knownHostsDataSchema = z.object({
  version: z.literal(1),
  hosts: z.array(knownHostEntrySchema),
});
export type KnownHostsData = z.infer<typeof knownHostsDataSchema>;

export function emptyKnownHosts(): KnownHostsData {
  return { version: 1, hosts: [] };
}

/** Persistence for HostKeys; the lead's JSON store backs it in the app, tests use the in-memory one. */
export interface KnownHostsStorage {
  load(): Promise<Result<KnownHostsData>>;
  save(data: KnownHostsData): Promise<Result<void>>;
}

export class MemoryKnownHostsStorage implements KnownHostsStorage {
  private data: KnownHostsData;

  constructor(initial: KnownHostsData = emptyKnownHosts()) {
    this.data = structuredClone(initial);
  }

  async load(): Promise<Result<KnownHostsData>> {
    return ok(structuredClone(this.data));
  }

  async save(data: KnownHostsData): Promise<Result<void>> {
    this.data = structuredClone(data);
    return ok(undefined);
  }
}
