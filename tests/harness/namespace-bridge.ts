/**
 * Inside a network namespace, 127.0.0.1 is the namespace's own loopback, so a box whose daemon runs on this
 * machine would be unreachable through its namespaced sshd. This bridge listens on 127.0.0.1:<port> inside the
 * namespace and forwards to the daemon on the host end of the veth: seen from sshd, the API sits on loopback as
 * on a real box.
 */
import type { Netns } from './netns';
import type { TrackedProcess } from './processes';

const BRIDGE_SOURCE = `
const net = require('node:net');
const [listenPort, targetHost, targetPort] = process.argv.slice(1);
const server = net.createServer({ noDelay: true }, (inbound) => {
  const outbound = net.connect({ host: targetHost, port: Number(targetPort), noDelay: true });
  inbound.pipe(outbound).pipe(inbound);
  const close = () => { inbound.destroy(); outbound.destroy(); };
  inbound.on('error', close);
  outbound.on('error', close);
  inbound.on('close', close);
  outbound.on('close', close);
});
server.listen({ host: '127.0.0.1', port: Number(listenPort) }, () => console.log('bridge ready'));
process.on('SIGTERM', () => process.exit(0));
`;

/** Starts the bridge as a tracked process inside `ns` and resolves once it listens. */
export async function startNamespaceBridge(
  ns: Netns,
  listenPort: number,
  targetHost: string,
  targetPort: number,
): Promise<TrackedProcess> {
  const bridge = await ns.start('loopback bridge', process.execPath, [
    '-e',
    BRIDGE_SOURCE,
    String(listenPort),
    targetHost,
    String(targetPort),
  ]);
  await bridge.waitForOutput(/bridge ready/);
  return bridge;
}
