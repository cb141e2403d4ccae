/**
 * Real TLS material for the emulated box, made with the openssl command line: the box's RSA key
 * (STORAGE_ROOT/ssl/ssl_private_key.pem), a per-box test CA (root + intermediate) that the box trusts, and
 * certificates with chosen validity windows (`openssl ca -startdate/-enddate`, since OpenSSL 3.0's x509 lacks
 * -not_before/-not_after).
 */
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertRecord, EmuBox } from './types';

export function sslDir(box: EmuBox): string {
  return join(box.storageDir, 'ssl');
}

/**
 * One RSA-2048 key for every emulated box of this process: generating one takes up to half a second, the reference
 * checklist starts hundreds of boxes, and no test tells boxes apart by their TLS key.
 */
let processBoxKeyPem: string | undefined;

/** Path of the box's private key on this machine, created (RSA-2048, like setup) when missing. */
export function ensurePrivateKey(box: EmuBox): string {
  const path = join(sslDir(box), 'ssl_private_key.pem');
  if (!existsSync(path)) {
    mkdirSync(sslDir(box), { recursive: true });
    processBoxKeyPem ??= generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    writeFileSync(path, processBoxKeyPem, { mode: 0o600 });
  }
  return path;
}

function caDir(box: EmuBox): string {
  return join(box.root, 'usr', 'local', 'share', 'ca-certificates', 'emulator');
}

/** Path of the root the box trusts (its stand-in for the system CA store). */
export function trustedRootPath(box: EmuBox): string {
  return join(ensureTestCa(box), 'root.pem');
}

/** The box's test CA: `rootPem` is trusted by the box, `intermediatePem` is the chain to send with leaf certificates. */
export function testCa(box: EmuBox): { rootPem: string; intermediatePem: string } {
  const dir = ensureTestCa(box);
  return {
    rootPem: readFileSync(join(dir, 'root.pem'), 'utf8'),
    intermediatePem: readFileSync(join(dir, 'intermediate.pem'), 'utf8'),
  };
}

function openssl(args: string[], input?: string): string {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString('utf8');
}

