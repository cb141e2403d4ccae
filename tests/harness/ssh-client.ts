/**
 * Small ssh2 helpers for tests: connect with host key pinning, run one command, make one HTTP request
 * through a direct-tcpip channel. They are test scaffolding, not the app's SSH layer (src-main/ssh).
 */
import fs from 'node:fs';
import http from 'node:http';
import { Client, type ConnectConfig } from 'ssh2';
import { fingerprintOfKeyBlob } from './ssh-keys';

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  privateKeyPath?: string;
  passphrase?: string;
  password?: string;
  /** When set, the connection fails unless the server's host key has this `SHA256:...` fingerprint. */
  hostKeyFingerprint?: string;
}

/** Connects and resolves once authenticated; `setNoDelay(true)` is applied (see test-bed.md). */
export function connectSsh(target: SshTarget, timeoutMs = 10_000): Promise<Client> {
  const client = new Client();
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.username,
    readyTimeout: timeoutMs,
    tryKeyboard: false,
  };
  if (target.privateKeyPath !== undefined) config.privateKey = fs.readFileSync(target.privateKeyPath);
  if (target.passphrase !== undefined) config.passphrase = target.passphrase;
  if (target.password !== undefined) config.password = target.password;
  let seenFingerprint: string | undefined;
  if (target.hostKeyFingerprint !== undefined) {
    const expected = target.hostKeyFingerprint;
    config.hostVerifier = (key: Buffer) => {
      seenFingerprint = fingerprintOfKeyBlob(key);
      return seenFingerprint === expected;
    };
  }
  return new Promise((resolve, reject) => {
    client.once('ready', () => {
      client.setNoDelay(true);
      client.removeAllListeners('error');
      client.on('error', () => undefined);
      resolve(client);
    });
    client.once('error', (err) => {
      client.end();
      const hostKey =
        seenFingerprint !== undefined && seenFingerprint !== target.hostKeyFingerprint
          ? ` (host key ${seenFingerprint}, expected ${target.hostKeyFingerprint})`
          : '';
      reject(
        Object.assign(new Error(`ssh ${target.username}@${target.host}:${target.port}: ${err.message}${hostKey}`), {
          level: err.level,
          seenFingerprint,
        }),
      );
    });
    client.connect(config);
  });
}

export interface ExecResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Runs one command over an exec channel and collects its output. */
export function execCommand(client: Client, command: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, stream) => {
      if (err) {
        reject(err);
        return;
      }
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      let signal: string | null = null;
      stream.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      stream.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      stream.on('exit', (exitCode: number | null, exitSignal?: string) => {
        code = exitCode;
        signal = exitSignal ?? null;
      });
      stream.on('close', () => resolve({ code, signal, stdout, stderr }));
    });
  });
}

export interface TunnelRequest {
  /** Where sshd connects to, seen from the box (default 127.0.0.1). */
  host?: string;
  port: number;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface TunnelResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** `Authorization: Basic` for `user:password` (the API key is sent as `<key>:`). */
export function basicAuth(user: string, password = ''): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
}

/** One HTTP request over a fresh `forwardOut` channel (direct-tcpip) through the box's sshd. */
export function httpOverSsh(client: Client, request: TunnelRequest): Promise<TunnelResponse> {
  const targetHost = request.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        method: request.method ?? 'GET',
        path: request.path,
        headers: { host: `${targetHost}:${request.port}`, ...request.headers },
        createConnection: (_options, oncreate) => {
          client.forwardOut('127.0.0.1', 0, targetHost, request.port, (err, channel) => oncreate(err ?? null, channel));
          return undefined;
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}
