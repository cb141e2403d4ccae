/**
 * TOTP as the daemon does it with pyotp (§2.5, §4.6): RFC 6238 with SHA-1, 30-second steps, ±1 step, 6 digits,
 * base32 secrets, plus the provisioning proposal with its QR code. The codes come from otplib.
 */
import { generateSync, verifySync } from 'otplib';
import { toBuffer } from 'qrcode';
import { newTotpSecret } from './state';

/** The code for a secret at a time (tests use it to play the phone). */
export function totpToken(secret: string, epochSeconds = Math.floor(Date.now() / 1000)): string {
  return generateSync({ secret: secret.toUpperCase(), epoch: epochSeconds });
}

/** pyotp.TOTP(secret).verify(token, valid_window=1): one step either side. Malformed tokens or secrets do not verify. */
export function verifyTotp(secret: string, token: string, epochSeconds: number): boolean {
  if (!/^\d{6}$/.test(token)) return false;
  try {
    return verifySync({ secret: secret.toUpperCase(), token, epoch: epochSeconds, epochTolerance: 30 }).valid;
  } catch {
    return false;
  }
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
