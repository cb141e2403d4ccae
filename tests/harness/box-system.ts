/**
 * The system an emulated box's health probe sees: service states, disk use, mail queue, reboot flag, pending
 * package updates, and which tools are missing. Production code is untouched; the box side is made to look like a
 * Mail-in-a-Box in two ways:
 *
 * - Stub tools first on PATH (sshd's `SetEnv PATH=<bin>:...` for that sshd only): `systemctl`, `df`, `postqueue`
 *   and `apt-get` answer from this box's state files the way the real tools print. A tool marked missing exits 127
 *   like a shell that cannot find it.
 * - A private mount namespace for the box's sshd (mountSetup): /run is an overlay with the box's own upper layer,
 *   so `/var/run/reboot-required` is per box, and /home is an overlay in which the emulator's STORAGE_ROOT is bind
 *   mounted at /home/user-data, where /etc/mailinabox.conf says it is. The probe runs unchanged.
 * - In the same namespace the box's `<root>/etc/nsd` is bind mounted on /etc/nsd, so the zone files and the DS
 *   records the emulator writes (/etc/nsd/zones/<zone>.txt.ds) are read where a real box keeps them. Where this
 *   machine has no /etc/nsd, /etc gets an overlay first, so nothing is created on the machine itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ProbedService } from '../../src-shared/domain/fleet-health';
import { runCommand } from './run-command';
import { makeTempDir } from './temp';

/** curl is the real one passed through, so it can be made missing like the others. */
export const STUB_TOOLS = ['systemctl', 'df', 'postqueue', 'apt-get', 'curl'] as const;
export type StubTool = (typeof STUB_TOOLS)[number];

export interface DiskState {
  totalBytes: number;
  usedBytes: number;
  /** The mount point df names. */
  mount: string;
}

export interface BoxSystemState {
  services: Record<ProbedService, 'active' | 'inactive' | 'failed'>;
  disk: { root: DiskState; storage: DiskState };
  /** Messages in the postfix queue. */
  queue: number;
  rebootRequired: boolean;
  /** Packages `apt-get -s upgrade` would install. */
  updates: number;
  /** Tools that behave as not installed. */
  missingTools: StubTool[];
}

const GIB = 1024 ** 3;

/** A box with everything running, a quarter of its disks used, nothing queued and nothing to do. */
export function healthySystem(): BoxSystemState {
  return {
    services: {
      postfix: 'active',
      dovecot: 'active',
      nginx: 'active',
      nsd: 'active',
      'php-fpm': 'active',
      mailinabox: 'active',
      fail2ban: 'active',
    },
    disk: {
      root: { totalBytes: 40 * GIB, usedBytes: 10 * GIB, mount: '/' },
      storage: { totalBytes: 40 * GIB, usedBytes: 10 * GIB, mount: '/' },
    },
    queue: 0,
    rebootRequired: false,
    updates: 0,
    missingTools: [],
  };
}

/** The PHP unit a box runs (Ubuntu 22.04's PHP). */
const PHP_UNIT = 'php8.0-fpm.service';

function missingGuard(stateDir: string, tool: StubTool): string {
  return `[ -e ${stateDir}/missing.${tool} ] && { echo "sh: 1: ${tool}: not found" >&2; exit 127; }\n`;
}

function stubs(stateDir: string): Record<StubTool, string> {
  const head = (tool: StubTool): string => `#!/bin/sh\n${missingGuard(stateDir, tool)}`;
  return {
    systemctl:
      head('systemctl') +
      `case "$1" in
is-active)
  shift; rc=0
  for unit in "$@"; do
    name=$(basename "$unit" .service)
    case "$name" in php*-fpm) name=php-fpm ;; esac
    st=$(cat ${stateDir}/service.$name 2>/dev/null || echo inactive)
    echo "$st"; [ "$st" = active ] || rc=3
  done
  exit $rc ;;
list-units)
  for a in "$@"; do case "$a" in 'php*-fpm.service')
    st=$(cat ${stateDir}/service.php-fpm 2>/dev/null || echo inactive)
    sub=running; [ "$st" = active ] || sub=dead
    echo "${PHP_UNIT} loaded $st $sub The PHP 8.0 FastCGI Process Manager" ;;
  esac; done
  exit 0 ;;
esac
echo "systemctl stub: unsupported: $*" >&2; exit 1
`,
    df:
      head('df') +
      `for a in "$@"; do case "$a" in -*) ;; *) target="$a" ;; esac; done
if [ "$target" = / ]; then f=${stateDir}/disk.root; else f=${stateDir}/disk.storage; fi
read -r total used avail pct mount < "$f" || exit 1
echo "Filesystem     1024-blocks      Used Available Capacity Mounted on"
echo "/dev/vda1 $total $used $avail $pct $mount"
`,
    postqueue:
      head('postqueue') +
      `[ "$1" = -p ] || { echo "postqueue stub: unsupported: $*" >&2; exit 1; }
n=$(cat ${stateDir}/queue)
if [ "$n" -eq 0 ]; then echo "Mail queue is empty"; exit 0; fi
echo "-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------"
i=0
while [ $i -lt $n ]; do
  i=$((i + 1))
  printf '%sA%05d     1024 Mon Apr 20 10:00:00  sender@example.com\\n                                         rcpt%s@example.net\\n\\n' 4F $i $i
done
req=Requests; [ "$n" -eq 1 ] && req=Request
echo "-- $n Kbytes in $n $req."
`,
    curl: head('curl') + 'exec /usr/bin/curl "$@"\n',
    'apt-get':
      head('apt-get') +
      `n=$(cat ${stateDir}/updates)
i=0
while [ $i -lt $n ]; do
  i=$((i + 1))
  echo "Inst pkg$i [1.0-$i] (1.1-$i Ubuntu:22.04/jammy-updates [amd64])"
done
i=0
while [ $i -lt $n ]; do i=$((i + 1)); echo "Conf pkg$i (1.1-$i Ubuntu:22.04/jammy-updates [amd64])"; done
`,
  };
}

