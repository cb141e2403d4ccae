import type { z } from 'zod';
import type { boxesMethods } from '../../src-shared/contract/boxes';
import { boxNameSchema, hostSchema } from '../../src-shared/domain/box';
import type { CredentialInput } from '../../src-shared/domain/credentials';
import { DEFAULT_BOX_PATHS } from '../../src-shared/domain/box';
import { keyPathProblem, normaliseFingerprint, privateKeyProblem, uploadedKeyProblem } from './add-server-checks';

export type AuthKind = CredentialInput['kind'];

/** A key pair main generated; only its public half ever reaches the renderer. */
export interface GeneratedKey {
  readonly keyId: string;
  readonly publicKey: string;
  readonly authorizeCommand: string;
}

/**
 * A key file read in the window (browser mode's file input, which gives content, never a path). Its text is a
 * secret: it goes to main once as a pasted key would, and is wiped like one.
 */
export interface UploadedKey {
  readonly fileName: string;
  readonly text: string;
}

export const DEFAULT_API_PORT = '10222';

/** What the admin typed, as typed: numbers stay strings so a half-typed port is kept, not lost. */
export interface AddServerForm {
  readonly host: string;
  readonly port: string;
  readonly user: string;
  readonly authKind: AuthKind;
  readonly keyPath: string;
  /** Set instead of keyPath when the key was chosen with the file input. */
  readonly uploadedKey: UploadedKey | null;
  readonly privateKey: string;
  readonly passphrase: string;
  readonly password: string;
  readonly generated: GeneratedKey | null;
  readonly useJumpHost: boolean;
  readonly jumpHost: string;
  readonly jumpPort: string;
  readonly jumpUser: string;
  readonly apiPort: string;
  readonly apiKeyPath: string;
  readonly confPath: string;
  readonly storageRoot: string;
}

export const EMPTY_FORM: AddServerForm = {
  host: '',
  port: '22',
  user: 'root',
  authKind: 'key-file',
  keyPath: '',
  uploadedKey: null,
  privateKey: '',
  passphrase: '',
  password: '',
  generated: null,
  useJumpHost: false,
  jumpHost: '',
  jumpPort: '22',
  jumpUser: '',
  apiPort: DEFAULT_API_PORT,
  apiKeyPath: DEFAULT_BOX_PATHS.apiKey,
  confPath: DEFAULT_BOX_PATHS.conf,
  storageRoot: DEFAULT_BOX_PATHS.storageRoot,
};

/** The fields that hold secrets: wiped once main has them, and never echoed back. */
export const SECRET_FIELDS = ['privateKey', 'passphrase', 'password'] as const;

export type FormField = Exclude<keyof AddServerForm, 'generated' | 'useJumpHost' | 'authKind' | 'uploadedKey'>;
export type FieldErrors = Partial<Record<FormField | 'generated', string>>;

export type ConnectRequest = z.input<typeof boxesMethods.connect.request>;
export type ProbeRequest = z.input<typeof boxesMethods.probe.request>;

function parsePort(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  const port = Number(trimmed);
  return port >= 1 && port <= 65535 ? port : null;
}

