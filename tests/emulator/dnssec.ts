/**
 * DNSSEC as setup/dns.sh and dns_update.sign_zone (v75) leave it on disk: one KSK and one ZSK per algorithm
 * (RSASHA256 and ECDSAP256SHA256), made once, named like ldns-keygen names them with the owner `_domain_`, listed in
 * STORAGE_ROOT/dns/dnssec/<ALGNAME>.conf; and after each signing `/etc/nsd/zones/<zone>.txt.ds`, one line per KSK and
 * digest type 1, 2 and 4 as `ldns-key2ds -n` prints them. The zones are not really signed: nothing here serves them.
 */
import { createHash, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** setup/dns.sh's order; `alg` is the DNSKEY algorithm number. */
export const DNSSEC_ALGORITHMS = [
  { name: 'RSASHA256', alg: 8 },
  { name: 'ECDSAP256SHA256', alg: 13 },
] as const;

const DS_DIGESTS: ReadonlyArray<readonly [number, string]> = [
  [1, 'sha1'],
  [2, 'sha256'],
  [4, 'sha384'],
];

/** ldns reads a key file without a TTL with its default; key2ds copies it onto the DS. */
const DS_TTL = 3600;

/** DNSKEY RDATA (RFC 4034 §2.1): flags, protocol 3, algorithm, public key. */
export function dnskeyRdata(flags: number, algorithm: number, publicKey: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(flags, 0);
  head.writeUInt8(3, 2);
  head.writeUInt8(algorithm, 3);
  return Buffer.concat([head, publicKey]);
}

/** RFC 4034 Appendix B: the key tag of a DNSKEY RDATA (any algorithm but 1). */
export function keyTag(rdata: Buffer): number {
  let ac = 0;
  for (let i = 0; i < rdata.length; i++) ac += i & 1 ? (rdata[i] as number) : (rdata[i] as number) << 8;
  ac += (ac >>> 16) & 0xffff;
  return ac & 0xffff;
}

/** A domain name in canonical wire form (RFC 4034 §6.2): lowercase length-prefixed labels and the root label. */
export function wireName(name: string): Buffer {
  const labels = name
    .replace(/\.$/, '')
    .split('.')
    .filter((l) => l !== '');
  return Buffer.concat([
    ...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l.toLowerCase(), 'ascii')])),
    Buffer.from([0]),
  ]);
}

/** RFC 4034 §5.1.4: digest = hash(owner name | DNSKEY RDATA), hex. */
export function dsDigest(owner: string, rdata: Buffer, digestType: number): string {
  const hash = DS_DIGESTS.find(([type]) => type === digestType)?.[1];
  if (hash === undefined) throw new Error(`unknown DS digest type ${digestType}`);
  return createHash(hash)
    .update(Buffer.concat([wireName(owner), rdata]))
    .digest('hex');
}

const b64url = (s: string | undefined): Buffer => Buffer.from(s ?? '', 'base64url');

/** The DNSKEY public key field: RFC 3110 for RSA (exponent length, exponent, modulus), RFC 6605 for ECDSA (x | y). */
function publicKeyField(alg: number, jwk: JsonWebKey): Buffer {
  if (alg === 13) return Buffer.concat([b64url(jwk.x), b64url(jwk.y)]);
  const e = b64url(jwk.e);
  const lead = e.length < 256 ? Buffer.from([e.length]) : Buffer.from([0, e.length >> 8, e.length & 0xff]);
  return Buffer.concat([lead, e, b64url(jwk.n)]);
}

/** The `.private` file in ldns's "Private-key-format: v1.2". */
function privateFile(alg: number, name: string, jwk: JsonWebKey): string {
  const b64 = (s: string | undefined) => b64url(s).toString('base64');
  const lines = ['Private-key-format: v1.2', `Algorithm: ${alg} (${name})`];
  if (alg === 13) lines.push(`PrivateKey: ${b64(jwk.d)}`);
  else
    lines.push(
      `Modulus: ${b64(jwk.n)}`,
      `PublicExponent: ${b64(jwk.e)}`,
      `PrivateExponent: ${b64(jwk.d)}`,
      `Prime1: ${b64(jwk.p)}`,
      `Prime2: ${b64(jwk.q)}`,
      `Exponent1: ${b64(jwk.dp)}`,
      `Exponent2: ${b64(jwk.dq)}`,
      `Coefficient: ${b64(jwk.qi)}`,
    );
  return lines.join('\n') + '\n';
}

