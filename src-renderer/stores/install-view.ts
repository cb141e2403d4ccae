import type { InstallRecord, InstallState, InstallStep, PreflightCheck } from '../../src-shared/contract/install';
import { assertNever } from '../../src-shared/contract/result';
import type { Flavour } from '../../src-shared/domain/box';

/** What each preflight check is about, in the admin's words; an id main adds later is shown as it is. */
const CHECK_TITLES: Readonly<Record<string, string>> = {
  os: 'Operating system',
  arch: 'Processor architecture',
  ram: 'Memory',
  disk: 'Free disk space',
  'tmp-exec': '/tmp allows running programs',
  wgetrc: 'No ~/.wgetrc overrides',
  privilege: 'Root or passwordless sudo',
  'apt-lock': 'Package manager free',
  'port-25': 'Outbound mail (TCP port 25)',
  'dns-forward': 'Hostname points to this server',
  'dns-reverse': 'Reverse DNS',
  existing: 'No Mail-in-a-Box yet',
};

export function checkTitle(check: PreflightCheck): string {
  return CHECK_TITLES[check.id] ?? check.id;
}

export const RESULT_LABEL: Readonly<Record<PreflightCheck['result'], string>> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
};

/** Failed checks first, then warnings, then passes; the order main gave within each. */
export function orderChecks(checks: readonly PreflightCheck[]): PreflightCheck[] {
  const rank = { fail: 0, warn: 1, pass: 2 } as const;
  return [...checks].sort((a, b) => rank[a.result] - rank[b.result]);
}

export function checksSummary(checks: readonly PreflightCheck[]): string {
  const count = (result: PreflightCheck['result']) => checks.filter((check) => check.result === result).length;
  const parts = [`${count('pass')} passed`];
  if (count('warn') > 0) parts.push(`${count('warn')} with a warning`);
  if (count('fail') > 0) parts.push(`${count('fail')} failed`);
  return `${parts.join(', ')}.`;
}

export function flavourName(flavour: Flavour): string {
  return flavour === 'power' ? 'Power Mail-in-a-Box' : 'Mail-in-a-Box (upstream)';
}

export function installStateLabel(state: InstallState): string {
  switch (state) {
    case 'running':
      return 'Running';
    case 'succeeded':
      return 'Succeeded';
    case 'failed':
      return 'Failed';
    case 'unknown':
      return 'Not followed: state unknown';
    default:
      return assertNever(state);
  }
}

export function installKindLabel(record: InstallRecord): string {
  switch (record.kind) {
    case 'install':
      return `Install on ${record.host}`;
    case 'rerun':
      return `Setup re-run on ${record.name}`;
    case 'upgrade':
      return `Upgrade of ${record.name}${record.version ? ` to ${record.version}` : ''}`;
    default:
      return assertNever(record.kind);
  }
}

export const STEP_STATE_LABEL: Readonly<Record<InstallStep['state'], string>> = {
  pending: 'Not started',
  running: 'In progress',
  done: 'Done',
  failed: 'Failed',
};

/** `1 h 02 min`, `12 min 05 s`, `40 s`: the time an install has been running. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (hours > 0) return `${hours} h ${two(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${two(seconds)} s`;
  return `${seconds} s`;
}
