/**
 * ssl_certificates.py's checks: which certificate serves a domain (get_ssl_certificates / get_domain_ssl_files) and
 * whether it is good (check_certificate, with a real `openssl verify` against the box's trusted test root).
 */
import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateNames, ensurePrivateKey, ensureTlsSetup, primaryCertFile, trustedRootPath } from './tls';
import type { CertRecord, EmuBox } from './types';

const DAY = 86400_000;
const PEM_RE = /(-+BEGIN (?:.+)-+[\r\n]+(?:[A-Za-z0-9+/=]{1,64}[\r\n]+)+-+END (?:.+)-+[\r\n]+)/g;

function pyDate(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

function wildcard(domain: string): string {
  return domain.replace(/^[^.]+/, '*');
}

function valid(c: CertRecord, now: Date): boolean {
  return c.notBefore <= now && now <= c.notAfter;
}

/** The best stored certificate for each name, ordered like get_ssl_certificates (valid, CA-signed, longest-lived). */
function bestFor(box: EmuBox, name: string): CertRecord | null {
  const now = box.now();
  const days = (d: Date): number => Math.floor((d.getTime() - now.getTime()) / DAY);
  const list = box.state.certs.filter((c) => c.names.includes(name));
  list.sort(
    (a, b) =>
      Number(!valid(a, now)) - Number(!valid(b, now)) ||
      Number(a.selfSigned) - Number(b.selfSigned) ||
      -days(a.notAfter) + days(b.notAfter) ||
      -days(a.notBefore) + days(b.notBefore),
  );
  return list[0] ?? null;
}

/** get_domain_ssl_files: the certificate used for `domain`; null = none (only with allowMissing). */
export function certificateFor(
  box: EmuBox,
  domain: string,
  allowMissing: boolean,
  useMainCert = true,
): CertRecord | null {
  ensureTlsSetup(box);
  const main = (): CertRecord | null => box.state.certs.find((c) => c.fileName === primaryCertFile(box)) ?? null;
  if (useMainCert && domain === box.state.hostname) return main();
  const found = bestFor(box, domain) ?? bestFor(box, wildcard(domain));
  if (found) return found;
  return allowMissing ? null : main();
}

export type CertCheck =
  { status: 'OK'; expiry: string } | { status: 'SELF-SIGNED' } | { status: 'ERROR'; message: string; details?: string };

/** check_certificate for a full-chain PEM and the box key. */
export function checkCertificate(
  box: EmuBox,
  domain: string | null,
  fullChainPem: string,
  warnIfExpiringSoon = 10,
): CertCheck {
  const blocks = (fullChainPem + '\n').match(PEM_RE) ?? [];
  let cert: X509Certificate;
  try {
    if (blocks.length === 0) throw new Error('File does not contain valid PEM data.');
    const first = blocks[0] as string;
    const type = /-+BEGIN (.*?)-+[\r\n]/.exec(first)?.[1];
    if (type !== 'CERTIFICATE') throw new Error('This is not a certificate file.');
    cert = new X509Certificate(first);
  } catch (e) {
    return { status: 'ERROR', message: `There is a problem with the certificate file: ${(e as Error).message}` };
  }
  if (domain !== null) {
    const { names } = certificateNames(cert);
    if (!names.includes(domain) && !names.includes(wildcard(domain))) {
      return {
        status: 'ERROR',
        message: `The certificate is for the wrong domain name. It is for ${[...names].sort().join(', ')}.`,
      };
    }
  }
  const keyPath = join(box.state.storageRoot, 'ssl', 'ssl_private_key.pem');
  const priv = createPrivateKey(readFileSync(ensurePrivateKey(box)));
  const same = createPublicKey(priv)
    .export({ type: 'spki', format: 'der' })
    .equals(cert.publicKey.export({ type: 'spki', format: 'der' }));
  if (!same)
    return { status: 'ERROR', message: `The certificate does not correspond to the private key at ${keyPath}.` };
  if (cert.issuer === cert.subject) return { status: 'SELF-SIGNED' };
  const now = box.now();
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  if (!(from <= now && now <= to)) {
    return {
      status: 'ERROR',
      message: `The certificate has expired or is not yet valid. It is valid from ${pyDate(from)} to ${pyDate(to)}.`,
    };
  }
  const verify = opensslVerify(box, blocks);
  if (verify.output.includes('self signed') || verify.output.includes('self-signed')) return { status: 'SELF-SIGNED' };
  if (verify.code !== 0) {
    if (verify.output.includes('unable to get local issuer certificate')) {
      return {
        status: 'ERROR',
        message: `The certificate is missing an intermediate chain or the intermediate chain is incorrect or incomplete. (${verify.output})`,
      };
    }
    return { status: 'ERROR', message: 'There is a problem with the certificate.', details: verify.output.trim() };
  }
  const ndays = Math.floor((to.getTime() - now.getTime()) / DAY);
  const expiry = `The certificate expires in ${ndays} days on ${to.toISOString().slice(0, 10)}.`;
  if (warnIfExpiringSoon && ndays <= warnIfExpiringSoon) {
    return { status: 'ERROR', message: 'The certificate is expiring soon: ' + expiry };
  }
  return { status: 'OK', expiry };
}

function opensslVerify(box: EmuBox, blocks: string[]): { code: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'emu-verify-'));
  try {
    const certFile = join(dir, 'cert.pem');
    writeFileSync(certFile, blocks.join(''));
    const args = ['verify', '-verbose', '-purpose', 'sslserver', '-policy_check', '-CAfile', trustedRootPath(box)];
    args.push('-attime', String(Math.floor(box.now().getTime() / 1000)));
    if (blocks.length > 1) {
      writeFileSync(join(dir, 'chain.pem'), blocks.slice(1).join('\n\n'));
      args.push('-untrusted', join(dir, 'chain.pem'));
    }
    args.push(certFile);
    const r = spawnSync('openssl', args, { encoding: 'utf8' });
    return { code: r.status ?? 1, output: (r.stdout ?? '') + (r.stderr ?? '') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The `[status, text]` pair of /web/domains (get_web_domains_info.check_cert). */
export function webCertStatus(box: EmuBox, domain: string): [string, string] {
  const cert = certificateFor(box, domain, true);
  if (!cert) return ['danger', 'No certificate installed.'];
  const check = checkCertificate(box, domain, cert.pem);
  if (check.status === 'OK') return ['success', 'Signed & valid. ' + check.expiry];
  if (check.status === 'SELF-SIGNED') return ['warning', 'Self-signed. Get a signed certificate to stop warnings.'];
  return ['danger', 'Certificate has a problem: ' + check.message];
}

/** is_domain_cert_signed_and_valid (used by the MTA-STS record). */
export function isSignedAndValid(box: EmuBox, domain: string): boolean {
  const cert = certificateFor(box, domain, true);
  return cert !== null && checkCertificate(box, domain, cert.pem).status === 'OK';
}
