import type { Client } from 'ssh2';
import { BoxApiClient } from '../../../src-main/box/box-api-client';
import type { BoxSsh } from '../../../src-main/box/box-api-client';
import { waitFor } from '../../harness/wait';
import { startTestBox, type TestBox } from '../emulator/emu-client';
import { connectBoxSsh, ForwardingSshServer } from './forwarding-ssh-server';

jest.setTimeout(30_000);

const ADMIN = { email: 'me@example.com', password: 'long-enough-1' };

describe('BoxApiClient channels through a real SSH server', () => {
  let server: ForwardingSshServer;
  let box: TestBox;
  let sshClient: Client;
  let ssh: BoxSsh & { opened: number };
  const clients: BoxApiClient[] = [];

  const start = async (keepAlive: boolean): Promise<void> => {
    box = await startTestBox({ flavour: 'upstream', admin: ADMIN, keepAlive });
    server = new ForwardingSshServer();
    await server.start();
    ({ ssh, client: sshClient } = await connectBoxSsh(server.port, () => box.emu.apiKey()));
  };
  // Long by default, so a spare that close() forgot is not cleaned up by its idle timer before the check.
  const clientFor = (spareIdleMs = 60_000): BoxApiClient => {
    const client = new BoxApiClient({
      ssh,
      profile: {
        id: 'box-1',
        user: 'root',
        apiPort: box.emu.port,
        paths: { apiKey: '/var/lib/mailinabox/api.key' },
        detected: { flavour: 'upstream', version: 'v75' },
      },
      spareIdleMs,
    });
    clients.push(client);
    return client;
  };
  const settlesTo = (open: number): Promise<true> =>
    waitFor(
      () => (server.openChannels() === open && box.emu.openConnections() === open ? true : undefined),
      () => `${server.openChannels()} channels / ${box.emu.openConnections()} daemon connections open, want ${open}`,
    );

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    sshClient?.end();
    await server?.stop();
    await box?.close();
  });

  it('opens the next channel while a request is on the wire when the daemon closes every connection', async () => {
    await start(false);
    server.holdAnswersFrom = 1;
    const client = clientFor();
    const calls = 12;
    for (let i = 0; i < calls; i += 1) {
      const users = await client.routes.users.list();
      expect(users.ok && users.value[0]?.users.map((u) => u.email)).toEqual([ADMIN.email]);
    }
    // Call 1 learns that the daemon closes; from then on every answer is held until the next channel exists.
    const held = server.channels.slice(1, calls).map((c) => c.nextOpenedWhileHeld);
    expect(held).toEqual(Array.from({ length: calls - 1 }, () => true));
    // One channel per call plus the one spare waiting for the next call; the daemon saw one connection for each.
    expect(ssh.opened).toBe(calls + 1);
    await settlesTo(1);
    expect(box.emu.acceptedConnections()).toBe(calls + 1);
    client.close();
    await settlesTo(0);
  });

  it('reuses one channel when the daemon keeps connections alive, and opens no spares', async () => {
    await start(true);
    const client = clientFor();
    for (let i = 0; i < 10; i += 1) expect((await client.routes.system.version()).ok).toBe(true);
    expect(ssh.opened).toBe(1);
    expect(box.emu.acceptedConnections()).toBe(1);
    client.close();
    await settlesTo(0);
  });

  it('opens one channel per call and no spare when spareIdleMs is 0', async () => {
    await start(false);
    const client = clientFor(0);
    for (let i = 0; i < 5; i += 1) expect((await client.routes.system.version()).ok).toBe(true);
    expect(ssh.opened).toBe(5);
    await settlesTo(0);
  });

  it('closes a spare nobody used within spareIdleMs and opens afresh for the next call', async () => {
    await start(false);
    const client = clientFor(100);
    expect((await client.routes.system.version()).ok).toBe(true);
    await waitFor(
      () => (ssh.opened === 2 ? true : undefined),
      () => 'the spare was never opened',
    );
    await settlesTo(0);
    expect(await client.routes.system.version()).toEqual({ ok: true, value: 'v75' });
    expect(ssh.opened).toBe(4);
    client.close();
    await settlesTo(0);
  });

  it('drops a spare the daemon closed (restart) and recovers on the next call without leaking', async () => {
    await start(false);
    const client = clientFor();
    expect((await client.routes.system.version()).ok).toBe(true);
    await settlesTo(1);
    await box.emu.restart();
    // The restart closed the spare's connection; the client must notice and close its side of the channel too.
    await settlesTo(0);
    const version = await client.routes.system.version();
    expect(version).toEqual({ ok: true, value: 'v75' });
    await settlesTo(1);
    client.close();
    await settlesTo(0);
  });

  it('reports a stopped daemon even when the spare could not be opened, and closes nothing twice', async () => {
    await start(false);
    const client = clientFor();
    expect((await client.routes.system.version()).ok).toBe(true);
    await settlesTo(1);
    await box.emu.stop();
    await settlesTo(0);
    const down = await client.routes.system.version();
    expect(down.ok ? null : down.error).toMatchObject({ code: 'box-api-error', retryable: true });
    expect(!down.ok && down.error.message).toMatch(/management daemon is not running/);
    client.close();
    expect(server.openChannels()).toBe(0);
  });
});
