/**
 * The shell that runs on the server for an install. Nothing secret is ever part of a command line (visible in `ps`
 * on the box): the admin password only travels in an exec's stdin into a 0600 file that the runner reads and
 * deletes at once, and setup's output passes a filter that blanks it before it reaches the log.
 */
import { shellQuote } from '../ssh/key-pairs';

/** The bootstraps of §8.1; `BOXFLEET_BOOTSTRAP_URL` (tests only) replaces both. */
export const BOOTSTRAP_URLS = {
  upstream: 'https://mailinabox.email/setup.sh',
  power: 'https://power-mailinabox.net/setup.sh',
} as const;

/** Where installs live on the box; one 0700 directory per install. */
export const INSTALL_ROOT = '/var/lib/boxfleet-install';

export function installDir(installId: string): string {
  return `${INSTALL_ROOT}/${installId}`;
}

/** Runs a script as root: directly when the login is root, else through passwordless sudo (refused, never prompted). */
export function asRoot(script: string): string {
  const quoted = shellQuote(script);
  return `if [ "$(id -u)" = 0 ]; then sh -c ${quoted}; else sudo -n sh -c ${quoted}; fi`;
}

/**
 * Preflight: one exec whose stdin is this script, run as root when the login can be (else as itself, which the
 * privilege check then fails). `$1` is how it runs, `$2` the SSH connection line, `$3` the settings file, `$4`/`$5`
 * where to try an outbound SMTP connection. Prints one JSON object of strings.
 */
export const PREFLIGHT_SCRIPT = String.raw`
priv="$1"; sshc="$2"; conf="$3"; smtp_host="$4"; smtp_port="$5"
j() { printf '"%s":"%s",' "$1" "$(printf '%s' "$2" | tr -d '\000-\037' | sed 's/\\/\\\\/g; s/"/\\"/g' | cut -c1-2000)"; }
osr() { sed -n "s/^$1=//p" /etc/os-release 2>/dev/null | head -n 1 | tr -d "\"'"; }
printf '{'
j privilege "$priv"
j ssh "$sshc"
j osId "$(osr ID)"
j osVersion "$(osr VERSION_ID)"
j osPretty "$(osr PRETTY_NAME)"
j arch "$(uname -m 2>/dev/null)"
j memKb "$(sed -n 's/^MemTotal: *\([0-9]*\) kB.*/\1/p' /proc/meminfo 2>/dev/null)"
j diskFreeKb "$(df -Pk / 2>/dev/null | awk 'NR==2 {print $4}')"
t="$(findmnt -no OPTIONS --target /tmp 2>/dev/null)"
[ -n "$t" ] || t="$(awk '$2=="/tmp" {print $4}' /proc/mounts 2>/dev/null)"
j tmpOptions "$t"
rh="$(getent passwd root 2>/dev/null | cut -d: -f6)"; [ -n "$rh" ] || rh=/root
if [ -e "$rh/.wgetrc" ]; then j wgetrc yes; else j wgetrc no; fi
ci=no
if command -v cloud-init >/dev/null 2>&1 && cloud-init status 2>/dev/null | grep -q 'status: running'; then ci=yes; fi
j cloudInit "$ci"
held=""
for p in unattended-upgr apt apt-get dpkg aptitude; do
  if pgrep -x "$p" >/dev/null 2>&1; then held="$held $p"; fi
done
j aptHolders "$held"
if command -v timeout >/dev/null 2>&1 && command -v bash >/dev/null 2>&1; then
  if timeout 8 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$smtp_host" "$smtp_port" 2>/dev/null; then j port25 open; else j port25 closed; fi
else
  j port25 unknown
fi
j fqdn "$(hostname --fqdn 2>/dev/null || hostname 2>/dev/null)"
if command -v ip >/dev/null 2>&1; then
  j ipv4 "$(ip -o -4 addr show scope global 2>/dev/null | awk '{print $4}' | cut -d/ -f1 | tr '\n' ' ')"
  j ipv6 "$(ip -o -6 addr show scope global 2>/dev/null | awk '{print $4}' | cut -d/ -f1 | tr '\n' ' ')"
else
  j ipv4 "$(hostname -I 2>/dev/null)"
fi
if [ -f "$conf" ]; then
  j existing yes
  j existingHostname "$(sed -n 's/^PRIMARY_HOSTNAME=//p' "$conf" | head -n 1 | tr -d "\"'")"
  j existingVersion "$(git -C "$rh/mailinabox" describe --tags 2>/dev/null)"
  j existingOrigin "$(git -C "$rh/mailinabox" remote get-url origin 2>/dev/null)"
fi
printf '"end":"1"}\n'
`;

