import { shellQuote } from '../ssh/key-pairs';

/**
 * The probe: a POSIX sh script run with ONE ssh exec (see probeCommand) that prints one JSON object shaped like
 * ProbeReport on its first line, then, when it could reach the management API on the box's loopback, one line per
 * API answer: `api <name> <http status> <base64 body>` (base64, so no body text has to be escaped in sh), or
 * `api-unavailable <why>`. Only tools every Mail-in-a-Box has are used (sh, awk, sed, tr, df, systemctl, postqueue,
 * apt-get, ls, sudo, curl, base64, mktemp); a tool that is missing or fails gives `null` (or `"unknown"`) for its field only.
 *
 * Root is needed for two reads, both through `sudo -n` in exactly the form of a sudoers rule, never more:
 * - the API key: `sudo -n /usr/bin/cat <api.key>` (the rule Boxfleet already recommends, sudoersLine);
 * - the newest local backup: `sudo -n /usr/bin/ls -1 <STORAGE_ROOT>/backup/encrypted` (backupSudoersLine), since that
 *   directory belongs to root.
 * Root logins read both directly. Everything else runs as the login user: `systemctl is-active`, `df -Pk`,
 * `postqueue -p` (postfix lets anyone list the queue), `apt-get -qq -s upgrade` (a simulation on the package lists the
 * box's own daily update fetched), and reading /proc, /etc/mailinabox.conf and /var/run/reboot-required. The key is
 * handed to curl through its stdin (`-K -`), never on a command line other users could see.
 *
 * Strings from the box are escaped here (quotes, backslashes; control characters dropped) and checked again by zod.
 */
