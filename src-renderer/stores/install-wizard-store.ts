import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppError, BoxfleetApi } from '../../src-shared/contract';
import type { PreflightCheck, PreflightResult } from '../../src-shared/contract/install';
import type { Box, Flavour } from '../../src-shared/domain/box';
import { checkHostname } from '../../src-shared/domain/install-answers';
import { describeError } from '../errors/error-guidance';
import { checkNameAndTags, suggestName } from './add-server-form';
import { createAddServerStore, type AddServerState, type Draft, type StepError } from './add-server-store';
import {
  answerFieldOf,
  checkAnswers,
  EMPTY_ANSWERS,
  prefillAnswers,
  type AnswerErrors,
  type AnswersForm,
} from './install-answers';
import { omitKey } from './omit-key';
import { NOT_LOADED, type Remote } from './server-state';

/**
 * - connect: the add-server steps (credentials, host key) until main holds a draft connection
 * - preflight: the checks on that server · answers: what setup is told · starting: `install.start` in flight
 */
export type WizardPhase = 'connect' | 'preflight' | 'answers' | 'starting';

export interface InstallWizardState {
  readonly phase: WizardPhase;
  /** The connect step's own add-server store; a new one per install, so a started install's draft stays main's. */
  readonly connect: StoreApi<AddServerState>;
  /** The connected server, once the connect step is done. */
  readonly draft: Draft | null;
  /** The SSH host typed, for names and messages. */
  readonly host: string;
  readonly preflight: Remote<PreflightResult>;
  /** The flavour the shown checks were made for. */
  readonly checkedFlavour: Flavour | null;
  readonly answers: AnswersForm;
  readonly answerErrors: AnswerErrors;
  /** The DNS hints (forward and reverse) for the hostname typed in the answers, and which hostname they are for. */
  readonly dnsHints: Remote<readonly PreflightCheck[]>;
  readonly dnsHostname: string;
  /** Why the last start (or adding an existing box) was refused, when no field explains it. */
  readonly error: StepError | null;
  /** The refusal said the connection is gone: only connecting again helps. */
  readonly draftLost: boolean;
  /** Saving a server that already runs Mail-in-a-Box into the fleet instead of installing. */
  readonly addingExisting: boolean;
  /** Bumped on every refused attempt, so the screen moves focus to what needs attention. */
  readonly attempt: number;
  /** Opens the connect step if nothing is in progress; what was typed stays. */
  open(): void;
  /** Runs the checks again, for the flavour chosen. */
  runPreflight(): Promise<void>;
  setFlavour(flavour: Flavour): void;
  /** On to the answers; refused while a check failed. */
  toAnswers(): void;
  backToPreflight(): void;
  /** Back to the connection form, keeping it; the draft is let go in main. */
  backToConnect(): Promise<void>;
  setAnswer<K extends keyof AnswersForm>(field: K, value: AnswersForm[K]): void;
  /** Looks up the hostname typed (does it point at this server, and its reverse DNS): hints, never a blocker. */
  checkDns(): Promise<void>;
  start(): Promise<{ installId: string; jobId: string } | null>;
  /** The server already runs Mail-in-a-Box: save it as a box instead (re-run or upgrade from there). */
  addExisting(): Promise<Box | null>;
  /** Leaves the wizard: the draft is let go, and everything typed with it. */
  cancel(): Promise<void>;
}

export interface InstallWizardDeps {
  /** install.start answered: follow the install. */
  onStarted(installId: string, jobId: string, name: string): void;
  /** A server that already runs Mail-in-a-Box was saved as a box. */
  onSavedExisting(box: Box): Promise<void>;
}

/** Nothing to follow here: the connect step's store never saves (its draft goes to preflight instead). */
const NO_SAVE = { onSaved: async () => undefined };

