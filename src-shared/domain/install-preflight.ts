/**
 * Preflight before an install: what was found on the server, judged with setup's own thresholds (§8.3) and what the
 * issue adds (disk, apt lock, port 25, DNS hints, an existing box). Each check passes, warns or fails with a one-line
 * reason and, unless it passed, what to do.
 */
import type { Flavour } from './box';
import { isPublicIpv4, isPublicIpv6 } from './install-answers';

/** §8.3: setup refuses below this MemTotal (kB) and exits 0; it warns below the second. */
export const RAM_FAIL_KB = 490_000;
export const RAM_WARN_KB = 750_000;
/** Not a setup check: a box with mail, backups and Nextcloud fills a small disk quickly. */
export const DISK_WARN_KB = 10 * 1024 * 1024;

/** The operating systems each flavour's bootstrap installs on (§8.1). */
export const SUPPORTED_OS: Record<Flavour, ReadonlyArray<{ id: string; version: string }>> = {
  upstream: [{ id: 'ubuntu', version: '22.04' }],
  power: [
    { id: 'debian', version: '11' },
    { id: 'ubuntu', version: '20.04' },
    { id: 'ubuntu', version: '22.04' },
  ],
};

/** What the preflight script reports from the box. */
export interface BoxFacts {
  osId: string | null;
  osVersion: string | null;
  osPretty: string | null;
  arch: string | null;
  memKb: number | null;
  diskFreeKb: number | null;
  /** The mount options of the filesystem /tmp lives on. */
  tmpOptions: string | null;
  wgetrc: boolean;
  privilege: 'root' | 'sudo' | 'none';
  cloudInitRunning: boolean;
  /** Names of processes that hold or wait for the apt/dpkg lock. */
  aptHolders: string[];
  port25: 'open' | 'closed' | 'unknown';
  fqdn: string | null;
  ipv4: string[];
  ipv6: string[];
  /** The address this SSH connection reached the box at ($SSH_CONNECTION). */
  sshServerIp: string | null;
  existing: { hostname: string | null; flavour: Flavour | null; version: string | null } | null;
}

/** Forward and reverse DNS of the chosen hostname, looked up from the desktop (null: the lookup failed). */
export interface DnsFacts {
  hostname: string | null;
  addresses: string[] | null;
  reverse: string[] | null;
}

export interface Check {
  id: string;
  result: 'pass' | 'warn' | 'fail';
  reason: string;
  next?: string;
}

const pass = (id: string, reason: string): Check => ({ id, result: 'pass', reason });
const warn = (id: string, reason: string, next: string): Check => ({ id, result: 'warn', reason, next });
const bad = (id: string, reason: string, next: string): Check => ({ id, result: 'fail', reason, next });

/** The address to prefill: a public one on an interface, else the one SSH reached, else any. */
export function pickIpv4(facts: Pick<BoxFacts, 'ipv4' | 'sshServerIp'>): string | null {
  const ssh = facts.sshServerIp !== null && /^[0-9.]+$/.test(facts.sshServerIp) ? facts.sshServerIp : null;
  return (
    facts.ipv4.find(isPublicIpv4) ??
    (ssh !== null && isPublicIpv4(ssh) ? ssh : undefined) ??
    (ssh !== null && !ssh.startsWith('127.') ? ssh : undefined) ??
    facts.ipv4.find((address) => !address.startsWith('127.')) ??
    null
  );
}

export function pickIpv6(facts: Pick<BoxFacts, 'ipv6'>): string | null {
  return facts.ipv6.find(isPublicIpv6) ?? null;
}

function osCheck(facts: BoxFacts, flavour: Flavour): Check {
  const running = facts.osPretty ?? ([facts.osId, facts.osVersion].filter(Boolean).join(' ') || 'an unknown system');
  const supported = SUPPORTED_OS[flavour];
  const names = supported.map((os) => `${os.id === 'ubuntu' ? 'Ubuntu' : 'Debian'} ${os.version}`).join(', ');
  if (supported.some((os) => os.id === facts.osId && os.version === facts.osVersion))
    return pass('os', `${running} is supported.`);
  if (flavour === 'power' && facts.osId === 'debian' && facts.osVersion === '10')
    return bad(
      'os',
      'Debian 10 makes Power setup ask a yes/no question, which an unattended install cannot answer.',
      `Use ${names}.`,
    );
  return bad(
    'os',
    `${running} is not supported by ${flavour === 'power' ? 'Power Mail-in-a-Box' : 'Mail-in-a-Box'}.`,
    `Install on a fresh ${names} machine.`,
  );
}

function ramCheck(memKb: number | null): Check {
  if (memKb === null)
    return warn('ram', 'The memory size could not be read.', 'Make sure the machine has at least 1 GB of memory.');
  const mb = Math.round(memKb / 1024);
  if (memKb < RAM_FAIL_KB)
    return bad(
      'ram',
      `${mb} MB of memory: setup stops below 512 MB.`,
      'Give the machine at least 512 MB (1 GB recommended).',
    );
  if (memKb < RAM_WARN_KB)
    return warn(
      'ram',
      `${mb} MB of memory: setup warns below 768 MB that the box may be unreliable under load.`,
      'Give the machine 1 GB or more.',
    );
  return pass('ram', `${mb} MB of memory.`);
}

