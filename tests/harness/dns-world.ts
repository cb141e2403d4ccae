/**
 * A small DNS world on loopback for the outside check, built from the box emulator's own zones: a parent zone
 * (`test.`) delegating the box's zones with glue and DS, the box's nsd serving its zone files (plus a DNSKEY per
 * zone), and a stand-in "resolver" that answers for everything the world sees (parent, the box's zones as served,
 * reverse DNS). The facts the check compares against are the emulator's `/dns/dump`, so the intended records are the
 * box's real ones. Drift is seeded by editing what the box serves, what the parent holds, or the reverse zones.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DsRecord, ZoneDelegation } from '../../src-shared/contract/dns';
import { dsFor, type Dnskey } from '../../src-main/dns/check/dnssec';
import { reverseName } from '../../src-main/dns/check/normalise';
import type { OutsideFacts } from '../../src-main/dns/outside-facts';
import { dnsUpdate, recommendedDns } from '../emulator/dns-zones';
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
  /** The IPv4 PTR behind an RFC 2317 CNAME (see WorldSpec). */
  classlessReverse?: boolean;
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
  /** Zones the parent delegates to these nameservers instead of the box's. */
  parentNs?: Record<string, string[]>;
  /** The address the parent's glue gives the box's nameservers instead of the box's. */
  glueAddress?: string;
}

export interface DnsWorld extends World {
  box: EmuBox;
  facts: OutsideFacts;
}

const soa = (zone: string): string =>
  `$ORIGIN ${zone}.\n$TTL 300\n@ IN SOA ns.test. hostmaster.test. ( 1 7200 3600 1209600 300 )\n@ IN NS ns.test.\n`;

/** A key nobody has: the digest of it at the parent is a wrong DS. */
function strangerKey(): Dnskey {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = publicKey.export({ format: 'jwk' });
  const raw = Buffer.concat([Buffer.from(jwk.x as string, 'base64url'), Buffer.from(jwk.y as string, 'base64url')]);
  return { flags: 257, algorithm: 13, key: raw };
}

/** One of the box's zones as the box serves it: its zone file plus its KSKs, and its DS records from `.txt.ds`. */
export interface ServedZone {
  name: string;
  text: string;
  /** `257 3 <alg> <base64>` per KSK. */
  dnskeys: string[];
  /** `<tag> <alg> <digest type> <digest>` per line of the box's DS file. */
  ds: string[];
}

/**
 * What the emulated box with this root serves: the zone files dns_update wrote under `<root>/etc/nsd/zones`, each
 * with the box's KSKs (STORAGE_ROOT/dns/dnssec, as sign_zone would add them) and the DS lines it wrote next to it.
 */
export async function servedZones(root: string, storageDir: string, zones: string[]): Promise<ServedZone[]> {
  const keyDir = path.join(storageDir, 'dns', 'dnssec');
  const dnskeys: string[] = [];
  for (const conf of (await fs.promises.readdir(keyDir)).filter((f) => f.endsWith('.conf')).sort()) {
    const ksk = /^KSK=(\S+)$/m.exec(await fs.promises.readFile(path.join(keyDir, conf), 'utf8'))?.[1];
    if (!ksk) continue;
    const m = /\tDNSKEY\t(257 3 \d+ [A-Za-z0-9+/=]+)/.exec(
      await fs.promises.readFile(path.join(keyDir, `${ksk}.key`), 'utf8'),
    );
    if (m) dnskeys.push(m[1] as string);
  }
  const zonesDir = path.join(root, 'etc', 'nsd', 'zones');
  return Promise.all(
    zones.map(async (name) => {
      const text = await fs.promises.readFile(path.join(zonesDir, `${name}.txt`), 'utf8');
      const ds = (await fs.promises.readFile(path.join(zonesDir, `${name}.txt.ds`), 'utf8'))
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => (line.split('\t')[4] ?? '').trim());
      return { name, text, dnskeys, ds };
    }),
  );
}

export interface WorldSpec {
  hostname: string;
  ipv6: string | null;
  zones: ServedZone[];
  /** NS names of every zone (ns1/ns2.<hostname>, or ns1 and the secondaries). */
  nameservers: string[];
  secondaries: Array<{ host: string; address: string }>;
  /** The IPv4 PTR kept as hosting providers with RFC 2317 classless delegation keep it: a CNAME into their zone. */
  classlessReverse?: boolean;
}

