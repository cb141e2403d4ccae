/**
 * DNS routes (§4.4, Power §6.3.4): zones, updates, secondary nameservers, custom records, the dump and zone files.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { PyValueError } from '../auth';
import { DnsValueError, listCustomRecords, setCustomDnsRecord } from '../dns-records';
import type { DnsAction } from '../dns-records';
import { dnsUpdate, recommendedDns, zoneFile } from '../dns-zones';
import { zoneNames } from '../domains';
import { json, plain, text } from '../respond';
import type { EmuBox, EmuRequest, EmuResponse, RouteDef } from '../types';

const BOTH = ['upstream', 'power'] as const;

function update(req: EmuRequest, box: EmuBox): EmuResponse {
  try {
    return text(dnsUpdate(box, req.form.get('force') === '1'));
  } catch (e) {
    return text(String((e as Error).message), 500);
  }
}

/** A at first, then AAAA, each given up after 5 s, like the daemon's resolver settings. */
async function resolves(host: string): Promise<boolean> {
  const attempt = (family: 4 | 6): Promise<boolean> =>
    Promise.race([
      lookup(host, { family }).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5000).unref()),
    ]);
  return (await attempt(4)) || attempt(6);
}

/** ipaddress.ip_network(strict=True): host bits must be zero. */
function validNetwork(v: string): boolean {
  const slash = v.indexOf('/');
  const addr = v.slice(0, slash);
  const bitsText = v.slice(slash + 1);
  const family = isIP(addr);
  if (family === 0 || !/^\d+$/.test(bitsText)) return false;
  const bits = Number(bitsText);
  const width = family === 4 ? 32 : 128;
  if (bits > width) return false;
  let n = 0n;
  if (family === 4) for (const p of addr.split('.')) n = (n << 8n) | BigInt(Number(p));
  else {
    const [head, tail] = addr.includes('::') ? addr.split('::') : [addr, undefined];
    const h = (head ?? '').split(':').filter((x) => x !== '');
    const t = tail === undefined ? [] : tail.split(':').filter((x) => x !== '');
    const groups = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
    for (const g of groups) n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return (n & ((1n << BigInt(width - bits)) - 1n)) === 0n;
}

async function setSecondary(req: EmuRequest, box: EmuBox): Promise<EmuResponse> {
  const entries = (req.form.get('hostnames') ?? '')
    .split(/[, ]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const item of entries) {
    if (!item.startsWith('xfr:')) {
      if (!(await resolves(item))) return text(`Could not resolve the IP address of ${item}.`, 400);
    } else {
      const v = item.slice(4);
      if (!(v.includes('/') ? validNetwork(v) : isIP(v) !== 0)) {
        return text(`'${v}' is not an IPv4 or IPv6 address or subnet.`, 400);
      }
    }
  }
  box.state.secondaryNameservers = entries;
  return text(dnsUpdate(box));
}

/** str.strip(): Python also strips the information separators U+001C..U+001F. */
function pyStrip(s: string): string {
  const space = (c: string): boolean => /\s/.test(c) || (c.charCodeAt(0) >= 0x1c && c.charCodeAt(0) <= 0x1f);
  let a = 0;
  let b = s.length;
  while (a < b && space(s[a] as string)) a++;
  while (b > a && space(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

/** The record value: upstream reads the raw body as ASCII, Power the form field `value` (§3.1, §6.3.4). */
function requestValue(req: EmuRequest, box: EmuBox): { value: string; ttl?: number } {
  if (box.state.flavour === 'power') {
    const ttlText = req.form.get('ttl');
    const ttl = ttlText !== null && /^\s*[+-]?\d+\s*$/.test(ttlText) ? Number(ttlText) : undefined;
    return ttl === undefined ? { value: req.form.get('value') ?? '' } : { value: req.form.get('value') ?? '', ttl };
  }
  const ascii = [...req.rawBody]
    .filter((b) => b < 0x80)
    .map((b) => String.fromCharCode(b))
    .join('');
  return { value: pyStrip(ascii) };
}

function customRecord(req: EmuRequest, box: EmuBox): EmuResponse {
  const qname = req.params['qname'] as string;
  const rtype = (req.params['rtype'] ?? 'A').toUpperCase();
  if (req.method === 'GET') return json(listCustomRecords(box.state, qname, rtype));
  const { value: v, ttl } = requestValue(req, box);
  let value: string | null = v;
  let action: DnsAction;
  if (req.method === 'DELETE') {
    action = 'remove';
    if (value === '') value = null;
  } else {
    if ((rtype === 'A' || rtype === 'AAAA') && value === '') value = req.headers['x-forwarded-for'] ?? null;
    if (value === '') return text('No value for the record provided.', 400);
    action = req.method === 'POST' ? 'add' : 'set';
  }
  try {
    if (setCustomDnsRecord(box.state, qname, rtype, value, action, ttl))
      return text(dnsUpdate(box) || "Something isn't right.");
    return text('OK');
  } catch (e) {
    if (e instanceof DnsValueError) return text(e.message, 400);
    throw e;
  }
}

function zonefile(req: EmuRequest, box: EmuBox): EmuResponse {
  const zone = req.params['zone'] as string;
  const body = zoneNames(box.state).includes(zone) ? zoneFile(box, zone) : null;
  if (body === null) throw new PyValueError(`${zone} is not a domain name that corresponds to a zone.`);
  return plain(body);
}

const customMethods = ['GET', 'POST', 'PUT', 'DELETE'] as const;

export const dnsRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/dns/zones',
    auth: 'admin',
    flavours: BOTH,
    handler: (_r, box) => json(zoneNames(box.state)),
  },
  { method: 'POST', path: '/dns/update', auth: 'admin', flavours: BOTH, handler: update },
  {
    method: 'GET',
    path: '/dns/secondary-nameserver',
    auth: 'admin',
    flavours: BOTH,
    handler: (_r, box) => json({ hostnames: box.state.secondaryNameservers }),
  },
  {
    method: 'POST',
    path: '/dns/secondary-nameserver',
    auth: 'admin',
    flavours: BOTH,
    slow: true,
    handler: setSecondary,
  },
  {
    method: 'GET',
    path: '/dns/custom',
    auth: 'admin',
    flavours: BOTH,
    handler: (_r, box) => json(listCustomRecords(box.state)),
  },
  ...customMethods.flatMap((method): RouteDef[] => [
    { method, path: '/dns/custom/<qname>', auth: 'admin', flavours: BOTH, handler: customRecord },
    { method, path: '/dns/custom/<qname>/<rtype>', auth: 'admin', flavours: BOTH, handler: customRecord },
  ]),
  { method: 'GET', path: '/dns/dump', auth: 'admin', flavours: BOTH, handler: (_r, box) => json(recommendedDns(box)) },
  { method: 'GET', path: '/dns/zonefile/<zone>', auth: 'admin', flavours: BOTH, handler: zonefile },
];
