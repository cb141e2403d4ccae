/**
 * The fake Mail-in-a-Box bootstrap + setup an install test machine serves (install-machine.ts). It behaves like the
 * reference's §8 as far as a client can tell, in seconds instead of half an hour:
 *
 * - §8.1 bootstrap: picks TAG from /etc/os-release (refuses other systems with the bootstrap's message), needs root,
 *   "downloads" or "updates" the checkout in /root/mailinabox.
 * - §8.3 preflight, the real tests on the machine's view: /proc/meminfo (exit 0 below 490000 kB, warning below
 *   750000), /tmp mounted noexec (exit 0), ~/.wgetrc (exit 0), `uname -m` (warning).
 * - §8.4 the step headings in order (upstream or Power), with a pause after each.
 * - at the daemon step it starts the box emulator (install-box-daemon.ts) on 127.0.0.1:10222 with the first admin
 *   from EMAIL_ADDR/EMAIL_PW (through the environment, never the command line), which writes
 *   /var/lib/mailinabox/api.key and /etc/mailinabox.conf; a re-run restarts it (new key, same data).
 * - §8.5 the success block with the certificate's SHA-256 fingerprint, or a `FAILED:` block.
 *
 * What to do is read at run time from the control directory (bind-mounted from the harness): `scenario` (sourced),
 * and the script reports there: `steps` (headings printed), `env` (the §8.2 variables it saw; EMAIL_PW only as a
 * SHA-256), `held` / `release` for a setup told to wait, `runs` (one line per run with its exit path).
 */

/** Where the harness's control directory appears inside the machine. */
export const MACHINE_CONTROL_DIR = '/run/boxfleet-machine';
/** The daemon's pid file inside the machine. */
export const DAEMON_PID_FILE = '/run/boxfleet-fake-daemon.pid';
/** The daemon's own log inside the machine (a "box log" the password must never reach). */
export const DAEMON_LOG = '/var/log/boxfleet-fake-daemon.log';

/** The §8.4 headings the fake prints (upstream), conditional ones included as a first install prints them. */
export const UPSTREAM_HEADINGS = [
  'Updating system packages...',
  'Installing system packages...',
  'Setting timezone to UTC.',
  'Initializing system random number generator...',
  'Creating SSH key for backup…',
  'Creating initial SSL certificate and perfect forward secrecy Diffie-Hellman parameters...',
  'Installing nsd (DNS server)...',
  'Generating DNSSEC signing keys...',
  'Installing Postfix (SMTP server)...',
  'Installing Dovecot (IMAP server)...',
  'Creating new user database: /home/user-data/mail/users.sqlite',
  'Installing OpenDKIM/OpenDMARC...',
  'Installing SpamAssassin...',
  'Installing Nginx (web server)...',
  'Installing Roundcube (webmail)...',
  'Installing Nextcloud (contacts/calendar)...',
  'Installing Z-Push (Exchange/ActiveSync server)...',
  'Installing Mail-in-a-Box system management daemon...',
  'Installing Munin (system monitoring)...',
] as const;

/** Power's extra lines (§8.4), inserted after the heading they follow. */
export const POWER_EXTRA: Readonly<Record<string, readonly string[]>> = {
  'Updating system packages...': ['Generating locales...'],
  'Generating DNSSEC signing keys...': [
    "No keypair found. Generating daemon's PGP keypair...",
    'Generated key with fingerprint 1F2E3D4C5B6A79880F1E2D3C4B5A69788F1E2D3C',
  ],
  'Installing Mail-in-a-Box system management daemon...': ['Re-creating Python environment...'],
};

export type SetupScenario =
  /** Runs to the end and starts the daemon. */
  | { kind: 'ok' }
  /** Prints `at`, then a FAILED: block, and exits 1. */
  | { kind: 'fail'; at: string }
  /** Prints one of the three preflight messages that exit 0 (whatever the machine is like). */
  | { kind: 'exit0'; message: 'ram' | 'tmp' | 'wgetrc' }
  /** The bootstrap's root check fails (exit 1). */
  | { kind: 'not-root' }
  /** The bootstrap's OS check fails (exit 1), whatever /etc/os-release says. */
  | { kind: 'wrong-os' }
  /** Prints `at` and waits there until the harness releases it (reattach tests). */
  | { kind: 'hold'; at: string };

