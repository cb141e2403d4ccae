/**
 * The probe every contender runs in the fleet benchmark: Boxfleet, parallel-ssh and ansible all send this same
 * POSIX sh text as the SSH command, so they differ only in how they connect, fan out and collect.
 *
 * Until src-main/health/probe-script.ts exists this is a stand-in of the same shape and cost (a handful of forks:
 * /proc reads, df, systemctl, the postfix queue), printing JSON that satisfies ProbeReport.
 */
import { probeReportSchema, type ProbeReport } from '../src-shared/domain/fleet-health';

const STANDIN = `
up=$(cut -d' ' -f1 /proc/uptime 2>/dev/null); up=\${up%.*}
set -- $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
load="[$1,$2,$3]"
mt=$(awk '/^MemTotal:/{printf "%.0f", $2*1024}' /proc/meminfo 2>/dev/null)
ma=$(awk '/^MemAvailable:/{printf "%.0f", $2*1024}' /proc/meminfo 2>/dev/null)
disk() { df -P -B1 "$1" 2>/dev/null | awk 'NR==2{printf "{\\"mount\\":\\"%s\\",\\"totalBytes\\":%s,\\"usedBytes\\":%s,\\"availableBytes\\":%s}", $6, $2, $3, $4}'; }
root=$(disk /); [ -n "$root" ] || root=null
svc() { s=$(systemctl is-active "$1" 2>/dev/null) || true; case "$s" in active|inactive|failed) printf '"%s":"%s"' "$2" "$s";; *) printf '"%s":"unknown"' "$2";; esac; }
services="$(svc postfix postfix),$(svc dovecot dovecot),$(svc nginx nginx),$(svc nsd nsd),$(svc php8.0-fpm php-fpm),$(svc mailinabox mailinabox),$(svc fail2ban fail2ban)"
q=null; if command -v postqueue >/dev/null 2>&1; then q=$(postqueue -p 2>/dev/null | grep -c '^[0-9A-F]'); fi
rb=false; [ -e /var/run/reboot-required ] && rb=true
printf '{"uptimeSeconds":%s,"load":%s,"memory":{"totalBytes":%s,"availableBytes":%s},"disk":{"root":%s,"storage":null},"services":{%s},"queue":%s,"rebootRequired":%s,"updates":null,"newestBackupAt":null}\\n' "\${up:-0}" "$load" "\${mt:-0}" "\${ma:-0}" "$root" "$services" "$q" "$rb"
`;

export interface Probe {
  /** The sh text sent as the SSH command. */
  script: string;
  /** Where it comes from, for the report. */
  source: string;
}

export function fleetProbe(): Probe {
  return { script: STANDIN.trim(), source: 'bench stand-in (src-main/health/probe-script.ts not there yet)' };
}

/** Parses one box's probe output; null when it is not a ProbeReport. */
export function parseProbeOutput(stdout: string): ProbeReport | null {
  try {
    const parsed = probeReportSchema.safeParse(JSON.parse(stdout.trim()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
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