/** The preflight exec's command line: picks root, sudo or the login itself, and passes only non-secret arguments. */
export function preflightCommand(confPath: string, smtp: { host: string; port: number }): string {
  const args = `"$SSH_CONNECTION" ${shellQuote(confPath)} ${shellQuote(smtp.host)} ${shellQuote(String(smtp.port))}`;
  return (
    `if [ "$(id -u)" = 0 ]; then sh -s root ${args}; ` +
    `elif sudo -n true </dev/null >/dev/null 2>&1; then sudo -n sh -s sudo ${args}; ` +
    `else sh -s none ${args}; fi`
  );
}

/**
 * The runner, started detached: reads and deletes the env file, waits for cloud-init and apt, downloads the
 * bootstrap and runs it with its output (password blanked) appended to the log, then writes the exit status.
 * `$1` is the install directory.
 */
export const RUNNER_SCRIPT = String.raw`#!/bin/bash
# Written by Boxfleet: runs Mail-in-a-Box setup for one install, detached from any SSH session.
dir="$1"
umask 077
exec >>"$dir/log" 2>&1 </dev/null
echo $$ >"$dir/pid"
set -a
. "$dir/env"
set +a
rm -f "$dir/env"
HOME="$(getent passwd root 2>/dev/null | cut -d: -f6)"; [ -n "$HOME" ] || HOME=/root
export HOME
cd "$HOME" || cd /
say() { echo "boxfleet: $*"; }
finish() { echo "$1" >"$dir/exit.tmp" && mv "$dir/exit.tmp" "$dir/exit"; exit 0; }
if command -v cloud-init >/dev/null 2>&1 && cloud-init status 2>/dev/null | grep -q 'status: running'; then
  say "waiting for cloud-init to finish"
  cloud-init status --wait >/dev/null 2>&1
fi
n=0
while :; do
  holder=""
  for p in unattended-upgr apt apt-get dpkg aptitude; do
    if pgrep -x "$p" >/dev/null 2>&1; then holder="$p"; break; fi
  done
  [ -n "$holder" ] || break
  [ $((n % 12)) -eq 0 ] && say "waiting for $holder to release the package manager"
  n=$((n + 1))
  [ "$n" -gt 720 ] && break
  sleep 5
done
url="$BOXFLEET_BOOTSTRAP_URL"
unset BOXFLEET_BOOTSTRAP_URL
say "starting setup from $url"
if ! curl -fsSL --retry 3 -o "$dir/bootstrap.sh" "$url"; then
  say "could not download the bootstrap from $url"
  finish 97
fi
# Setup's output passes a filter that blanks the password before it reaches the log (perl-base is essential on
# Debian and Ubuntu; it reads line by line, unlike mawk on a pipe). The runner waits for setup itself, not for the
# pipe: a daemon that setup leaves running may hold its end open for good.
fifo="$dir/out"
rm -f "$fifo"
mkfifo -m 600 "$fifo"
perl -pe 'BEGIN { $| = 1; $s = $ENV{EMAIL_PW} // "" } s/\Q$s\E/********/g if length $s' <"$fifo" &
filter=$!
bash "$dir/bootstrap.sh" >"$fifo" 2>&1 </dev/null &
setup=$!
wait "$setup"
status=$?
for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$filter" 2>/dev/null || break; sleep 0.3; done
kill "$filter" 2>/dev/null
rm -f "$fifo"
finish "$status"
`;

/** Makes the install directory (0700) and writes the runner from stdin. */
export function prepareCommand(installId: string): string {
  const dir = shellQuote(installDir(installId));
  return asRoot(
    `umask 077 && mkdir -p ${shellQuote(INSTALL_ROOT)} && chmod 700 ${shellQuote(INSTALL_ROOT)} && ` +
      `mkdir ${dir} && cat > ${dir}/runner.sh && : > ${dir}/log`,
  );
}

/** Writes the env file (0600) from stdin: the only way a secret reaches the box. */
export function envCommand(installId: string): string {
  return asRoot(`umask 077 && cat > ${shellQuote(installDir(installId) + '/env')}`);
}

