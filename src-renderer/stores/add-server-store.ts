import type { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppError, BoxfleetApi } from '../../src-shared/contract';
import type { boxesMethods } from '../../src-shared/contract/boxes';
import type { Box } from '../../src-shared/domain/box';
import { describeError, type ErrorReport } from '../errors/error-guidance';
import {
  applySshConfigHost,
  checkForm,
  checkNameAndTags,
  EMPTY_FORM,
  sameFingerprint,
  SECRET_FIELDS,
  suggestName,
  type AddServerForm,
  type ConnectRequest,
  type ProbeRequest,
  type FieldErrors,
  type SshConfigHost,
} from './add-server-form';
import { findDuplicate, uploadedKeyProblem, type DuplicateBox } from './add-server-checks';
import { duplicateFromError, fieldFromError } from './add-server-refusals';
import { addServerGuidance } from './add-server-guidance';
import { formFromBox } from './edit-connection-form';
import { hostKeyFromError, type HostKeyCheck } from './host-key-error';
import { omitKey } from './omit-key';

export type { HostKeyCheck } from './host-key-error';
export type Draft = z.output<typeof boxesMethods.connect.response>;

/**
 * - details: the connection form · probing: reading the server's host key · host-key: the admin compares it
 * - connecting: logging in and looking for Mail-in-a-Box · name: found, choose a name · saving
 */
export type AddServerStep = 'closed' | 'details' | 'probing' | 'host-key' | 'connecting' | 'name' | 'saving';

/** A failed call, with what the admin was doing when it failed. */
export interface StepError {
  readonly context: string;
  readonly report: ErrorReport;
}

export interface AddServerState {
  readonly step: AddServerStep;
  readonly form: AddServerForm;
  readonly fieldErrors: FieldErrors;
  readonly error: StepError | null;
  readonly sshHosts: readonly SshConfigHost[];
  readonly generating: boolean;
  readonly hostKey: HostKeyCheck | null;
  readonly draft: Draft | null;
  readonly name: string;
  readonly tagsText: string;
  readonly nameErrors: { readonly name?: string; readonly tags?: string };
  /** Bumped on every attempt that failed, so the dialog can move focus to what needs attention. */
  readonly attempt: number;
  /** Set while the wizard edits a saved box's connection: Save replaces that box instead of adding one. */
  readonly editing: EditTarget | null;
  /** The server typed is already in the fleet (seen here, or refused by main with `conflict`): offer to open it. */
  readonly duplicate: DuplicateBox | null;
  open(): void;
  /** The same steps, prefilled from a saved box (never a secret), ending in `boxes.save` with `replaces`. */
  openEdit(box: Box): void;
  setField<K extends keyof AddServerForm>(field: K, value: AddServerForm[K]): void;
  importSshHost(alias: string): void;
  /**
   * The desktop's file dialog: main answers a path (never the file's content), or that this face has none
   * (`false`, so the window offers its file input instead).
   */
  chooseKeyFile(): Promise<boolean>;
  /** A key file read by the window's file input: its text is sent once, like a pasted key. */
  takeUploadedKey(fileName: string, text: string): void;
  /** Back to typing a path. */
  clearUploadedKey(): void;
  generateKey(): Promise<void>;
  /** Step 1 → 2: checks the form, then asks main for the server's host key. */
  submitDetails(): Promise<void>;
  /**
   * The admin compared the fingerprint: log in trusting it. After a key change (`mismatch`) the new fingerprint
   * must be typed as the server shows it; anything else is refused here, not only in the UI.
   */
  confirmHostKey(typedFingerprint?: string): Promise<void>;
  /** Back to the form, keeping everything typed; a draft that was not saved is discarded in main. */
  backToDetails(): Promise<void>;
  setName(name: string): void;
  setTags(text: string): void;
  save(): Promise<Box | null>;
  cancel(): Promise<void>;
}

export interface EditTarget {
  readonly boxId: string;
  readonly name: string;
}

