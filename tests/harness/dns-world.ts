/**
 * A small DNS world on loopback for the outside check, built from the box emulator's own zones: a parent zone
 * (`test.`) delegating the box's zones with glue and DS, the box's nsd serving its zone files (plus a DNSKEY per
 * zone), and a stand-in "resolver" that answers for everything the world sees (parent, the box's zones as served,
 * reverse DNS). The facts the check compares against are the emulator's `/dns/dump`, so the intended records are the
 * box's real ones. Drift is seeded by editing what the box serves, what the parent holds, or the reverse zones.
 */
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import type { DsRecord, ZoneDelegation } from '../../src-shared/contract/dns';
import { dsDigest, keyTag, type Dnskey } from '../../src-main/dns/check/dnssec';
import { reverseName } from '../../src-main/dns/check/normalise';
import type { OutsideFacts } from '../../src-main/dns/outside-facts';
import { recommendedDns, renderZone } from '../emulator/dns-zones';
import { addAlias, addUser, createState } from '../emulator/state';
import type { EmuBox } from '../emulator/types';
import { startNsdBed, type NsdBed, type NsdZone } from './nsd';
import { makeTempDir } from './temp';

export const PARENT_ADDRESS = '127.0.0.10';
export const BOX_ADDRESS = '127.0.0.11';
export const RESOLVER_ADDRESS = '127.0.0.12';
export const HOSTNAME = 'box.example.test';

export interface WorldOptions {
  /** Mail domains besides example.test, each its own zone (d1.test, d2.test, ...). */
  extraZones?: number;
  /** The box also has ::1 (its nsd listens there too, and reverse DNS is checked for it). */
  ipv6?: boolean;
  customDns?: Array<{ qname: string; rtype: string; value: string }>;
  /** Secondary nameservers: hostnames under test. with the address the parent zone gives them. */
  secondaries?: Array<{ host: string; address: string }>;
}

export interface Drift {
  /** Edits the zone file text the box (and so the world) serves. */
  boxZone?: (zone: string, text: string) => string;
  /** Zones whose DS at the parent is the digest of some other key. */
  wrongDs?: string[];
  /** The box's addresses without a PTR. */
  missingPtr?: string[];
}

export interface DnsWorld {
  box: EmuBox;
  facts: OutsideFacts;
  bed: NsdBed;
  /** `127.0.0.12:PORT`, the resolver to give the check. */
  resolver: string;
  port: number;
  stop(): Promise<void>;
}

const soa = (zone: string): string =>
  `$ORIGIN ${zone}.\n$TTL 300\n@ IN SOA ns.test. hostmaster.test. ( 1 7200 3600 1209600 300 )\n@ IN NS ns.test.\n`;

function newKey(): Dnskey {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = publicKey.export({ format: 'jwk' });
  const raw = Buffer.concat([Buffer.from(jwk.x as string, 'base64url'), Buffer.from(jwk.y as string, 'base64url')]);
  return { flags: 257, algorithm: 13, key: raw };
}

function dsRecord(zone: string, key: Dnskey): DsRecord {
  const digest = dsDigest(zone, key, 2) as string;
  const tag = keyTag(key);
  return {
    keyTag: tag,
    algorithm: 13,
    algorithmName: 'ECDSAP256SHA256',
    digestType: 2,
    digestTypeName: 'SHA-256',
    digest,
    record: `${zone}.\t3600\tIN\tDS\t${tag} 13 2 ${digest}`,
    rank: 0,
  };
}

/** The box's emulator state: example.test with a user, plus `extraZones` alias-only mail domains. */
export async function makeBox(options: WorldOptions): Promise<EmuBox> {
  const root = await makeTempDir('dns-world-box', 0o700);
  const state = createState({
    flavour: 'upstream',
    hostname: HOSTNAME,
    publicIp: BOX_ADDRESS,
    publicIpv6: options.ipv6 ? '::1' : '',
  });
  addUser(state, { email: 'admin@example.test', password: 'correct horse battery', privileges: ['admin'] });
  for (let i = 1; i <= (options.extraZones ?? 0); i++)
    addAlias(state, { source: `info@d${i}.test`, destination: 'admin@example.test' });
  state.customDns.push(...(options.customDns ?? []));
  state.secondaryNameservers.push(...(options.secondaries ?? []).map((s) => s.host));
  return { state, root, storageDir: path.join(root, 'home', 'user-data'), now: () => new Date() };
}