/**
 * RSA pairs are made once per process and shared by its boxes: a 2048-bit pair costs about half a second, and the
 * emulator starts hundreds of boxes in one test run. Each box still gets its own P-256 pairs (a millisecond each),
 * which is the algorithm the box prefers and the one the checks look at first.
 */
const rsaPairs = new Map<boolean, JsonWebKey>();

function newJwk(alg: number, ksk: boolean): JsonWebKey {
  if (alg === 13) return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  let jwk = rsaPairs.get(ksk);
  if (jwk === undefined) {
    jwk = generateKeyPairSync('rsa', { modulusLength: ksk ? 2048 : 1024 }).privateKey.export({ format: 'jwk' });
    rsaPairs.set(ksk, jwk);
  }
  return jwk;
}

/** One ldns-keygen run: `K_domain_.+<alg>+<tag>.key` and `.private`, created under umask 077; returns the base. */
function makeKey(dir: string, name: string, alg: number, ksk: boolean): string {
  const jwk = newJwk(alg, ksk);
  const publicKey = publicKeyField(alg, jwk);
  const flags = ksk ? 257 : 256;
  const tag = keyTag(dnskeyRdata(flags, alg, publicKey));
  const base = `K_domain_.+${String(alg).padStart(3, '0')}+${String(tag).padStart(5, '0')}`;
  const bits = alg === 13 ? 256 : ksk ? 2048 : 1024;
  const key = `_domain_.\tIN\tDNSKEY\t${flags} 3 ${alg} ${publicKey.toString('base64')} ;{id = ${tag} (${ksk ? 'ksk' : 'zsk'}), size = ${bits}b}\n`;
  for (const [ext, text] of [
    ['.key', key],
    ['.private', privateFile(alg, name, jwk)],
  ] as const) {
    writeFileSync(join(dir, base + ext), text, { mode: 0o600 });
    chmodSync(join(dir, base + ext), 0o600);
  }
  return base;
}

/** setup/dns.sh: keys for each algorithm whose `.conf` is missing; existing keys are kept. */
export function ensureDnssecKeys(storageDir: string): void {
  const dir = join(storageDir, 'dns', 'dnssec');
  mkdirSync(dir, { recursive: true });
  for (const { name, alg } of DNSSEC_ALGORITHMS) {
    const conf = join(dir, `${name}.conf`);
    if (existsSync(conf)) continue;
    const ksk = makeKey(dir, name, alg, true);
    const zsk = makeKey(dir, name, alg, false);
    writeFileSync(conf, `KSK=${ksk}\nZSK=${zsk}\n`, { mode: 0o644 });
  }
}

/** The KSK files named by each `<ALGNAME>.conf` (find_dnssec_signing_keys, DOMAINS= honoured), in name order. */
function kskFiles(storageDir: string, zone: string): string[] {
  const dir = join(storageDir, 'dns', 'dnssec');
  const out: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.conf'))
    .sort()) {
    const vars = Object.fromEntries(
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .map((l) => /^([A-Z_]+)=(.*)$/.exec(l.trim()))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1], m[2]]),
    );
    const domains = vars['DOMAINS'];
    if (
      domains !== undefined &&
      !domains
        .split(',')
        .map((d) => d.trim())
        .includes(zone)
    )
      continue;
    if (vars['KSK']) out.push(join(dir, `${vars['KSK']}.key`));
  }
  return out;
}

/** The DS lines for `zone`, as sign_zone writes them into `<zonefile>.ds` (`ldns-key2ds -n -1/-2/-4`). */
export function dsLines(storageDir: string, zone: string): string {
  let text = '';
  for (const file of kskFiles(storageDir, zone)) {
    const m = /\tDNSKEY\t(\d+) 3 (\d+) ([A-Za-z0-9+/=]+)/.exec(readFileSync(file, 'utf8'));
    if (!m) throw new Error(`${file} is not a DNSKEY file`);
    const alg = Number(m[2]);
    const rdata = dnskeyRdata(Number(m[1]), alg, Buffer.from(m[3] as string, 'base64'));
    const tag = keyTag(rdata);
    for (const [type] of DS_DIGESTS) {
      text += `${zone}.\t${DS_TTL}\tIN\tDS\t${tag} ${alg} ${type} ${dsDigest(zone + '.', rdata, type)}\n`;
    }
  }
  return text;
}

/** Writes `<zonesDir>/<zone>.txt.ds` (world-readable, like every file sign_zone writes there). */
export function writeDsFile(storageDir: string, zonesDir: string, zone: string): void {
  ensureDnssecKeys(storageDir);
  writeFileSync(join(zonesDir, `${zone}.txt.ds`), dsLines(storageDir, zone), { mode: 0o644 });
}