function dnsChecks(dns: DnsFacts, ipv4: string | null): Check[] {
  if (dns.hostname === null)
    return [
      warn(
        'dns-forward',
        'No hostname to look up yet.',
        'Choose the box hostname; its A record should point at the box.',
      ),
      warn(
        'dns-reverse',
        'No hostname to compare the reverse DNS with yet.',
        "Set the address's reverse DNS to the hostname at the provider.",
      ),
    ];
  const host = dns.hostname;
  const forward =
    dns.addresses === null || dns.addresses.length === 0
      ? warn(
          'dns-forward',
          `${host} does not resolve yet.`,
          `Point ${host} at ${ipv4 ?? 'the box'} (an A record, or glue for ns1/ns2.${host} once the box serves its own DNS).`,
        )
      : ipv4 !== null && dns.addresses.includes(ipv4)
        ? pass('dns-forward', `${host} resolves to ${ipv4}.`)
        : warn(
            'dns-forward',
            `${host} resolves to ${dns.addresses.join(', ')}, not ${ipv4 ?? "the box's address"}.`,
            `Point ${host} at ${ipv4 ?? 'the box'}.`,
          );
  const names = (dns.reverse ?? []).map((name) => name.toLowerCase().replace(/\.$/, ''));
  const reverse =
    ipv4 === null
      ? warn(
          'dns-reverse',
          'The public address is not known, so its reverse DNS was not checked.',
          'Set the reverse DNS of the public address to the hostname at the provider.',
        )
      : names.includes(host.toLowerCase())
        ? pass('dns-reverse', `The reverse DNS of ${ipv4} is ${host}.`)
        : warn(
            'dns-reverse',
            names.length === 0
              ? `${ipv4} has no reverse DNS name.`
              : `The reverse DNS of ${ipv4} is ${names.join(', ')}, not ${host}.`,
            `Set the reverse DNS (PTR) of ${ipv4} to ${host} at the provider: other servers check it before they take mail.`,
          );
  return [forward, reverse];
}

/** Every check, in a stable order (the ids of the contract). */
export function evaluatePreflight(facts: BoxFacts, flavour: Flavour, dns: DnsFacts): Check[] {
  const checks: Check[] = [osCheck(facts, flavour)];
  checks.push(
    facts.arch === 'x86_64'
      ? pass('arch', 'x86_64.')
      : warn(
          'arch',
          `${facts.arch ?? 'An unknown architecture'}: Mail-in-a-Box is only tested on x86_64.`,
          'Use an x86_64 machine unless you are ready to fix problems yourself.',
        ),
  );
  checks.push(ramCheck(facts.memKb));
  const freeGb = facts.diskFreeKb === null ? null : facts.diskFreeKb / 1024 / 1024;
  checks.push(
    freeGb === null
      ? warn('disk', 'The free disk space could not be read.', 'Make sure / has at least 10 GB free.')
      : facts.diskFreeKb !== null && facts.diskFreeKb < DISK_WARN_KB
        ? warn(
            'disk',
            `${freeGb.toFixed(1)} GB free on /: mail, backups and updates need more.`,
            'Give the machine at least 10 GB of free disk.',
          )
        : pass('disk', `${freeGb.toFixed(1)} GB free on /.`),
  );
  const noexec = facts.tmpOptions !== null && facts.tmpOptions.split(',').includes('noexec');
  checks.push(
    noexec
      ? bad(
          'tmp-exec',
          '/tmp is mounted noexec: setup stops (with exit status 0).',
          'Remove noexec from /tmp in /etc/fstab and run `mount -o remount,exec /tmp`.',
        )
      : pass('tmp-exec', '/tmp allows executing files.'),
  );
  checks.push(
    facts.wgetrc
      ? bad(
          'wgetrc',
          "root's ~/.wgetrc exists: setup stops (with exit status 0).",
          'Remove /root/.wgetrc or move it aside.',
        )
      : pass('wgetrc', 'No ~/.wgetrc for root.'),
  );
  checks.push(
    facts.privilege === 'none'
      ? bad(
          'privilege',
          'This login is not root and cannot use sudo without a password.',
          'Log in as root, or allow this user passwordless sudo.',
        )
      : pass('privilege', facts.privilege === 'root' ? 'Logged in as root.' : 'Passwordless sudo works.'),
  );
  const holders = [
    ...(facts.cloudInitRunning ? ['cloud-init'] : []),
    ...facts.aptHolders.filter((name) => name !== 'cloud-init'),
  ];
  checks.push(
    holders.length > 0
      ? warn(
          'apt-lock',
          `${holders.join(', ')} ${holders.length > 1 ? 'are' : 'is'} still using the package manager.`,
          'Nothing to do: the install waits until it finishes, with progress.',
        )
      : pass('apt-lock', 'The package manager is free.'),
  );
  checks.push(
    facts.port25 === 'open'
      ? pass('port-25', 'Outbound connections to port 25 work.')
      : facts.port25 === 'closed'
        ? bad(
            'port-25',
            'Outbound connections to port 25 are blocked: setup stops, and the box could not send mail.',
            'Ask the provider to open outbound port 25 for this machine.',
          )
        : warn(
            'port-25',
            'Outbound port 25 could not be tested (bash or timeout is missing).',
            'Make sure the provider allows outbound port 25.',
          ),
  );
  checks.push(...dnsChecks(dns, pickIpv4(facts)));
  checks.push(
    facts.existing === null
      ? pass('existing', 'No Mail-in-a-Box is installed yet.')
      : warn(
          'existing',
          `Mail-in-a-Box is already installed${facts.existing.hostname ? ` as ${facts.existing.hostname}` : ''}${facts.existing.version ? ` (${facts.existing.version})` : ''}.`,
          'Add the box to the fleet and re-run or upgrade setup from there instead of installing again.',
        ),
  );
  return checks;
}
