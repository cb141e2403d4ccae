/**
 * Power's PGP keyring (§6.4.3–§6.4.9) with real OpenPGP keys (openpgp.js). Key objects follow pgp.key_representation.
 * Keys that tests import are ECC (curve25519), which are quick to make; the daemon key is RSA-4096 like a real box's,
 * from one key generated per process.
 */
import type * as OpenPgpModule from 'openpgp' with { 'resolution-mode': 'import' };
import type { Key, PrivateKey, Subkey } from 'openpgp' with { 'resolution-mode': 'import' };
import type { EmuBox, PgpKeyRecord } from './types';

type OpenPgp = typeof OpenPgpModule;
let loaded: Promise<OpenPgp> | undefined;

/** openpgp.js is an ES module; this CommonJS code loads it on first use. */
export function openpgp(): Promise<OpenPgp> {
  return (loaded ??= import('openpgp'));
}

// enums.keyFlags values (RFC 4880 §5.2.3.21).
const CERTIFY = 0x01;
const SIGN = 0x02;
const ENCRYPT = 0x04 | 0x08;
const AUTH = 0x20;

const DAY = 86400_000;

export interface SubkeyObject {
  algorithm: string;
  auth: boolean;
  bits: number;
  cert: boolean;
  encr: boolean;
  expired: boolean;
  expires: number | null;
  expires_date: string | null;
  expires_days: number | null;
  fpr: string;
  master: boolean;
  sign: boolean;
}

export interface KeyObject {
  ids: string[];
  ids_emails: string[];
  master_fpr: string;
  revoked: boolean;
  subkeys: SubkeyObject[];
}

/** gpgme's pubkey_algo_name for the algorithms openpgp.js produces. */
function algoName(algorithm: string): string {
  const names: Record<string, string> = {
    rsaEncryptSign: 'RSA',
    rsaEncrypt: 'RSA',
    rsaSign: 'RSA',
    dsa: 'DSA',
    elgamal: 'ELG-E',
    ecdsa: 'ECDSA',
    ecdh: 'ECDH',
    eddsaLegacy: 'EdDSA',
    ed25519: 'EdDSA',
    ed448: 'EdDSA',
    x25519: 'ECDH',
    x448: 'ECDH',
  };
  return names[algorithm] ?? algorithm;
}

function bitsOf(info: { bits?: number; curve?: string }): number {
  if (info.bits !== undefined) return info.bits;
  if (info.curve && /25519/.test(info.curve)) return 255;
  if (info.curve && /448/.test(info.curve)) return 448;
  const m = /(\d{3})/.exec(info.curve ?? '');
  return m ? Number(m[1]) : 0;
}

async function subkeyObject(part: Key | Subkey, flags: number, master: boolean, now: Date): Promise<SubkeyObject> {
  const exp = await part.getExpirationTime();
  const expires = exp instanceof Date ? Math.floor(exp.getTime() / 1000) : null;
  const info = part.getAlgorithmInfo() as { algorithm: string; bits?: number; curve?: string };
  return {
    algorithm: algoName(info.algorithm),
    auth: (flags & AUTH) !== 0,
    bits: bitsOf(info),
    cert: (flags & CERTIFY) !== 0,
    encr: (flags & ENCRYPT) !== 0,
    expired: expires !== null && expires * 1000 < now.getTime(),
    expires,
    expires_date: expires === null ? null : new Date(expires * 1000).toISOString().slice(0, 10),
    expires_days: expires === null ? null : Math.floor((expires * 1000 - now.getTime()) / DAY),
    fpr: part.getFingerprint().toUpperCase(),
    master,
    sign: (flags & SIGN) !== 0,
  };
}

/** key_representation of an armored key. */
export async function keyObject(armored: string, now: Date): Promise<KeyObject> {
  const key = await (await openpgp()).readKey({ armoredKey: armored });
  const ids = key.users.filter((u) => u.userID).map((u) => u.userID?.userID ?? '');
  const emails = [...new Set(key.users.map((u) => u.userID?.email ?? '').filter((e) => e !== ''))];
  const primaryFlags = (await key.getPrimaryUser().catch(() => null))?.selfCertification.keyFlags?.[0] ?? 0;
  const subkeys = [await subkeyObject(key, primaryFlags, true, now)];
  for (const sub of key.subkeys) {
    const flags = sub.bindingSignatures[sub.bindingSignatures.length - 1]?.keyFlags?.[0] ?? 0;
    subkeys.push(await subkeyObject(sub, flags, false, now));
  }
  return {
    ids,
    ids_emails: emails,
    master_fpr: key.getFingerprint().toUpperCase(),
    revoked: await key.isRevoked(),
    subkeys,
  };
}

