import { AsyncEntry } from '@napi-rs/keyring';
import { ok, type Result } from '../../src-shared/contract/result';
import { deleteAllSecrets, KEYCHAIN_SERVICE, type Keychain } from './keychain';
import { mapKeyringError } from './keyring-errors';

/** The slice of @napi-rs/keyring's AsyncEntry we use, so tests can count on the real one and nothing else. */
export interface KeyringEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  deleteCredential(): Promise<boolean>;
}

export interface OsKeychainDeps {
  service?: string;
  /** Builds an entry; defaults to @napi-rs/keyring pinned to the Secret Service on Linux. */
  createEntry?: (service: string, account: string) => KeyringEntry;
}

/**
 * Pinned to the Secret Service on Linux: the library's default silently falls back to the kernel keyring,
 * which keeps secrets in memory only (lost at logout) and is refused on many machines.
 */
export function createSecretServiceEntry(service: string, account: string): KeyringEntry {
  return new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
}

/** Secrets in the OS keychain (Secret Service, macOS Keychain, Windows Credential Manager), one entry per credential. */
export class OsKeychain implements Keychain {
  private readonly service: string;
  private readonly createEntry: (service: string, account: string) => KeyringEntry;

  constructor(deps: OsKeychainDeps = {}) {
    this.service = deps.service ?? KEYCHAIN_SERVICE;
    this.createEntry = deps.createEntry ?? createSecretServiceEntry;
  }

  async get(account: string): Promise<Result<string | null>> {
    try {
      return ok(await this.createEntry(this.service, account).getPassword());
    } catch (error) {
      return mapKeyringError(error, 'read');
    }
  }

  async set(account: string, secret: string): Promise<Result<void>> {
    try {
      await this.createEntry(this.service, account).setPassword(secret);
      return ok(undefined);
    } catch (error) {
      return mapKeyringError(error, 'save');
    }
  }

  async delete(account: string): Promise<Result<void>> {
    try {
      await this.createEntry(this.service, account).deleteCredential();
      return ok(undefined);
    } catch (error) {
      return mapKeyringError(error, 'delete');
    }
  }

  async deleteAll(boxId: string): Promise<Result<void>> {
    return deleteAllSecrets(this, boxId);
  }
}
