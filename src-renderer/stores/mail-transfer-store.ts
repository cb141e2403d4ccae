import { createStore, type StoreApi } from 'zustand/vanilla';
import type { appMethods, SavedFile } from '../../src-shared/contract/app';
import type { Api } from '../../src-shared/contract/define';
import type { JobInfo } from '../../src-shared/contract/jobs';
import type { ImportRow, mailFleetMethods, TransferFormat, TransferKind } from '../../src-shared/contract/mail-fleet';
import type { AppError, Result } from '../../src-shared/contract/result';
import { describeError } from '../errors/error-guidance';
import { omitKey } from './omit-key';
import { NOT_LOADED, type Remote } from './server-state';

export type TransferApi = Api<{ mail: typeof mailFleetMethods; app: Pick<typeof appMethods, 'saveText'> }>;

/** One import into one box, from the chosen file through the dry run to the per-row result. */
export interface ImportSession {
  readonly fileName: string;
  readonly format: TransferFormat;
  /** The dry run: what each row would do; nothing has been sent to the box. */
  readonly plan: Remote<readonly ImportRow[]>;
  /** Set once applying started: the job whose progress the screen and the Activity panel show. */
  readonly jobId: string | null;
  readonly job: JobInfo | null;
  /** Why the job could not start. */
  readonly startError: AppError | null;
  /** The rows as applied, read once the job ended. */
  readonly result: Remote<readonly ImportRow[]>;
}

export interface TransferState {
  /** Per `sessionKey(boxId, kind)`. */
  readonly imports: Readonly<Record<string, ImportSession>>;
  /** The file's text is held outside the state (never shown, never kept past applying: it may hold passwords). */
  chooseFile(boxId: string, kind: TransferKind, fileName: string, text: string): Promise<void>;
  setFormat(boxId: string, kind: TransferKind, format: TransferFormat): Promise<void>;
  apply(boxId: string, kind: TransferKind): Promise<void>;
  /** A `jobs.progress` event. */
  noteJob(job: JobInfo): void;
  /** Start over: forget the file and its rows. */
  reset(boxId: string, kind: TransferKind): void;
  exportText(
    boxId: string,
    kind: TransferKind,
    format: TransferFormat,
  ): Promise<Result<{ text: string; filename: string }>>;
  /** The desktop's save dialog: main writes the file where the admin chooses (browser mode downloads instead). */
  saveText(filename: string, text: string): Promise<Result<SavedFile>>;
  forget(boxId: string): void;
}

export interface TransferDeps {
  /** Told when an import ended, so the list it changed can be read again. */
  onImported?: (boxId: string, kind: TransferKind) => void;
}

export const sessionKey = (boxId: string, kind: TransferKind) => `${kind}\n${boxId}`;

/** JSON for a .json file, CSV for anything else (the box's lists are usually handled as spreadsheets). */
export function formatForFile(fileName: string): TransferFormat {
  return /\.json$/i.test(fileName) ? 'json' : 'csv';
}

export function planCounts(rows: readonly ImportRow[]): Record<ImportRow['action'], number> {
  const counts = { create: 0, update: 0, skip: 0, error: 0 };
  for (const row of rows) counts[row.action]++;
  return counts;
}

const ended = (job: JobInfo | null) => job !== null && job.state !== 'running';

