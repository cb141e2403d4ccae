/** Reference points for the API-call benchmark: one network round trip, and the daemon's own time per request. */
import { request } from 'node:http';
import net from 'node:net';
import { startDelayProxy } from '../tests/harness/delay-proxy';
import { timeSequential, type PerCall } from './timing';

/** A one-byte TCP ping-pong to an echo server on this machine, through a delay proxy when `delayMs` > 0. */
export async function tcpRoundTrip(label: string, delayMs: number, n: number): Promise<PerCall> {
  const echo = net.createServer({ noDelay: true }, (socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const echoPort = (echo.address() as net.AddressInfo).port;
  const proxy = delayMs > 0 ? await startDelayProxy({ targetHost: '127.0.0.1', targetPort: echoPort, delayMs }) : null;
  const socket = net.connect({ host: '127.0.0.1', port: proxy?.port ?? echoPort, noDelay: true });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return await timeSequential(label, n, () => {
      const pong = new Promise<void>((resolve) => socket.once('data', () => resolve()));
      socket.write('x');
      return pong;
    });
  } finally {
    socket.destroy();
    await proxy?.stop();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  }
}

/** One HTTP GET straight to the daemon on 127.0.0.1 (a new TCP connection each time, as the daemon closes them). */
export function directGet(port: number, path: string, authorization: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent: false, headers: { Authorization: authorization, Accept: '*/*' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 200) resolve(body);
          else reject(new Error(`HTTP ${res.statusCode}: ${body.slice(0, 200)}`));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
