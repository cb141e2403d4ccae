/**
 * TOTP as the daemon does it with pyotp (§2.5, §4.6): RFC 6238 with SHA-1, 30-second steps, ±1 step, 6 digits,
 * base32 secrets, plus the provisioning proposal with its QR code.
 *
 * Written on node:crypto rather than otplib: otplib 13 pulls in ESM-only packages (@scure/base) that jest cannot
 * load on Node 20. A unit test checks the codes against otplib run in a plain Node process.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { toBuffer } from 'qrcode';
import { newTotpSecret } from './state';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Decode(secret: string): Buffer {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of secret.toUpperCase().replace(/=+$/, '')) {
    const v = BASE32.indexOf(ch);
    if (v < 0) throw new Error('Non-base32 digit found');
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function hotp(key: Buffer, counter: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

/** The code for a secret at a time (tests use it to play the phone). */
export function totpToken(secret: string, epochSeconds = Math.floor(Date.now() / 1000)): string {
  return hotp(base32Decode(secret), Math.floor(epochSeconds / 30));
}

/** pyotp.TOTP(secret).verify(token, valid_window=1). Malformed tokens or secrets simply do not verify. */
export function verifyTotp(secret: string, token: string, epochSeconds: number): boolean {
  let key: Buffer;
  try {
    key = base32Decode(secret);
  } catch {
    return false;
  }
  const counter = Math.floor(epochSeconds / 30);
  const given = Buffer.from(token);
  return [-1, 0, 1].some((d) => {
    const want = Buffer.from(hotp(key, counter + d));
    return want.length === given.length && timingSafeEqual(want, given);
  });
}

/** pyotp's provisioning_uri. */
function otpauthUri(email: string, issuer: string, secret: string): string {
  const q = (s: string): string => encodeURIComponent(s);
  return `otpauth://totp/${q(issuer)}:${q(email)}?secret=${secret}&issuer=${q(issuer)}`;
}

/** Whether pyotp could decode the secret as base32 (casefolded, 32 characters = 20 bytes, no padding). */
export function isBase32Secret(secret: string): boolean {
  return /^[A-Za-z2-7]{32}$/.test(secret);
}

export interface TotpProposal {
  type: 'totp';
  secret: string;
  qr_code_base64: string;
}

/** mfa.provision_totp: a fresh secret and a PNG QR code of its otpauth URI. */
export async function provisionTotp(email: string, hostname: string): Promise<TotpProposal> {
  const secret = newTotpSecret();
  const uri = otpauthUri(email, `${hostname} Mail-in-a-Box Control Panel`, secret);
  const png = await toBuffer(uri, { type: 'png' });
  return { type: 'totp', secret, qr_code_base64: png.toString('base64') };
}
