/**
 * The shell side of the test users' lifetime, shared by test-users.ts (create, release at teardown) and the reaper
 * (release when the process died without teardown). No imports: the reaper embeds this text.
 *
 * Several test runs may overlap on one machine (two jest runs, a Playwright worker, a benchmark): they share the
 * accounts, so each run holds a lease, a file named after its pid holding that process's start time (a reused pid
 * does not count as alive). The first lease of a generation creates the accounts with a random password; the last
 * release deletes them. Everything runs under one flock.
 */

/** Root-only state: the password of the current generation and the leases. tmpfs, so a reboot clears it. */
export const USER_STATE_DIR = '/run/boxfleet-test';
export const USER_LOCK_FILE = '/run/lock/boxfleet-test-users.lock';
/** The file the harness wrote before leases existed; it let the test user read any file as root. */
export const LEGACY_SUDOERS = '/etc/sudoers.d/boxfleet-test';

const COMMON = `
state=${USER_STATE_DIR}
leases="$state/leases"
# Field 22 of /proc/PID/stat (start time); the command name in field 2 may hold spaces, so cut after ") ".
starttime() { [ -r "/proc/$1/stat" ] && sed 's/^.*) //' "/proc/$1/stat" | cut -d' ' -f20; }
# Drops the leases of processes that are gone; says whether any lease is still held.
prune_leases() {
  any=1
  for f in "$leases"/*; do
    [ -e "$f" ] || continue
    p="\${f##*/}"
    if [ -n "$(starttime "$p")" ] && [ "$(starttime "$p")" = "$(cat "$f")" ]; then any=0; else rm -f "$f"; fi
  done
  return $any
}
`;

/**
 * Takes a lease for process $BF_OWNER and makes sure the users $BF_USERS exist with a usable login. Prints the
 * password of the current generation ($BF_PASSWORD if this lease starts one). Run under flock.
 */
export const ENSURE_USERS_SCRIPT = `
set -eu
umask 077
${COMMON}
mkdir -p "$leases"
rm -f ${LEGACY_SUDOERS}
fresh=0
if ! prune_leases || [ ! -s "$state/password" ]; then
  printf '%s' "$BF_PASSWORD" > "$state/password"
  fresh=1
fi
password="$(cat "$state/password")"
for u in $BF_USERS; do
  made=0
  if ! id -u "$u" >/dev/null 2>&1; then useradd --create-home --shell /bin/bash "$u"; made=1; fi
  if [ "$(getent passwd "$u" | cut -d: -f7)" != /bin/bash ]; then usermod --shell /bin/bash "$u"; fi
  # A password also unlocks the account: with UsePAM no, sshd refuses a locked ('!') account even for keys.
  if [ $fresh = 1 ] || [ $made = 1 ]; then printf '%s:%s\\n' "$u" "$password" | chpasswd; fi
  home="$(getent passwd "$u" | cut -d: -f6)"
  install -d -m 700 -o "$u" -g "$u" "$home/.ssh"
  if [ ! -f "$home/.ssh/authorized_keys" ]; then install -m 600 -o "$u" -g "$u" /dev/null "$home/.ssh/authorized_keys"; fi
done
starttime "$BF_OWNER" > "$leases/$BF_OWNER"
printf '%s' "$password"
`;

/**
 * A shell function body: release_users OWNER USER... drops OWNER's lease and, when no live lease is left,
 * deletes the users (home directories included) and the state. A subshell body, so it can take the lock and
 * fail without ending the caller.
 */
export const RELEASE_USERS_FUNCTION = `release_users() (
  ${COMMON}
  owner="$1"; shift
  exec 9>>${USER_LOCK_FILE}
  flock 9
  rm -f "$leases/$owner"
  if prune_leases; then exit 0; fi
  for u in "$@"; do
    if id -u "$u" >/dev/null 2>&1; then userdel --force --remove "$u" 2>/dev/null || userdel --force "$u"; fi
  done
  rm -rf "$state"
  rm -f ${LEGACY_SUDOERS}
)`;
