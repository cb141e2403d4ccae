import { randomUUID } from 'node:crypto';
import type { ImportRow, TransferFormat, TransferKind } from '../../src-shared/contract/mail-fleet';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import { quotasAbsentReason } from '../box/routes/helpers';
import type { MailBoxApi } from './mail-service';
import type { JobContext, Jobs } from '../jobs/jobs';
import { aliasRecords, exportFilename, exportText, userRecords } from './transfer-export';
import { readRecords, type ImportRecord } from './transfer-format';
import { planAliases, planUsers, type AliasOp, type PlanEntry, type UserOp } from './transfer-plan';

export interface ImportRequest {
  boxId: string;
  kind: TransferKind;
  format: TransferFormat;
  text: string;
}

export interface MailTransferDeps {
  box(boxId: string): Promise<Result<Box>>;
  api(boxId: string): Promise<Result<MailBoxApi>>;
  jobs: Jobs;
  now?: () => Date;
  /** How many finished imports keep their rows for `importResult`. */
  keepResults?: number;
}

type Plan =
  { kind: 'users'; entries: Array<PlanEntry<UserOp>> } | { kind: 'aliases'; entries: Array<PlanEntry<AliasOp>> };

export interface ImportSummary {
  created: number;
  updated: number;
  skipped: number;
  /** Sent, and refused by the box. */
  refused: number;
  /** Never sent: the row breaks a rule in the file (the dry run's errors). */
  invalid: number;
}

/** The job's last line: rows never sent are told apart from rows the box refused. */
export function summaryLine(summary: ImportSummary): string {
  const parts = [`${summary.created} created`, `${summary.updated} updated`, `${summary.skipped} skipped`];
  if (summary.refused > 0) parts.push(`${summary.refused} refused by the box`);
  if (summary.invalid > 0) parts.push(`${summary.invalid} not sent (errors in the file)`);
  return parts.join(', ');
}

/** A box's text can quote what it was sent; a password must never come back in a row, a log or a job's detail. */
function withoutPassword(text: string, password: string | undefined): string {
  return password === undefined || password === '' ? text : text.split(password).join('(password)');
}

/**
 * Export and import of a box's users and aliases. An import is read and checked row by row with the box's rules
 * against its current lists (the dry run sends nothing), then applied as a `mail.import` job that re-plans against
 * the lists at that moment and sends one row at a time. The rows' results are kept in memory by job id; passwords
 * are in the plan only while the job runs and are never in a row, a job title or detail, or a log line.
 */
export class MailTransfer {
  private readonly results = new Map<string, ImportRow[]>();
  private readonly now: () => Date;
  private readonly keep: number;

  constructor(private readonly deps: MailTransferDeps) {
    this.now = deps.now ?? (() => new Date());
    this.keep = deps.keepResults ?? 20;
  }

  async export(
    boxId: string,
    kind: TransferKind,
    format: TransferFormat,
  ): Promise<Result<{ text: string; filename: string }>> {
    const box = await this.deps.box(boxId);
    if (!box.ok) return box;
    const api = await this.deps.api(box.value.id);
    if (!api.ok) return api;
    const records =
      kind === 'users'
        ? await api.value.routes.users.list().then((r) => (r.ok ? ok(userRecords(r.value)) : r))
        : await api.value.routes.aliases.list().then((r) => (r.ok ? ok(aliasRecords(r.value)) : r));
    if (!records.ok) return records;
    return ok({
      text: exportText(kind, format, records.value),
      filename: exportFilename(box.value.name, kind, format, this.now()),
    });
  }

  async plan(request: ImportRequest): Promise<Result<{ rows: ImportRow[] }>> {
    const records = readRecords(request.kind, request.format, request.text);
    if (!records.ok) return records;
    const api = await this.deps.api(request.boxId);
    if (!api.ok) return api;
    const plan = await this.makePlan(api.value, request.kind, records.value);
    return plan.ok ? ok({ rows: plan.value.entries.map((entry) => entry.row) }) : plan;
  }

  /** The file is read before the job starts, so a file that is not CSV or JSON is refused at once, not as a job. */
  async apply(request: ImportRequest): Promise<Result<{ jobId: string }>> {
    const box = await this.deps.box(request.boxId);
    if (!box.ok) return box;
    const records = readRecords(request.kind, request.format, request.text);
    if (!records.ok) return records;
    const api = await this.deps.api(box.value.id);
    if (!api.ok) return api;
    const rows: ImportRow[] = [];
    const started = this.deps.jobs.start<ImportSummary>({
      kind: 'mail.import',
      boxId: box.value.id,
      title: `Import ${request.kind} into ${box.value.name}`,
      // Every import is its own work: two files for the same box must not join into one job.
      key: randomUUID(),
      run: (ctx) => this.run(ctx, api.value, request.kind, records.value, rows),
    });
    this.results.set(started.jobId, rows);
    while (this.results.size > this.keep) {
      const oldest = this.results.keys().next().value;
      if (oldest === undefined) break;
      this.results.delete(oldest);
    }
    return ok({ jobId: started.jobId });
  }

