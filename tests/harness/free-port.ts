import net from 'node:net';

/**
 * A TCP port that was free a moment ago on `host`, chosen by the kernel (listen on port 0).
 * Another process can take it before the caller binds, so servers started on it should retry on EADDRINUSE.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`listen(0) on ${host} gave no port`));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
