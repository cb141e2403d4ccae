import { ok, type Result } from '../../src-shared/contract/result';

/** The kinds of secret Boxfleet keeps per box. */
export const CREDENTIAL_KINDS = ['private-key', 'passphrase', 'password', 'generated-key'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** The keychain service name every Boxfleet entry lives under. */
export const KEYCHAIN_SERVICE = 'boxfleet';

/** One entry per credential: `${boxId}:${kind}`. */
export function keychainAccount(boxId: string, kind: CredentialKind): string {
  return `${boxId}:${kind}`;
}

/**
 * Secrets storage. Implementations fail with `keychain-unavailable` when there is no usable OS keychain
 * and never fall back to a file.
 */
export interface Keychain {
  /** null when no secret is stored under that account. */
  get(account: string): Promise<Result<string | null>>;
  set(account: string, secret: string): Promise<Result<void>>;
  /** Deleting an absent entry succeeds. */
  delete(account: string): Promise<Result<void>>;
}

/** Removes every secret a box may have; used when a box leaves the fleet or its credentials are replaced. */
export async function deleteAllSecrets(keychain: Keychain, boxId: string): Promise<Result<void>> {
  for (const kind of CREDENTIAL_KINDS) {
    const deleted = await keychain.delete(keychainAccount(boxId, kind));
    if (!deleted.ok) return deleted;
  }
  return ok(undefined);
}

/** A keychain that forgets everything when the process ends: for tests and for `--no-keychain` style dry runs. */
export class MemoryKeychain implements Keychain {
  private readonly entries = new Map<string, string>();

  async get(account: string): Promise<Result<string | null>> {
    return ok(this.entries.get(account) ?? null);
  }

  async set(account: string, secret: string): Promise<Result<void>> {
    this.entries.set(account, secret);
    return ok(undefined);
  }

  async delete(account: string): Promise<Result<void>> {
    this.entries.delete(account);
    return ok(undefined);
  }

  async deleteAll(boxId: string): Promise<Result<void>> {
    return deleteAllSecrets(this, boxId);
  }
}
