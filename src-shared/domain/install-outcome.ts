/**
 * Reading setup's output (§8.3, §8.5 of the API reference): the success marker, the `FAILED:` block, the three
 * preflight refusals that exit with status 0, the other refusals, the migration error, the configuration summary
 * and the TLS fingerprint setup prints at the end. Fed complete lines in order; keeps only what it needs.
 */
import { INSTALL_STEPS, stepOfLine } from './install-steps';

const CHECKS_STEP = INSTALL_STEPS.findIndex((step) => step.id === 'checks');

/** §8.5: upstream and Power print the same. */
export const SUCCESS_MARKER = 'Your Mail-in-a-Box is running.';

interface KnownMessage {
  readonly id: string;
  /** The first line setup prints, exactly. */
  readonly first: string;
  /** Whether setup exits 0 after it (so only the output tells it failed). */
  readonly exitsZero: boolean;
  /** Printed by setup's own checks (setup/start.sh and preflight), not by the bootstrap or later steps. */
  readonly checks: boolean;
  readonly message: string;
  readonly next: string;
}

/** Everything setup refuses with, by its first line (§8.1, §8.3). */
export const KNOWN_MESSAGES: readonly KnownMessage[] = [
  {
    id: 'ram',
    first: 'Your Mail-in-a-Box needs more memory (RAM) to function properly.',
    exitsZero: true,
    checks: true,
    message: 'Setup stopped: the machine has less than 512 MB of memory.',
    next: 'Give the machine at least 512 MB of memory (1 GB recommended), then install again.',
  },
  {
    id: 'tmp-exec',
    first: 'Mail-in-a-Box has to have exec rights on /tmp, please mount /tmp with exec',
    exitsZero: true,
    checks: true,
    message: 'Setup stopped: /tmp is mounted noexec.',
    next: 'Remove noexec from the /tmp entry in /etc/fstab, run `mount -o remount,exec /tmp`, then install again.',
  },
  {
    id: 'wgetrc',
    first: 'Mail-in-a-Box expects no overrides to wget defaults, ~/.wgetrc exists',
    exitsZero: true,
    checks: true,
    message: "Setup stopped: root's ~/.wgetrc exists.",
    next: 'Remove /root/.wgetrc (or move it aside), then install again.',
  },
  {
    id: 'not-root',
    first: 'This script must be run as root. Please re-run like this:',
    exitsZero: false,
    checks: true,
    message: 'Setup stopped: it did not run as root.',
    next: 'Log in as root, or give this user passwordless sudo, then install again.',
  },
  {
    id: 'not-root',
    first: 'This script must be run as root. Did you leave out sudo?',
    exitsZero: false,
    checks: false,
    message: 'Setup stopped: it did not run as root.',
    next: 'Log in as root, or give this user passwordless sudo, then install again.',
  },
  {
    id: 'os',
    first: 'Mail-in-a-Box only supports being installed on Ubuntu 22.04, sorry. You are running:',
    exitsZero: false,
    checks: true,
    message: 'Setup stopped: Mail-in-a-Box needs Ubuntu 22.04.',
    next: 'Install on a fresh Ubuntu 22.04 (x86_64) machine.',
  },
  {
    id: 'os',
    first: 'This version of Power Mail-in-a-Box only supports being installed on one of these operating systems:',
    exitsZero: false,
    checks: true,
    message: 'Setup stopped: Power Mail-in-a-Box does not support this operating system.',
    next: 'Install on Debian 11, Ubuntu 20.04 or Ubuntu 22.04.',
  },
  {
    id: 'os',
    first: 'This script may be used only on a machine running Ubuntu 14.04, 18.04, or 22.04.',
    exitsZero: false,
    checks: false,
    message: 'Setup stopped: the bootstrap does not support this operating system.',
    next: 'Install on a fresh Ubuntu 22.04 (x86_64) machine.',
  },
  {
    id: 'port-25',
    first: 'Outbound mail (port 25) seems to be blocked by your network.',
    exitsZero: false,
    checks: false,
    message: 'Setup stopped: outbound mail (port 25) is blocked by the network.',
    next: 'Ask the provider to open outbound port 25 for this machine, then install again.',
  },
  {
    id: 'migration',
    first: 'Error running the migration script:',
    exitsZero: false,
    checks: false,
    message: 'Setup stopped: a migration failed.',
    next: 'Read the migration error in the log; fix its cause on the box, then run setup again.',
  },
];

