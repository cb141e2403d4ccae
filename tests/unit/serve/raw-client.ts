import { connect, type Socket } from 'node:net';

/**
 * Raw TCP exchanges with a server, for inputs no well-behaved HTTP or WebSocket client would send. Every exchange
 * ends when the server closes, when `done` says the answer is complete, or after `idleMs` of silence; the socket is
 * always destroyed, so nothing is left open between cases.
 */
export async function exchange(
  port: number,
  chunks: readonly Buffer[],
  options: { idleMs?: number; done?: (received: Buffer) => boolean } = {},
): Promise<Buffer> {
  const idleMs = options.idleMs ?? 300;
  const socket = connect({ host: '127.0.0.1', port });
  const received: Buffer[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    return await new Promise<Buffer>((resolve) => {
      let timer = setTimeout(finish, idleMs);
      function finish(): void {
        clearTimeout(timer);
        resolve(Buffer.concat(received));
      }
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk);
        clearTimeout(timer);
        if (options.done?.(Buffer.concat(received))) return finish();
        timer = setTimeout(finish, idleMs);
      });
      socket.on('error', finish);
      socket.on('close', finish);
      for (const chunk of chunks) if (!socket.destroyed) socket.write(chunk, () => {});
    });
  } finally {
    destroy(socket);
  }
}

function destroy(socket: Socket): void {
  socket.removeAllListeners('error');
  socket.on('error', () => {});
  socket.destroy();
}

/** True once a full HTTP response head arrived. */
export function hasResponseHead(received: Buffer): boolean {
  return received.includes('\r\n\r\n');
}

/** The status code of a raw HTTP answer, or null when there was none. */
export function statusOf(received: Buffer): number | null {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(received.toString('latin1'));
  return match ? Number(match[1]) : null;
}

/** A WebSocket upgrade request for the server's socket path, as a page on the server's origin sends it. */
export function upgradeRequest(port: number, path = '/api'): Buffer {
  return Buffer.from(
    [
      `GET ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Origin: http://127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
    'latin1',
  );
}

/** True once the server's answer holds a 101 head followed by a WebSocket close frame (or a refusal head). */
export function closedOrRefused(received: Buffer): boolean {
  const end = received.indexOf('\r\n\r\n');
  if (end < 0) return false;
  if (statusOf(received) !== 101) return true;
  let at = end + 4;
  while (at + 2 <= received.length) {
    const opcode = (received[at] as number) & 0x0f;
    let length = (received[at + 1] as number) & 0x7f;
    let header = 2;
    if (length === 126) {
      if (at + 4 > received.length) return false;
      length = received.readUInt16BE(at + 2);
      header = 4;
    } else if (length === 127) {
      if (at + 10 > received.length) return false;
      length = Number(received.readBigUInt64BE(at + 2));
      header = 10;
    }
    if (opcode === 8) return true;
    at += header + length;
  }
  return false;
}
