import net from 'node:net';
import type { Client } from 'ssh2';
import { startDelayProxy, type DelayProxy } from '../harness/delay-proxy';
import { createNetns, netnsSupport, type Netns } from '../harness/netns';
import { runCommand } from '../harness/run-command';
import { connectSsh, execCommand } from '../harness/ssh-client';
import { makeKeyPair, startSshd, type KeyPair, type SshdInstance } from '../harness/sshd';
import { removeTempDirs } from '../harness/temp';
import { waitFor } from '../harness/wait';

jest.setTimeout(60_000);

async function echoServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return { port: address.port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Sends `payload` through host:port and resolves with everything echoed back, and how long it took. */
function roundTrip(port: number, payload: Buffer): Promise<{ data: Buffer; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    const chunks: Buffer[] = [];
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received >= payload.length) {
        socket.end();
        resolve({ data: Buffer.concat(chunks), ms: performance.now() - started });
      }
    });
    socket.on('error', reject);
    socket.write(payload);
  });
}

describe('delay proxy', () => {
  let echo: Awaited<ReturnType<typeof echoServer>>;
  let proxy: DelayProxy;
  beforeAll(async () => {
    echo = await echoServer();
    proxy = await startDelayProxy({ targetHost: '127.0.0.1', targetPort: echo.port, delayMs: 40 });
  });
  afterAll(async () => {
    await proxy.stop();
    await echo.close();
  });

  test('delivers a large stream intact and in order', async () => {
    const payload = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < payload.length; i += 4) payload.writeUInt32LE(i, i);
    const { data } = await roundTrip(proxy.port, payload);
    expect(data.equals(payload)).toBe(true);
  });

  test('a round trip takes at least the delay in each direction', async () => {
    // A lower bound only: timers never fire before their delay (allowing 1 ms of rounding), however slow the machine.
    const { ms } = await roundTrip(proxy.port, Buffer.from('ping'));
    expect(ms).toBeGreaterThanOrEqual(2 * 40 - 2);
  });

  test('counts its connections and closes both sides when one side goes away', async () => {
    const count = (n: number) => () => (proxy.connections() === n ? true : undefined);
    await waitFor(count(0), () => `earlier connections to close (${proxy.connections()} open)`);
    const socket = net.connect({ host: '127.0.0.1', port: proxy.port });
    await waitFor(count(1), () => `the proxy to count the new connection (${proxy.connections()} open)`);
    socket.destroy();
    await waitFor(count(0), () => `the proxy to close the connection (${proxy.connections()} open)`);
  });
});

const support = netnsSupport();
if (!support.ok) {
  process.stderr.write(`network namespace tests skipped: ${support.reason}\n`);
}
const describeNetns = support.ok ? describe : describe.skip;

describeNetns('network namespace as a separate host', () => {
  let ns: Netns;
  let sshd: SshdInstance;
  let key: KeyPair;
  let proxy: DelayProxy;
  const clients: Client[] = [];

  beforeAll(async () => {
    ns = await createNetns();
    sshd = await startSshd({ users: ['bfadmin'], netns: ns.name });
    key = await makeKeyPair();
    await sshd.authorizeKey('bfadmin', key.publicKeyLine);
    proxy = await startDelayProxy({ targetHost: sshd.host, targetPort: sshd.port, delayMs: 5 });
  });
  afterAll(async () => {
    for (const client of clients) client.end();
    await proxy?.stop();
    await sshd?.stop();
    await ns?.destroy();
    await removeTempDirs();
  });

  test('the namespace has only loopback and its veth end, on a private /30', async () => {
    expect(ns.nsAddress).toMatch(/^10\.250\.\d+\.\d+$/);
    const inside = (await ns.run('ip', ['-4', '-o', 'addr', 'show'])).stdout;
    expect(inside).toContain(`inet ${ns.nsAddress}/30`);
    expect(inside).not.toContain('eth0');
    const hostSide = (await runCommand('ip', ['-4', '-o', 'addr', 'show', 'dev', ns.hostInterface])).stdout;
    expect(hostSide).toContain(`inet ${ns.hostAddress}/30`);
  });

  test('sshd runs inside it: reachable directly and through the delay proxy', async () => {
    expect(sshd.host).toBe(ns.nsAddress);
    for (const target of [
      { host: sshd.host, port: sshd.port },
      { host: proxy.host, port: proxy.port },
    ]) {
      const client = await connectSsh({
        ...target,
        username: 'bfadmin',
        privateKeyPath: key.privateKeyPath,
        hostKeyFingerprint: sshd.hostKeyFingerprint,
      });
      clients.push(client);
      // SSH_CONNECTION shows the peer as sshd saw it: the host end of the veth.
      const result = await execCommand(client, 'echo $SSH_CONNECTION');
      expect(result.stdout.split(' ')[0]).toBe(ns.hostAddress);
    }
  });

  test('destroy removes the namespace and both addresses', async () => {
    const other = await createNetns();
    await other.destroy();
    expect((await runCommand('ip', ['netns', 'list'])).stdout).not.toContain(other.name);
    expect((await runCommand('ip', ['-4', '-o', 'addr', 'show'])).stdout).not.toContain(`${other.hostAddress}/30`);
  });
});
