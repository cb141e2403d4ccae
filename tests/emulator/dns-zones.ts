/**
 * Zone files and the DNS update (§4.4, dns_update.write_nsd_zone / do_dns_update). The generated text is kept in
 * state.generated.zones and written under <root>/etc/nsd/zones so a real nsd can serve it in integration tests.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildZones, dkimRecord, type ZoneRecord } from './dns-build';
import { mailDomains } from './domains';
import { writeDsFile } from './dnssec';
import type { EmuBox } from './types';

const SERIAL_RE = /(\d+)\s*;\s*serial number/;

/** The zone text with `__SERIAL__` in place of the serial, exactly as write_nsd_zone builds it. */
function zoneTemplate(box: EmuBox, zone: string, records: ZoneRecord[]): string {
  const primary = box.state.hostname;
  let text = `
$ORIGIN ${zone}.
$TTL 86400          ; default time to live

@ IN SOA ns1.${primary}. hostmaster.${primary}. (
           __SERIAL__     ; serial number
           7200     ; Refresh (secondary nameserver update interval)
           3600     ; Retry (when refresh fails, how often to try again, should be lower than the refresh)
           1209600  ; Expire (when refresh fails, how long secondary nameserver will keep records around anyway)
           86400    ; Negative TTL (how long negative responses are cached)
           )
`;
  for (const r of records) {
    if (r.qname) text += r.qname;
    text += r.ttl !== undefined ? `\t${r.ttl}\tIN\t${r.rtype}\t` : `\tIN\t${r.rtype}\t`;
    let value = r.value;
    if (r.rtype === 'TXT') {
      let v2 = '';
      while (value.length > 0) {
        const part = value.slice(0, 255).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
        value = value.slice(255);
        v2 += `"${part}" `;
      }
      value = v2;
    }
    text += value + '\n';
  }
  // Stands in for the hash of the zone's DNSSEC signing keys: stable per box and zone.
  const keysHash = createHash('sha1').update(`${box.storageDir}\0${zone}`).digest('hex');
  return text + `\n; DNSSEC signing keys hash: ${keysHash}\n`;
}

function serialFor(now: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}00`;
}

/** A fresh zone text for `zone`, or null when it is not one of the box's zones. Nothing is stored. */
export function renderZone(box: EmuBox, zone: string): string | null {
  const z = buildZones(box).find((x) => x.zone === zone);
  if (!z) return null;
  return zoneTemplate(box, zone, z.records).replace('__SERIAL__', serialFor(box.now()));
}

/** nsd.conf's zone list plus the transfer ACLs of the secondary nameservers. */
function nsdConf(box: EmuBox, zones: string[]): string {
  const xfr = box.state.secondaryNameservers.map((h) => (h.startsWith('xfr:') ? h.slice(4) : h));
  return zones
    .map(
      (z) =>
        `zone:\n\tname: ${z}\n\tzonefile: ${z}.txt.signed\n` + xfr.map((x) => `\tprovide-xfr: ${x} NOKEY\n`).join(''),
    )
    .join('\n');
}

/**
 * Rebuild every zone; returns '' or `updated DNS: <zone>,<zone>\n` (or `DNS configuration` / `OpenDKIM configuration`).
 * Like write_nsd_zone, each zone is compared with the file already on disk (modulo its serial), and the files of
 * zones that went away stay where they are: a zone that comes back unchanged is not rewritten.
 */
export function dnsUpdate(box: EmuBox, force = false): string {
  const generated = box.state.generated;
  const dir = join(box.root, 'etc', 'nsd', 'zones');
  mkdirSync(dir, { recursive: true });
  const updated: string[] = [];
  const built = buildZones(box);
  for (const { zone, records } of built) {
    const template = zoneTemplate(box, zone, records);
    const file = join(dir, zone + '.txt');
    const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    let serial = serialFor(box.now());
    if (existing !== undefined) {
      const m = SERIAL_RE.exec(existing);
      if (m) {
        const withoutSerial = existing.replace(m[0], '__SERIAL__     ; serial number');
        if (withoutSerial === template && !force) {
          generated.zones[zone] = existing;
          // A zone signed before the DS file existed (an older root) gets it now, as a re-sign would write it.
          if (!existsSync(join(dir, zone + '.txt.ds'))) writeDsFile(box.storageDir, dir, zone);
          continue;
        }
        if ((m[1] as string) >= serial) serial = String(Number(m[1]) + 1);
      }
    }
    const text = template.replace('__SERIAL__', serial);
    generated.zones[zone] = text;
    writeFileSync(file, text);
    // sign_zone runs for every zone written and leaves its DS records next to it.
    writeDsFile(box.storageDir, dir, zone);
    updated.push(zone);
  }
  const zones = built.map((z) => z.zone);
  const conf = nsdConf(box, zones);
  if (conf !== generated.nsdConf) {
    generated.nsdConf = conf;
    if (updated.length === 0) updated.push('DNS configuration');
  }
  const dkim = dkimRecord(box).qname;
  const tables = mailDomains(box.state)
    .sort()
    .map((d) => `${dkim.split('.')[0]}._domainkey.${d} ${d}:mail:/etc/opendkim/mail.private`)
    .join('\n');
  if (tables !== generated.opendkim) {
    generated.opendkim = tables;
    if (updated.length === 0) updated.push('OpenDKIM configuration');
  }
  return updated.length === 0 ? '' : `updated DNS: ${updated.join(',')}\n`;
}

/** The stored zone file as /dns/zonefile serves it (regenerated when the box never wrote it). */
export function zoneFile(box: EmuBox, zone: string): string | null {
  return box.state.generated.zones[zone] ?? renderZone(box, zone);
}

export interface DumpRecord {
  explanation: string;
  qname: string;
  rtype: string;
  value: string;
}

/** build_recommended_dns: per zone, the records worth showing, Required first, then Recommended. */
export function recommendedDns(box: EmuBox): Array<[string, DumpRecord[]]> {
  const rank = (e: string): number => (e.startsWith('Required.') ? 0 : e.startsWith('Recommended.') ? 1 : 2);
  return buildZones(box).map(({ zone, records }) => {
    const shown = records
      .filter((r): r is ZoneRecord & { explanation: string } => r.explanation !== false)
      .map((r, i) => ({ r, i }))
      .sort((a, b) => rank(a.r.explanation) - rank(b.r.explanation) || a.i - b.i)
      .map(({ r }) => ({
        explanation: r.explanation,
        qname: r.qname === null ? zone : `${r.qname}.${zone}`,
        rtype: r.rtype,
        value: r.value,
      }));
    return [zone, shown];
  });
}