function dfLine(disk: DiskState): string {
  const kib = (bytes: number): number => Math.round(bytes / 1024);
  const avail = disk.totalBytes - disk.usedBytes;
  const pct = disk.totalBytes === 0 ? 0 : Math.ceil((disk.usedBytes / disk.totalBytes) * 100);
  return `${kib(disk.totalBytes)} ${kib(disk.usedBytes)} ${kib(avail)} ${pct}% ${disk.mount}\n`;
}

export interface BoxSystem {
  /** The stub tools' directory: first on the box's PATH. */
  binDir: string;
  /** The PATH sshd sets for every session on this box. */
  path: string;
  /** Run as root in the box sshd's private mount namespace before sshd starts. */
  mountSetup: string;
  /** Where the box's files appear inside that namespace (STORAGE_ROOT). */
  storageRoot: string;
  /** Tells the system which process holds the box's mount namespace (its sshd), for the reboot flag. */
  attach(pid: () => number): void;
  state(): BoxSystemState;
  set(change: Partial<BoxSystemState>): Promise<void>;
}

/**
 * A box system for the STORAGE_ROOT that lives at `storageDir` on this machine (seen as `storageRoot` on the box), and
 * the box's nsd directory `nsdDir` (seen as /etc/nsd).
 */
export async function createBoxSystem(storageDir: string, storageRoot: string, nsdDir: string): Promise<BoxSystem> {
  if (!storageRoot.startsWith('/home/'))
    throw new Error(`box-system supports STORAGE_ROOT under /home, not ${storageRoot}`);
  const dir = await makeTempDir('box-system');
  const binDir = path.join(dir, 'bin');
  const stateDir = path.join(dir, 'state');
  for (const d of [binDir, stateDir]) await fs.promises.mkdir(d, { mode: 0o755 });
  for (const d of ['run-up', 'run-work', 'home-up', 'home-work', 'etc-up', 'etc-work'])
    await fs.promises.mkdir(path.join(dir, d));
  await fs.promises.mkdir(path.join(nsdDir, 'zones'), { recursive: true, mode: 0o755 });
  for (const [tool, text] of Object.entries(stubs(stateDir))) {
    await fs.promises.writeFile(path.join(binDir, tool), text, { mode: 0o755 });
  }
  const ns = (d: string): string => path.join(dir, d);
  const mountSetup = [
    `mount -t overlay overlay -o lowerdir=/run,upperdir=${ns('run-up')},workdir=${ns('run-work')} /run`,
    `mount -t overlay overlay -o lowerdir=/home,upperdir=${ns('home-up')},workdir=${ns('home-work')} /home`,
    `mkdir -p ${storageRoot}`,
    `mount --bind ${storageDir} ${storageRoot}`,
    `if [ ! -d /etc/nsd ]; then`,
    `  mount -t overlay overlay -o lowerdir=/etc,upperdir=${ns('etc-up')},workdir=${ns('etc-work')} /etc`,
    `  mkdir /etc/nsd`,
    `fi`,
    `mount --bind ${nsdDir} /etc/nsd`,
  ].join('\n');

  let current = healthySystem();
  let holder: (() => number) | undefined;

  const setReboot = async (required: boolean): Promise<void> => {
    const pid = holder?.();
    if (pid === undefined) {
      // Before sshd runs the overlay is not mounted yet: its upper layer is a plain directory.
      const file = path.join(ns('run-up'), 'reboot-required');
      if (required) await fs.promises.writeFile(file, '*** System restart required ***\n');
      else await fs.promises.rm(file, { force: true });
      return;
    }
    const command = required
      ? "echo '*** System restart required ***' > /run/reboot-required"
      : 'rm -f /run/reboot-required';
    await runCommand('nsenter', ['-t', String(pid), '-m', '--', 'sh', '-c', command]);
  };

  const write = async (state: BoxSystemState): Promise<void> => {
    const files: Record<string, string> = {
      'disk.root': dfLine(state.disk.root),
      'disk.storage': dfLine(state.disk.storage),
      queue: `${state.queue}\n`,
      updates: `${state.updates}\n`,
    };
    for (const [service, value] of Object.entries(state.services)) files[`service.${service}`] = `${value}\n`;
    for (const [name, text] of Object.entries(files)) {
      await fs.promises.writeFile(path.join(stateDir, name), text, { mode: 0o644 });
    }
    for (const tool of STUB_TOOLS) {
      const marker = path.join(stateDir, `missing.${tool}`);
      if (state.missingTools.includes(tool)) await fs.promises.writeFile(marker, '', { mode: 0o644 });
      else await fs.promises.rm(marker, { force: true });
    }
  };
  await write(current);

  return {
    binDir,
    path: `${binDir}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
    mountSetup,
    storageRoot,
    attach(pid) {
      holder = pid;
    },
    state: () => structuredClone(current),
    async set(change) {
      const next: BoxSystemState = {
        ...current,
        ...change,
        services: { ...current.services, ...change.services },
        disk: { ...current.disk, ...change.disk },
      };
      await write(next);
      if (next.rebootRequired !== current.rebootRequired) await setReboot(next.rebootRequired);
      current = next;
    },
  };
}