/** Builds the zones and facts, then starts the parent, the box and the resolver on one port. */
export async function startDnsWorld(options: WorldOptions = {}, drift: Drift = {}): Promise<DnsWorld> {
  const box = await makeBox(options);
  const dump = recommendedDns(box);
  const zones = dump.map(([zone]) => zone);
  const nameservers = [`ns1.${HOSTNAME}`, ...(options.secondaries?.length ? [] : [`ns2.${HOSTNAME}`])];
  const allNs = [...nameservers, ...(options.secondaries ?? []).map((s) => s.host)];
  const ipv6 = options.ipv6 ? '::1' : null;

  const boxZones: NsdZone[] = [];
  const delegation: ZoneDelegation[] = [];
  let parent = soa('test') + `ns IN A ${PARENT_ADDRESS}\n`;
  for (const s of options.secondaries ?? []) parent += `${s.host}. IN A ${s.address}\n`;
  for (const zone of zones) {
    const key = newKey();
    const ds = dsRecord(zone, key);
    const text = renderZone(box, zone);
    if (text === null) throw new Error(`the emulator renders no zone ${zone}`);
    const served = `${text}\n@\tIN\tDNSKEY\t257 3 13 ${key.key.toString('base64')}\n`;
    boxZones.push({ name: zone, text: drift.boxZone ? drift.boxZone(zone, served) : served });
    const holdsHost = HOSTNAME === zone || HOSTNAME.endsWith(`.${zone}`);
    const glue = holdsHost ? nameservers.map((host) => ({ host, ipv4: BOX_ADDRESS, ipv6 })) : [];
    delegation.push({ zone, ds: [ds], publicKey: key.key.toString('base64'), nameservers: allNs, glue, problem: null });
    for (const ns of allNs) parent += `${zone}. IN NS ${ns}.\n`;
    const parentDs = drift.wrongDs?.includes(zone) ? dsRecord(zone, newKey()) : ds;
    parent += `${zone}. IN DS ${parentDs.keyTag} 13 2 ${parentDs.digest}\n`;
    for (const g of glue) {
      parent += `${g.host}. IN A ${BOX_ADDRESS}\n`;
      if (g.ipv6) parent += `${g.host}. IN AAAA ${g.ipv6}\n`;
    }
  }
  const reverse: NsdZone[] = [BOX_ADDRESS, ...(ipv6 ? [ipv6] : [])].map((address) => {
    const name = reverseName(address);
    const ptr = drift.missingPtr?.includes(address) ? '' : `@ IN PTR ${HOSTNAME}.\n`;
    return { name, text: soa(name) + ptr };
  });

  const bed = await startNsdBed([
    { label: 'parent', addresses: [PARENT_ADDRESS], zones: [{ name: 'test', text: parent }] },
    { label: 'box', addresses: [BOX_ADDRESS, ...(ipv6 ? [ipv6] : [])], zones: boxZones },
    {
      label: 'resolver',
      addresses: [RESOLVER_ADDRESS],
      zones: [{ name: 'test', text: parent }, ...boxZones, ...reverse],
    },
  ]);
  const facts: OutsideFacts = {
    hostname: HOSTNAME,
    ipv4: BOX_ADDRESS,
    ipv6,
    zones: dump.map(([zone, records]) => ({ zone, records })),
    delegation,
    secondaryNameservers: (options.secondaries ?? []).map((s) => s.host),
  };
  return {
    box,
    facts,
    bed,
    resolver: `${RESOLVER_ADDRESS}:${bed.port}`,
    port: bed.port,
    stop: () => bed.stop(),
  };
}
