/** The testbed in its benchmark shape: boxes in network namespaces with latency in front of each sshd. */
import { netnsSupport } from '../harness/netns';
import { runningProcesses } from '../harness/processes';
import { runCommand } from '../harness/run-command';
import { basicAuth, connectSsh, execCommand, httpOverSsh } from '../harness/ssh-client';
import { removeTempDirs } from '../harness/temp';
import { startTestbed, type Testbed } from '../harness/testbed';

jest.setTimeout(120_000);

const support = netnsSupport();
if (!support.ok) process.stderr.write(`namespaced testbed tests skipped: ${support.reason}\n`);
const describeNetns = support.ok ? describe : describe.skip;

describeNetns('testbed with network namespaces and latency', () => {
  let bed: Testbed | undefined;

  afterAll(async () => {
    await bed?.stop();
    await removeTempDirs();
  });

  test('each box is its own host, its API on its loopback, reachable only through its sshd', async () => {
    bed = await startTestbed({
      boxes: [{ flavour: 'upstream' }, { flavour: 'power' }],
      netns: true,
      latencyMs: 10,
    });
    const namespaces = new Set(bed.boxes.map((b) => b.netns?.name));
    expect(namespaces.size).toBe(2);
    for (const box of bed.boxes) {
      const { profile } = box;
      expect(box.proxy).toBeDefined();
      expect(profile.host).toBe('127.0.0.1');
      const client = await connectSsh({
        host: profile.host,
        port: profile.port,
        username: profile.user,
        privateKeyPath: profile.privateKeyPath,
        hostKeyFingerprint: profile.hostKeyFingerprint,
      });
      try {
        // sshd's own address is the namespace's end of the veth: the box really is another host.
        expect((await execCommand(client, 'echo $SSH_CONNECTION')).stdout.split(' ')[2]).toBe(box.netns?.nsAddress);
        const key = (await execCommand(client, `sudo -n /usr/bin/cat ${profile.paths.apiKey}`)).stdout;
        const response = await httpOverSsh(client, {
          port: profile.apiPort,
          path: '/mail/users?format=json',
          headers: { authorization: basicAuth(key) },
        });
        expect(response.status).toBe(200);
        expect(JSON.parse(response.body)).toEqual([]);
      } finally {
        client.end();
      }
    }
  });

  test('stop ends every process and namespace it started', async () => {
    const started = bed;
    if (!started) throw new Error('testbed did not start');
    const names = started.boxes.map((b) => b.netns?.name ?? '');
    await started.stop();
    bed = undefined;
    expect(runningProcesses()).toEqual([]);
    const list = (await runCommand('ip', ['netns', 'list'])).stdout;
    for (const name of names) expect(list).not.toContain(name);
  });
});
