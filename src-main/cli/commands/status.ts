import type { JobInfo } from '../../../src-shared/contract/jobs';
import { fail, ok, type Result } from '../../../src-shared/contract/result';
import type { Box } from '../../../src-shared/domain/box';
import type { BoxHealth } from '../../../src-shared/domain/fleet-health';
import type { Core } from '../../compose/core';
import { diskFraction } from '../../health/health-history';
import type { Command, Io, OptionValues } from '../command';
import { EXIT } from '../command';
import { formatTable, printJson, reportError } from '../output';
import { followJob } from '../progress';

/** A job started through the contract, followed to its end (a progress line on a terminal, nothing with --json). */
export async function followStarted(
  opened: Core,
  io: Io,
  json: boolean,
  started: Result<unknown>,
): Promise<Result<JobInfo>> {
  if (!started.ok) return started;
  const { jobId } = started.value as { jobId: string };
  const stream = {
    isTTY: io.isTty && process.stderr.isTTY === true,
    columns: process.stderr.columns,
    write: (text: string) => process.stderr.write(text),
  };
  const ended = await followJob(opened, jobId, { json, stream });
  if (!ended.ok) return ended;
  const info = ended.value;
  if (info.state === 'done') return ok(info);
  return fail(info.error?.code ?? 'internal', info.error?.message ?? `${info.title} did not finish.`);
}

const strings = (values: OptionValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : typeof v === 'string' ? [v] : [];
};

/** The boxes named by --box, plus those carrying any --tag; every box when neither is given. */
export function selectBoxes(all: readonly Box[], names: string[], tags: string[]): Result<Box[]> {
  if (names.length === 0 && tags.length === 0) return ok([...all]);
  const chosen = new Set<Box>();
  for (const name of names) {
    const box = all.find((b) => b.name.toLowerCase() === name.toLowerCase() || b.id === name);
    if (!box) return fail('not-found', `There is no box called "${name}". \`boxfleet box list\` shows the fleet.`);
    chosen.add(box);
  }
  const wanted = new Set(tags.map((t) => t.toLowerCase()));
  for (const box of all) if (box.tags.some((t) => wanted.has(t.toLowerCase()))) chosen.add(box);
  return ok(all.filter((b) => chosen.has(b)));
}

export interface StatusRow {
  name: string;
  tags: string[];
  reachable: boolean | null;
  reachability: BoxHealth['reachability'] | null;
  error: string | null;
  observedAt: string | null;
  version: string | null;
  latestVersion: string | null;
  flavour: BoxHealth['flavour'];
  rttMs: number | null;
  checks: BoxHealth['checks'];
  disk: number | null;
  queue: number | null;
  backupAt: string | null;
  tlsSoonestExpiry: string | null;
  rebootRequired: boolean | null;
  updates: number | null;
}

export function statusRow(box: Box, health: BoxHealth | undefined): StatusRow {
  const probe = health?.probe ?? null;
  return {
    name: box.name,
    tags: box.tags,
    reachable: health ? health.reachability === 'up' : null,
    reachability: health?.reachability ?? null,
    error: health?.error?.message ?? null,
    observedAt: health?.observedAt ?? null,
    version: health?.version ?? null,
    latestVersion: health?.latestVersion ?? null,
    flavour: health?.flavour ?? null,
    rttMs: health?.rttMs ?? null,
    checks: health?.checks ?? null,
    disk: health ? diskFraction(health) : null,
    queue: probe?.queue ?? null,
    backupAt: health?.backup?.lastAt ?? probe?.newestBackupAt ?? null,
    tlsSoonestExpiry: health?.tls?.soonestExpiry ?? null,
    rebootRequired: probe?.rebootRequired ?? null,
    updates: probe?.updates ?? null,
  };
}

const unknown = '?';

/** "3h", "2d": how long ago (or, for a time ahead, how long until). */
export function age(iso: string | null, now: Date): string {
  if (!iso) return unknown;
  const ms = Math.abs(now.getTime() - Date.parse(iso));
  const hours = ms / 3_600_000;
  if (hours < 1) return `${Math.round(ms / 60_000)}m`;
  if (hours < 48) return `${Math.round(hours)}h`;
  return `${Math.round(hours / 24)}d`;
}