const RESET = {
  phase: 'connect',
  draft: null,
  host: '',
  preflight: NOT_LOADED,
  checkedFlavour: null,
  answers: EMPTY_ANSWERS,
  answerErrors: {},
  dnsHints: NOT_LOADED,
  dnsHostname: '',
  error: null,
  draftLost: false,
  addingExisting: false,
  attempt: 0,
} as const;

/**
 * The install wizard: connect (exactly the add-server steps, on a store of its own), preflight, answers, start.
 * The admin password is only in `answers` while typed; it goes to main once, with `install.start`, and is wiped
 * here when that worked or the wizard is left.
 */
export function createInstallWizardStore(api: BoxfleetApi, deps: InstallWizardDeps): StoreApi<InstallWizardState> {
  // Answers for an older connection (the admin went back meanwhile) are dropped.
  let session = 0;

  return createStore<InstallWizardState>()((set, get) => {
    /** A fresh connect store, watched until it holds a draft: then the wizard moves on to preflight. */
    const newConnect = (): StoreApi<AddServerState> => {
      const connect = createAddServerStore(api, NO_SAVE);
      connect.subscribe((now) => {
        if (get().connect !== connect || get().phase !== 'connect') return;
        if (now.step !== 'name' || !now.draft) return;
        session++;
        set({ phase: 'preflight', draft: now.draft, host: now.form.host.trim(), draftLost: false, error: null });
        void get().runPreflight();
      });
      return connect;
    };

    const refused = (context: string, error: AppError): void => {
      const field = answerFieldOf(error.detail?.['field']);
      if (error.code === 'validation' && field) {
        set({ phase: 'answers', answerErrors: { [field]: error.message }, attempt: get().attempt + 1 });
        return;
      }
      // The draft is main's SSH connection: when it expired or dropped, connect again (the answers stay).
      const draftLost = error.code === 'not-found' || error.code === 'host-unreachable';
      set({
        phase: 'answers',
        error: { context, report: describeError(error) },
        draftLost,
        attempt: get().attempt + 1,
      });
    };

    return {
      ...RESET,
      connect: newConnect(),

      open() {
        const { phase, connect } = get();
        if (phase === 'connect' && connect.getState().step === 'closed') connect.getState().open();
      },

      async runPreflight() {
        const { draft, answers } = get();
        if (!draft) return;
        const mine = ++session;
        const flavour = answers.flavour;
        set({ phase: 'preflight', preflight: { ...get().preflight, status: 'loading', error: null } });
        // Once the admin chose the hostname, the DNS hints look up that name rather than the machine's own.
        const hostname = answers.hostname.trim().toLowerCase();
        const named = hostname !== '' && checkHostname(hostname) === null ? { hostname } : {};
        const result = await api.install.preflight({ draftId: draft.draftId, flavour, ...named });
        if (mine !== session) return;
        if (!result.ok) {
          set({
            preflight: { ...get().preflight, status: 'failed', error: describeError(result.error) },
            draftLost: result.error.code === 'not-found',
            attempt: get().attempt + 1,
          });
          return;
        }
        set({
          preflight: { status: 'ready', data: result.value, error: null },
          checkedFlavour: flavour,
          answers: prefillAnswers(get().answers, result.value.facts, get().host),
        });
      },

      setFlavour(flavour) {
        if (flavour === get().answers.flavour) return;
        set({ answers: { ...get().answers, flavour } });
        // The supported systems differ by flavour (§8.1): the checks shown must be for the one chosen.
        if (get().phase === 'preflight' || get().phase === 'answers') void get().runPreflight();
      },

      toAnswers() {
        const { preflight, checkedFlavour, answers } = get();
        if (get().phase !== 'preflight' || !preflight.data || checkedFlavour !== answers.flavour) return;
        if (preflight.data.checks.some((check) => check.result === 'fail')) {
          set({ attempt: get().attempt + 1 });
          return;
        }
        set({ phase: 'answers', error: null });
      },

      backToPreflight() {
        if (get().phase === 'answers') set({ phase: 'preflight', error: null });
      },

      async backToConnect() {
        if (get().phase === 'connect' || get().phase === 'starting') return;
        session++;
        set({
          phase: 'connect',
          draft: null,
          preflight: NOT_LOADED,
          checkedFlavour: null,
          dnsHints: NOT_LOADED,
          error: null,
        });
        await get().connect.getState().backToDetails();
      },

      setAnswer(field, value) {
        const errors = field in get().answerErrors ? omitKey(get().answerErrors, field) : get().answerErrors;
        set({ answers: { ...get().answers, [field]: value }, answerErrors: errors });
      },

      async checkDns() {
        const { draft, answers } = get();
        const hostname = answers.hostname.trim().toLowerCase().replace(/\.$/, '');
        if (!draft || get().dnsHints.status === 'loading') return;
        const problem = checkHostname(hostname);
        if (problem) {
          set({ answerErrors: { ...get().answerErrors, hostname: problem }, attempt: get().attempt + 1 });
          return;
        }
        const mine = session;
        set({ dnsHints: { ...get().dnsHints, status: 'loading', error: null }, dnsHostname: hostname });
        const result = await api.install.preflight({ draftId: draft.draftId, flavour: answers.flavour, hostname });
        if (mine !== session) return;
        if (!result.ok) {
          set({
            dnsHints: { ...get().dnsHints, status: 'failed', error: describeError(result.error) },
            draftLost: result.error.code === 'not-found',
          });
          return;
        }
        const dns = result.value.checks.filter((check) => check.id === 'dns-forward' || check.id === 'dns-reverse');
        set({ dnsHints: { status: 'ready', data: dns, error: null } });
      },

      async start() {
        const { draft, phase } = get();
        if (phase !== 'answers' || !draft) return null;
        const checked = checkAnswers(get().answers);
        if (!checked.ok) {
          set({ answerErrors: checked.errors, error: null, attempt: get().attempt + 1 });
          return null;
        }
        const mine = session;
        set({ phase: 'starting', answerErrors: {}, error: null });
        const result = await api.install.start({
          draftId: draft.draftId,
          answers: checked.answers,
          name: checked.name,
          tags: checked.tags,
        });
        if (mine !== session) return null;
        if (!result.ok) {
          refused('Could not start the install', result.error);
          return null;
        }
        // The draft is the install's now: a new connect store, and the old one is left alone (not discarded).
        session++;
        set({ ...RESET, connect: newConnect() });
        deps.onStarted(result.value.installId, result.value.jobId, checked.name);
        return result.value;
      },

      async addExisting() {
        const { draft, preflight, host } = get();
        const existing = preflight.data?.facts.existing;
        if (!draft || !existing || get().addingExisting) return null;
        const mine = session;
        const { answers } = get();
        const checked = checkNameAndTags(answers.name || suggestName(existing.hostname ?? '', host), answers.tagsText);
        if (!checked.ok) {
          const report = describeError({
            code: 'validation',
            message: checked.errors.name ?? checked.errors.tags ?? '',
            retryable: false,
          });
          set({ error: { context: 'Could not add the box', report }, attempt: get().attempt + 1 });
          return null;
        }
        set({ addingExisting: true, error: null });
        const result = await api.boxes.save({ draftId: draft.draftId, name: checked.name, tags: checked.tags });
        if (mine !== session) return null;
        if (!result.ok) {
          set({
            addingExisting: false,
            error: { context: 'Could not add the box', report: describeError(result.error) },
            attempt: get().attempt + 1,
          });
          return null;
        }
        session++;
        set({ ...RESET, connect: newConnect() });
        await deps.onSavedExisting(result.value);
        return result.value;
      },

      async cancel() {
        session++;
        const old = get().connect;
        set({ ...RESET, connect: newConnect() });
        await old.getState().cancel();
      },
    };
  });
}