const SPAMHAUS_HOST = /^The hostname you chose '.*' is listed in the$/;
const SPAMHAUS_IP = /^The IP address \S+ is listed in the Spamhaus Block List\./;
const DASHES = /^-{5,}$/;
const FINGERPRINT = /^(?:SHA256 Fingerprint=)?((?:[0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2})$/;
/** The lines after which setup prints the fingerprint (§8.5, both endings). */
const FINGERPRINT_LEADS = [
  '(https://<ip>/admin) but then check the TLS fingerprint:',
  'the certificate fingerprint matches:',
];
const MAX_CAPTURED = 40;

export interface LogFailure {
  readonly id: string;
  readonly message: string;
  readonly next: string;
  /** The step that was running; null before setup printed any heading. */
  readonly stepIndex: number;
  /** FAILED: the command; other refusals: the lines that followed. */
  readonly detail: string[];
}

export interface InstallSummary {
  hostname: string | null;
  publicIp: string | null;
  publicIpv6: string | null;
  version: string | null;
}

export interface InstallOutcome {
  ok: boolean;
  failingStep: string | null;
  message: string;
  next: string | null;
}

/** Turns setup's output, line by line, into steps, a failure or success, the summary and the fingerprint. */
export class InstallLogReader {
  current = -1;
  succeeded = false;
  fingerprint: string | null = null;
  failure: LogFailure | null = null;
  readonly summary: InstallSummary = { hostname: null, publicIp: null, publicIpv6: null, version: null };
  private failedBlock: { command: string; stage: 'before' | 'inside'; lines: string[] } | null = null;
  private expectFingerprint = false;
  private capture: string[] | null = null;

  feed(raw: string): void {
    const line = raw.trimEnd();
    if (this.capture && this.capture.length < MAX_CAPTURED && line !== '') this.capture.push(line);
    if (this.readFailedBlock(line)) return;
    if (this.succeeded) {
      this.readFingerprint(line);
      return;
    }
    if (line === SUCCESS_MARKER) {
      this.succeeded = true;
      this.current = INSTALL_STEPS.length;
      return;
    }
    this.readSummary(line);
    const known = KNOWN_MESSAGES.find((m) => line === m.first || (m.id === 'os' && line.startsWith(m.first)));
    if (known) {
      if (known.checks) this.current = Math.max(this.current, CHECKS_STEP);
      this.fail(known.id, known.message, known.next);
      return;
    }
    if (SPAMHAUS_HOST.test(line) || SPAMHAUS_IP.test(line)) {
      this.fail(
        'spamhaus',
        `Setup stopped: ${SPAMHAUS_HOST.test(line) ? 'the hostname' : 'the IP address'} is on a Spamhaus block list.`,
        'Choose another hostname or address, or have it removed from the Spamhaus list, then install again.',
      );
      return;
    }
    const step = stepOfLine(line);
    if (step > this.current) this.current = step;
  }

  /** What the install came to. `exitStatus` null: it has not ended (or its status is not known). */
  outcome(exitStatus: number | null): InstallOutcome | null {
    if (this.succeeded) return { ok: true, failingStep: null, message: 'Your Mail-in-a-Box is running.', next: null };
    if (exitStatus === null) return null;
    const stepTitle = (index: number) => (index >= 0 ? (INSTALL_STEPS[index]?.title ?? null) : null);
    if (this.failure) {
      const detail = this.failure.detail.length > 0 ? ` ${this.failure.detail.join(' / ')}` : '';
      return {
        ok: false,
        failingStep: stepTitle(this.failure.stepIndex),
        message: `${this.failure.message}${detail}`.slice(0, 2000),
        next: this.failure.next,
      };
    }
    return {
      ok: false,
      failingStep: stepTitle(this.current),
      message:
        exitStatus === 0
          ? 'Setup ended without saying the box is running.'
          : `Setup stopped with exit status ${exitStatus}.`,
      next: 'Read the last lines of the log for the cause, fix it on the box, then run setup again.',
    };
  }

  private fail(id: string, message: string, next: string): void {
    if (this.failure) return;
    // The lines that follow a refusal say why (the OS it found, the memory it counted): kept as its detail.
    this.capture = [];
    this.failure = { id, message, next, stepIndex: this.current, detail: this.capture };
  }

  /** `FAILED: <command>`, a dashed line, the captured output, a dashed line (§8.5). */
  private readFailedBlock(line: string): boolean {
    if (line.startsWith('FAILED: ') && !this.failure) {
      this.failedBlock = { command: line.slice('FAILED: '.length), stage: 'before', lines: [] };
      this.failure = {
        id: 'failed',
        message: `Setup stopped: this command failed: ${line.slice('FAILED: '.length)}`,
        next: "Read the command's output in the log (a held apt lock or an unreachable download are common), fix the cause, then run setup again: a re-run continues where it stopped.",
        stepIndex: this.current,
        detail: this.failedBlock.lines,
      };
      return true;
    }
    const block = this.failedBlock;
    if (!block) return false;
    if (DASHES.test(line)) {
      if (block.stage === 'before') block.stage = 'inside';
      else this.failedBlock = null;
      return true;
    }
    if (block.stage === 'inside' && line !== '' && block.lines.length < MAX_CAPTURED) block.lines.push(line);
    return true;
  }

  private readSummary(line: string): void {
    const match = /^(Primary Hostname|Public IP Address|Public IPv6 Address|Mail-in-a-Box Version):\s+(\S+)$/.exec(
      line,
    );
    if (!match) return;
    const value = match[2] as string;
    switch (match[1]) {
      case 'Primary Hostname':
        this.summary.hostname = value;
        break;
      case 'Public IP Address':
        this.summary.publicIp = value;
        break;
      case 'Public IPv6 Address':
        this.summary.publicIpv6 = value;
        break;
      default:
        this.summary.version = value;
    }
  }

  private readFingerprint(line: string): void {
    if (this.fingerprint !== null) return;
    if (FINGERPRINT_LEADS.some((lead) => line.endsWith(lead))) {
      this.expectFingerprint = true;
      return;
    }
    const match = FINGERPRINT.exec(line.trim());
    if (this.expectFingerprint && match) this.fingerprint = (match[1] as string).toUpperCase();
  }
}

/** Fingerprints as `AB:CD:…`, upper case, compared without regard to separators or case. */
export function sameFingerprint(a: string, b: string): boolean {
  const norm = (value: string) => value.replace(/[^0-9A-Fa-f]/g, '').toUpperCase();
  return norm(a) !== '' && norm(a) === norm(b);
}
