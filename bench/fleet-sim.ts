/**
 * Simulated boxes for the fleet benchmark's scale run (1,000 boxes is more sshd + emulator pairs than two cores
 * start in minutes): one ssh2 server in a child process, reached through one delay proxy per box, each proxy its
 * own port (so each box is its own host:port to the client, its own TCP connection and SSH handshake).
 *
 * The server does the real SSH work (key exchange, public-key authentication with signature check, channels) and
 * answers execs with canned text: the read of `…api.key` with the emulator's key, `true` with nothing, anything else
 * (the probe) with a canned ProbeReport and the API lines the probe's curl calls would print (asked of the emulator
 * once at start). direct-tcpip channels (the API
 * tunnel) go to one box emulator in this process. Reads a SimJob as JSON on stdin; prints `SIM-READY <json>`.
 */
import fs from 'node:fs';
import net from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { Server, utils, type ServerChannel } from 'ssh2';
import { z } from 'zod';
import { startEmulator } from '../tests/emulator/index';
import { startDelayProxy, type DelayProxy } from '../tests/harness/delay-proxy';
import { CANNED_PROBE_REPORT } from './fleet-probe';

export const simJobSchema = z.object({
  count: z.number().int().positive(),
  /** Added in each direction by each box's proxy. */
  delayMs: z.number().nonnegative(),
  hostKeyPath: z.string(),
  clientPublicKey: z.string(),
  /** A directory for the emulator's files (the box's `/`). */
  emulatorRoot: z.string(),
});
export type SimJob = z.infer<typeof simJobSchema>;

export const simReadySchema = z.object({
  ports: z.array(z.number().int()),
  apiPort: z.number().int(),
  apiKeyPath: z.string(),
});
export type SimReady = z.infer<typeof simReadySchema>;
export const SIM_READY_MARK = 'SIM-READY ';

/** The probe's API lines (`api <name> <status> <base64 body>`), asked of the emulator once, as a box's curl would. */
interface CannedApi {
  fast: string;
  slow: string;
}

const API_CALLS: ReadonlyArray<{ name: string; path: string; key: boolean; slow: boolean }> = [
  { name: 'flavour', path: '/system/default-quota', key: false, slow: false },
  { name: 'version', path: '/system/version', key: true, slow: false },
  { name: 'backup', path: '/system/backup/status', key: true, slow: true },
  { name: 'tls', path: '/ssl/status', key: true, slow: true },
  { name: 'users', path: '/mail/users?format=json', key: true, slow: false },
  { name: 'aliases', path: '/mail/aliases?format=json', key: true, slow: false },
];

async function cannedApi(port: number, key: string): Promise<CannedApi> {
  let fast = '';
  let slow = '';
  for (const call of API_CALLS) {
    const headers: Record<string, string> = { 'X-Requested-With': 'XMLHttpRequest', Accept: '*/*' };
    if (call.key) headers['Authorization'] = 'Basic ' + Buffer.from(`${key}:`).toString('base64');
    const res = await fetch(`http://127.0.0.1:${port}${call.path}`, { headers });
    const body = Buffer.from(await res.arrayBuffer()).toString('base64');
    const line = `api ${call.name} ${res.status} ${body}\n`;
    slow += line;
    if (!call.slow) fast += line;
  }
  return { fast, slow };
}

function answerExec(command: string, stream: ServerChannel, apiKey: () => string, api: CannedApi): void {
  const finish = (out: string, code: number): void => {
    stream.write(out);
    stream.exit(code);
    stream.end();
  };
  // The API client's key read: `if [ -r KEY ]; then cat KEY; else sudo -n /usr/bin/cat KEY; fi`.
  if (/\bcat '?\S*api\.key/.test(command) && !command.includes('boxfleet-probe')) return finish(apiKey(), 0);
  if (command === 'true') return finish('', 0);
  // Anything else is the probe (`sh -c '<script>' boxfleet-probe CONF PORT KEY SLOW`, its last argument '0' for a
  // fast look): answer once stdin has ended, as a shell would.
  const slow = !/'0'\s*$/.test(command);
  stream.on('data', () => undefined);
  stream.once('end', () => finish(JSON.stringify(CANNED_PROBE_REPORT) + '\n' + (slow ? api.slow : api.fast), 0));
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const job = simJobSchema.parse(JSON.parse(await readStdin()));
  const allowed = utils.parseKey(job.clientPublicKey);
  if (allowed instanceof Error) throw allowed;
  const allowedBlob = allowed.getPublicSSH();
  const emulator = await startEmulator({ flavour: 'upstream', root: job.emulatorRoot, host: '127.0.0.1', port: 0 });
  const api = await cannedApi(emulator.port, emulator.apiKey());

  const server = new Server({ hostKeys: [fs.readFileSync(job.hostKeyPath)] }, (client) => {
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey') return ctx.reject(['publickey']);
      const blob = ctx.key.data;
      if (blob.length !== allowedBlob.length || !timingSafeEqual(blob, allowedBlob)) return ctx.reject();
      // Without a signature the client only asks whether the key would do; with one, it must verify.
      if (!ctx.signature) return ctx.accept();
      if (ctx.blob && allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
      ctx.reject();
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('exec', (accept, _reject, info) => answerExec(info.command, accept(), () => emulator.apiKey(), api));
      });
      client.on('tcpip', (accept, reject, info) => {
        if (info.destPort !== emulator.port) return reject();
        const channel = accept();
        const upstream = net.connect({ host: '127.0.0.1', port: emulator.port, noDelay: true });
        channel.pipe(upstream).pipe(channel);
        const close = (): void => {
          upstream.destroy();
          channel.destroy();
        };
        upstream.on('error', close);
        channel.on('error', close);
        channel.on('close', close);
        upstream.on('close', close);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sshPort = (server.address() as net.AddressInfo).port;
  const proxies: DelayProxy[] = [];
  for (let i = 0; i < job.count; i += 1) {
    proxies.push(await startDelayProxy({ targetHost: '127.0.0.1', targetPort: sshPort, delayMs: job.delayMs }));
  }
  const ready: SimReady = { ports: proxies.map((p) => p.port), apiPort: emulator.port, apiKeyPath: emulator.keyPath };
  process.stdout.write(`${SIM_READY_MARK}${JSON.stringify(ready)}\n`);

  const stop = async (): Promise<void> => {
    await Promise.all(proxies.map((p) => p.stop()));
    server.close();
    await emulator.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
