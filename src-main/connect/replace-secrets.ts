import { ok, type Result } from '../../src-shared/contract/result';
import { CREDENTIAL_KINDS, keychainAccount, type CredentialKind, type Keychain } from '../secrets/keychain';

/** What a box's keychain entries were before a replacement, to put them back if it fails halfway. */
export type SecretsSnapshot = ReadonlyArray<readonly [CredentialKind, string | null]>;

export async function snapshotSecrets(keychain: Keychain, boxId: string): Promise<Result<SecretsSnapshot>> {
  const entries: Array<[CredentialKind, string | null]> = [];
  for (const kind of CREDENTIAL_KINDS) {
    const value = await keychain.get(keychainAccount(boxId, kind));
    if (!value.ok) return value;
    entries.push([kind, value.value]);
  }
  return ok(entries);
}

/** Best effort: the failure that made us restore is what the admin needs to see, not a second one. */
export async function restoreSecrets(keychain: Keychain, boxId: string, snapshot: SecretsSnapshot): Promise<void> {
  for (const [kind, value] of snapshot) {
    const account = keychainAccount(boxId, kind);
    await (value === null ? keychain.delete(account) : keychain.set(account, value));
  }
}

/**
 * Swaps a saved box's credential in the keychain. The new secrets are written first and the kinds the new
 * credential does not use are deleted after, so a keychain that fails on the way leaves the old, working
 * credential in place: on any failure everything is put back as it was.
 */
export async function replaceSecrets(
  keychain: Keychain,
  boxId: string,
  secrets: ReadonlyArray<readonly [CredentialKind, string]>,
): Promise<Result<SecretsSnapshot>> {
  const before = await snapshotSecrets(keychain, boxId);
  if (!before.ok) return before;
  const used = new Set<CredentialKind>();
  for (const [kind, secret] of secrets) {
    used.add(kind);
    const stored = await keychain.set(keychainAccount(boxId, kind), secret);
    if (!stored.ok) {
      await restoreSecrets(keychain, boxId, before.value);
      return stored;
    }
  }
  for (const kind of CREDENTIAL_KINDS) {
    if (used.has(kind)) continue;
    const deleted = await keychain.delete(keychainAccount(boxId, kind));
    if (!deleted.ok) {
      await restoreSecrets(keychain, boxId, before.value);
      return deleted;
    }
  }
  return before;
}
