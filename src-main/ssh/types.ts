/** How to log in to one SSH endpoint. Secrets are resolved by the caller (keychain, key file) before they reach the pool. */
export type SshAuth =
  | { readonly kind: 'key'; readonly privateKey: string | Buffer; readonly passphrase?: string }
  | { readonly kind: 'password'; readonly password: string }
  /** socketPath defaults to SSH_AUTH_SOCK. */
  | { readonly kind: 'agent'; readonly socketPath?: string };

export interface SshEndpoint {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly auth: SshAuth;
}

/** A box's SSH login, optionally reached through a jump host. */
export interface SshTarget extends SshEndpoint {
  readonly jump?: SshEndpoint;
}

/** Why hostVerifier refused a key; carried to the error mapper so the message can say what to verify. */
export type HostKeyRejection =
  | {
      readonly kind: 'unknown';
      readonly host: string;
      readonly port: number;
      readonly keyType: string;
      readonly fingerprint: string;
    }
  | {
      readonly kind: 'mismatch';
      readonly host: string;
      readonly port: number;
      readonly keyType: string;
      readonly got: string;
      readonly expected: string;
      readonly expectedKeyType: string;
    }
  | { readonly kind: 'malformed'; readonly host: string; readonly port: number };

export interface ExecOptions {
  /** Whole-command limit; the channel is closed when it passes. Default 30 s. */
  timeoutMs?: number;
  /** Combined stdout + stderr limit. Default 1 MiB. */
  maxOutputBytes?: number;
  /** Written to the command's stdin, which is then closed. Without it stdin is closed at once. */
  stdin?: string | Buffer;
  signal?: AbortSignal;
}

export interface ExecResult {
  /** Exit status; null when the command died from a signal or the server sent none. */
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}