export interface ScriptSettings {
  /** The repository root (node_modules/tsx, tests/harness/install-box-daemon.ts). */
  repo: string;
  /** The node binary. */
  node: string;
}

/** A value as a single-quoted shell word. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The scenario file the script sources (written into the control directory by the harness). */
export function scenarioFile(scenario: SetupScenario, flavour: 'upstream' | 'power', pauseMs: number): string {
  const at = scenario.kind === 'fail' || scenario.kind === 'hold' ? scenario.at : '';
  const kind = scenario.kind === 'exit0' ? `exit0-${scenario.message}` : scenario.kind;
  return [
    `SCENARIO=${shellQuote(kind)}`,
    `AT=${shellQuote(at)}`,
    `FLAVOUR=${shellQuote(flavour)}`,
    `PAUSE=${(pauseMs / 1000).toFixed(3)}`,
    '',
  ].join('\n');
}

function headingsFor(flavour: 'upstream' | 'power'): string[] {
  return UPSTREAM_HEADINGS.flatMap((h) => (flavour === 'power' ? [h, ...(POWER_EXTRA[h] ?? [])] : [h]));
}

/** The bootstrap script: piped to bash as root, like `curl -s https://mailinabox.email/setup.sh | sudo -E bash`. */
export function bootstrapScript(settings: ScriptSettings): string {
  const ctl = MACHINE_CONTROL_DIR;
  const list = (flavour: 'upstream' | 'power') =>
    headingsFor(flavour)
      .map((h) => `  ${shellQuote(h)}`)
      .join('\n');
  return `#!/bin/bash
# Boxfleet test machine: a fake Mail-in-a-Box bootstrap and setup (tests/harness/install-setup-script.ts).
CTL=${ctl}
SCENARIO=ok AT= FLAVOUR=upstream PAUSE=0.05
[ -r "$CTL/scenario" ] && . "$CTL/scenario"
RUN=$(( $(cat "$CTL/runs" 2>/dev/null | wc -l) + 1 ))
ended() { echo "run $RUN: $1" >> "$CTL/runs"; }

# What setup was given (§8.2): names and values, the password only as a digest.
{
  for v in NONINTERACTIVE PRIMARY_HOSTNAME PUBLIC_IP PUBLIC_IPV6 EMAIL_ADDR TAG STORAGE_ROOT SKIP_NETWORK_CHECKS; do
    if [ "\${!v+set}" = set ]; then printf '%s=%s\\n' "$v" "\${!v}"; fi
  done
  if [ "\${EMAIL_PW+set}" = set ]; then printf 'EMAIL_PW_SHA256=%s\\n' "$(printf %s "$EMAIL_PW" | sha256sum | cut -d' ' -f1)"; fi
  printf 'UID=%s\\n' "$(id -u)"
} > "$CTL/env"

step() {
  echo "$1"
  echo "$1" >> "$CTL/steps"
  if [ "$SCENARIO" = hold ] && [ "$AT" = "$1" ]; then
    touch "$CTL/held"
    while [ ! -e "$CTL/release" ]; do sleep 0.1; done
  fi
  if [ "$SCENARIO" = fail ] && [ "$AT" = "$1" ]; then
    echo
    echo "FAILED: apt-get -y -qq install postfix postfix-sqlite postfix-pcre postgrey ca-certificates"
    echo "-----------------------------------------"
    echo "E: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?"
    echo "-----------------------------------------"
    ended "failed at $1"
    exit 1
  fi
  sleep "$PAUSE"
}

# --- bootstrap (§8.1) ---
. /etc/os-release
if [ -z "$TAG" ]; then
  if [ "$FLAVOUR" = power ]; then
    case "$ID $VERSION_ID" in "ubuntu 22.04"|"ubuntu 20.04"|"debian 11") TAG=v60.5 ;; esac
  elif [ "$ID $VERSION_ID" = "ubuntu 22.04" ]; then
    TAG=v75
  fi
  if [ -z "$TAG" ] || [ "$SCENARIO" = wrong-os ]; then
    echo "This script may be used only on a machine running Ubuntu 14.04, 18.04, or 22.04."
    ended "wrong os"
    exit 1
  fi
fi
if [ "$EUID" -ne 0 ] || [ "$SCENARIO" = not-root ]; then
  echo "This script must be run as root. Did you leave out sudo?"
  ended "not root"
  exit 1
fi
if [ ! -d "$HOME/mailinabox" ]; then
  echo "Downloading Mail-in-a-Box $TAG. . ."
  mkdir -p "$HOME/mailinabox"
  echo "$TAG" > "$HOME/mailinabox/.tag"
elif [ "$(cat "$HOME/mailinabox/.tag")" != "$TAG" ]; then
  echo "Updating Mail-in-a-Box to $TAG . . ."
  echo "$TAG" > "$HOME/mailinabox/.tag"
fi

# --- setup/start.sh: preflight (§8.3) ---
if [ "$SCENARIO" = exit0-ram ] || [ "$(awk '/MemTotal/ {print $2}' /proc/meminfo)" -lt 490000 ]; then
  TOTAL_PHYSICAL_MEM=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
  echo "Your Mail-in-a-Box needs more memory (RAM) to function properly."
  echo "Please provision a machine with at least 512 MB, 1 GB recommended."
  echo "This machine has $(( TOTAL_PHYSICAL_MEM / 1024 )) MB memory."
  ended "exit 0: ram"
  exit
fi
if [ "$(awk '/MemTotal/ {print $2}' /proc/meminfo)" -lt 750000 ]; then
  echo "WARNING: Your Mail-in-a-Box has less than 768 MB of memory."
  echo "         It might run unreliably when under heavy load."
fi
if [ "$SCENARIO" = exit0-tmp ] || [ -n "$(grep "/tmp.*noexec" /proc/mounts)" ]; then
  echo "Mail-in-a-Box has to have exec rights on /tmp, please mount /tmp with exec"
  ended "exit 0: tmp"
  exit
fi
if [ "$SCENARIO" = exit0-wgetrc ] || [ -e ~/.wgetrc ]; then
  echo "Mail-in-a-Box expects no overrides to wget defaults, ~/.wgetrc exists"
  ended "exit 0: wgetrc"
  exit
fi
ARCHITECTURE=$(uname -m)
if [ "$ARCHITECTURE" != "x86_64" ] && [ "$ARCHITECTURE" != "i686" ]; then
  echo
  echo "WARNING:"
  echo "Mail-in-a-Box has only been tested on x86_64 and i686 platform"
  echo "architectures. Your architecture, $ARCHITECTURE, may not work."
  echo "You are on your own."
  echo
fi

# Without a hostname, setup's dialog has no terminal and setup quits with status 0 (§8.2).
if [ -z "$PRIMARY_HOSTNAME" ]; then ended "no hostname"; exit 0; fi
[ "$PRIMARY_HOSTNAME" = auto ] && PRIMARY_HOSTNAME=$(hostname --fqdn)
MACHINE_IP=$(hostname -I | awk '{print $1}')
[ "$PUBLIC_IP" = auto ] && PUBLIC_IP=$MACHINE_IP
[ "$PUBLIC_IPV6" = auto ] && PUBLIC_IPV6=
FIRST_RUN=1
[ -e /etc/mailinabox.conf ] && FIRST_RUN=0

echo
echo "Primary Hostname: $PRIMARY_HOSTNAME"
echo "Public IP Address: $PUBLIC_IP"
[ -n "$PUBLIC_IPV6" ] && echo "Public IPv6 Address: $PUBLIC_IPV6"
if [ "$FLAVOUR" = power ]; then echo "Mail-in-a-Box Version:  $TAG"; else echo "Mail-in-a-Box Version: $TAG"; fi
echo

if [ "$FLAVOUR" = power ]; then
  HEADINGS=(
${list('power')}
  )
else
  HEADINGS=(
${list('upstream')}
  )
fi
for h in "\${HEADINGS[@]}"; do step "$h"; done

# The daemon: started on the first run, restarted (new API key, same data) on a re-run.
if [ "$FIRST_RUN" = 0 ] && [ -e ${DAEMON_PID_FILE} ] && kill -0 "$(cat ${DAEMON_PID_FILE})" 2>/dev/null; then
  echo "$TAG" > /run/boxfleet-fake-daemon.tag
  rm -f /var/lib/mailinabox/api.key
  kill -HUP "$(cat ${DAEMON_PID_FILE})"
else
  [ -n "$EMAIL_ADDR" ] || { EMAIL_ADDR="me@$PRIMARY_HOSTNAME"; EMAIL_PW=12345678; NEW_ADMIN_DEFAULT=1; }
  ( cd ${shellQuote(settings.repo)} && BF_FLAVOUR="$FLAVOUR" TAG="$TAG" PRIMARY_HOSTNAME="$PRIMARY_HOSTNAME" \\
      PUBLIC_IP="$PUBLIC_IP" PUBLIC_IPV6="$PUBLIC_IPV6" EMAIL_ADDR="$EMAIL_ADDR" EMAIL_PW="$EMAIL_PW" \\
      TMPDIR=/var/tmp setsid -f ${shellQuote(settings.node)} --import tsx tests/harness/install-box-daemon.ts \\
      </dev/null >>${DAEMON_LOG} 2>&1 )
fi
waited=0
until [ -s /var/lib/mailinabox/api.key ] && curl -s -o /dev/null http://127.0.0.1:10222/; do
  if [ $(( waited % 20 )) = 0 ]; then echo "Waiting for the Mail-in-a-Box management daemon to start..."; fi
  waited=$(( waited + 1 ))
  if [ $waited -gt 600 ]; then echo "The management daemon did not start."; ended "daemon did not start"; exit 1; fi
  sleep 0.1
done
echo "updated DNS: $PRIMARY_HOSTNAME"
echo "web updated"

if [ "$FIRST_RUN" = 1 ]; then
  if [ -n "$NEW_ADMIN_DEFAULT" ]; then
    echo "Creating a new administrative mail account for $EMAIL_ADDR with password 12345678."
  else
    echo
    echo "Okay. I'm about to set up $EMAIL_ADDR for you. This account will also"
    echo "have access to the box's control panel."
  fi
  # Upstream's setup/firstuser.sh: \`management/cli.py user add "$EMAIL_ADDR" "$EMAIL_PW"\`, a command line ps shows.
  ( exec -a "/usr/bin/python3 management/cli.py user add $EMAIL_ADDR $EMAIL_PW" sleep 0.5 )
  echo "mail user added"
  echo
  echo "-----------------------------------------------"
  echo "Mail-in-a-Box uses Let's Encrypt to provision free SSL/TLS certificates"
  echo "to enable HTTPS connections to your box. We're automatically"
  echo "agreeing you to their subscriber agreement. See https://letsencrypt.org."
  echo
fi

FINGERPRINT=$(openssl x509 -in /home/user-data/ssl/ssl_certificate.pem -noout -fingerprint -sha256 | sed "s/SHA256 Fingerprint=//i")
echo
echo "-----------------------------------------------"
echo
echo "Your Mail-in-a-Box is running."
echo
echo "Please log in to the control panel for further instructions at:"
echo
echo "https://$PRIMARY_HOSTNAME/admin"
echo
echo "https://$PUBLIC_IP/admin"
echo
echo "You will be alerted that the website has an invalid certificate. Check that"
echo "the certificate fingerprint matches:"
echo
echo "$FINGERPRINT"
echo
echo "Then you can confirm the security exception and continue."
echo
ended "succeeded"
`;
}
