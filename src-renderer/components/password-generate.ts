/** No look-alikes (0/O, 1/l/I) and no characters that need quoting when read out or pasted into a shell. */
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Four groups of five, about 117 bits: strong, and still easy to read out to the person who gets the mailbox. */
export const GENERATED_GROUPS = 4;
const GROUP_LENGTH = 5;

/**
 * A random password from the platform's CSPRNG. Rejection sampling keeps every character equally likely (a plain
 * modulo would favour the first characters of the alphabet).
 */
export function generatePassword(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const limit = 256 - (256 % ALPHABET.length);
  const chars: string[] = [];
  const total = GENERATED_GROUPS * GROUP_LENGTH;
  while (chars.length < total) {
    for (const byte of random(new Uint8Array(total * 2))) {
      if (byte < limit && chars.length < total) chars.push(ALPHABET.charAt(byte % ALPHABET.length));
    }
  }
  const groups: string[] = [];
  for (let i = 0; i < total; i += GROUP_LENGTH) groups.push(chars.slice(i, i + GROUP_LENGTH).join(''));
  return groups.join('-');
}
