import { shellQuote } from '../ssh/key-pairs';

/**
 * The probe: a POSIX sh script run with ONE ssh exec (`sh -s -- CONF` with the script on stdin) that prints one JSON
 * object shaped like ProbeReport. Only tools every Mail-in-a-Box has are used (sh, awk, sed, tr, df, systemctl,
 * postqueue, apt-get, ls, sudo); a tool that is missing or fails gives `null` (or `"unknown"`) for its field only.
 *
 * Root is needed for one thing: listing STORAGE_ROOT/backup/encrypted, which belongs to root on a box. The probe
 * lists it directly when it can and otherwise runs exactly `sudo -n /usr/bin/ls -1 <dir>` (see backupSudoersLine).
 * Everything else runs as the login user: `systemctl is-active`, `df -Pk`, `postqueue -p` (postfix lets anyone list
 * the queue), `apt-get -qq -s upgrade` (a simulation; it uses the package lists the box's own daily update fetched),
 * and reading /proc, /etc/mailinabox.conf and /var/run/reboot-required.
 *
 * Strings from the box are escaped here (quotes, backslashes; control characters dropped) and checked again by zod.
 */
export const PROBE_SCRIPT = String.raw`
set -f
PATH="$PATH:/usr/sbin:/sbin:/usr/bin:/bin"
LC_ALL=C
export PATH LC_ALL
conf="$1"
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
  out=$(df -Pk "$1" 2>/dev/null) || { printf null; return; }
  line=$(printf '%s\n' "$out" | awk 'NR==2{m=$6; for(i=7;i<=NF;i++) m=m" "$i; printf "%.0f %.0f %.0f %s", $2*1024, $3*1024, $4*1024, m}')
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
    active|reloading|refreshing) printf '"active"' ;;
    inactive|activating|deactivating) printf '"inactive"' ;;
    failed) printf '"failed"' ;;
    *) printf '"unknown"' ;;
  esac
}
svc=""
for s in postfix dovecot nginx nsd mailinabox fail2ban; do
  st=$(systemctl is-active "$s.service" 2>/dev/null | head -n 1)
  svc="$svc\"$s\":$(state "$st"),"
done
php=$(systemctl list-units --all --type=service --no-legend --plain 'php*-fpm.service' 2>/dev/null | awk 'NR==1{print $1}')
pst=""
if [ -n "$php" ]; then pst=$(systemctl is-active "$php" 2>/dev/null | head -n 1); fi
svc="$svc\"php-fpm\":$(state "$pst")"

queue=null
if q=$(postqueue -p 2>/dev/null); then
  case "$q" in
    *"Mail queue is empty"*) queue=0 ;;
    *) queue=$(int "$(printf '%s\n' "$q" | sed -n 's/^-- .* in \([0-9][0-9]*\) Requests*\.$/\1/p' | tail -n 1)") ;;
  esac
fi

if [ -e /var/run/reboot-required ]; then reboot=true; else reboot=false; fi

updates=null
if u=$(apt-get -qq -s upgrade 2>/dev/null); then updates=$(printf '%s\n' "$u" | grep -c '^Inst '); updates=$(int "$updates"); fi

backup=null
if [ -n "$storage" ]; then
  dir="$storage/backup/encrypted"
  if [ -r "$dir" ] && [ -x "$dir" ]; then names=$(ls -1 "$dir" 2>/dev/null) && ok=1 || ok=0
  else names=$(sudo -n /usr/bin/ls -1 "$dir" 2>/dev/null) && ok=1 || ok=0; fi
  if [ "$ok" = 1 ]; then
    ts=$(printf '%s\n' "$names" | sed -n 's/^duplicity-[a-z]*\..*\([0-9]\{8\}T[0-9]\{6\}Z\)\.manifest.*$/\1/p' | sort | tail -n 1)
    case "$ts" in
      [0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z)
        backup=$(printf '"%s-%s-%sT%s:%s:%sZ"' "$(echo "$ts" | cut -c1-4)" "$(echo "$ts" | cut -c5-6)" "$(echo "$ts" | cut -c7-8)" "$(echo "$ts" | cut -c10-11)" "$(echo "$ts" | cut -c12-13)" "$(echo "$ts" | cut -c14-15)") ;;
    esac
  fi
fi

printf '{"uptimeSeconds":%s,"load":%s,"memory":%s,"disk":{"root":%s,"storage":%s},"services":{%s},"queue":%s,"rebootRequired":%s,"updates":%s,"newestBackupAt":%s}\n' \
  "$up" "$load" "$mem" "$droot" "$dstorage" "$svc" "$queue" "$reboot" "$updates" "$backup"
`;

/** The exec command; the script itself goes on stdin so it never shows up in the box's process list or logs. */
export function probeCommand(confPath: string): string {
  return `sh -s -- ${shellQuote(confPath)}`;
}

/** The one sudoers line that lets a non-root login see the newest local backup (the only root-only probe field). */
export function backupSudoersLine(user: string, storageRoot: string): string {
  return `${user} ALL=(root) NOPASSWD: /usr/bin/ls -1 ${storageRoot}/backup/encrypted`;
}
