import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import { readKeyFile } from './key-file';
import { keychainAccount, type Keychain } from '../secrets/keychain';
import type { SshAuth, SshTarget } from './types';

export interface TargetDeps {
  keychain: Keychain;
  readKeyFile?: (path: string) => Promise<Result<string>>;
}

/** Reads a key file with the same checks as when a box is added (regular file, size bound, a private key). */
export async function readKeyFileFromDisk(path: string): Promise<Result<string>> {
  return readKeyFile(path);
}

async function secret(
  keychain: Keychain,
  box: Box,
  kind: 'private-key' | 'passphrase' | 'password' | 'generated-key',
  what: string,
): Promise<Result<string>> {
  const stored = await keychain.get(keychainAccount(box.id, kind));
  if (!stored.ok) return stored;
  if (stored.value === null)
    return fail(
      'auth-failed',
      `The ${what} for ${box.name} is not in the keychain any more. Enter it again in the box settings.`,
      { retryable: false, detail: { boxId: box.id, kind } },
    );
  return ok(stored.value);
}

async function authFor(box: Box, deps: TargetDeps): Promise<Result<SshAuth>> {
  const auth = box.auth;
  switch (auth.kind) {
    case 'key': {
      const inKeychain = await deps.keychain.get(keychainAccount(box.id, 'private-key'));
      if (!inKeychain.ok) return inKeychain;
      const privateKey = inKeychain.value ?? null;
      const key =
        privateKey !== null
          ? ok(privateKey)
          : auth.keyPath !== undefined
            ? await (deps.readKeyFile ?? readKeyFileFromDisk)(auth.keyPath)
            : fail(
                'auth-failed',
                `The private key for ${box.name} is not in the keychain any more. Add the box again.`,
                {
                  retryable: false,
                  detail: { boxId: box.id, kind: 'private-key' },
                },
              );
      if (!key.ok) return key;
      if (!auth.hasPassphrase) return ok({ kind: 'key', privateKey: key.value });
      const passphrase = await secret(deps.keychain, box, 'passphrase', 'key passphrase');
      return passphrase.ok ? ok({ kind: 'key', privateKey: key.value, passphrase: passphrase.value }) : passphrase;
    }
    case 'generated-key': {
      const key = await secret(deps.keychain, box, 'generated-key', 'generated key');
      return key.ok ? ok({ kind: 'key', privateKey: key.value }) : key;
    }
    case 'password': {
      const password = await secret(deps.keychain, box, 'password', 'password');
      return password.ok ? ok({ kind: 'password', password: password.value }) : password;
    }
    case 'agent':
      return ok({ kind: 'agent' });
  }
}

/** Where and how to log in to a box: its profile plus the secrets the keychain holds for it. The jump host uses the same login method. */
export async function targetFromBox(box: Box, deps: TargetDeps): Promise<Result<SshTarget>> {
  const auth = await authFor(box, deps);
  if (!auth.ok) return auth;
  const jump = box.jumpHost
    ? { host: box.jumpHost.host, port: box.jumpHost.port, user: box.jumpHost.user, auth: auth.value }
    : undefined;
  return ok({ host: box.host, port: box.port, user: box.user, auth: auth.value, ...(jump ? { jump } : {}) });
}