export const PROBE_SCRIPT = String.raw`
set -f
PATH="$PATH:/usr/sbin:/sbin:/usr/bin:/bin"
LC_ALL=C
export PATH LC_ALL
conf="$1"; apiport="$2"; keyf="$3"; slow="$4"
[ "$slow" = 0 ] || slow=1
js() { printf '"%s"' "$(printf '%s' "$1" | tr -d '\000-\037\177' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"; }
int() { case "$1" in ''|*[!0-9]*) printf null ;; *) printf '%s' "$1" ;; esac; }
dec() { case "$1" in ''|.*|*.|*[!0-9.]*|*.*.*) printf null ;; *) printf '%s' "$1" ;; esac; }

up=null
if read -r u _ < /proc/uptime 2>/dev/null; then up=$(dec "$u"); fi
load=null
if read -r l1 l5 l15 _ < /proc/loadavg 2>/dev/null; then
  a=$(dec "$l1"); b=$(dec "$l5"); c=$(dec "$l15")
  case "$a$b$c" in *null*) ;; *) load="[$a,$b,$c]" ;; esac
fi
mem=null
m=$(awk '/^MemTotal:/{t=$2} /^MemAvailable:/{a=$2} END{if(t!=""&&a!="")printf "%.0f %.0f", t*1024, a*1024}' /proc/meminfo 2>/dev/null)
if [ -n "$m" ]; then set -- $m; mem="{\"totalBytes\":$(int "$1"),\"availableBytes\":$(int "$2")}"; fi
case "$mem" in *null*) mem=null ;; esac

disk() {
  line=$(df -Pk "$1" 2>/dev/null | awk 'NR==2{m=$6; for(i=7;i<=NF;i++) m=m" "$i; printf "%.0f %.0f %.0f %s", $2*1024, $3*1024, $4*1024, m}')
  [ -n "$line" ] || { printf null; return; }
  set -- $line
  t=$(int "$1"); us=$(int "$2"); av=$(int "$3"); shift 3; mp="$*"
  case "$t$us$av" in *null*) printf null; return ;; esac
  printf '{"mount":%s,"totalBytes":%s,"usedBytes":%s,"availableBytes":%s}' "$(js "$mp")" "$t" "$us" "$av"
}
storage=$(sed -n 's/^STORAGE_ROOT=//p' "$conf" 2>/dev/null | tail -n 1 | sed -e "s/^'\(.*\)'$/\1/" -e 's/^"\(.*\)"$/\1/')
droot=$(disk /)
dstorage=null
if [ -n "$storage" ] && [ -d "$storage" ]; then dstorage=$(disk "$storage"); fi

state() {
  case "$1" in
    active|reloading|refreshing) st='"active"' ;;
    inactive|activating|deactivating) st='"inactive"' ;;
    failed) st='"failed"' ;;
    *) st='"unknown"' ;;
  esac
}
units="postfix dovecot nginx nsd mailinabox fail2ban"
php=$(systemctl list-units --all --type=service --no-legend --plain 'php*-fpm.service' 2>/dev/null | awk 'NR==1{print $1}')
states=$(systemctl is-active $(for s in $units; do printf '%s.service ' "$s"; done) $php 2>/dev/null)
set -- $states
svc=""
for s in $units; do state "$1"; svc="$svc\"$s\":$st,"; [ $# -gt 0 ] && shift; done
if [ -n "$php" ]; then state "$1"; else state ""; fi
svc="$svc\"php-fpm\":$st"

queue=null
if q=$(postqueue -p 2>/dev/null); then
  case "$q" in
    *"Mail queue is empty"*) queue=0 ;;
    *) queue=$(int "$(printf '%s\n' "$q" | sed -n 's/^-- .* in \([0-9][0-9]*\) Requests*\.$/\1/p' | tail -n 1)") ;;
  esac
fi

if [ -e /var/run/reboot-required ]; then reboot=true; else reboot=false; fi

updates=null
if [ "$slow" = 1 ] && u=$(apt-get -qq -s upgrade 2>/dev/null); then updates=$(int "$(printf '%s\n' "$u" | grep -c '^Inst ')"); fi

backup=null
if [ -n "$storage" ]; then
  dir="$storage/backup/encrypted"
  if [ -r "$dir" ] && [ -x "$dir" ]; then names=$(ls -1 "$dir" 2>/dev/null) && ok=1 || ok=0
  else names=$(sudo -n /usr/bin/ls -1 "$dir" 2>/dev/null) && ok=1 || ok=0; fi
  if [ "$ok" = 1 ]; then
    ts=$(printf '%s\n' "$names" | sed -n 's/^duplicity-[a-z]*\..*\([0-9]\{8\}T[0-9]\{6\}Z\)\.manifest.*$/\1/p' | sort | tail -n 1)
    iso=$(printf '%s\n' "$ts" | sed -n 's/^\([0-9]\{4\}\)\([0-9]\{2\}\)\([0-9]\{2\}\)T\([0-9]\{2\}\)\([0-9]\{2\}\)\([0-9]\{2\}\)Z$/\1-\2-\3T\4:\5:\6Z/p')
    [ -n "$iso" ] && backup="\"$iso\""
  fi
fi

printf '{"uptimeSeconds":%s,"load":%s,"memory":%s,"disk":{"root":%s,"storage":%s},"services":{%s},"queue":%s,"rebootRequired":%s,"updates":%s,"newestBackupAt":%s}\n' \
  "$up" "$load" "$mem" "$droot" "$dstorage" "$svc" "$queue" "$reboot" "$updates" "$backup"

case "$apiport" in ''|*[!0-9]*) exit 0 ;; esac
if ! command -v curl >/dev/null 2>&1 || ! command -v base64 >/dev/null 2>&1; then echo "api-unavailable tools"; exit 0; fi
if [ -r "$keyf" ]; then key=$(cat "$keyf" 2>/dev/null); else key=$(sudo -n /usr/bin/cat "$keyf" 2>/dev/null); fi
case "$key" in ''|*[!A-Za-z0-9]*) echo "api-unavailable key"; exit 0 ;; esac
# One curl for every call (a process start per call cost the box more than the calls themselves): the keyed calls
# first, with the key from stdin; after --next, the flavour call without credentials (§6.1 tells flavours apart by
# how that route refuses). -w prints one status per transfer, in order; 000 is a call that got no answer.
tmp=$(mktemp -d 2>/dev/null) || { echo "api-unavailable tmp"; exit 0; }
trap 'rm -rf "$tmp"' EXIT
# dash skips the EXIT trap when a signal ends it (a dropped SSH session hangs up the probe): exit through it instead.
trap 'exit 1' HUP INT TERM PIPE
names="version"
set -- -o "$tmp/version" "http://127.0.0.1:$apiport/system/version"
if [ "$slow" = 1 ]; then
  names="$names backup tls"
  set -- "$@" -o "$tmp/backup" "http://127.0.0.1:$apiport/system/backup/status" -o "$tmp/tls" "http://127.0.0.1:$apiport/ssl/status"
fi
names="$names users aliases flavour"
set -- "$@" -o "$tmp/users" "http://127.0.0.1:$apiport/mail/users?format=json" -o "$tmp/aliases" "http://127.0.0.1:$apiport/mail/aliases?format=json"
h1='X-Requested-With: XMLHttpRequest'; h2='Accept: */*'
codes=$(printf 'user = "%s:"\n' "$key" | curl -sS -m 120 -K - -H "$h1" -H "$h2" -w '%{http_code}\n' "$@" \
  --next -sS -m 120 -H "$h1" -H "$h2" -w '%{http_code}\n' -o "$tmp/flavour" "http://127.0.0.1:$apiport/system/default-quota" 2>/dev/null)
set -- $codes
for n in $names; do
  code=; if [ $# -gt 0 ]; then code=$1; shift; fi
  case "$code" in ''|000|*[!0-9]*) continue ;; esac
  [ -f "$tmp/$n" ] || : > "$tmp/$n"
  printf 'api %s %s %s\n' "$n" "$code" "$(base64 -w 0 "$tmp/$n")"
done
`;

/**
 * The exec command: the script travels in the command itself (stdin would cost one more round trip, since it can only
 * be sent once the box accepted the exec). Arguments: the conf path, and for the API part the API port and the key
 * path (read with `sudo -n /usr/bin/cat PATH`, the rule Boxfleet already recommends for the API key). `slow: false`
 * leaves out what costs the box seconds (the apt simulation, the API's backup status — duplicity — and TLS status —
 * openssl per domain): the collector asks for those only now and then (SlowFacts).
 */
export function probeCommand(
  confPath: string,
  api?: { port: number; keyPath: string },
  options: { slow?: boolean } = {},
): string {
  const slow = options.slow ?? true;
  const args = [confPath, api ? String(api.port) : '', api?.keyPath ?? '', slow ? '1' : '0'].map(shellQuote).join(' ');
  return `sh -c ${shellQuote(PROBE_SCRIPT)} boxfleet-probe ${args}`;
}

/** The one sudoers line that lets a non-root login see the newest local backup (the only root-only probe field). */
export function backupSudoersLine(user: string, storageRoot: string): string {
  return `${user} ALL=(root) NOPASSWD: /usr/bin/ls -1 ${storageRoot}/backup/encrypted`;
}
