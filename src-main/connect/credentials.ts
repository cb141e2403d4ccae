import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { AuthMethod } from '../../src-shared/domain/box';
import type { CredentialInput } from '../../src-shared/domain/credentials';
import type { CredentialKind } from '../secrets/keychain';
import { checkPrivateKeyText } from '../ssh/key-file';
import type { SshAuth } from '../ssh/types';

/** A credential resolved in memory: how to log in now, what the box profile records, and what goes to the keychain. */
export interface ResolvedCredential {
  auth: SshAuth;
  method: AuthMethod;
  secrets: Array<[CredentialKind, string]>;
}

export interface CredentialDeps {
  readKeyFile(path: string): Promise<Result<string>>;
  generatedKey(keyId: string): { privateKey: string; publicKeyLine: string } | undefined;
  agentSocket: string | undefined;
}

function keyAuth(privateKey: string, passphrase: string | undefined): SshAuth {
  return passphrase ? { kind: 'key', privateKey, passphrase } : { kind: 'key', privateKey };
}

/** Turns what the admin typed into a login; reads a key file once, here, so the keychain can hold the key itself. */
export async function resolveCredential(
  input: CredentialInput,
  deps: CredentialDeps,
): Promise<Result<ResolvedCredential>> {
  switch (input.kind) {
    case 'key-file': {
      const key = await deps.readKeyFile(input.path);
      if (!key.ok) return key;
      const secrets: Array<[CredentialKind, string]> = [['private-key', key.value]];
      if (input.passphrase) secrets.push(['passphrase', input.passphrase]);
      return ok({
        auth: keyAuth(key.value, input.passphrase),
        method: { kind: 'key', keyPath: input.path, hasPassphrase: Boolean(input.passphrase) },
        secrets,
      });
    }
    case 'key-text': {
      const checked = checkPrivateKeyText(input.privateKey);
      if (!checked.ok) return checked;
      const privateKey = checked.value.trim() + '\n';
      const secrets: Array<[CredentialKind, string]> = [['private-key', privateKey]];
      if (input.passphrase) secrets.push(['passphrase', input.passphrase]);
      return ok({
        auth: keyAuth(privateKey, input.passphrase),
        method: { kind: 'key', hasPassphrase: Boolean(input.passphrase) },
        secrets,
      });
    }
    case 'password':
      return ok({
        auth: { kind: 'password', password: input.password },
        method: { kind: 'password' },
        secrets: [['password', input.password]],
      });
    case 'agent':
      if (!deps.agentSocket) {
        return fail(
          'validation',
          'No SSH agent is running for Boxfleet (SSH_AUTH_SOCK is not set). Start one and add your key with ssh-add, or choose a key file.',
        );
      }
      return ok({ auth: { kind: 'agent', socketPath: deps.agentSocket }, method: { kind: 'agent' }, secrets: [] });
    case 'generated': {
      const pair = deps.generatedKey(input.keyId);
      if (!pair)
        return fail('validation', 'That generated key has expired. Generate a new one and authorize it on the box.');
      return ok({
        auth: { kind: 'key', privateKey: pair.privateKey },
        method: { kind: 'generated-key', publicKey: pair.publicKeyLine },
        secrets: [['generated-key', pair.privateKey]],
      });
    }
  }
}
