/**
 * The records of each zone, ported from dns_update.build_zones/build_zone (v75) with Power's additions (relay SPF and
 * DKIM, TTLs). Shared by the zone files (dns-zones.ts) and the "External DNS" dump.
 */
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sshfpValues } from './box-ssh-keys';
import { mailDomains, webDomains, zoneNames } from './domains';
import { ensurePrivateKey } from './tls';
import { isSignedAndValid } from './tls-check';
import type { EmuBox } from './types';

/** One record: qname relative to the zone (null = apex), explanation false = only when the box is the DNS server. */
export interface ZoneRecord {
  qname: string | null;
  rtype: string;
  value: string;
  explanation: string | false;
  ttl?: number;
}

interface DomainProps {
  user: boolean;
  mail: boolean;
  auto: boolean;
}

/** The box's DKIM TXT record (selector `mail`), created once like setup's opendkim-genkey. */
export function dkimRecord(box: EmuBox): { qname: string; value: string } {
  const dir = join(box.storageDir, 'mail', 'dkim');
  const txt = join(dir, 'mail.txt');
  if (!existsSync(txt)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    writeFileSync(join(dir, 'mail.private'), privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
    const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const parts = ['v=DKIM1; h=sha256; k=rsa; s=email; ', `p=${p.slice(0, 200)}`, p.slice(200)].filter((s) => s);
    writeFileSync(
      txt,
      `mail._domainkey\tIN\tTXT\t( ${parts.map((s) => `"${s}"`).join('\n\t  ')} )  ; ----- DKIM key mail\n`,
    );
  }
  const m = /(\S+)\s+IN\s+TXT\s+\( ((?:"[^"]+"\s+)+)\)/s.exec(readFileSync(txt, 'utf8'));
  if (!m) throw new Error('mail.txt is not an opendkim record');
  const value = [...(m[2] as string).matchAll(/"([^"]+)"/g)].map((x) => x[1]).join('');
  return { qname: m[1] as string, value };
}

/** DANE TLSA `3 1 1 <sha256 of the box key's SubjectPublicKeyInfo>`. */
function tlsaRecord(box: EmuBox): string {
  const spki = createPublicKey(readFileSync(ensurePrivateKey(box))).export({ type: 'spki', format: 'der' });
  return '3 1 1 ' + createHash('sha256').update(spki).digest('hex');
}

/** Custom records as (qname, rtype, value, ttl), the secondary-nameserver pseudo-record included. */
function customRecords(box: EmuBox): Array<{ qname: string; rtype: string; value: string; ttl?: number }> {
  const out: Array<{ qname: string; rtype: string; value: string; ttl?: number }> = [...box.state.customDns];
  if (box.state.secondaryNameservers.length > 0) {
    out.push({ qname: '_secondary_nameserver', rtype: 'A', value: box.state.secondaryNameservers.join(' ') });
  }
  return out;
}

/** Power's relay SPF (§6.3.8): the stored record verbatim, or mx plus the authorized servers. */
function relaySpf(box: EmuBox): string | null {
  const relay = box.state.smtpRelay;
  if (box.state.flavour !== 'power' || !relay.enabled) return null;
  if (relay.spfRecord) return relay.spfRecord;
  const items = relay.authorizedServers.map((s) => {
    if (s.startsWith('spf:')) return 'include:' + s.slice(4);
    const ip = s.split('/')[0] as string;
    if (/^[\d.]+$/.test(ip)) return 'ip4:' + s;
    if (ip.includes(':')) return 'ip6:' + s;
    return 'a:' + s;
  });
  return ['v=spf1', 'mx', ...items, '-all'].join(' ');
}

function buildZone(box: EmuBox, domain: string, props: Map<string, DomainProps>, isZone: boolean): ZoneRecord[] {
  const s = box.state;
  const records: ZoneRecord[] = [];
  const custom = customRecords(box);
  if (isZone) {
    records.push({ qname: null, rtype: 'NS', value: `ns1.${s.hostname}.`, explanation: false });
    const secondary = s.secondaryNameservers.filter((h) => !h.startsWith('xfr:'));
    for (const ns of secondary.length > 0 ? secondary : ['ns2.' + s.hostname]) {
      records.push({ qname: null, rtype: 'NS', value: ns + '.', explanation: false });
    }
  }
  if (domain === s.hostname) {
    records.push({
      qname: null,
      rtype: 'A',
      value: s.publicIp,
      explanation: 'Required. Sets the IP address of the box.',
    });
    if (s.publicIpv6) {
      records.push({
        qname: null,
        rtype: 'AAAA',
        value: s.publicIpv6,
        explanation: 'Required. Sets the IPv6 address of the box.',
      });
    }
    const tlsa = tlsaRecord(box);
    records.push({
      qname: '_25._tcp',
      rtype: 'TLSA',
      value: tlsa,
      explanation:
        'Recommended when DNSSEC is enabled. Advertises to mail servers connecting to the box that mandatory encryption should be used.',
    });
    records.push({
      qname: '_443._tcp',
      rtype: 'TLSA',
      value: tlsa,
      explanation:
        'Optional. When DNSSEC is enabled, provides out-of-band HTTPS certificate validation for a few web clients that support it.',
    });
    for (const value of sshfpValues(box.root)) {
      records.push({
        qname: null,
        rtype: 'SSHFP',
        value,
        explanation:
          "Optional. Provides an out-of-band method for verifying an SSH key before connecting. Use 'VerifyHostKeyDNS yes' (or 'VerifyHostKeyDNS ask') when connecting with ssh.",
      });
    }
  }
  if (isZone) {
    for (const sub of [...props.keys()].filter((d) => d.endsWith('.' + domain))) {
      const rel = sub.slice(0, -('.' + domain).length);
      for (const r of buildZone(box, sub, props, false))
        records.push({ ...r, qname: r.qname === null ? rel : `${r.qname}.${rel}` });
    }
  }
  let base = [...records];
  const hasRec = (q: string | null, t: string, prefix?: string): boolean =>
    base.some((r) => r.qname === q && r.rtype === t && (prefix === undefined || r.value.startsWith(prefix)));

  for (const c of custom) {
    if (c.qname === '_secondary_nameserver') continue;
    if (c.qname !== domain && !c.qname.endsWith('.' + domain)) continue;
    const q = c.qname === domain ? null : c.qname.slice(0, -('.' + domain).length);
    if (hasRec(q, c.rtype)) continue;
    let value = c.value;
    if (c.rtype === 'A' && value === 'local') value = s.publicIp;
    if (c.rtype === 'AAAA' && value === 'local') {
      if (!s.publicIpv6) continue;
      value = s.publicIpv6;
    }
    const rec: ZoneRecord = { qname: q, rtype: c.rtype, value, explanation: '(Set by user.)' };
    if (s.flavour === 'power' && c.ttl !== undefined) rec.ttl = c.ttl;
    records.push(rec);
  }

  base = [...records];
  const p = props.get(domain) as DomainProps;
  let aExpl: string | false =
    `Required. May have a different value. Sets the IP address that ${domain} resolves to for web hosting and other services besides mail. The A record must be present but its value does not affect mail delivery.`;
  if (p.auto) {
    if (domain.startsWith('ns1.') || domain.startsWith('ns2.')) aExpl = false;
    if (domain.startsWith('www.'))
      aExpl = `Optional. Sets the IP address that ${domain} resolves to so that the box can provide a redirect to the parent domain.`;
    if (domain.startsWith('mta-sts.')) aExpl = 'Optional. MTA-STS Policy Host serving /.well-known/mta-sts.txt.';
    if (domain.startsWith('autoconfig.'))
      aExpl = 'Provides email configuration autodiscovery support for Thunderbird Autoconfig.';
    if (domain.startsWith('autodiscover.'))
      aExpl = 'Provides email configuration autodiscovery support for Z-Push ActiveSync Autodiscover.';
  }
  const defaults: Array<[string, string, string | false]> = [
    ['A', s.publicIp, aExpl],
    [
      'AAAA',
      s.publicIpv6,
      `Optional. Sets the IPv6 address that ${domain} resolves to, e.g. for web hosting. (It is not necessary for receiving mail on this domain.)`,
    ],
  ];
  for (const [rtype, value, explanation] of defaults) {
    if (value.trim() === '') continue;
    if (!hasRec(null, rtype) && !hasRec(null, 'CNAME') && !hasRec(null, 'A')) {
      records.push({ qname: null, rtype, value, explanation });
    }
  }

  base = records;
  if (p.mail) {
    if (!hasRec(null, 'MX', '10 ')) {
      records.push({
        qname: null,
        rtype: 'MX',
        value: `10 ${s.hostname}.`,
        explanation: `Required. Specifies the hostname (and priority) of the machine that handles @${domain} mail.`,
      });
    }
    if (!hasRec(null, 'TXT', 'v=spf1 ')) {
      records.push({
        qname: null,
        rtype: 'TXT',
        value: relaySpf(box) ?? 'v=spf1 mx -all',
        explanation: `Recommended. Specifies that only the box is permitted to send @${domain} mail.`,
      });
    }
    const dkim = dkimRecord(box);
    const relay = s.smtpRelay;
    const relayDkim = s.flavour === 'power' && relay.enabled && relay.dkimSelector && relay.dkimRr;
    const ownSelector = relayDkim && relay.dkimSelector === 'mail' ? 'mailorigin._domainkey' : dkim.qname;
    if (!hasRec(ownSelector, 'TXT', 'v=DKIM1; ')) {
      records.push({
        qname: ownSelector,
        rtype: 'TXT',
        value: dkim.value,
        explanation: `Recommended. Provides a way for recipients to verify that this machine sent @${domain} mail.`,
      });
    }
    if (relayDkim && !hasRec(`${relay.dkimSelector}._domainkey`, 'TXT')) {
      records.push({
        qname: `${relay.dkimSelector}._domainkey`,
        rtype: 'TXT',
        value: relay.dkimRr,
        explanation: `Recommended. Provides a way for recipients to verify that the SMTP relay sent @${domain} mail.`,
      });
    }
    if (!hasRec('_dmarc', 'TXT', 'v=DMARC1; ')) {
      records.push({
        qname: '_dmarc',
        rtype: 'TXT',
        value: 'v=DMARC1; p=quarantine;',
        explanation: `Recommended. Specifies that mail that does not originate from the box but claims to be from @${domain} or which does not have a valid DKIM signature is suspect and should be quarantined by the recipient's mail system.`,
      });
    }
  }
  if (p.user && domain !== s.hostname) {
    for (const dav of ['card', 'cal']) {
      const q = `_${dav}davs._tcp`;
      if (!hasRec(q, 'SRV')) {
        records.push({
          qname: q,
          rtype: 'SRV',
          value: `0 0 443 ${s.hostname}.`,
          explanation:
            'Recommended. Specifies the hostname of the server that handles CardDAV/CalDAV services for email addresses on this domain.',
        });
      }
    }
  }
  if (p.mail && isSignedAndValid(box, s.hostname) && isSignedAndValid(box, 'mta-sts.' + domain)) {
    if (!hasRec('_mta-sts', 'TXT')) {
      const id = createHash('sha1').update(`${s.hostname}\n${domain}`).digest('hex').slice(0, 32);
      records.push({
        qname: '_mta-sts',
        rtype: 'TXT',
        value: 'v=STSv1; id=' + id,
        explanation:
          'Optional. Part of the MTA-STS policy for incoming mail. If set, a MTA-STS policy must also be published.',
      });
    }
  }
  if (isZone) {
    const withA = new Set(records.filter((r) => r.rtype === 'A' || r.rtype === 'AAAA').map((r) => r.qname));
    const withMx = new Set(records.filter((r) => r.rtype === 'MX').map((r) => r.qname));
    for (const q of [...withA].filter((x) => !withMx.has(x))) {
      const d = (q ? q + '.' : '') + domain;
      if (!hasRec(q, 'TXT', 'v=spf1 ')) {
        records.push({
          qname: q,
          rtype: 'TXT',
          value: 'v=spf1 -all',
          explanation: `Recommended. Prevents use of this domain name for outbound mail by specifying that no servers are valid sources for mail from @${d}. If you do send email from this domain name you should either override this record such that the SPF rule does allow the originating server, or, take the recommended approach and have the box handle mail for this domain (simply add any receiving alias at this domain name to make this machine treat the domain name as one of its mail domains).`,
        });
      }
      const dq = '_dmarc' + (q ? '.' + q : '');
      if (!hasRec(dq, 'TXT', 'v=DMARC1; ')) {
        records.push({
          qname: dq,
          rtype: 'TXT',
          value: 'v=DMARC1; p=reject;',
          explanation: `Recommended. Prevents use of this domain name for outbound mail by specifying that the SPF rule should be honoured for mail from @${d}.`,
        });
      }
      if (!hasRec(q, 'MX')) {
        records.push({
          qname: q,
          rtype: 'MX',
          value: '0 .',
          explanation: 'Recommended. Prevents use of this domain name for incoming mail.',
        });
      }
    }
  }
  const key = (r: ZoneRecord): string[] => (r.qname === null ? [] : r.qname.split('.').reverse());
  return records
    .map((r, i) => ({ r, i, k: key(r) }))
    .sort((a, b) => cmpLists(a.k, b.k) || a.i - b.i)
    .map((x) => x.r);
}

function cmpLists(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Every zone with its records, in zone order (dns_update.build_zones). */
export function buildZones(box: EmuBox): Array<{ zone: string; records: ZoneRecord[] }> {
  const s = box.state;
  const mail = new Set(mailDomains(s));
  const userDomains = new Set(mailDomains(s, { usersOnly: true }));
  const web = webDomains(s);
  const nonAuto = new Set([...mail, s.hostname]);
  const auto = new Set(web.filter((d) => !nonAuto.has(d)));
  const names = new Set([...mail, ...webDomains(s, { includeWwwRedirects: false }), s.hostname, ...auto]);
  for (const ns of ['ns1', 'ns2']) {
    names.add(`${ns}.${s.hostname}`);
    auto.add(`${ns}.${s.hostname}`);
  }
  const props = new Map<string, DomainProps>();
  for (const d of names) props.set(d, { user: userDomains.has(d), mail: mail.has(d), auto: auto.has(d) });
  return zoneNames(s).map((zone) => ({ zone, records: buildZone(box, zone, props, true) }));
}