export interface AddServerDeps {
  /** Called once the box is in the registry, before the dialog closes. */
  onSaved(box: Box): Promise<void>;
}

const CLEAN = {
  fieldErrors: {},
  error: null,
  hostKey: null,
  draft: null,
  name: '',
  tagsText: '',
  nameErrors: {},
  generating: false,
  attempt: 0,
  editing: null,
  duplicate: null,
} as const;

/** The host key the admin confirmed, and for which address: going back to fix a typo must not re-ask. */
interface Confirmed {
  readonly target: string;
  readonly fingerprint: string;
}

function targetOf(request: ConnectRequest): string {
  const jump = request.jumpHost ? `${request.jumpHost.user}@${request.jumpHost.host}:${request.jumpHost.port}` : '';
  return `${request.host}:${request.port ?? 22}|${jump}`;
}

/**
 * What main needs to refuse a duplicate or an unreadable key file before it contacts the server: the user, the
 * box being replaced, and a key file's path (only the path: a secret is sent once, with boxes.connect).
 */
function probeRequest(request: ConnectRequest): ProbeRequest {
  const { host, port, user, replaces, credential } = request;
  return {
    host,
    port,
    user,
    ...(replaces ? { replaces } : {}),
    ...(credential.kind === 'key-file' ? { credential: { kind: 'key-file', path: credential.path } } : {}),
  };
}

function withoutSecrets(form: AddServerForm): AddServerForm {
  const next: Record<string, unknown> = { ...form, uploadedKey: null };
  for (const field of SECRET_FIELDS) next[field] = '';
  return next as unknown as AddServerForm;
}

const ADDRESS_FIELDS: ReadonlySet<string> = new Set(['host', 'port', 'user']);

/**
 * The "Add a server" wizard. Secrets live only in `form` while the admin types them; they go to main once, with
 * `boxes.connect`, and are wiped here as soon as that worked (or the wizard closes).
 */
