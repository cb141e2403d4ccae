/**
 * The nsd harness the outside check's tests stand on: instances on distinct loopback addresses share one port and
 * answer from their own zones; a zone nsd refuses and a port already taken fail loudly; stopping removes the
 * process and its directory.
 */
import dgram from 'node:dgram';
import fs from 'node:fs';
import { DnsClient, type Server } from '../../src-main/dns/check/dns-client';
import { freePort } from '../harness/free-port';
import { startNsd, startNsdBed } from '../harness/nsd';

jest.setTimeout(60_000);

const zone = (name: string, address: string) => ({
  name,
  text: `$ORIGIN ${name}.\n$TTL 300\n@ IN SOA ns.${name}. h.${name}. ( 1 7200 3600 1209600 300 )\n@ IN NS ns.${name}.\nns IN A ${address}\n@ IN A ${address}\n`,
});

test('two instances on one port answer from their own zones, and stop without leaving anything', async () => {
  const bed = await startNsdBed([
    { label: 'one', addresses: ['127.0.0.21'], zones: [zone('one.test', '192.0.2.1')] },
    { label: 'two', addresses: ['127.0.0.22'], zones: [zone('two.test', '192.0.2.2')] },
  ]);
  const client = new DnsClient({ timeoutMs: 2000 });
  try {
    const at = (address: string): Server => ({ role: 'box', name: address, address, port: bed.port });
    const one = await client.ask(at('127.0.0.21'), { name: 'one.test', type: 'A', recurse: false });
    expect(one).toMatchObject({ ok: true, authoritative: true, answers: [{ name: 'one.test', data: '192.0.2.1' }] });
    const refused = await client.ask(at('127.0.0.22'), { name: 'one.test', type: 'A', recurse: false });
    expect(refused).toEqual({ ok: false, reason: 'the server answered REFUSED' });
    const missing = await client.ask(at('127.0.0.22'), { name: 'nope.two.test', type: 'A', recurse: false });
    expect(missing).toMatchObject({ ok: true, rcode: 'NXDOMAIN', answers: [] });
  } finally {
    client.close();
    await bed.stop();
  }
  for (const server of bed.servers.values()) expect(fs.existsSync(server.dir)).toBe(false);
  const after = new DnsClient({ timeoutMs: 300 });
  const gone = await after.ask(
    { role: 'box', name: 'one', address: '127.0.0.21', port: bed.port },
    { name: 'one.test', type: 'A', recurse: false },
  );
  after.close();
  expect(gone.ok).toBe(false);
});

test('a zone file nsd cannot read fails the start with its error', async () => {
  const port = await freePort('127.0.0.1');
  await expect(
    startNsd({ label: 'bad', addresses: ['127.0.0.23'], zones: [{ name: 'bad.test', text: 'garbage\n' }] }, port),
  ).rejects.toThrow(/nsd-bad refused a zone: .*error/);
});

test('a port already taken on the address fails the start with the words of nsd that startNsdBed retries on', async () => {
  const socket = dgram.createSocket('udp4');
  const port = await freePort('127.0.0.1');
  await new Promise<void>((resolve) => socket.bind(port, '127.0.0.24', resolve));
  try {
    await expect(
      startNsd({ label: 'taken', addresses: ['127.0.0.24'], zones: [zone('taken.test', '192.0.2.4')] }, port),
    ).rejects.toThrow(/nsd-taken.*\n.*can't bind udp socket 127\.0\.0\.24@/s);
  } finally {
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
});
