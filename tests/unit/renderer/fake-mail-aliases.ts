import { fail, ok, type ContractHandlers, type Result } from '../../../src-shared/contract';
import type { JobInfo } from '../../../src-shared/contract/jobs';
import type { FleetMailHit, ImportRow } from '../../../src-shared/contract/mail-fleet';
import type { MailAlias, MailDomainAliases, MailDomainUsers } from '../../../src-shared/contract/mailboxes';
import type { Box } from '../../../src-shared/domain/box';
import { emailToAscii, emailToDisplay } from '../../../src-shared/domain/idn';
import { aliasKind, checkAlias, MAIL_MESSAGES } from '../../../src-shared/domain/mail-rules';

type Handlers = ContractHandlers<null>;

/**
 * Main's side of the alias and fleet-wide mail methods for renderer tests: aliases per box in memory, refused with the
 * box's own texts (the shared rules), and an import that runs as a job the test finishes when it wants. Every box has
 * the users the mail user fake holds; boxes named in `down` cannot be reached.
 */
export function fakeMailAliases(options: {
  boxes: () => readonly Box[];
  users: () => readonly MailDomainUsers[];
  reach: (boxId: string) => Result<unknown> | null;
  reportJob: (job: JobInfo) => void;
}) {
  const byBox = new Map<string, MailAlias[]>();
  const down = new Set<string>();
  const imports = new Map<string, { boxId: string; rows: ImportRow[]; job: JobInfo }>();
  /** The text each apply was sent, so a test can see that passwords went to main and nowhere else. */
  const appliedTexts: string[] = [];
  let nextJob = 1;
  /** When set, an import ends before applyImport answers: its events arrive first, as with a very short file. */
  let endBeforeAnswer = false;

  const aliasesOf = (boxId: string) => byBox.get(boxId) ?? [];
  const refuse = (message: string) => fail('box-api-error', message, { retryable: false });
  const guard = (boxId: string) => {
    if (down.has(boxId)) return fail('host-unreachable', 'Nothing is listening for SSH (the connection was refused).');
    const failure = options.reach(boxId);
    return failure && !failure.ok ? failure : null;
  };
  const checkUsers = () =>
    options
      .users()
      .flatMap((group) => group.users)
      .filter((user) => user.status === 'active')
      .map((user) => ({ email: user.email, admin: user.privileges.includes('admin') }));
  const grouped = (boxId: string): MailDomainAliases[] => {
    const groups = new Map<string, MailAlias[]>();
    for (const alias of aliasesOf(boxId)) {
      const domain = emailToDisplay(alias.address).split('@')[1] ?? '';
      groups.set(domain, [...(groups.get(domain) ?? []), alias]);
    }
    return [...groups].map(([domain, aliases]) => ({ domain, aliases }));
  };

  const add = (
    boxId: string,
    request: { address: string; forwardsTo: string[]; permittedSenders: string[]; update: boolean },
  ): Result<{ report: string }> => {
    const checked = checkAlias(request, { users: checkUsers() });
    if (!checked.ok) return refuse(checked.message);
    const { address, forwardsTo, permittedSenders } = checked.value;
    const list = aliasesOf(boxId);
    const existing = list.find((alias) => alias.address === address);
    if (existing && !request.update) return refuse(MAIL_MESSAGES.aliasExists(address));
    const alias: MailAlias = {
      address,
      display: emailToDisplay(address),
      kind: aliasKind({ address, forwardsTo }),
      auto: false,
      forwardsTo: forwardsTo.map(emailToDisplay),
      permittedSenders: [...permittedSenders],
    };
    byBox.set(boxId, [...list.filter((a) => a !== existing), alias]);
    return ok({ report: `${existing ? 'alias updated' : 'alias added'}\nupdated DNS: OpenDKIM configuration\n` });
  };

  const hitsOf = (box: Box, text: string): FleetMailHit[] => {
    const needle = text.toLowerCase();
    const users: FleetMailHit[] = options
      .users()
      .flatMap((group) => group.users)
      .map((user) => ({
        boxId: box.id,
        boxName: box.name,
        kind: 'user',
        address: user.email,
        display: emailToDisplay(user.email),
        domain: emailToDisplay(user.email).split('@')[1] ?? '',
        status: user.status,
        admin: user.privileges.includes('admin'),
        auto: false,
        forwardsTo: [],
        permittedSenders: [],
      }));
    const aliases: FleetMailHit[] = aliasesOf(box.id).map((alias) => ({
      boxId: box.id,
      boxName: box.name,
      kind: 'alias',
      address: alias.address,
      display: alias.display,
      domain: alias.display.split('@')[1] ?? '',
      status: 'active',
      admin: false,
      auto: alias.auto,
      forwardsTo: alias.forwardsTo,
      permittedSenders: alias.permittedSenders,
    }));
    return [...users, ...aliases].filter((hit) => hit.address.includes(needle) || hit.display.includes(needle));
  };

  /** Rows of `address,forwards_to` after a header; a row whose address is taken is skipped, a bad one an error. */
  const plan = (boxId: string, text: string): ImportRow[] =>
    text
      .split('\n')
      .slice(1)
      .filter((line) => line.trim() !== '')
      .map((line, index) => {
        const [address = '', forwardsTo = ''] = line.split(',');
        const checked = checkAlias(
          { address, forwardsTo: [forwardsTo], permittedSenders: [] },
          { users: checkUsers() },
        );
        const row = index + 1;
        if (!checked.ok) return { row, address, action: 'error', detail: checked.message };
        if (aliasesOf(boxId).some((alias) => alias.address === emailToAscii(address).toLowerCase()))
          return { row, address, action: 'skip', detail: 'Already on the box as in the file.' };
        return { row, address, action: 'create', detail: `New alias, to ${forwardsTo}.` };
      });

  /** Runs the import job to its end: every create row becomes an alias, each row says whether it was applied. */
  function finishImport(jobId: string, value = 1): void {
    const entry = imports.get(jobId);
    if (!entry) throw new Error(`no import ${jobId}`);
    if (value < 1) {
      entry.job = { ...entry.job, value, detail: `${Math.round(value * 100)}%` };
      options.reportJob(entry.job);
      return;
    }
    entry.rows = entry.rows.map((row) => {
      if (row.action !== 'create') return row;
      const [, forwardsTo = ''] = row.detail.replace(/\.$/, '').split('to ');
      const added = add(entry.boxId, {
        address: row.address,
        forwardsTo: [forwardsTo],
        permittedSenders: [],
        update: false,
      });
      return added.ok ? { ...row, applied: true } : { ...row, applied: false, detail: added.error.message };
    });
    entry.job = { ...entry.job, state: 'done', value: 1, endedAt: '2025-01-01T00:01:00.000Z' };
    options.reportJob(entry.job);
  }

  const mailboxes: Pick<Handlers['mailboxes'], 'aliases'> = {
    aliases: {
      list: async ({ boxId }) => guard(boxId) ?? ok(grouped(boxId)),
      add: async ({ boxId, ...request }) => guard(boxId) ?? add(boxId, request),
      remove: async ({ boxId, address }) => {
        const failure = guard(boxId);
        if (failure) return failure;
        const list = aliasesOf(boxId);
        const alias = list.find((a) => a.address === address && !a.auto);
        if (!alias) return refuse(MAIL_MESSAGES.notAnAlias(address));
        byBox.set(
          boxId,
          list.filter((a) => a !== alias),
        );
        return ok({ report: 'alias removed\n' });
      },
    },
  };

  const perBox = (boxIds: string[], change: (boxId: string) => Result<{ report: string }>) =>
    boxIds.map((boxId) => {
      const boxName = options.boxes().find((box) => box.id === boxId)?.name ?? boxId;
      const result = guard(boxId) ?? change(boxId);
      return result.ok
        ? { ok: true as const, boxId, boxName, report: (result.value as { report: string }).report }
        : { ok: false as const, boxId, boxName, error: result.error };
    });

  const mail: Handlers['mail'] = {
    find: async ({ text, boxIds }) => {
      const boxes = options.boxes().filter((box) => boxIds === undefined || boxIds.includes(box.id));
      const reachable = boxes.filter((box) => guard(box.id) === null);
      return ok({
        hits: reachable.flatMap((box) => hitsOf(box, text)),
        failures: boxes
          .filter((box) => !reachable.includes(box))
          .map((box) => {
            const failure = guard(box.id);
            return {
              boxId: box.id,
              boxName: box.name,
              error: failure?.error ?? { code: 'internal' as const, message: '?', retryable: false },
            };
          }),
      });
    },
    addUser: async ({ boxIds }) => ok(perBox(boxIds, () => ok({ report: 'mail user added\n' }))),
    addAlias: async ({ boxIds, ...request }) => ok(perBox(boxIds, (boxId) => add(boxId, request))),
    export: async ({ boxId, kind, format }) => {
      const failure = guard(boxId);
      if (failure) return failure;
      const rows = aliasesOf(boxId).map((alias) => `${alias.address},"${alias.forwardsTo.join(',')}",`);
      return ok({ text: ['address,forwards_to,permitted_senders', ...rows].join('\n'), filename: `${kind}.${format}` });
    },
    planImport: async ({ boxId, text }) => guard(boxId) ?? ok({ rows: plan(boxId, text) }),
    applyImport: async ({ boxId, text }) => {
      const failure = guard(boxId);
      if (failure) return failure;
      appliedTexts.push(text);
      const jobId = `import-${nextJob++}`;
      const job: JobInfo = {
        jobId,
        kind: 'mail.import',
        boxId,
        title: 'Importing aliases',
        state: 'running',
        value: 0,
        startedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, nextJob)).toISOString(),
      };
      imports.set(jobId, { boxId, rows: plan(boxId, text), job });
      options.reportJob(job);
      if (endBeforeAnswer) finishImport(jobId);
      return ok({ jobId });
    },
    importResult: async ({ jobId }) => {
      const entry = imports.get(jobId);
      if (!entry) return fail('not-found', 'There is no such import.');
      return ok({ rows: entry.rows });
    },
  };

  return {
    handlers: { mailboxes, mail },
    byBox,
    down,
    appliedTexts,
    finishImport,
    endImportsBeforeAnswer(on: boolean): void {
      endBeforeAnswer = on;
    },
    importJobs: () => [...imports.keys()],
  };
}
