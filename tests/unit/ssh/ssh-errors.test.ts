import { fail } from '../../../src-shared/contract/result';
import { mapSshError } from '../../../src-main/ssh/ssh-errors';

function sshError(message: string, extra: Record<string, string>): Error {
  return Object.assign(new Error(message), extra);
}

const at = { host: 'box.example.com', port: 22, user: 'admin' };

describe('mapSshError', () => {
  it.each([
    [sshError('All configured authentication methods failed', { level: 'client-authentication' }), 'auth-failed'],
    [
      sshError('connect ECONNREFUSED 127.0.0.1:22', { level: 'client-socket', code: 'ECONNREFUSED' }),
      'host-unreachable',
    ],
    [
      sshError('connect EHOSTUNREACH 10.9.9.9:22', { level: 'client-socket', code: 'EHOSTUNREACH' }),
      'host-unreachable',
    ],
    [sshError('getaddrinfo ENOTFOUND nowhere.invalid', { level: 'client-dns', code: 'ENOTFOUND' }), 'host-unreachable'],
    [sshError('connect ETIMEDOUT 10.9.9.9:22', { code: 'ETIMEDOUT' }), 'host-unreachable'],
    [sshError('Timed out while waiting for handshake', { level: 'client-timeout' }), 'timeout'],
    [
      sshError('Cannot parse privateKey: Encrypted private OpenSSH key detected, but no passphrase given', {}),
      'auth-failed',
    ],
    [sshError('Failed to connect to agent', { level: 'agent' }), 'auth-failed'],
    [sshError('Something else entirely', {}), 'internal'],
  ])('maps %s', (error, code) => {
    expect(mapSshError(error, at).error.code).toBe(code);
  });

  it('marks unreachable and timeout as retryable, auth failures as not', () => {
    expect(mapSshError(sshError('x', { code: 'EHOSTUNREACH' }), at).error.retryable).toBe(true);
    expect(mapSshError(sshError('x', { level: 'client-timeout' }), at).error.retryable).toBe(true);
    expect(mapSshError(sshError('x', { level: 'client-authentication' }), at).error.retryable).toBe(false);
  });

  it('says that nothing listens on a refused port, and does not promise that trying again helps', () => {
    const refused = mapSshError(sshError('connect ECONNREFUSED 127.0.0.1:22', { code: 'ECONNREFUSED' }), at).error;
    expect(refused).toMatchObject({ code: 'host-unreachable', retryable: false });
    expect(refused.message).toBe(
      'Nothing is listening for SSH at box.example.com:22 (the connection was refused). Check the address and port, ' +
        'and that the SSH server runs on the box.',
    );
  });

  it('names socket errors in words', () => {
    expect(mapSshError(sshError('x', { code: 'EHOSTUNREACH' }), at).error.message).toBe(
      'box.example.com:22 cannot be reached (no route to that host).',
    );
  });

  it('reports an unknown host key with its fingerprint and type, whatever ssh2 said', () => {
    const mapped = mapSshError(sshError('Host denied (verification failed)', { level: 'handshake' }), {
      ...at,
      rejection: {
        kind: 'unknown',
        host: 'box.example.com',
        port: 22,
        keyType: 'ssh-ed25519',
        fingerprint: 'SHA256:abc',
      },
    });
    expect(mapped.error.code).toBe('host-key-unknown');
    expect(mapped.error.detail).toMatchObject({ fingerprint: 'SHA256:abc', keyType: 'ssh-ed25519' });
    expect(mapped.error.message).toContain('SHA256:abc');
  });

  it('reports a changed host key with both fingerprints and how to accept it deliberately', () => {
    const mapped = mapSshError(sshError('Host denied (verification failed)', { level: 'handshake' }), {
      ...at,
      rejection: {
        kind: 'mismatch',
        host: 'box.example.com',
        port: 22,
        keyType: 'ssh-ed25519',
        got: 'SHA256:new',
        expected: 'SHA256:old',
        expectedKeyType: 'ssh-ed25519',
      },
    });
    expect(mapped.error.code).toBe('host-key-mismatch');
    expect(mapped.error.retryable).toBe(false);
    expect(mapped.error.detail).toMatchObject({ expected: 'SHA256:old', got: 'SHA256:new', keyType: 'ssh-ed25519' });
    expect(mapped.error.message).toMatch(/ssh-keygen -lf/);
    expect(mapped.error.message).toMatch(/accept the new key/);
  });

  it('passes on a failure of the host-key store', () => {
    const stored = fail('store-corrupt', 'known hosts unreadable');
    expect(mapSshError(new Error('Host denied'), { ...at, storeFailure: stored })).toBe(stored);
  });

  it('says when a jump host cannot reach the box', () => {
    const mapped = mapSshError(new Error('(SSH) Channel open failure: Connection refused'), {
      ...at,
      stage: 'via-jump',
    });
    expect(mapped.error.code).toBe('host-unreachable');
    expect(mapped.error.message).toMatch(/jump host/);
  });
});
