/**
 * The probe every contender runs in the fleet benchmark: Boxfleet's own (src-main/health/probe-script.ts), one exec
 * of `sh -c '<script>' boxfleet-probe CONF API-PORT KEY SLOW` that prints a ProbeReport line and the API's answers
 * (curl on the box's loopback). `slow` adds what a real box pays seconds for (apt simulation, backup and TLS status);
 * Boxfleet asks for it on the first look and keeps it for an hour, so warm looks leave it out.
 */
import type { ProbeReport } from '../src-shared/domain/fleet-health';
import { parseProbeOutput as parseReport } from '../src-main/health/probe-report';
import { probeCommand } from '../src-main/health/probe-script';

export interface ProbeTarget {
  apiPort: number;
  paths: { apiKey: string; conf: string };
}

export interface Probe {
  /** The exec command for one box. */
  command(box: ProbeTarget, slow: boolean): string;
  /** Where it comes from, for the report. */
  source: string;
}

export function fleetProbe(): Probe {
  return {
    command: (box, slow) => probeCommand(box.paths.conf, { port: box.apiPort, keyPath: box.paths.apiKey }, { slow }),
    source: 'src-main/health/probe-script.ts',
  };
}

/** Parses one box's probe output; null when its first line is not a ProbeReport. */
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
