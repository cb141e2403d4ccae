/**
 * The install wizard's answers, checked before anything runs on the box: they reach setup through the variables of
 * §8.2, so a value setup would refuse, prompt for, or mangle is refused here with the field at fault.
 */
import type { Flavour } from './box';
import { checkPassword, checkUserAddress } from './mail-rules';
import { isIpv4, isIpv6 } from './dns-rules';

export interface AnswerInput {
  flavour: Flavour;
  version?: string | undefined;
  hostname: string;
  adminEmail: string;
  adminPassword: string;
  publicIp: string;
  publicIpv6: string;
  storageRoot?: string | undefined;
}

export interface AnswerProblem {
  field: keyof AnswerInput;
  message: string;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Private, loopback, link-local, CGNAT and documentation-free checks: an address the world cannot reach the box at. */
export function isPublicIpv4(value: string): boolean {
  if (!isIpv4(value)) return false;
  const [a, b] = value.split('.').map(Number) as [number, number];
  if (a === 10 || a === 127 || a === 0 || a >= 224) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 169 && b === 254) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  return true;
}

export function isPublicIpv6(value: string): boolean {
  if (!isIpv6(value)) return false;
  const lower = value.toLowerCase();
  return !(lower === '::1' || lower.startsWith('fe80:') || lower.startsWith('fc') || lower.startsWith('fd'));
}

/** A fully qualified host name in ASCII (setup writes it into configs and DNS as is). */
export function checkHostname(hostname: string): string | null {
  const name = hostname.trim().toLowerCase().replace(/\.$/, '');
  if (name === '') return 'Enter the box hostname, e.g. box.example.com.';
  if (/\P{ASCII}/u.test(name)) return 'Use the ASCII (punycode, xn--…) form of the hostname.';
  if (isIpv4(name) || isIpv6(name)) return 'The hostname is a name like box.example.com, not an address.';
  const labels = name.split('.');
  if (labels.length < 2) return 'Use a full hostname, e.g. box.example.com.';
  if (name.length > 253 || !labels.every((label) => LABEL.test(label)))
    return 'A hostname uses letters, digits and hyphens between dots, e.g. box.example.com.';
  if (!/[a-z]$/.test(name)) return 'Use a full hostname ending in a real top-level domain, e.g. box.example.com.';
  return null;
}

/** §8.2 and §5.4: at least 8 characters, printable ASCII; Power passes it unquoted, so no spaces there. */
export function checkAdminPassword(password: string, flavour: Flavour): string | null {
  const base = checkPassword(password);
  if (base !== null) return base;
  if (!/^[\x20-\x7e]+$/.test(password))
    return 'Use only ASCII letters, digits and punctuation: the control panel cannot sign in with other characters.';
  if (flavour === 'power' && /\s/.test(password))
    return 'Power Mail-in-a-Box passes the password to its first-user command unquoted: use one without spaces.';
  return null;
}

/** A rough strength for the wizard's meter: length and character classes. */
export function passwordStrength(password: string): 'weak' | 'fair' | 'strong' {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length >= 16 && classes >= 3) return 'strong';
  if (password.length >= 12 && classes >= 2) return 'fair';
  return 'weak';
}

/** Every problem with the answers, in field order; empty when setup can take them as they are. */
export function checkAnswers(answers: AnswerInput): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const add = (field: keyof AnswerInput, message: string | null) => {
    if (message !== null) problems.push({ field, message });
  };
  if (answers.version !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(answers.version))
    add('version', 'A version is a release tag such as v75 or v60.5.');
  add('hostname', checkHostname(answers.hostname));
  add(
    'adminEmail',
    /\P{ASCII}/u.test(answers.adminEmail)
      ? 'Use an ASCII address for the administrator.'
      : checkUserAddress(answers.adminEmail.trim(), false),
  );
  add('adminPassword', checkAdminPassword(answers.adminPassword, answers.flavour));
  if (answers.publicIp !== 'auto' && !isIpv4(answers.publicIp))
    add('publicIp', 'Enter the public IPv4 address, e.g. 203.0.113.10 (or auto to ask icanhazip.com).');
  if (answers.publicIpv6 !== '' && answers.publicIpv6 !== 'auto' && !isIpv6(answers.publicIpv6))
    add('publicIpv6', 'Enter the public IPv6 address, auto, or leave it empty for none.');
  if (answers.storageRoot !== undefined) {
    const root = answers.storageRoot;
    if (!root.startsWith('/') || !/^[A-Za-z0-9._/-]+$/.test(root) || root.split('/').includes('..') || root === '/')
      add(
        'storageRoot',
        'The storage root is an absolute path of letters, digits, dots, hyphens and slashes, e.g. /home/user-data.',
      );
  }
  return problems;
}
