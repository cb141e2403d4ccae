/**
 * Applying an import as a job, against an in-memory box: what the box refuses at apply time comes back in that row
 * verbatim (never with the password in it), the rows after a cancel are marked as not applied, and nothing the job
 * reports or logs holds a password.
 */
import { EventBus } from '../../../src-main/events/event-bus';
import { Jobs } from '../../../src-main/jobs/jobs';
import type { MailBoxApi } from '../../../src-main/mailboxes/mail-service';
import { MailTransfer } from '../../../src-main/mailboxes/transfer-import';
import type { JobInfo } from '../../../src-shared/contract/jobs';
import { fail, ok, type Result } from '../../../src-shared/contract/result';
import type { Box } from '../../../src-shared/domain/box';
import type { MailUserGroup } from '../../../src-shared/domain/miab';

type AddUser = Parameters<MailBoxApi['routes']['users']['add']>[0];

/** A box that keeps users in memory and lets a test decide how each add is answered. */
function memoryBox(answer: (user: AddUser) => Promise<Result<string>>) {
  const added: string[] = [];
  const groups: MailUserGroup[] = [
    {
      domain: 'example.com',
      users: [{ email: 'me@example.com', privileges: ['admin'], status: 'active', quota: '0' }],
    },
  ];
  const refuse = async (): Promise<Result<never>> => fail('not-supported', 'not used here');
  const api: MailBoxApi = {
    detect: async () => ok({ flavour: 'upstream', version: 'v75' }),
    routes: {
      users: {
        list: async () => ok(groups),
        add: async (user) => {
          const answered = await answer(user);
          if (answered.ok) added.push(user.email);
          return answered;
        },
        remove: refuse,
        setPassword: refuse,
        getQuota: refuse,
        setQuota: refuse,
        addPrivilege: refuse,
        removePrivilege: refuse,
      },
      aliases: { list: async () => ok([]), add: refuse, remove: refuse, domains: async () => ok([]) },
      power: { defaultQuota: refuse },
    },
  };
  return { api, added };
}

function setup(box: MailBoxApi) {
  const bus = new EventBus();
  const events: JobInfo[] = [];
  bus.on((name, payload) => {
    if (name === 'jobs.progress') events.push(payload as JobInfo);
  });
  const logged: string[] = [];
  const jobs = new Jobs({ bus, log: (line) => logged.push(line), progressIntervalMs: 0 });
  const box0 = { id: 'box-1', name: 'box one' } as Box;
  const transfer = new MailTransfer({ box: async () => ok(box0), api: async () => ok(box), jobs });
  const ended = (jobId: string) =>
    new Promise<JobInfo>((resolve) => {
      const check = () => {
        const info = jobs.get(jobId);
        if (info && info.state !== 'running') resolve(info);
        else setImmediate(check);
      };
      check();
    });
  return { transfer, jobs, events, logged, ended };
}

const FILE = [
  'email,password',
  'a@example.com,alpha-secret-1',
  'b@example.com,bravo-secret-1',
  'c@example.com,charlie-secret-1',
].join('\n');

test("the box's refusal at apply time is that row's result, verbatim, with a quoted password blanked", async () => {
  const box = memoryBox(async (user) =>
    user.email === 'b@example.com'
      ? fail('box-api-error', `Could not set "${user.password}" for ${user.email}.`)
      : ok('mail user added\n'),
  );
  const { transfer, events, logged, ended } = setup(box.api);
  const started = await transfer.apply({ boxId: 'box-1', kind: 'users', format: 'csv', text: FILE });
  if (!started.ok) throw new Error(started.error.message);
  const job = await ended(started.value.jobId);
  expect(job).toMatchObject({ state: 'done', detail: '2 created, 0 updated, 0 skipped, 1 refused by the box' });
  const result = transfer.result(started.value.jobId);
  expect(result.ok && result.value.rows.map((row) => [row.address, row.applied, row.detail])).toEqual([
    ['a@example.com', true, 'New user, the default quota.'],
    ['b@example.com', false, 'Could not set "(password)" for b@example.com.'],
    ['c@example.com', true, 'New user, the default quota.'],
  ]);
  expect(box.added).toEqual(['a@example.com', 'c@example.com']);
  const everything = JSON.stringify([result, events, logged]);
  expect(everything).not.toMatch(/alpha-secret|bravo-secret|charlie-secret/);
});

test('a cancelled import stops between rows; the rows not reached say they were not applied', async () => {
  let release: (() => void) | undefined;
  const box = memoryBox(async (user) => {
    // The first add waits until the test has cancelled the job.
    if (user.email === 'a@example.com') await new Promise<void>((resolve) => (release = resolve));
    return ok('mail user added\n');
  });
  const { transfer, jobs, ended } = setup(box.api);
  const started = await transfer.apply({ boxId: 'box-1', kind: 'users', format: 'csv', text: FILE });
  if (!started.ok) throw new Error(started.error.message);
  const jobId = started.value.jobId;
  await new Promise<void>((resolve) => {
    const check = () => (release !== undefined ? resolve() : setImmediate(check));
    check();
  });
  expect(rowsOf(transfer, jobId)).toBe(3);
  expect(jobs.cancel(jobId).ok).toBe(true);
  release?.();
  expect((await ended(jobId)).state).toBe('cancelled');
  // The job ended at once; the row in flight finishes, the rest are not sent.
  await new Promise<void>((resolve) => {
    const check = () =>
      box.added.length === 1 && lastApplied(transfer, jobId) !== undefined ? resolve() : setImmediate(check);
    check();
  });
  const result = transfer.result(jobId);
  expect(result.ok && result.value.rows.map((row) => [row.address, row.applied, row.detail])).toEqual([
    ['a@example.com', true, 'New user, the default quota.'],
    ['b@example.com', false, 'Not applied: the import was cancelled.'],
    ['c@example.com', false, 'Not applied: the import was cancelled.'],
  ]);
  expect(box.added).toEqual(['a@example.com']);
});

function rowsOf(transfer: MailTransfer, jobId: string): number {
  const result = transfer.result(jobId);
  return result.ok ? result.value.rows.length : -1;
}

function lastApplied(transfer: MailTransfer, jobId: string): boolean | undefined {
  const result = transfer.result(jobId);
  return result.ok ? result.value.rows.at(-1)?.applied : undefined;
}
