import type { Readable } from 'node:stream';
import { Client, utils, type ConnectConfig, type ServerHostKeyAlgorithm } from 'ssh2';
import { fail, ok, type Fail, type Result } from '../../src-shared/contract/result';
import { algorithmsForKeyType, keyTypeOfBlob, sha256Fingerprint } from '../hostkeys/fingerprint';
import type { HostKeyChecker } from '../hostkeys/host-keys';
import { mapSshError, type SshErrorContext } from './ssh-errors';
import type { HostKeyRejection, SshAuth, SshEndpoint } from './types';
import { toSshReadableKey } from './pkcs8-keys';

export interface ConnectTuning {
  readyTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  /** Where `agent` auth finds the agent when the profile names no socket. */
  agentSocket: string | undefined;
}

const DEFAULT_HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Asks for key types we already trust first, so a box with several host keys shows us the one we know. */
export function hostKeyAlgorithmOrder(knownTypes: readonly string[]): ServerHostKeyAlgorithm[] {
  const preferred = knownTypes.flatMap(algorithmsForKeyType);
  const first = DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => preferred.includes(a));
  return [...first, ...DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => !first.includes(a))];
}

function authConfig(auth: SshAuth, tuning: ConnectTuning): Result<Partial<ConnectConfig>> {
  switch (auth.kind) {
    case 'key': {
      const readable = toSshReadableKey(auth.privateKey.toString(), auth.passphrase);
      if (!readable.ok) return readable;
      // A converted PKCS#8 key comes out decrypted: the passphrase has done its work.
      const privateKey = readable.value.key;
      const passphrase = readable.value.converted ? undefined : auth.passphrase;
      const parsed = utils.parseKey(privateKey, passphrase);
      if (parsed instanceof Error) {
        const needsPassphrase = /no passphrase given|encrypted/i.test(parsed.message) && !passphrase;
        return fail(
          'auth-failed',
          needsPassphrase
            ? 'The private key is protected by a passphrase; enter it.'
            : `The private key cannot be used: ${parsed.message}`,
          {
            retryable: false,
            detail: { cause: parsed.message },
          },
        );
      }
      return ok({
        privateKey,
        ...(passphrase ? { passphrase } : {}),
        authHandler: ['publickey'],
      });
    }
    case 'password':
      return ok({ password: auth.password, tryKeyboard: true, authHandler: ['password', 'keyboard-interactive'] });
    case 'agent': {
      const socket = auth.socketPath ?? tuning.agentSocket;
      if (!socket)
        return fail(
          'auth-failed',
          'No SSH agent is available: SSH_AUTH_SOCK is not set. Start ssh-agent and add your key, or choose a key file.',
          { retryable: false },
        );
      return ok({ agent: socket, authHandler: ['agent'] });
    }
  }
}

export interface EndpointConnection {
  readonly client: Client;
}

/**
 * Connects and authenticates one endpoint. The host key is checked in hostVerifier, which ssh2 runs during key
 * exchange, before any authentication request: an unknown or changed key ends the attempt before a credential leaves.
 */
export async function connectEndpoint(
  endpoint: SshEndpoint,
  hostKeys: HostKeyChecker,
  tuning: ConnectTuning,
  stage: SshErrorContext['stage'],
  sock?: Readable,
): Promise<Result<EndpointConnection>> {
  const auth = authConfig(endpoint.auth, tuning);
  if (!auth.ok) return auth;
  const known = await hostKeys.knownKeyTypes(endpoint.host, endpoint.port);
  if (!known.ok) return known;

  let rejection: HostKeyRejection | undefined;
  let storeFailure: Fail | undefined;
  const client = new Client();
  const config: ConnectConfig = {
    host: endpoint.host,
    port: endpoint.port,
    username: endpoint.user,
    readyTimeout: tuning.readyTimeoutMs,
    keepaliveInterval: tuning.keepaliveIntervalMs,
    keepaliveCountMax: tuning.keepaliveCountMax,
    algorithms: { serverHostKey: hostKeyAlgorithmOrder(known.value) },
    ...(sock ? { sock } : {}),
    ...auth.value,
    hostVerifier: (key: Buffer, verify: (valid: boolean) => void): void => {
      const keyType = keyTypeOfBlob(key);
      if (keyType === null) {
        rejection = { kind: 'malformed', host: endpoint.host, port: endpoint.port };
        verify(false);
        return;
      }
      const fingerprint = sha256Fingerprint(key);
      void hostKeys.check(endpoint.host, endpoint.port, keyType, fingerprint).then((verdict) => {
        if (!verdict.ok) {
          storeFailure = verdict;
          verify(false);
        } else if (verdict.value.status === 'trusted') {
          verify(true);
        } else {
          rejection =
            verdict.value.status === 'unknown'
              ? { kind: 'unknown', host: endpoint.host, port: endpoint.port, keyType, fingerprint }
              : {
                  kind: 'mismatch',
                  host: endpoint.host,
                  port: endpoint.port,
                  keyType,
                  got: fingerprint,
                  expected: verdict.value.expected,
                  expectedKeyType: verdict.value.expectedKeyType,
                };
          verify(false);
        }
      });
    },
  };
  if (endpoint.auth.kind === 'password') {
    const password = endpoint.auth.password;
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => {
      finish(prompts.map((p) => (/password/i.test(p.prompt) ? password : '')));
    });
  }

  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Result<EndpointConnection>): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const context = (): SshErrorContext => ({
      host: endpoint.host,
      port: endpoint.port,
      user: endpoint.user,
      stage,
      rejection,
      storeFailure,
    });
    client.once('ready', () => {
      // Without this every round trip waits for Nagle's delayed ACK (~40 ms).
      client.setNoDelay(true);
      settle(ok({ client }));
    });
    client.on('error', (error) => {
      settle(mapSshError(error, context()));
      client.end();
    });
    client.once('close', () =>
      settle(mapSshError(new Error('Connection lost before the SSH handshake finished'), context())),
    );
    try {
      client.connect(config);
    } catch (error) {
      settle(mapSshError(error, context()));
    }
  });
}
