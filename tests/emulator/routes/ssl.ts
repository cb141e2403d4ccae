/**
 * TLS routes (§4.5): status, CSR, install and provisioning. Provisioning never reaches Let's Encrypt here: every
 * domain is skipped because public DNS (there is none) does not point it at the box.
 */
import { execFileSync } from 'node:child_process';
import { PyValueError } from '../auth';
import { domainsHostedElsewhere, webDomains } from '../domains';
import { sortDomains } from '../ordering';
import { json, text } from '../respond';
import { ensurePrivateKey, primaryCertFile, setPrimaryCertFile, storeCertificate } from '../tls';
import { certificateFor, checkCertificate, webCertStatus } from '../tls-check';
import type { EmuBox, EmuRequest, EmuResponse, RouteDef } from '../types';
import { webUpdate } from '../web';

const BOTH = ['upstream', 'power'] as const;
const ELSEWHERE =
  "The domain has a custom DNS A/AAAA record that points the domain elsewhere, so there is no point to installing a TLS certificate here and we could not automatically provision one anyway because provisioning requires access to the website (which isn't here).";

/** get_certificates_to_provision without public DNS: nothing can be provisioned; the reasons, in domain order. */
function cantProvision(box: EmuBox): Map<string, string> {
  const actual = new Set(webDomains(box.state));
  const reasons = new Map<string, string>();
  for (const domain of webDomains(box.state, { excludeDnsElsewhere: false })) {
    if (!actual.has(domain)) {
      reasons.set(domain, ELSEWHERE);
      continue;
    }
    const bad = ['[Not Set] (A)'];
    if (box.state.publicIpv6) bad.push('[Not Set] (AAAA)');
    reasons.set(domain, `The domain name does not resolve to this machine: ${bad.join(', ')}.`);
  }
  return reasons;
}

function status(_req: EmuRequest, box: EmuBox): EmuResponse {
  const reasons = cantProvision(box);
  const rows = webDomains(box.state).map((domain) => {
    const [st, txt] = webCertStatus(box, domain);
    const reason = reasons.get(domain);
    return { domain, status: st, text: txt + (reason !== undefined ? ' ' + reason : '') };
  });
  const all = webDomains(box.state, { excludeDnsElsewhere: false });
  const elsewhere = domainsHostedElsewhere(box.state);
  for (const domain of sortDomains(
    all.filter((d) => elsewhere.has(d) && d !== box.state.hostname),
    box.state.hostname,
  )) {
    rows.push({ domain, status: 'not-applicable', text: "The domain's website is hosted elsewhere." });
  }
  return json({ can_provision: [], status: rows });
}

function csr(req: EmuRequest, box: EmuBox): EmuResponse {
  const key = ensurePrivateKey(box);
  const subj = `/C=${req.form.get('countrycode') ?? ''}/CN=${req.params['domain'] as string}`;
  const out = execFileSync('openssl', ['req', '-new', '-key', key, '-sha256', '-subj', subj], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return text(out.toString('utf8'));
}

/** post_install_func: move ssl_certificate.pem to the best primary certificate, then the web update. */
export function postInstall(box: EmuBox): string[] {
  const out: string[] = [];
  const best = certificateFor(box, box.state.hostname, true, false);
  if (!best) out.push('there is no valid certificate for ' + box.state.hostname);
  if (best && primaryCertFile(box) !== best.fileName) {
    setPrimaryCertFile(box, best.fileName);
    out.push('updating primary certificate', 'mail services restarted');
  }
  out.push(webUpdate(box));
  return out;
}

function install(req: EmuRequest, box: EmuBox): EmuResponse {
  const domain = req.form.get('domain');
  if (domain === null || !webDomains(box.state).includes(domain)) return text('Invalid domain name.');
  const cert = req.form.get('cert');
  const chain = req.form.get('chain');
  // Python fails on None + str (TypeError → 500) and on encode("ascii") (UnicodeEncodeError, a ValueError).
  if (cert === null || chain === null) throw new Error('missing cert or chain');
  const pem = cert + '\n' + chain;
  const at = [...pem].findIndex((c) => c.charCodeAt(0) > 0x7f);
  if (at >= 0) {
    const code = pem.charCodeAt(at);
    const esc = code < 0x100 ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0');
    throw new PyValueError(
      `'ascii' codec can't encode character '${esc}' in position ${at}: ordinal not in range(128)`,
    );
  }
  const check = checkCertificate(box, domain, pem);
  if (check.status === 'SELF-SIGNED') return text("This is a self-signed certificate. I can't install that.");
  if (check.status === 'ERROR') return text(check.message + (check.details !== undefined ? ' ' + check.details : ''));
  storeCertificate(box, pem);
  return text(postInstall(box).join('\n'));
}

function provision(_req: EmuRequest, box: EmuBox): EmuResponse {
  const requests: unknown[] = [...cantProvision(box)].map(([domain, reason]) => ({
    domains: [domain],
    log: [reason],
    result: 'skipped',
  }));
  requests.push(...postInstall(box));
  return json({ requests });
}

export const sslRoutes: RouteDef[] = [
  { method: 'GET', path: '/ssl/status', auth: 'admin', flavours: BOTH, handler: status },
  { method: 'POST', path: '/ssl/csr/<domain>', auth: 'admin', flavours: BOTH, handler: csr },
  { method: 'POST', path: '/ssl/install', auth: 'admin', flavours: BOTH, handler: install },
  { method: 'POST', path: '/ssl/provision', auth: 'admin', flavours: BOTH, slow: true, handler: provision },
];
