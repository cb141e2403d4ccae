import type { AuthMethod, Box } from '../../src-shared/domain/box';
import { EMPTY_FORM, type AddServerForm, type AuthKind } from './add-server-form';

function authKindOf(auth: AuthMethod): AuthKind {
  switch (auth.kind) {
    case 'key':
      // A pasted key has no path to show again; the admin pastes it (or another) anew.
      return auth.keyPath ? 'key-file' : 'key-text';
    case 'generated-key':
      return 'generated';
    case 'password':
      return 'password';
    case 'agent':
      return 'agent';
  }
}

/**
 * The add-server form filled from a saved box, to edit its connection. Never a secret: those stay in main's
 * keychain, so the admin enters the login again and the saved one is replaced only once the new one works.
 */
export function formFromBox(box: Box): AddServerForm {
  return {
    ...EMPTY_FORM,
    host: box.host,
    port: String(box.port),
    user: box.user,
    authKind: authKindOf(box.auth),
    keyPath: box.auth.kind === 'key' ? (box.auth.keyPath ?? '') : '',
    useJumpHost: box.jumpHost !== undefined,
    jumpHost: box.jumpHost?.host ?? '',
    jumpPort: String(box.jumpHost?.port ?? 22),
    jumpUser: box.jumpHost?.user ?? '',
    apiPort: String(box.apiPort),
    apiKeyPath: box.paths.apiKey,
    confPath: box.paths.conf,
    storageRoot: box.paths.storageRoot,
  };
}