function hostError(text: string): string | undefined {
  const parsed = hostSchema.safeParse(text);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

const PORT_MESSAGE = 'Enter a port number from 1 to 65535.';

function credentialOf(form: AddServerForm, errors: FieldErrors): CredentialInput | null {
  const passphrase = form.passphrase === '' ? undefined : form.passphrase;
  switch (form.authKind) {
    case 'key-file': {
      if (form.uploadedKey) {
        const problem = uploadedKeyProblem(form.uploadedKey.text);
        if (problem) errors.keyPath = problem;
        return { kind: 'key-text', privateKey: form.uploadedKey.text, ...(passphrase ? { passphrase } : {}) };
      }
      const path = form.keyPath.trim();
      const problem = path === '' ? 'Enter the path of your private key file.' : keyPathProblem(path);
      if (problem) errors.keyPath = problem;
      return { kind: 'key-file', path, ...(passphrase ? { passphrase } : {}) };
    }
    case 'key-text': {
      const problem = form.privateKey.trim() === '' ? 'Paste the private key.' : privateKeyProblem(form.privateKey);
      if (problem) errors.privateKey = problem;
      return { kind: 'key-text', privateKey: form.privateKey, ...(passphrase ? { passphrase } : {}) };
    }
    case 'password':
      if (form.password === '') errors.password = 'Enter the password.';
      return { kind: 'password', password: form.password };
    case 'agent':
      return { kind: 'agent' };
    case 'generated':
      if (!form.generated) {
        errors.generated = 'Generate a key first, then authorize it on the server.';
        return null;
      }
      return { kind: 'generated', keyId: form.generated.keyId };
  }
}

export type Checked =
  { readonly ok: true; readonly request: ConnectRequest } | { readonly ok: false; readonly errors: FieldErrors };

/**
 * Checks the form the way main will, so mistakes are pointed at field by field before anything is sent,
 * and builds the `boxes.connect` request from it.
 */
export function checkForm(form: AddServerForm): Checked {
  const errors: FieldErrors = {};
  const hostProblem = hostError(form.host);
  if (hostProblem) errors.host = hostProblem;
  const port = parsePort(form.port);
  if (port === null) errors.port = PORT_MESSAGE;
  if (form.user.trim() === '') errors.user = 'Enter the SSH user.';
  const credential = credentialOf(form, errors);

  let jumpHost: ConnectRequest['jumpHost'];
  if (form.useJumpHost) {
    const jumpProblem = hostError(form.jumpHost);
    if (jumpProblem) errors.jumpHost = jumpProblem;
    const jumpPort = parsePort(form.jumpPort);
    if (jumpPort === null) errors.jumpPort = PORT_MESSAGE;
    if (form.jumpUser.trim() === '') errors.jumpUser = 'Enter the user on the jump host.';
    jumpHost = { host: form.jumpHost.trim(), port: jumpPort ?? 22, user: form.jumpUser.trim() };
  }

  const apiPort = parsePort(form.apiPort);
  if (apiPort === null) errors.apiPort = PORT_MESSAGE;
  for (const field of ['apiKeyPath', 'confPath', 'storageRoot'] as const) {
    if (!form[field].trim().startsWith('/')) errors[field] = 'Enter an absolute path on the server.';
  }

  if (Object.keys(errors).length > 0 || credential === null) return { ok: false, errors };
  const request: ConnectRequest = {
    host: form.host.trim(),
    port: port ?? 22,
    user: form.user.trim(),
    apiPort: apiPort ?? 10222,
    paths: { apiKey: form.apiKeyPath.trim(), conf: form.confPath.trim(), storageRoot: form.storageRoot.trim() },
    credential,
  };
  if (jumpHost) request.jumpHost = jumpHost;
  return { ok: true, request };
}

/** True when the Advanced settings differ from a real box's, so the disclosure opens to show them. */
export function hasAdvancedChanges(form: AddServerForm): boolean {
  return (
    form.apiPort.trim() !== DEFAULT_API_PORT ||
    form.apiKeyPath.trim() !== DEFAULT_BOX_PATHS.apiKey ||
    form.confPath.trim() !== DEFAULT_BOX_PATHS.conf ||
    form.storageRoot.trim() !== DEFAULT_BOX_PATHS.storageRoot
  );
}

export interface SshConfigHost {
  readonly alias: string;
  readonly host: string;
  readonly port: number;
  readonly user?: string;
  readonly identityFile?: string;
  readonly proxyJump?: string;
}

/** `[user@]host[:port]`, the first hop of a ProxyJump list; null for forms we cannot express (e.g. `none`). */
export function parseJump(spec: string): { user: string; host: string; port: string } | null {
  const first = spec.split(',')[0]?.trim() ?? '';
  if (first === '' || first.toLowerCase() === 'none') return null;
  const match = /^(?:([^@\s]+)@)?(\[[^\]]+\]|[^:\s]+)(?::(\d+))?$/.exec(first);
  if (!match) return null;
  const [, user = '', rawHost = '', port = '22'] = match;
  return { user, host: rawHost.replace(/^\[|\]$/g, ''), port };
}

/** Fills the connection fields from an ~/.ssh/config entry; secrets and Advanced settings are left alone. */
export function applySshConfigHost(form: AddServerForm, entry: SshConfigHost): AddServerForm {
  const next: AddServerForm = {
    ...form,
    host: entry.host,
    port: String(entry.port),
    user: entry.user ?? form.user,
  };
  const withKey: AddServerForm = entry.identityFile
    ? { ...next, authKind: 'key-file', keyPath: entry.identityFile }
    : next;
  const jump = entry.proxyJump ? parseJump(entry.proxyJump) : null;
  if (!jump) return { ...withKey, useJumpHost: false };
  return {
    ...withKey,
    useJumpHost: true,
    jumpHost: jump.host,
    jumpPort: jump.port,
    jumpUser: jump.user || withKey.user,
  };
}

/** A valid box name from what we know (the box's own hostname, else the address typed), or '' if none fits. */
export function suggestName(...candidates: Array<string | undefined>): string {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const cleaned = candidate
      .trim()
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .replace(/[-._]+$/, '')
      .slice(0, 64);
    if (boxNameSchema.safeParse(cleaned).success) return cleaned;
  }
  return '';
}

/** Tags as typed ("eu, production") → a clean, de-duplicated list. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const tag = part.trim();
    if (tag !== '') seen.add(tag);
  }
  return [...seen];
}

/** Checks a box name and tags as `boxes.save` and `boxes.update` will. */
export function checkNameAndTags(
  name: string,
  tagsText: string,
): { ok: true; name: string; tags: string[] } | { ok: false; errors: { name?: string; tags?: string } } {
  const errors: { name?: string; tags?: string } = {};
  const parsed = boxNameSchema.safeParse(name);
  if (!parsed.success) errors.name = parsed.error.issues[0]?.message ?? 'That name is not accepted.';
  const tags = parseTags(tagsText);
  if (tags.some((tag) => tag.length > 40)) errors.tags = 'Each tag is at most 40 characters.';
  else if (tags.length > 20) errors.tags = 'A box has at most 20 tags.';
  if (errors.name || errors.tags) return { ok: false, errors };
  return { ok: true, name: parsed.success ? parsed.data : name, tags };
}

/** A fingerprint as typed or pasted, compared without the `SHA256:` prefix, `=` padding and surrounding blanks. */
export function sameFingerprint(typed: string, shown: string): boolean {
  const mine = normaliseFingerprint(typed);
  return mine !== '' && mine === normaliseFingerprint(shown);
}
