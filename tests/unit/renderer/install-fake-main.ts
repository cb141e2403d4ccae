import { fail, ok, type ContractHandlers, type Result } from '../../../src-shared/contract';
import type {
  InstallAnswers,
  InstallRecord,
  InstallStatus,
  InstallStep,
  NextSteps,
  PreflightCheck,
  PreflightResult,
} from '../../../src-shared/contract/install';
import type { JobInfo } from '../../../src-shared/contract/jobs';
import type { Box } from '../../../src-shared/domain/box';

type Handlers = ContractHandlers<null>['install'];

/** The §8.4 headings the fake's steps stand for, shortened as main shows them. */
export const FAKE_STEPS: readonly string[] = [
  'Updating system packages',
  'Installing nsd (DNS server)',
  'Installing Postfix (SMTP server)',
  'Installing Dovecot (IMAP server)',
  'Installing Nginx (web server)',
  'Installing Mail-in-a-Box system management daemon',
];

/** A fresh Ubuntu 22.04 server that passes everything: what preflight answers unless a test says otherwise. */
export function cleanPreflight(overrides: Partial<PreflightResult['facts']> = {}): PreflightResult {
  const pass = (id: string, reason: string): PreflightCheck => ({ id, result: 'pass', reason });
  return {
    checks: [
      pass('os', 'Ubuntu 22.04.4 LTS'),
      pass('arch', 'x86_64'),
      { id: 'ram', result: 'warn', reason: 'This machine has 700 MB of memory.', next: 'Give it 1 GB or more.' },
      pass('disk', '38 GB free'),
      pass('privilege', 'Logged in as root'),
      pass('existing', 'No Mail-in-a-Box found'),
    ],
    facts: {
      os: 'Ubuntu 22.04.4 LTS',
      arch: 'x86_64',
      ramMb: 700,
      freeDiskGb: 38,
      ipv4: '203.0.113.10',
      ipv6: '2001:db8::10',
      fqdn: 'box.example.com',
      existing: null,
      ...overrides,
    },
  };
}

interface Entry {
  record: InstallRecord;
  steps: InstallStep[];
  log: string[];
  outcome: InstallStatus['outcome'];
  job: JobInfo | null;
  /** The answers main got (a test checks the password went there and nowhere else). */
  answers: InstallAnswers | null;
}

/**
 * Main's side of the `install` group for renderer tests: installs in memory, each followed through an install.run
 * job that the test moves on step by step and ends as it likes. Drafts come from the core's `boxes.connect`; a
 * started install takes its draft, as main keeps that connection (and its login) for the install.
 */