function asn1Time(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

const CA_CONFIG = (dir: string): string => `[ ca ]
default_ca = CA_default
[ CA_default ]
database = ${dir}/index.txt
new_certs_dir = ${dir}
rand_serial = yes
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = copy
email_in_dn = no
[ policy_any ]
countryName = optional
commonName = supplied
[ v3_ca ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_leaf ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

interface SignOptions {
  csrKey: string;
  subject: string;
  sans: string[];
  notBefore: Date;
  notAfter: Date;
  extensions: 'v3_ca' | 'v3_leaf';
  /** Issuer cert and key; absent = self-signed with csrKey. */
  issuer?: { cert: string; key: string };
}

/** Sign a certificate with `openssl ca`; returns its PEM. */
function sign(o: SignOptions): string {
  const dir = mkdtempSync(join(tmpdir(), 'emu-ca-'));
  try {
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG(dir));
    const csrArgs = ['req', '-new', '-key', o.csrKey, '-subj', o.subject, '-out', join(dir, 'req.csr')];
    if (o.sans.length > 0) csrArgs.push('-addext', 'subjectAltName=' + o.sans.map((n) => 'DNS:' + n).join(','));
    openssl(csrArgs);
    const args = ['ca', '-batch', '-notext', '-config', join(dir, 'ca.cnf'), '-in', join(dir, 'req.csr')];
    args.push('-out', join(dir, 'out.pem'), '-startdate', asn1Time(o.notBefore), '-enddate', asn1Time(o.notAfter));
    args.push('-extensions', o.extensions);
    if (o.issuer) args.push('-cert', o.issuer.cert, '-keyfile', o.issuer.key);
    else args.push('-selfsign', '-keyfile', o.csrKey);
    openssl(args);
    const out = readFileSync(join(dir, 'out.pem'), 'utf8');
    return out.slice(out.indexOf('-----BEGIN CERTIFICATE-----'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ensureTestCa(box: EmuBox): string {
  const dir = caDir(box);
  if (existsSync(join(dir, 'intermediate.pem'))) return dir;
  mkdirSync(dir, { recursive: true });
  const now = box.now();
  const from = new Date(now.getTime() - 3650 * 86400_000);
  const to = new Date(now.getTime() + 3650 * 86400_000);
  for (const name of ['root', 'intermediate']) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    writeFileSync(join(dir, name + '.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const rootKey = join(dir, 'root.key');
  writeFileSync(
    join(dir, 'root.pem'),
    sign({
      csrKey: rootKey,
      subject: '/CN=Emulator Test Root CA',
      sans: [],
      notBefore: from,
      notAfter: to,
      extensions: 'v3_ca',
    }),
  );
  const issuer = { cert: join(dir, 'root.pem'), key: rootKey };
  const inter = sign({
    csrKey: join(dir, 'intermediate.key'),
    subject: '/CN=Emulator Test Intermediate CA',
    sans: [],
    notBefore: from,
    notAfter: to,
    extensions: 'v3_ca',
    issuer,
  });
  writeFileSync(join(dir, 'intermediate.pem'), inter);
  return dir;
}

export interface CertificateRequest {
  /** First name is the CN; all names go in subjectAltName. */
  names: string[];
  notBefore: Date;
  notAfter: Date;
  /** Self-signed with the box key instead of signed by the box's test intermediate. */
  selfSigned?: boolean;
}

/** A leaf certificate for the box key: `certPem` alone and `chainPem` (the intermediate, '' when self-signed). */
export function makeCertificate(box: EmuBox, req: CertificateRequest): { certPem: string; chainPem: string } {
  const key = ensurePrivateKey(box);
  const base = {
    csrKey: key,
    subject: '/CN=' + req.names[0],
    sans: req.names,
    notBefore: req.notBefore,
    notAfter: req.notAfter,
  };
  if (req.selfSigned) return { certPem: sign({ ...base, extensions: 'v3_leaf' }), chainPem: '' };
  const dir = ensureTestCa(box);
  const certPem = sign({
    ...base,
    extensions: 'v3_leaf',
    issuer: { cert: join(dir, 'intermediate.pem'), key: join(dir, 'intermediate.key') },
  });
  return { certPem, chainPem: readFileSync(join(dir, 'intermediate.pem'), 'utf8') };
}

/** Names a certificate is good for: CN plus DNS subjectAltNames, as get_certificate_domains. */
export function certificateNames(cert: X509Certificate): { names: string[]; cn: string } {
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? '';
  const sans = (cert.subjectAltName ?? '')
    .split(', ')
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4));
  return { names: [...new Set([cn, ...sans].filter((n) => n !== ''))], cn };
}

/** Store a full-chain PEM as STORAGE_ROOT/ssl/<name> and record it in state.certs. */
export function storeCertificate(box: EmuBox, fullChainPem: string, fileName?: string): CertRecord {
  const cert = new X509Certificate(fullChainPem);
  const { names, cn } = certificateNames(cert);
  const notAfter = new Date(cert.validTo);
  const ymd = notAfter.toISOString().slice(0, 10).replace(/-/g, '');
  const fpr = createHash('sha256').update(cert.raw).digest('hex').slice(0, 8);
  const record: CertRecord = {
    fileName: fileName ?? `${cn.replace(/[^a-zA-Z0-9.\-_]/g, '_')}-${ymd}-${fpr}.pem`,
    pem: fullChainPem,
    names,
    notBefore: new Date(cert.validFrom),
    notAfter,
    selfSigned: cert.issuer === cert.subject,
  };
  mkdirSync(sslDir(box), { recursive: true });
  writeFileSync(join(sslDir(box), record.fileName), fullChainPem);
  box.state.certs = box.state.certs.filter((c) => c.fileName !== record.fileName);
  box.state.certs.push(record);
  return record;
}

/** Seed helper: make a certificate for the box key and install its file (no post-install steps). */
export function addCertificate(box: EmuBox, req: CertificateRequest): CertRecord {
  const { certPem, chainPem } = makeCertificate(box, req);
  const record = storeCertificate(box, certPem + (chainPem ? '\n' + chainPem : ''));
  ensureTlsSetup(box);
  return record;
}

function symlinkPath(box: EmuBox): string {
  return join(sslDir(box), 'ssl_certificate.pem');
}

/** File name ssl_certificate.pem points at, or null when the link is missing. */
export function primaryCertFile(box: EmuBox): string | null {
  try {
    return readlinkSync(symlinkPath(box)).split('/').pop() as string;
  } catch {
    return null;
  }
}

export function setPrimaryCertFile(box: EmuBox, fileName: string): void {
  rmSync(symlinkPath(box), { force: true });
  symlinkSync(fileName, symlinkPath(box));
}

/** What setup leaves: the key, and a self-signed certificate for PRIMARY_HOSTNAME behind ssl_certificate.pem. */
export function ensureTlsSetup(box: EmuBox): void {
  ensurePrivateKey(box);
  if (primaryCertFile(box) !== null) return;
  let record = box.state.certs.find((c) => c.names.includes(box.state.hostname));
  if (!record) {
    const now = box.now();
    const { certPem } = makeCertificate(box, {
      names: [box.state.hostname],
      notBefore: now,
      notAfter: new Date(now.getTime() + 365 * 86400_000),
      selfSigned: true,
    });
    const ymd = now.toISOString().slice(0, 10).replace(/-/g, '');
    record = storeCertificate(box, certPem, `${box.state.hostname}-selfsigned-${ymd}.pem`);
  }
  setPrimaryCertFile(box, record.fileName);
}