/** Removes the env file (a start that failed must not leave the password on the box). */
export function removeEnvCommand(installId: string): string {
  return asRoot(`rm -f ${shellQuote(installDir(installId) + '/env')}`);
}

/** Removes the install's directory once its result is kept on the desktop (setup's files are not left behind). */
export function removeInstallCommand(installId: string): string {
  return asRoot(`rm -rf ${shellQuote(installDir(installId))}`);
}

/** Starts the runner so that it outlives the SSH session: systemd-run when systemd runs, else setsid + nohup. */
export function startCommand(installId: string): string {
  const dir = shellQuote(installDir(installId));
  const unit = shellQuote(`boxfleet-install-${installId}`);
  return asRoot(
    `if [ -d /run/systemd/system ] && command -v systemd-run >/dev/null 2>&1; then ` +
      `systemd-run --unit=${unit} --collect --quiet -p KillMode=process /bin/bash ${dir}/runner.sh ${dir} && echo systemd; ` +
      `elif command -v setsid >/dev/null 2>&1; then setsid nohup /bin/bash ${dir}/runner.sh ${dir} </dev/null >/dev/null 2>&1 & echo setsid; ` +
      `else nohup /bin/bash ${dir}/runner.sh ${dir} </dev/null >/dev/null 2>&1 & echo nohup; fi`,
  );
}

/** One shell-quoted `NAME='value'` line per variable, for the runner to source. */
export function envFile(variables: ReadonlyArray<readonly [string, string]>): string {
  return variables.map(([name, value]) => `${name}=${shellQuote(value)}\n`).join('');
}

/** Bytes of log read per poll (base64 makes it a third larger on the wire). */
export const POLL_CHUNK = 256 * 1024;

/**
 * One poll: a header line `BOXFLEET <exit|-> <alive|gone|starting> <log size>` (the exit file is read before the
 * log's size, so once it exists the size is final), then the log from byte `offset`, base64 so that the byte count
 * stays exact whatever setup printed.
 */
export function pollCommand(installId: string, offset: number): string {
  const dir = shellQuote(installDir(installId));
  return asRoot(
    `d=${dir}; [ -d "$d" ] || { echo 'BOXFLEET missing'; exit 0; }; ` +
      `if [ -f "$d/exit" ]; then e=$(cat "$d/exit"); else e=-; fi; ` +
      `p=$(cat "$d/pid" 2>/dev/null); ` +
      `if [ -z "$p" ]; then a=starting; elif kill -0 "$p" 2>/dev/null; then a=alive; else a=gone; fi; ` +
      `s=$(wc -c < "$d/log" 2>/dev/null || echo 0); ` +
      `echo "BOXFLEET \${e:--} $a $s"; ` +
      `tail -c +${offset + 1} "$d/log" 2>/dev/null | head -c ${POLL_CHUNK} | base64`,
  );
}

export interface PollAnswer {
  missing: boolean;
  exitStatus: number | null;
  process: 'alive' | 'gone' | 'starting';
  size: number;
  chunk: Buffer;
}

/** Reads a poll's output; null when it is not one (a login banner before it is skipped). */
export function parsePoll(stdout: string): PollAnswer | null {
  const lines = stdout.split('\n');
  const at = lines.findIndex((line) => line.startsWith('BOXFLEET '));
  if (at < 0) return null;
  const header = (lines[at] as string).trim().split(' ');
  if (header[1] === 'missing')
    return { missing: true, exitStatus: null, process: 'gone', size: 0, chunk: Buffer.alloc(0) };
  const exit = header[1] ?? '-';
  const process = header[2];
  const size = Number(header[3]);
  if ((process !== 'alive' && process !== 'gone' && process !== 'starting') || !Number.isInteger(size)) return null;
  return {
    missing: false,
    exitStatus: /^[0-9]{1,3}$/.test(exit) ? Number(exit) : null,
    process,
    size,
    chunk: Buffer.from(lines.slice(at + 1).join(''), 'base64'),
  };
}

/** Reads PRIMARY_HOSTNAME and the addresses of /etc/mailinabox.conf as root (the re-run's answers, §8.7). */
export function readConfCommand(confPath: string): string {
  return asRoot(`cat ${shellQuote(confPath)}`);
}