export function fakeInstall(options: {
  drafts: Map<string, { host: string; port: number; user: string }>;
  boxes: Box[];
  /** Main saving the new box at the end (as boxes.save would, with `boxes.changed`). */
  addBox: (draft: { host: string; port: number; user: string }, name: string, tags: string[]) => Box;
  reportJob: (job: JobInfo) => void;
}) {
  const installs = new Map<string, Entry>();
  let preflight: Result<PreflightResult> = ok(cleanPreflight());
  let startRefusal: Result<never> | null = null;
  let next = 1;
  let clock = 0;
  const at = (seconds: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, seconds)).toISOString();

  const newJob = (entry: Entry): JobInfo => {
    const job: JobInfo = {
      jobId: `install-job-${next++}`,
      kind: 'install.run',
      ...(entry.record.boxId ? { boxId: entry.record.boxId } : {}),
      title: `Install on ${entry.record.host}`,
      state: 'running',
      value: 0,
      startedAt: at(++clock),
    };
    entry.job = job;
    options.reportJob(job);
    return job;
  };
  const fraction = (entry: Entry) => entry.steps.filter((s) => s.state === 'done').length / entry.steps.length;
  const entryOf = (installId: string): Entry => {
    const entry = installs.get(installId);
    if (!entry) throw new Error(`no install ${installId}`);
    return entry;
  };
  const create = (record: Omit<InstallRecord, 'installId' | 'startedAt' | 'state'>, answers: InstallAnswers | null) => {
    const installId = `inst-${next++}`;
    const entry: Entry = {
      record: { ...record, installId, startedAt: at(++clock), state: 'running' },
      steps: FAKE_STEPS.map((title) => ({ id: title, title, state: 'pending' })),
      log: [],
      outcome: null,
      job: null,
      answers,
    };
    installs.set(installId, entry);
    return { installId, jobId: newJob(entry).jobId };
  };

  const handlers: Handlers = {
    preflight: async ({ draftId }) => {
      if (!options.drafts.has(draftId)) return fail('not-found', 'This connection attempt expired. Connect again.');
      return preflight;
    },
    start: async ({ draftId, answers, name, tags }) => {
      const draft = options.drafts.get(draftId);
      if (!draft) return fail('not-found', 'This connection attempt expired. Connect again.');
      if (startRefusal) return startRefusal;
      options.drafts.delete(draftId);
      const { installId, jobId } = create(
        {
          kind: 'install',
          host: draft.host,
          port: draft.port,
          user: draft.user,
          name,
          tags,
          flavour: answers.flavour,
          version: answers.version ?? null,
          hostname: answers.hostname,
        },
        answers,
      );
      return ok({ installId, jobId });
    },
    list: async () => ok([...installs.values()].map((entry) => entry.record).reverse()),
    status: async ({ installId }) => {
      const entry = installs.get(installId);
      if (!entry) return fail('not-found', 'There is no such install.');
      return ok({
        record: entry.record,
        steps: entry.steps,
        fraction: fraction(entry),
        elapsedMs: 65_000,
        logTail: entry.log.slice(-200),
        outcome: entry.outcome,
      });
    },
    attach: async ({ installId }) => {
      const entry = installs.get(installId);
      if (!entry) return fail('not-found', 'There is no such install.');
      if (entry.job?.state === 'running') return ok({ jobId: entry.job.jobId });
      entry.record = { ...entry.record, state: 'running' };
      return ok({ jobId: newJob(entry).jobId });
    },
    forget: async ({ installId }) => {
      const entry = installs.get(installId);
      if (!entry) return fail('not-found', 'There is no such install.');
      if (entry.record.state === 'running') return fail('conflict', 'This install is still running.');
      installs.delete(installId);
      return ok({});
    },
    upgrade: async ({ boxId, version }) => {
      const box = options.boxes.find((b) => b.id === boxId);
      if (!box) return fail('not-found', 'No such box.');
      return ok(
        create(
          {
            kind: version ? 'upgrade' : 'rerun',
            host: box.host,
            port: box.port,
            user: box.user,
            name: box.name,
            tags: box.tags,
            flavour: 'upstream',
            version: version ?? null,
            hostname: 'box.example.com',
            boxId,
          },
          null,
        ),
      );
    },
  };

  return {
    handlers,
    installs: () => [...installs.keys()],
    answersOf: (installId: string) => entryOf(installId).answers,
    /** What the next preflight answers. */
    setPreflight(result: Result<PreflightResult>) {
      preflight = result;
    },
    /** What the next start answers instead of starting (null: start normally). */
    refuseStart(result: Result<never> | null) {
      startRefusal = result;
    },
    /** Setup moves on: the first `done` steps are done, the next runs, these lines are logged; a job event. */
    advance(installId: string, done: number, lines: readonly string[] = []) {
      const entry = entryOf(installId);
      entry.steps = entry.steps.map((step, index) => ({
        ...step,
        state: index < done ? 'done' : index === done ? 'running' : 'pending',
      }));
      entry.log.push(...lines);
      if (entry.job) {
        entry.job = { ...entry.job, value: fraction(entry), detail: entry.steps[done]?.title ?? 'Finishing' };
        options.reportJob(entry.job);
      }
    },
    /** Setup ended: the box saved into the fleet with next steps, or the step that failed and its message. */
    finish(
      installId: string,
      result: { ok: true; tls?: NextSteps['tls'] } | { ok: false; step: string; message: string },
    ) {
      const entry = entryOf(installId);
      const endedAt = at(++clock);
      if (result.ok) {
        entry.steps = entry.steps.map((step) => ({ ...step, state: 'done' }));
        entry.log.push('Your Mail-in-a-Box is running.');
        if (entry.record.kind === 'install') {
          const box = options.addBox(entry.record, entry.record.name, entry.record.tags);
          entry.record = { ...entry.record, boxId: box.id };
        }
        const hostname = entry.record.hostname;
        entry.outcome = {
          ok: true,
          failingStep: null,
          message: 'Your Mail-in-a-Box is running.',
          next: null,
          nextSteps: {
            hostname,
            nameservers: [`ns1.${hostname}`, `ns2.${hostname}`],
            glue: [{ host: `ns1.${hostname}`, ipv4: '203.0.113.10', ipv6: '2001:db8::10' }],
            reverseDns: [{ address: '203.0.113.10', name: hostname }],
            tls: result.tls ?? { printed: 'SHA256:AB:CD', served: 'SHA256:AB:CD', match: true },
            controlPanel: `https://${hostname}/admin`,
          },
        };
        entry.record = { ...entry.record, state: 'succeeded', endedAt };
      } else {
        entry.steps = entry.steps.map((step) => (step.title === result.step ? { ...step, state: 'failed' } : step));
        entry.log.push('FAILED: apt-get install postfix', '---', 'E: Could not get lock /var/lib/dpkg/lock-frontend');
        entry.outcome = {
          ok: false,
          failingStep: result.step,
          message: result.message,
          next: 'Wait for the package manager to finish, then start the install again.',
          nextSteps: null,
        };
        entry.record = { ...entry.record, state: 'failed', endedAt };
      }
      if (entry.job) {
        entry.job = result.ok
          ? { ...entry.job, state: 'done', value: 1, endedAt }
          : {
              ...entry.job,
              state: 'failed',
              endedAt,
              error: { code: 'internal', message: result.message, retryable: false },
            };
        options.reportJob(entry.job);
      }
    },
    /** The app restarted: main remembers the install but follows it no longer (state unknown, no job). */
    lose(installId: string) {
      const entry = entryOf(installId);
      entry.record = { ...entry.record, state: 'unknown' };
      if (entry.job) {
        entry.job = { ...entry.job, state: 'cancelled', endedAt: at(++clock) };
        options.reportJob(entry.job);
      }
      entry.job = null;
    },
  };
}
