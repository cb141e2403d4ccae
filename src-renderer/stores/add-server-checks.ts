import type { Box } from '../../src-shared/domain/box';

/**
 * Checks the wizard makes before anything is sent: the obvious wrong key choices, a fingerprint pasted from a
 * provider's console, and a server that is already in the fleet. Main checks the same again; these only make the
 * answer come sooner and land on the right field.
 */

/** A public half chosen as the key: the file name says so. Main reports a missing file; this needs no disk. */
export function keyPathProblem(path: string): string | undefined {
  if (/\.pub$/i.test(path.trim())) {
    return 'That is the public half of the key (.pub). Choose the private key: the same file name without .pub.';
  }
  return undefined;
}

const PUBLIC_KEY_LINE = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-\S+|sk-\S+)\s+[A-Za-z0-9+/=]+/;

/** Text that is plainly not a private key (a public key line, say), from a paste or a chosen file. */
export function privateKeyProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (PUBLIC_KEY_LINE.test(trimmed) || /BEGIN SSH2 PUBLIC KEY/.test(trimmed)) {
    return 'That is a public key. Boxfleet needs the private half: the file without .pub, starting with “-----BEGIN”.';
  }
  if (!/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(trimmed)) {
    return 'That does not look like a private key: it should start with “-----BEGIN … PRIVATE KEY-----”.';
  }
  return undefined;
}

/** The largest key file the window reads: a 16384-bit RSA key in PEM is well under it. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

/** A file chosen in the window's file input, read as text (empty when it was too large to read). */
export function uploadedKeyProblem(text: string): string | undefined {
  if (text.trim() === '')
    return 'That file is empty, or larger than a key file can be (64 KiB). Choose your private key.';
  return privateKeyProblem(text);
}

/**
 * A SHA-256 fingerprint reduced to its base64 part, as it may be pasted: with or without `SHA256:`, with the
 * padding `=` some consoles print, with blanks around it, or as the whole `ssh-keygen -l` line.
 */
export function normaliseFingerprint(text: string): string {
  const inLine = /SHA256:(\S+)/i.exec(text);
  const raw = inLine?.[1] ?? text.trim();
  return raw.replace(/^SHA256:/i, '').replace(/=+$/, '');
}

/** Where the server the admin typed is already in the fleet: same host (any case), port and user. */
export interface DuplicateBox {
  readonly boxId: string;
  readonly name: string;
  readonly message: string;
}

export function duplicateMessage(box: { name: string; host: string; port: number; user: string }): string {
  return `${box.user}@${box.host}:${box.port} is already in your fleet as ${box.name}.`;
}

export function findDuplicate(
  target: { host: string; port: number; user: string },
  boxes: readonly Box[],
  exceptBoxId?: string,
): DuplicateBox | null {
  const host = target.host.trim().toLowerCase();
  const found = boxes.find(
    (box) =>
      box.id !== exceptBoxId && box.host.toLowerCase() === host && box.port === target.port && box.user === target.user,
  );
  return found ? { boxId: found.id, name: found.name, message: duplicateMessage(found) } : null;
}

/**
 * A fingerprint pasted next to the one the server presents: `match` ticks "I verified", `mismatch` stops. While
 * the admin is still typing (a prefix of the right one) it is `typing`, so no alarm is raised mid-word.
 */
export type FingerprintComparison = 'empty' | 'typing' | 'match' | 'mismatch';

export function compareFingerprint(typed: string, shown: string): FingerprintComparison {
  const mine = normaliseFingerprint(typed);
  const theirs = normaliseFingerprint(shown);
  if (mine === '') return 'empty';
  if (mine === theirs) return 'match';
  return theirs.startsWith(mine) ? 'typing' : 'mismatch';
}