/** Import and export of users and aliases, per box: dry run first, then applying as a job with progress. */
export function createMailTransferStore(api: TransferApi, deps: TransferDeps = {}): StoreApi<TransferState> {
  /** The chosen files' text, by session; dropped once applying starts or the session is reset. */
  const texts = new Map<string, string>();
  /** Import jobs seen in events, so one that ended before `applyImport` answered is not missed. */
  const seenJobs = new Map<string, JobInfo>();
  /** Newest dry run per session: an older answer for a file since replaced is dropped. */
  const planGeneration = new Map<string, number>();

  return createStore<TransferState>()((set, get) => {
    const update = (key: string, change: Partial<ImportSession>) => {
      const session = get().imports[key];
      if (session) set({ imports: { ...get().imports, [key]: { ...session, ...change } } });
    };
    const keyOfJob = (jobId: string) =>
      Object.entries(get().imports).find(([, session]) => session.jobId === jobId)?.[0];

    const plan = async (boxId: string, kind: TransferKind) => {
      const key = sessionKey(boxId, kind);
      const session = get().imports[key];
      const text = texts.get(key);
      if (!session || text === undefined) return;
      const mine = (planGeneration.get(key) ?? 0) + 1;
      planGeneration.set(key, mine);
      update(key, { plan: { ...session.plan, status: 'loading', error: null } });
      const result = await api.mail.planImport({ boxId, kind, format: session.format, text });
      if (planGeneration.get(key) !== mine) return;
      update(
        key,
        result.ok
          ? { plan: { status: 'ready', data: result.value.rows, error: null } }
          : { plan: { status: 'failed', data: null, error: describeError(result.error) } },
      );
    };

    const readResult = async (key: string, boxId: string, kind: TransferKind, jobId: string) => {
      update(key, { result: { status: 'loading', data: null, error: null } });
      const result = await api.mail.importResult({ jobId });
      if (get().imports[key]?.jobId !== jobId) return;
      update(
        key,
        result.ok
          ? { result: { status: 'ready', data: result.value.rows, error: null } }
          : { result: { status: 'failed', data: null, error: describeError(result.error) } },
      );
      deps.onImported?.(boxId, kind);
    };

    return {
      imports: {},
      async chooseFile(boxId, kind, fileName, text) {
        const key = sessionKey(boxId, kind);
        texts.set(key, text);
        const session: ImportSession = {
          fileName,
          format: formatForFile(fileName),
          plan: NOT_LOADED,
          jobId: null,
          job: null,
          startError: null,
          result: NOT_LOADED,
        };
        set({ imports: { ...get().imports, [key]: session } });
        await plan(boxId, kind);
      },
      async setFormat(boxId, kind, format) {
        const key = sessionKey(boxId, kind);
        if (get().imports[key]?.jobId) return;
        update(key, { format });
        await plan(boxId, kind);
      },
      async apply(boxId, kind) {
        const key = sessionKey(boxId, kind);
        const session = get().imports[key];
        const text = texts.get(key);
        if (!session || text === undefined || session.jobId !== null) return;
        update(key, { startError: null });
        const result = await api.mail.applyImport({ boxId, kind, format: session.format, text });
        if (!result.ok) {
          update(key, { startError: result.error });
          return;
        }
        // Applying started: the passwords the file may hold are not needed here any more.
        texts.delete(key);
        const jobId = result.value.jobId;
        const job = seenJobs.get(jobId) ?? null;
        update(key, { jobId, job });
        if (ended(job)) await readResult(key, boxId, kind, jobId);
      },
      noteJob(job) {
        if (job.kind !== 'mail.import') return;
        seenJobs.set(job.jobId, job);
        if (seenJobs.size > 20) seenJobs.delete(seenJobs.keys().next().value ?? job.jobId);
        const key = keyOfJob(job.jobId);
        if (key === undefined) return;
        const before = get().imports[key]?.job ?? null;
        if (ended(before)) return;
        update(key, { job });
        const [kind, boxId] = key.split('\n') as [TransferKind, string];
        if (ended(job)) void readResult(key, boxId, kind, job.jobId);
      },
      reset(boxId, kind) {
        const key = sessionKey(boxId, kind);
        texts.delete(key);
        planGeneration.delete(key);
        set({ imports: omitKey(get().imports, key) });
      },
      exportText: (boxId, kind, format) => api.mail.export({ boxId, kind, format }),
      saveText: (filename, text) => api.app.saveText({ suggestedName: filename, text }),
      forget(boxId) {
        for (const kind of ['users', 'aliases'] as const) get().reset(boxId, kind);
      },
    };
  });
}
