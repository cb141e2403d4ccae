import { fail, type Fail } from '../../src-shared/contract/result';
import type { HostKeyRejection } from './types';

/** What the mapper knows about the attempt that failed. */
export interface SshErrorContext {
  readonly host: string;
  readonly port: number;
  readonly user?: string;
  /** 'jump' while connecting the jump host, 'via-jump' while opening the hop to the box through it. */
  readonly stage?: 'connect' | 'jump' | 'via-jump';
  readonly rejection?: HostKeyRejection;
  /** A failure of the host-key store itself during verification (the key was refused because of it). */
  readonly storeFailure?: Fail;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'EADDRNOTAVAIL',
]);

/** Socket errors in words: what each one means for the person at the keyboard. */
const UNREACHABLE_REASONS: Readonly<Record<string, string>> = {
  EHOSTUNREACH: 'no route to that host',
  ENETUNREACH: 'no route to that network',
  ETIMEDOUT: 'no answer in time',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  EADDRNOTAVAIL: 'that address is not available from here',
};

function field(error: unknown, name: string): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value: unknown = (error as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function where(ctx: SshErrorContext): string {
  return `${ctx.host}:${ctx.port}`;
}

function hostKeyFailure(r: HostKeyRejection): Fail {
  const at = `${r.host}:${r.port}`;
  switch (r.kind) {
    case 'unknown':
      return fail(
        'host-key-unknown',
        `${at} is not known yet. Its ${r.keyType} host key has the fingerprint ${r.fingerprint}. Confirm it matches the box before trusting it.`,
        {
          retryable: false,
          detail: { host: r.host, port: r.port, fingerprint: r.fingerprint, keyType: r.keyType },
        },
      );
    case 'mismatch':
      return fail(
        'host-key-mismatch',
        `The SSH host key of ${at} has changed: expected ${r.expectedKeyType} ${r.expected}, got ${r.keyType} ${r.got}. ` +
          'Nothing was sent to the box. This happens when a box is reinstalled or its host keys are regenerated, but it can also mean someone is intercepting the connection. ' +
          'Verify the new fingerprint on the box itself (on its console: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and only then accept the new key in the box settings.',
        {
          retryable: false,
          detail: {
            host: r.host,
            port: r.port,
            expected: r.expected,
            expectedKeyType: r.expectedKeyType,
            got: r.got,
            keyType: r.keyType,
          },
        },
      );
    case 'malformed':
      return fail('host-key-mismatch', `${at} sent a host key Boxfleet cannot read, so the connection was refused.`, {
        retryable: false,
        detail: { host: r.host, port: r.port },
      });
  }
}

/** The one place ssh2 and socket errors become Boxfleet errors. */
export function mapSshError(error: unknown, ctx: SshErrorContext): Fail {
  if (ctx.storeFailure) return ctx.storeFailure;
  if (ctx.rejection) return hostKeyFailure(ctx.rejection);
  const level = field(error, 'level');
  const code = field(error, 'code');
  // Read by shape, not instanceof: socket errors can come from another realm (jest, worker contexts).
  const message = field(error, 'message') ?? String(error);
  const detail = { host: ctx.host, port: ctx.port, cause: message, ...(code ? { errno: code } : {}) };
  const hop = ctx.stage === 'jump' ? 'the jump host ' : '';

  if (level === 'client-authentication') {
    return fail(
      'auth-failed',
      `${hop}${where(ctx)} refused the login${ctx.user ? ` for ${ctx.user}` : ''}: the key, password or agent identity was not accepted.`,
      { retryable: false, detail },
    );
  }
  if (level === 'agent') {
    return fail(
      'auth-failed',
      `The SSH agent could not be used: ${message}. Check that it is running and SSH_AUTH_SOCK points at it.`,
      { retryable: false, detail },
    );
  }
  if (/passphrase|Cannot parse privateKey|private key/i.test(message)) {
    return fail('auth-failed', `The private key for ${where(ctx)} cannot be used: ${message}`, {
      retryable: false,
      detail,
    });
  }
  if (level === 'client-timeout' || /Timed out while waiting for handshake/i.test(message)) {
    return fail('timeout', `${hop}${where(ctx)} did not complete the SSH handshake in time.`, { detail });
  }
  if (ctx.stage === 'via-jump' && /Channel open failure/i.test(message)) {
    return fail('host-unreachable', `The jump host could not reach ${where(ctx)}: ${message}`, { detail });
  }
  if (level === 'client-dns' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return fail('host-unreachable', `The name ${ctx.host} could not be resolved.`, { detail });
  }
  if (code === 'ECONNREFUSED') {
    // Trying again does not help: the host answered, and said no SSH server listens on that port.
    return fail(
      'host-unreachable',
      `Nothing is listening for SSH at ${hop}${where(ctx)} (the connection was refused). Check the address and port, ` +
        'and that the SSH server runs on the box.',
      { retryable: false, detail },
    );
  }
  if ((code !== undefined && UNREACHABLE_CODES.has(code)) || level === 'client-socket') {
    const reason = (code !== undefined ? UNREACHABLE_REASONS[code] : undefined) ?? code ?? message;
    return fail('host-unreachable', `${hop}${where(ctx)} cannot be reached (${reason}).`, { detail });
  }
  if (/Not connected|No response from server|Connection lost|socket hang up|closed/i.test(message)) {
    return fail('host-unreachable', `The SSH connection to ${where(ctx)} was lost.`, { detail });
  }
  if (level === 'protocol' || level === 'handshake' || level === 'client-ssh') {
    return fail('host-unreachable', `The SSH connection to ${where(ctx)} failed: ${message}`, { detail });
  }
  return fail('internal', `SSH to ${where(ctx)} failed: ${message}`, { retryable: false, detail });
}
