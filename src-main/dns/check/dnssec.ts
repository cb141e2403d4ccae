import { createHash } from 'node:crypto';

/** A DNSKEY as served: flags (257 = key-signing key), protocol 3, algorithm, public key. */
export interface Dnskey {
  flags: number;
  algorithm: number;
  key: Buffer;
}

/** The DNSKEY RDATA in wire form: flags, protocol (3), algorithm, key (RFC 4034 §2.1). */
export function dnskeyRdata(key: Dnskey): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(key.flags, 0);
  head.writeUInt8(3, 2);
  head.writeUInt8(key.algorithm, 3);
  return Buffer.concat([head, key.key]);
}

/** The key tag of a DNSKEY (RFC 4034 Appendix B; algorithm 1's special case is long obsolete and not handled). */
export function keyTag(key: Dnskey): number {
  const rdata = dnskeyRdata(key);
  let sum = 0;
  for (let i = 0; i < rdata.length; i++) sum += i & 1 ? (rdata[i] as number) : (rdata[i] as number) << 8;
  sum += (sum >> 16) & 0xffff;
  return sum & 0xffff;
}

/** The owner name in canonical wire form: lower-case labels, each with its length, ending in the root. */
export function canonicalWireName(name: string): Buffer {
  const labels = name
    .toLowerCase()
    .replace(/\.$/, '')
    .split('.')
    .filter((label) => label !== '');
  return Buffer.concat([
    ...labels.map((label) => {
      const bytes = Buffer.from(label, 'utf8');
      return Buffer.concat([Buffer.from([bytes.length]), bytes]);
    }),
    Buffer.from([0]),
  ]);
}

const DIGESTS: Record<number, string> = { 1: 'sha1', 2: 'sha256', 4: 'sha384' };

/** digest = hash(owner name | DNSKEY RDATA) (RFC 4034 §5.1.4); null for a digest type this does not know. */
export function dsDigest(owner: string, key: Dnskey, digestType: number): string | null {
  const algorithm = DIGESTS[digestType];
  if (algorithm === undefined) return null;
  return createHash(algorithm)
    .update(Buffer.concat([canonicalWireName(owner), dnskeyRdata(key)]))
    .digest('hex');
}

/** The DS a parent should hold for this key with this digest type, in the comparable form `tag alg type hex`. */
export function dsFor(owner: string, key: Dnskey, digestType: number): string | null {
  const digest = dsDigest(owner, key, digestType);
  return digest === null ? null : `${keyTag(key)} ${key.algorithm} ${digestType} ${digest}`;
}

/** Whether a DS (`tag alg type hex`) is the digest of one of these keys. */
export function dsMatchesAnyKey(owner: string, ds: string, keys: Dnskey[]): boolean {
  const [, , type] = ds.split(' ');
  return keys.some((key) => dsFor(owner, key, Number(type)) === ds);
}