  /** The rows of an import job: planned ones while it runs, each with `applied` once its turn has come. */
  result(jobId: string): Result<{ rows: ImportRow[] }> {
    const rows = this.results.get(jobId);
    if (rows === undefined)
      return fail('not-found', 'There is no such import (only recent ones are kept).', { retryable: false });
    return ok({ rows: rows.map((row) => ({ ...row })) });
  }

  private async makePlan(api: MailBoxApi, kind: TransferKind, records: ImportRecord[]): Promise<Result<Plan>> {
    const users = await api.routes.users.list();
    if (!users.ok) return users;
    if (kind === 'aliases') {
      const aliases = await api.routes.aliases.list();
      if (!aliases.ok) return aliases;
      return ok({ kind, entries: planAliases(records, aliases.value, users.value) });
    }
    const info = await api.detect();
    if (!info.ok) return info;
    return ok({
      kind,
      entries: planUsers(records, { groups: users.value, quotasAbsentReason: quotasAbsentReason(info.value) }),
    });
  }

  private async run(
    ctx: JobContext,
    api: MailBoxApi,
    kind: TransferKind,
    records: ImportRecord[],
    rows: ImportRow[],
  ): Promise<Result<ImportSummary>> {
    ctx.progress({ value: 0, detail: `Reading the box's ${kind}` });
    const plan = await this.makePlan(api, kind, records);
    if (!plan.ok) return plan;
    const entries: Array<PlanEntry<UserOp | AliasOp>> = plan.value.entries;
    rows.push(...entries.map((entry) => entry.row));
    const total = entries.filter((entry) => entry.op !== null).length;
    const summary: ImportSummary = { created: 0, updated: 0, skipped: 0, refused: 0, invalid: 0 };
    let done = 0;
    for (const [index, entry] of entries.entries()) {
      const row = rows[index] as ImportRow;
      if (entry.op === null) {
        if (row.action === 'skip') summary.skipped += 1;
        else summary.invalid += 1;
        continue;
      }
      if (ctx.signal.aborted) {
        rows[index] = { ...row, applied: false, detail: 'Not applied: the import was cancelled.' };
        continue;
      }
      const sent =
        plan.value.kind === 'users'
          ? await applyUser(api, entry.op as UserOp)
          : await applyAlias(api, entry.op as AliasOp);
      if (sent.ok) {
        rows[index] = { ...row, applied: true };
        if (row.action === 'create') summary.created += 1;
        else summary.updated += 1;
      } else {
        const password = 'password' in entry.op ? entry.op.password : undefined;
        rows[index] = { ...row, applied: false, detail: withoutPassword(sent.error.message, password) };
        summary.refused += 1;
      }
      done += 1;
      ctx.progress({ value: done / Math.max(1, total), detail: `${done} of ${total} rows` });
    }
    if (ctx.signal.aborted) return fail('cancelled', 'Cancelled.');
    ctx.progress({
      value: 1,
      detail: summaryLine(summary),
    });
    return ok(summary);
  }
}

async function applyUser(api: MailBoxApi, op: UserOp): Promise<Result<void>> {
  const users = api.routes.users;
  if (op.kind === 'create') {
    const added = await users.add({
      email: op.email,
      password: op.password,
      ...(op.admin ? { privileges: ['admin'] } : {}),
      ...(op.quota === undefined ? {} : { quota: op.quota }),
    });
    return added.ok ? ok(undefined) : added;
  }
  if (op.password !== undefined) {
    const set = await users.setPassword(op.email, op.password);
    if (!set.ok) return set;
  }
  if (op.admin !== undefined) {
    const changed = op.admin
      ? await users.addPrivilege(op.email, 'admin')
      : await users.removePrivilege(op.email, 'admin');
    if (!changed.ok) return changed;
  }
  if (op.quota !== undefined) return users.setQuota(op.email, op.quota);
  return ok(undefined);
}

async function applyAlias(api: MailBoxApi, op: AliasOp): Promise<Result<void>> {
  const added = await api.routes.aliases.add({
    address: op.address,
    forwardsTo: op.forwardsTo,
    permittedSenders: op.permittedSenders,
    updateIfExists: op.update,
  });
  return added.ok ? ok(undefined) : added;
}