export function createAddServerStore(api: BoxfleetApi, deps: AddServerDeps): StoreApi<AddServerState> {
  // Every open/close starts a new session; answers that arrive for an older one are dropped (and their drafts freed).
  let session = 0;
  let confirmed: Confirmed | null = null;
  let request: ConnectRequest | null = null;
  // The fleet as it was when the wizard opened, to say "already added" before contacting the server. Main refuses
  // a duplicate too (`conflict`), so a box added meanwhile elsewhere is still caught.
  let fleet: readonly Box[] = [];

  return createStore<AddServerState>()((set, get) => {
    const failWith = (context: string, error: AppError) =>
      ({ context, report: addServerGuidance(describeError(error), get().form) }) satisfies StepError;
    const nextAttempt = () => get().attempt + 1;

    /** Back to the form after main refused: on the field it names, as "already added", or above the form. */
    const refuse = (context: string, error: AppError): void => {
      const field = fieldFromError(error, get().form);
      if (field) {
        set({ step: 'details', error: null, fieldErrors: { [field]: error.message }, attempt: nextAttempt() });
        return;
      }
      const duplicate = duplicateFromError(error);
      if (duplicate) {
        set({ step: 'details', error: null, duplicate, attempt: nextAttempt() });
        return;
      }
      set({ step: 'details', error: failWith(context, error), attempt: nextAttempt() });
    };

    const discardDraft = async (): Promise<void> => {
      const draft = get().draft;
      if (!draft) return;
      set({ draft: null });
      await api.boxes.discard({ draftId: draft.draftId });
    };

    const connect = async (acceptHostKey: string | undefined): Promise<void> => {
      const mine = session;
      if (!request) return;
      set({ step: 'connecting', error: null });
      const result = await api.boxes.connect(acceptHostKey ? { ...request, acceptHostKey } : request);
      if (mine !== session) {
        if (result.ok) await api.boxes.discard({ draftId: result.value.draftId });
        return;
      }
      if (!result.ok) {
        // Main checks the host key again before sending any credential; a key to confirm goes back to step 2.
        const key = hostKeyFromError(result.error);
        if (key) {
          set({ step: 'host-key', hostKey: key, error: null, attempt: nextAttempt() });
          return;
        }
        refuse('Could not log in to the server', result.error);
        return;
      }
      request = null;
      const { detection } = result.value;
      set({
        step: 'name',
        draft: result.value,
        form: withoutSecrets(get().form),
        name: get().name || suggestName(detection.hostname, get().form.host),
        nameErrors: {},
      });
    };

    const start = (form: AddServerForm): void => {
      const mine = ++session;
      confirmed = null;
      request = null;
      set({ step: 'details', form, sshHosts: [], ...CLEAN });
      fleet = [];
      void api.boxes.sshConfigHosts().then((result) => {
        // No ~/.ssh/config, or one we cannot read: the picker simply stays hidden.
        if (mine === session && result.ok) set({ sshHosts: result.value });
      });
      void api.boxes.list().then((result) => {
        if (mine === session && result.ok) fleet = result.value;
      });
    };

    return {
      step: 'closed',
      form: EMPTY_FORM,
      sshHosts: [],
      ...CLEAN,

      open() {
        if (get().step !== 'closed') return;
        start(EMPTY_FORM);
      },

      openEdit(box) {
        if (get().step !== 'closed') return;
        start(formFromBox(box));
        set({ editing: { boxId: box.id, name: box.name }, name: box.name, tagsText: box.tags.join(', ') });
      },

      setField(field, value) {
        const fieldErrors = field in get().fieldErrors ? omitKey(get().fieldErrors, field) : get().fieldErrors;
        const duplicate = ADDRESS_FIELDS.has(field) ? null : get().duplicate;
        set({ form: { ...get().form, [field]: value }, fieldErrors, duplicate });
      },

      async chooseKeyFile() {
        const mine = session;
        const result = await api.app.pickKeyFile();
        if (mine !== session) return true;
        if (!result.ok) {
          if (result.error.code === 'not-supported') return false;
          set({ error: failWith('Could not open the file dialog', result.error), attempt: nextAttempt() });
          return true;
        }
        if ('path' in result.value) get().setField('keyPath', result.value.path);
        return true;
      },

      takeUploadedKey(fileName, text) {
        const problem = uploadedKeyProblem(text);
        const others = omitKey(get().fieldErrors, 'keyPath');
        set({
          form: { ...get().form, authKind: 'key-file', uploadedKey: { fileName, text } },
          fieldErrors: problem ? { ...others, keyPath: problem } : others,
          attempt: problem ? nextAttempt() : get().attempt,
        });
      },

      clearUploadedKey() {
        set({ form: { ...get().form, uploadedKey: null }, fieldErrors: omitKey(get().fieldErrors, 'keyPath') });
      },

      importSshHost(alias) {
        const entry = get().sshHosts.find((host) => host.alias === alias);
        if (!entry) return;
        set({ form: applySshConfigHost(get().form, entry), fieldErrors: {}, name: suggestName(entry.alias) });
      },

      async generateKey() {
        const mine = session;
        set({ generating: true });
        const result = await api.boxes.generateKey();
        if (mine !== session) return;
        if (!result.ok) {
          set({
            generating: false,
            error: failWith('Could not generate a key', result.error),
            attempt: nextAttempt(),
          });
          return;
        }
        const fieldErrors = omitKey(get().fieldErrors, 'generated');
        set({
          generating: false,
          fieldErrors,
          form: { ...get().form, authKind: 'generated', generated: result.value },
        });
      },

      async submitDetails() {
        const step = get().step;
        if (step !== 'details') return;
        const checked = checkForm(get().form);
        if (!checked.ok) {
          set({ fieldErrors: checked.errors, error: null, attempt: nextAttempt() });
          return;
        }
        const replaces = get().editing?.boxId;
        const duplicate = findDuplicate({ ...checked.request, port: checked.request.port ?? 22 }, fleet, replaces);
        if (duplicate) {
          set({ fieldErrors: {}, error: null, duplicate, attempt: nextAttempt() });
          return;
        }
        // When editing, the box's own server is not a duplicate of itself: main is told which box is replaced.
        request = replaces ? { ...checked.request, replaces } : checked.request;
        const target = targetOf(checked.request);
        if (checked.request.jumpHost) {
          // Reading the key through a jump host needs the login, so main checks it inside connect and answers
          // host-key-unknown with the fingerprint to confirm.
          set({ fieldErrors: {}, error: null, hostKey: null, duplicate: null });
          await connect(confirmed?.target === target ? confirmed.fingerprint : undefined);
          return;
        }
        const mine = session;
        set({ step: 'probing', fieldErrors: {}, error: null, hostKey: null, duplicate: null });
        const result = await api.boxes.probe(probeRequest(request));
        if (mine !== session) return;
        if (!result.ok) {
          refuse('Could not reach the server', result.error);
          return;
        }
        const key = result.value;
        set({ hostKey: key });
        if (key.status === 'trusted') {
          await connect(undefined);
          return;
        }
        if (key.status === 'unknown' && confirmed?.target === target && confirmed.fingerprint === key.fingerprint) {
          await connect(key.fingerprint);
          return;
        }
        set({ step: 'host-key' });
      },

      async confirmHostKey(typedFingerprint) {
        const key = get().hostKey;
        if (get().step !== 'host-key' || !key || !request) return;
        if (key.status === 'mismatch' && !sameFingerprint(typedFingerprint ?? '', key.fingerprint)) return;
        confirmed = { target: targetOf(request), fingerprint: key.fingerprint };
        await connect(key.fingerprint);
      },

      async backToDetails() {
        const step = get().step;
        if (step !== 'host-key' && step !== 'name') return;
        set({ step: 'details', error: null, hostKey: null });
        await discardDraft();
      },

      setName(name) {
        set({ name, nameErrors: { ...get().nameErrors, name: undefined } });
      },

      setTags(tagsText) {
        set({ tagsText, nameErrors: { ...get().nameErrors, tags: undefined } });
      },

      async save() {
        const { draft, step } = get();
        if (step !== 'name' || !draft) return null;
        const checked = checkNameAndTags(get().name, get().tagsText);
        if (!checked.ok) {
          set({ nameErrors: checked.errors, attempt: nextAttempt() });
          return null;
        }
        const mine = session;
        set({ step: 'saving', error: null, nameErrors: {} });
        const editing = get().editing;
        const result = await api.boxes.save({
          draftId: draft.draftId,
          name: checked.name,
          tags: checked.tags,
          ...(editing ? { replaces: editing.boxId } : {}),
        });
        if (mine !== session) return null;
        if (!result.ok) {
          const error = failWith('Could not save the box', result.error);
          // The server itself already in the fleet: say so and offer to open it. A name clash is the admin's to
          // fix in the name field; anything else is shown above the form.
          const duplicate = duplicateFromError(result.error);
          if (duplicate) set({ step: 'name', duplicate, attempt: nextAttempt() });
          else if (result.error.code === 'conflict') {
            set({ step: 'name', nameErrors: { name: result.error.message }, attempt: nextAttempt() });
          } else set({ step: 'name', error, attempt: nextAttempt() });
          return null;
        }
        await deps.onSaved(result.value);
        session++;
        confirmed = null;
        set({ step: 'closed', form: EMPTY_FORM, ...CLEAN });
        return result.value;
      },

      async cancel() {
        if (get().step === 'closed') return;
        session++;
        confirmed = null;
        request = null;
        const draft = get().draft;
        set({ step: 'closed', form: EMPTY_FORM, ...CLEAN });
        if (draft) await api.boxes.discard({ draftId: draft.draftId });
      },
    };
  });
}