function tableRow(row: StatusRow, now: Date): string[] {
  const checks = row.checks
    ? `${row.checks.error}/${row.checks.warning}/${row.checks.ok} (${age(row.checks.at, now)})`
    : '-';
  const expiry = row.tlsSoonestExpiry;
  return [
    row.name,
    row.reachability ?? unknown,
    row.version ? `${row.flavour ?? ''} ${row.version}`.trim() : unknown,
    row.rttMs === null ? '-' : `${row.rttMs.toFixed(1)}ms`,
    checks,
    row.disk === null ? unknown : `${Math.round(row.disk * 100)}%`,
    row.queue === null ? unknown : String(row.queue),
    row.backupAt ? age(row.backupAt, now) : '-',
    expiry ? `${Date.parse(expiry) < now.getTime() ? 'expired ' : ''}${age(expiry, now)}` : '-',
    row.rebootRequired === null ? unknown : row.rebootRequired ? 'yes' : 'no',
    row.updates === null ? unknown : String(row.updates),
  ];
}

export const statusCommand: Command = {
  path: ['status'],
  usage: 'boxfleet status [--box NAME]... [--tag T]... [--json]',
  summary: "Look at every box (or those named or tagged) now and print the fleet's health",
  options: { box: { type: 'string', multiple: true }, tag: { type: 'string', multiple: true } },
  optionHelp: {
    box: 'a box, by name; repeat for several',
    tag: 'the boxes carrying this tag; repeat for several (a box matches any of them)',
  },
  details: [
    'Columns: CHECKS is errors/warnings/ok of the newest status-check run and its age (`boxfleet checks run`); ' +
      'DISK is the used share of the filesystem holding STORAGE_ROOT (or / when that is unknown); QUEUE is the ' +
      'postfix queue; BACKUP is the age of the newest backup; TLS is the time to the soonest certificate expiry.',
    'JSON: a list of {name, tags, reachable, reachability, error, observedAt, version, latestVersion, flavour, ' +
      'rttMs, checks {ok, warning, error, at}, disk (used fraction 0..1 as above), queue, backupAt, ' +
      'tlsSoonestExpiry, rebootRequired, updates}; null where unknown.',
    'Exit status: 0 when the boxes were looked at, also when some are down (their rows say so: reachable false); ' +
      '1 when nothing could be done (an unknown --box, an unreadable data directory, a cancelled refresh).',
  ],
  positionals: [],
  json: true,
  async run({ core, io, json, values }) {
    const opened = await core();
    const listed = await opened.router.call('boxes.list', {}, { face: 'cli' });
    if (!listed.ok) return reportError(io, listed.error);
    const selected = selectBoxes(listed.value as Box[], strings(values, 'box'), strings(values, 'tag'));
    if (!selected.ok) return reportError(io, selected.error);
    const boxes = selected.value;
    if (boxes.length === 0) {
      if (json) printJson(io, []);
      else io.out('No boxes to look at. Add one with: boxfleet box add NAME --host HOST --user USER --key FILE\n');
      return EXIT.ok;
    }
    const boxIds = boxes.map((b) => b.id);
    const started = await opened.router.call('fleet.refresh', { boxIds }, { face: 'cli' });
    const ended = await followStarted(opened, io, json, started);
    if (!ended.ok) return reportError(io, ended.error);
    const health = await opened.router.call('fleet.health', { boxIds }, { face: 'cli' });
    if (!health.ok) return reportError(io, health.error);
    const byId = new Map((health.value as BoxHealth[]).map((h) => [h.boxId, h]));
    const rows = boxes.map((box) => statusRow(box, byId.get(box.id)));
    if (json) printJson(io, rows);
    else {
      const now = new Date();
      const header = ['NAME', 'STATE', 'VERSION', 'RTT', 'CHECKS E/W/OK', 'DISK', 'QUEUE', 'BACKUP', 'TLS'];
      io.out(
        formatTable(
          [...header, 'REBOOT', 'UPDATES'],
          rows.map((row) => tableRow(row, now)),
        ),
      );
      for (const row of rows) if (row.error) io.out(`${row.name}: ${row.error}\n`);
    }
    return EXIT.ok;
  },
};
