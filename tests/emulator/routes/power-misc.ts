/**
 * Power's SMTP relay (§6.4.1, §6.4.2) and default quota (§6.4.10) routes.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { pyRepr } from '../dns-records';
import { dnsUpdate } from '../dns-zones';
import { validateQuota } from '../mail-users';
import { PyValueError } from '../auth';
import { compactJson, json, text } from '../respond';
import type { EmuBox, EmuRequest, EmuResponse, RouteDef } from '../types';

const POWER = ['power'] as const;
const BOTH_EMPTY =
  '\n\t\t\tIf you want to set up a relay without a DKIM record, both the selector and the key need to be empty.';
const DKIM_ORDER = ['v', 'h', 'k', 'n', 's', 't'];

function getRelay(_req: EmuRequest, box: EmuBox): EmuResponse {
  const r = box.state.smtpRelay;
  return compactJson({
    authorized_servers: r.authorizedServers,
    dkim_rr: r.dkimRr,
    dkim_selector: r.dkimSelector,
    enabled: r.enabled,
    host: r.host,
    port: r.port,
    spf_record: r.spfRecord,
    user: r.user,
  });
}

/** Parse a `tag=value; …` DKIM record and rebuild it in the daemon's tag order; a string = the 400 message. */
function dkimRr(selector: string, rr: string): { rr: string } | string {
  if (selector === '' && rr === '') return { rr: '' };
  if (selector === '') return 'Cannot publish a DKIM key without a selector!' + BOTH_EMPTY;
  if (!/^[a-z0-9._][a-z0-9._-]*$/.test(selector)) return 'The DKIM selector is invalid!';
  if (rr === '') return 'Cannot publish a selector with an empty key!' + BOTH_EMPTY;
  const tags = new Map<string, string>();
  for (const part of rr.split(/[;\s]+/).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return 'DKIM public key RR is malformed!';
    tags.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const p = tags.get('p');
  if (p === undefined || p === '') return "The DKIM public key doesn't exist!";
  if (!tags.has('v')) tags.set('v', 'DKIM1');
  if (!tags.has('k')) tags.set('k', 'rsa');
  const parts = DKIM_ORDER.filter((t) => tags.has(t)).map((t) => `${t}=${tags.get(t) as string}`);
  return { rr: [...parts, `p=${p}`].join('; ') };
}

/** The TLS probe: a string = the 400 message; throws (→ 500) on a refused connection, as the daemon does. */
async function probe(host: string, port: number): Promise<string | null> {
  try {
    await lookup(host);
  } catch {
    return 'Unable to resolve hostname (it probably is incorrect): [Errno -2] Name or service not known';
  }
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host, port, rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }) });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve("We couldn't connect to the server. Is it down or did you write the wrong port number?");
    }, 5000);
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(null);
    };
    socket.once('secureConnect', done);
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e.code === 'ECONNREFUSED') reject(new Error('[Errno 111] Connection refused'));
      else resolve(null);
    });
  });
}

async function setRelay(req: EmuRequest, box: EmuBox): Promise<EmuResponse> {
  const f = req.form;
  const enabled = f.get('enabled') === 'true';
  const portText = f.get('port') ?? '';
  if (!/^\s*[+-]?\d+\s*$/.test(portText))
    return text(`invalid literal for int() with base 10: ${pyRepr(portText)}`, 400);
  const port = Number(portText);
  const host = f.get('host') ?? '';
  const selector = f.get('dkim_selector') ?? '';
  const dkim = dkimRr(selector, f.get('dkim_rr') ?? '');
  if (typeof dkim === 'string') return text(dkim, 400);
  if (enabled) {
    const failure = await probe(host, port);
    if (failure !== null) return text(failure, 400);
  }
  const relay = box.state.smtpRelay;
  const key = f.get('key') ?? '';
  if (key === '' && relay.password === null) {
    return text('Please provide a password/key (there is no existing password to retain).', 400);
  }
  const spf = f.get('spf_record') ?? '';
  Object.assign(relay, {
    enabled,
    host,
    port,
    user: f.get('user') ?? '',
    password: key === '' ? relay.password : key,
    authorizedServers: (f.get('authorized_servers') ?? '').split(/[\s,]+/).filter((s) => s !== ''),
    spfRecord: spf === '' ? null : spf,
    dkimSelector: selector === '' ? null : selector,
    dkimRr: dkim.rr,
  });
  dnsUpdate(box);
  return text('postfix/postfix-script: refreshing the Postfix mail system\n');
}

function getDefaultQuota(req: EmuRequest, box: EmuBox): EmuResponse {
  if (req.query.get('text')) return text(box.state.defaultQuota);
  return json({ 'default-quota': box.state.defaultQuota });
}

function setDefaultQuota(req: EmuRequest, box: EmuBox): EmuResponse {
  const value = req.query.get('default_quota') ?? req.form.get('default_quota');
  if (value === null) throw new Error("'NoneType' object has no attribute 'strip'");
  try {
    box.state.defaultQuota = validateQuota(value);
  } catch (e) {
    if (e instanceof PyValueError) return text('ERROR: ' + e.message, 400);
    throw e;
  }
  return text('OK');
}

export const powerMiscRoutes: RouteDef[] = [
  { method: 'GET', path: '/system/smtp/relay', auth: 'admin', flavours: POWER, handler: getRelay },
  { method: 'POST', path: '/system/smtp/relay', auth: 'admin', flavours: POWER, handler: setRelay },
  { method: 'GET', path: '/system/default-quota', auth: 'admin', flavours: POWER, handler: getDefaultQuota },
  { method: 'POST', path: '/system/default-quota', auth: 'admin', flavours: POWER, handler: setDefaultQuota },
];
