/**
 * The probe every contender runs in the fleet benchmark: Boxfleet's own (src-main/health/probe-script.ts), a POSIX sh
 * script that prints one ProbeReport as JSON. Boxfleet and parallel-ssh send it on stdin to `sh -s -- CONF` (the
 * exact exec Boxfleet's collector makes); ansible's raw module cannot feed stdin, so it gets the same text inline,
 * after `set -- CONF`. They differ only in how they connect, fan out and collect.
 */
import type { ProbeReport } from '../src-shared/domain/fleet-health';
import { parseProbeOutput as parseReport } from '../src-main/health/probe-report';
import { PROBE_SCRIPT, probeCommand } from '../src-main/health/probe-script';

export interface Probe {
  /** The sh text. */
  script: string;
  /** The exec that runs it with the script on stdin. */
  command(confPath: string): string;
  /** Where it comes from, for the report. */
  source: string;
}

export function fleetProbe(): Probe {
  return {
    script: PROBE_SCRIPT,
    command: probeCommand,
    source: 'src-main/health/probe-script.ts',
  };
}

/** Parses one box's probe output; null when it is not a ProbeReport. */
export function parseProbeOutput(stdout: string): ProbeReport | null {
  const parsed = parseReport(stdout);
  return parsed.ok ? parsed.value : null;
}

/** A canned report the simulated boxes of the scale run answer with. */
export const CANNED_PROBE_REPORT: ProbeReport = {
  uptimeSeconds: 864_000,
  load: [0.12, 0.08, 0.05],
  memory: { totalBytes: 2_000_000_000, availableBytes: 1_200_000_000 },
  disk: {
    root: { mount: '/', totalBytes: 40e9, usedBytes: 12e9, availableBytes: 28e9 },
    storage: { mount: '/', totalBytes: 40e9, usedBytes: 12e9, availableBytes: 28e9 },
  },
  services: {
    postfix: 'active',
    dovecot: 'active',
    nginx: 'active',
    nsd: 'active',
    'php-fpm': 'active',
    mailinabox: 'active',
    fail2ban: 'active',
  },
  queue: 0,
  rebootRequired: false,
  updates: 3,
  newestBackupAt: '2026-01-01T03:00:00.000Z',
};
