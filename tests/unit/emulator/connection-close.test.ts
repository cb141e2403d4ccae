import { connect, type Socket } from 'node:net';
import { waitFor } from '../../harness/wait';
import { keyAuth, startTestBox, type TestBox } from './emu-client';

interface RawExchange {
  /** Everything the server sent before it closed the connection (or before `waitForClose` was cut short). */
  text: string;
  closedByServer: boolean;
}

/** Sends raw HTTP/1.1 on one TCP connection and collects what comes back until the server closes it. */
function rawExchange(port: number, requests: string[], untilBytes?: (text: string) => boolean): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: '127.0.0.1', port });
    let text = '';
    let done = false;
    const finish = (closedByServer: boolean): void => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ text, closedByServer });
    };
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      for (const request of requests) socket.write(request);
    });
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (untilBytes?.(text)) finish(false);
    });
    socket.on('end', () => finish(true));
    socket.on('error', reject);
  });
}

function get(path: string, auth: [string, string]): string {
  const basic = Buffer.from(`${auth[0]}:${auth[1]}`).toString('base64');
  return `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nAuthorization: Basic ${basic}\r\n\r\n`;
}

const responses = (text: string): number => text.split('HTTP/1.1 ').length - 1;

describe('emulator server: connections like gunicorn sync (one request per connection)', () => {
  let box: TestBox;
  beforeEach(async () => {
    box = await startTestBox({ flavour: 'upstream', admin: { email: 'me@example.com', password: 'long-enough-1' } });
  });
  afterEach(() => box.close());

  it('answers with Connection: close and closes the socket even when the client asks for keep-alive', async () => {
    const reply = await rawExchange(box.emu.port, [get('/mail/users?format=json', keyAuth(box.emu))]);
    expect(reply.closedByServer).toBe(true);
    expect(reply.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(reply.text).toMatch(/\r\nConnection: close\r\n/i);
    expect(reply.text).toContain('me@example.com');
    await waitFor(
      () => (box.emu.openConnections() === 0 ? true : undefined),
      () => `${box.emu.openConnections()} connections still open on the emulator`,
    );
  });

  it('closes error answers too and never answers a second request on the same connection', async () => {
    const auth = keyAuth(box.emu);
    const reply = await rawExchange(box.emu.port, [get('/no-such-route', auth), get('/system/version', auth)]);
    expect(reply.closedByServer).toBe(true);
    expect(reply.text).toMatch(/^HTTP\/1\.1 404 /);
    expect(reply.text).toMatch(/\r\nConnection: close\r\n/i);
    expect(responses(reply.text)).toBe(1);
    expect(box.emu.acceptedConnections()).toBe(1);
  });

  it('keeps the connection open when started with keepAlive (a threaded worker)', async () => {
    await box.close();
    box = await startTestBox({ flavour: 'upstream', keepAlive: true });
    const auth = keyAuth(box.emu);
    const reply = await rawExchange(
      box.emu.port,
      [get('/system/version', auth), get('/system/version', auth)],
      (text) => responses(text) === 2 && text.trimEnd().endsWith('v75'),
    );
    expect(reply.closedByServer).toBe(false);
    expect(reply.text).not.toMatch(/Connection: close/i);
    expect(responses(reply.text)).toBe(2);
  });
});