/** A fresh ECC key pair (armored) with one uid `<name> <email>`. */
export async function makeTestKey(
  name: string,
  email: string,
  expiresInDays = 0,
): Promise<{ publicKey: string; privateKey: string; fingerprint: string }> {
  const lib = await openpgp();
  const { publicKey, privateKey } = await lib.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name, email }],
    keyExpirationTime: expiresInDays * 86400,
    format: 'armored',
  });
  const key = await lib.readKey({ armoredKey: publicKey });
  return { publicKey, privateKey, fingerprint: key.getFingerprint().toUpperCase() };
}

/** SignaturePacket.sign as openpgp 6 implements it. */
interface SignatureResign {
  sign(key: unknown, data: object, date: Date | undefined, detached: boolean, config: unknown): Promise<void>;
}

// One RSA-4096 key packet per process: generating it takes about a second, and every Power box needs one.
let processRsa4096: Promise<PrivateKey> | undefined;

function generateRsa4096(lib: OpenPgp): Promise<PrivateKey> {
  return lib
    .generateKey({ type: 'rsa', rsaBits: 4096, subkeys: [], userIDs: [{ name: 'x' }], format: 'object' })
    .then((k) => k.privateKey);
}

/** Starts making the process's RSA-4096 key in the background (Web Crypto, off the event loop) for a Power box. */
export function prewarmDaemonKey(): void {
  processRsa4096 ??= openpgp().then(generateRsa4096);
  processRsa4096.catch(() => undefined);
}

/**
 * The daemon key setup/pgp.sh makes with `gpg --generate-key --batch` (§6.4.3): RSA 4096, `Key-Usage:
 * sign,encrypt,auth` on the one primary key (gpg adds certify; no subkey), uid `System Management Daemon
 * <noreply-daemon@PRIMARY>`, `Expire-Date: 180d`. openpgp.js always flags a primary key certify+sign only, so the
 * self-certification is signed again with gpg's flags.
 */
async function makeDaemonKey(hostname: string): Promise<{ publicKey: string; fingerprint: string }> {
  const lib = await openpgp();
  processRsa4096 ??= generateRsa4096(lib);
  const { privateKey } = await lib.reformatKey({
    privateKey: await processRsa4096,
    userIDs: [{ name: 'System Management Daemon', email: 'noreply-daemon@' + hostname }],
    keyExpirationTime: 180 * 86400,
    format: 'object',
  });
  for (const user of privateKey.users) {
    for (const sig of user.selfCertifications) {
      sig.keyFlags = new Uint8Array([CERTIFY | SIGN | ENCRYPT | AUTH]);
      // sign() adds a fresh salt notation and refuses to find one already there.
      sig.rawNotations = [];
      // openpgp's declaration of sign() lags its code: a certification signs {userID, key} and needs the config.
      const resign = sig as unknown as SignatureResign;
      await resign.sign(
        privateKey.keyPacket,
        { userID: user.userID, key: privateKey.keyPacket },
        sig.created ?? undefined,
        false,
        lib.config,
      );
    }
  }
  return { publicKey: privateKey.toPublic().armor(), fingerprint: privateKey.getFingerprint().toUpperCase() };
}

/** The daemon key, made once per box. */
export async function ensureDaemonKey(box: EmuBox): Promise<PgpKeyRecord> {
  if (box.state.pgp.daemon) return box.state.pgp.daemon;
  const k = await makeDaemonKey(box.state.hostname);
  box.state.pgp.daemon ??= { fingerprint: k.fingerprint, armored: k.publicKey };
  return box.state.pgp.daemon;
}

/** Seed helper: add a public key to the imported keys (replacing one with the same fingerprint). */
export async function addPgpKey(box: EmuBox, armoredPublicKey: string): Promise<PgpKeyRecord> {
  const key = await (await openpgp()).readKey({ armoredKey: armoredPublicKey });
  const record = { fingerprint: key.getFingerprint().toUpperCase(), armored: key.armor() };
  box.state.pgp.imported = box.state.pgp.imported.filter((k) => k.fingerprint !== record.fingerprint);
  box.state.pgp.imported.push(record);
  return record;
}

/** All keys of the keyring (daemon first), found case-insensitively by fingerprint. */
export function findKey(box: EmuBox, fpr: string): PgpKeyRecord | undefined {
  const all = [...(box.state.pgp.daemon ? [box.state.pgp.daemon] : []), ...box.state.pgp.imported];
  return all.find((k) => k.fingerprint === fpr.toUpperCase());
}