export interface World {
  bed: NsdBed;
  /** `127.0.0.12:PORT`, the resolver to give the check. */
  resolver: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts the parent (`test.`), the box and the resolver for these zones on one port. */
export async function startWorld(spec: WorldSpec, drift: Drift = {}): Promise<World> {
  const boxZones: NsdZone[] = [];
  let parent = soa('test') + `ns IN A ${PARENT_ADDRESS}\n`;
  for (const s of spec.secondaries) parent += `${s.host}. IN A ${s.address}\n`;
  const glueHosts = spec.nameservers.filter((ns) => ns.endsWith(`.${spec.hostname}`));
  for (const zone of spec.zones) {
    const served = zone.text + '\n' + zone.dnskeys.map((k) => `${zone.name}.\tIN\tDNSKEY\t${k}\n`).join('');
    boxZones.push({ name: zone.name, text: drift.boxZone ? drift.boxZone(zone.name, served) : served });
    for (const ns of drift.parentNs?.[zone.name] ?? spec.nameservers) parent += `${zone.name}. IN NS ${ns}.\n`;
    const ds = drift.wrongDs?.includes(zone.name) ? [dsFor(zone.name, strangerKey(), 2) as string] : zone.ds;
    for (const d of ds) parent += `${zone.name}. IN DS ${d}\n`;
    if (spec.hostname === zone.name || spec.hostname.endsWith(`.${zone.name}`))
      for (const host of glueHosts) {
        parent += `${host}. IN A ${drift.glueAddress ?? BOX_ADDRESS}\n`;
        if (spec.ipv6) parent += `${host}. IN AAAA ${spec.ipv6}\n`;
      }
  }
  const reverse: NsdZone[] = [BOX_ADDRESS, ...(spec.ipv6 ? [spec.ipv6] : [])].map((address) => {
    const name = reverseName(address);
    const ptr = drift.missingPtr?.includes(address) ? '' : `@ IN PTR ${spec.hostname}.\n`;
    if (!spec.classlessReverse || address !== BOX_ADDRESS) return { name, text: soa(name) + ptr };
    // The /24's zone points the box's name into the provider's 0-25 zone (a CNAME cannot sit at a zone's apex).
    const [owner, ...rest] = name.split('.');
    const parentZone = rest.join('.');
    return { name: parentZone, text: soa(parentZone) + `${owner ?? ''} IN CNAME ${owner ?? ''}.0-25.${parentZone}.\n` };
  });
  if (spec.classlessReverse) {
    const classless = reverseName(BOX_ADDRESS).replace(/^\d+\./, '0-25.');
    const owner = BOX_ADDRESS.split('.')[3] as string;
    const ptr = drift.missingPtr?.includes(BOX_ADDRESS) ? '' : `${owner} IN PTR ${spec.hostname}.\n`;
    reverse.push({ name: classless, text: soa(classless) + ptr });
  }
  const bed = await startNsdBed([
    { label: 'parent', addresses: [PARENT_ADDRESS], zones: [{ name: 'test', text: parent }] },
    { label: 'box', addresses: [BOX_ADDRESS, ...(spec.ipv6 ? [spec.ipv6] : [])], zones: boxZones },
    {
      label: 'resolver',
      addresses: [RESOLVER_ADDRESS],
      zones: [{ name: 'test', text: parent }, ...boxZones, ...reverse],
    },
  ]);
  return { bed, resolver: `${RESOLVER_ADDRESS}:${bed.port}`, port: bed.port, stop: () => bed.stop() };
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

/** The DS records of a box's `.txt.ds` lines, as the DNS service reads them (only what the check compares). */
function dsRecords(zone: string, lines: string[]): DsRecord[] {
  return lines.map((line) => {
    const [tag, alg, type, digest] = line.split(' ') as [string, string, string, string];
    return {
      keyTag: Number(tag),
      algorithm: Number(alg),
      algorithmName: alg === '13' ? 'ECDSAP256SHA256' : 'RSASHA256',
      digestType: Number(type),
      digestTypeName: ({ '1': 'SHA-1', '2': 'SHA-256', '4': 'SHA-384' } as Record<string, string>)[type] ?? type,
      digest,
      record: `${zone}.\t3600\tIN\tDS\t${line}`,
      rank: 0,
    };
  });
}

/**
 * An in-process emulated box (no SSH): its DNS update writes the zone files, keys and DS files, then the world serves
 * them, and the facts are what the DNS service would gather from that box (its dump, DS, nameservers, glue).
 */
export async function startDnsWorld(options: WorldOptions = {}, drift: Drift = {}): Promise<DnsWorld> {
  const box = await makeBox(options);
  dnsUpdate(box);
  const dump = recommendedDns(box);
  const zones = await servedZones(
    box.root,
    box.storageDir,
    dump.map(([zone]) => zone),
  );
  const nameservers = [`ns1.${HOSTNAME}`, ...(options.secondaries?.length ? [] : [`ns2.${HOSTNAME}`])];
  const allNs = [...nameservers, ...(options.secondaries ?? []).map((s) => s.host)];
  const ipv6 = options.ipv6 ? '::1' : null;
  const world = await startWorld(
    {
      hostname: HOSTNAME,
      ipv6,
      zones,
      nameservers: allNs,
      secondaries: options.secondaries ?? [],
      classlessReverse: options.classlessReverse ?? false,
    },
    drift,
  );
  const delegation: ZoneDelegation[] = zones.map((zone) => ({
    zone: zone.name,
    ds: dsRecords(zone.name, zone.ds),
    publicKey: null,
    nameservers: allNs,
    glue:
      HOSTNAME === zone.name || HOSTNAME.endsWith(`.${zone.name}`)
        ? nameservers.map((host) => ({ host, ipv4: BOX_ADDRESS, ipv6 }))
        : [],
    problem: null,
  }));
  const facts: OutsideFacts = {
    hostname: HOSTNAME,
    ipv4: BOX_ADDRESS,
    ipv6,
    zones: dump.map(([zone, records]) => ({ zone, records })),
    delegation,
    secondaryNameservers: (options.secondaries ?? []).map((s) => s.host),
  };
  return { box, facts, ...world };
}
