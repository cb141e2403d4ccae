import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoxfleetApi } from '../../src-shared/contract';
import type { Result } from '../../src-shared/contract/result';
import { emailToAscii } from '../../src-shared/domain/idn';
import { checkPassword, checkUserAddress, parseQuota } from '../../src-shared/domain/mail-rules';
import { describeError, type ErrorReport } from '../errors/error-guidance';

/** The change being prepared in a dialog. Whatever the admin typed stays here until the change goes through. */
export type UserForm =
  | {
      readonly kind: 'add';
      readonly boxId: string;
      readonly email: string;
      readonly password: string;
      readonly admin: boolean;
      readonly quota: string;
    }
  | { readonly kind: 'password'; readonly boxId: string; readonly email: string; readonly password: string }
  | { readonly kind: 'quota'; readonly boxId: string; readonly email: string; readonly quota: string }
  | { readonly kind: 'archive'; readonly boxId: string; readonly email: string };

export type UserField = 'email' | 'password' | 'quota';

/** What the last change did, for the screen's status line: the box's own report when it sent one. */
export interface UserOutcome {
  readonly boxId: string;
  readonly text: string;
  readonly report: string | null;
}

export interface UserEditState {
  readonly form: UserForm | null;
  readonly busy: boolean;
  /** A field's problem, in the box's own words (the same rule the box applies, checked before asking it). */
  readonly fieldErrors: Partial<Record<UserField, string>>;
  /** The box's (or main's) refusal, its message verbatim; the form stays as typed. */
  readonly error: ErrorReport | null;
  readonly outcome: UserOutcome | null;
  /** A failed admin grant or revoke, which has no dialog of its own. */
  readonly adminError: { readonly boxId: string; readonly email: string; readonly report: ErrorReport } | null;
  /** `boxId email` of admin changes in flight. */
  readonly adminBusy: Readonly<Record<string, true>>;
  openAdd(boxId: string, prefill?: { email?: string }): void;
  openPassword(boxId: string, email: string): void;
  openQuota(boxId: string, email: string, quota: string): void;
  openArchive(boxId: string, email: string): void;
  setField(field: UserField, value: string): void;
  setAdminChoice(admin: boolean): void;
  close(): void;
  /** Checks the form, sends it, and closes the dialog when the box accepted it; true then. */
  submit(): Promise<boolean>;
  setAdmin(boxId: string, email: string, admin: boolean): Promise<void>;
  dismissOutcome(): void;
}

/** What the form needs to know about the box it changes. */
export interface UserEditContext {
  /** The box already has a user: DCV addresses (admin@, postmaster@ ...) can no longer be accounts. */
  hasUsers(boxId: string): boolean;
  /** Power's default quota for new users, pre-filled; null where the box has none (or no quota routes). */
  defaultQuota(boxId: string): string | null;
  /** The box has quota routes; without them a new user gets no quota field at all. */
  quotas(boxId: string): boolean;
  /** A change went through: read the box's users again. */
  changed(boxId: string): void;
}

export const adminKey = (boxId: string, email: string): string => `${boxId} ${email}`;

const CLOSED = { form: null, busy: false, fieldErrors: {}, error: null } as const;

/** Adding, archiving and changing mail users, one dialog at a time. */
export function createUserEditStore(api: BoxfleetApi, context: UserEditContext): StoreApi<UserEditState> {
  return createStore<UserEditState>()((set, get) => {
    /** The checks the box would make, in its order, so the first message is the one the box would give. */
    const check = (form: UserForm): Partial<Record<UserField, string>> => {
      const errors: Partial<Record<UserField, string>> = {};
      if (form.kind === 'add') {
        const address = checkUserAddress(emailToAscii(form.email.trim()), context.hasUsers(form.boxId));
        if (address) errors.email = address;
      }
      if (form.kind === 'add' || form.kind === 'password') {
        const password = checkPassword(form.password);
        if (password) errors.password = password;
      }
      if ((form.kind === 'add' && form.quota.trim() !== '') || form.kind === 'quota') {
        const quota = parseQuota(form.quota);
        if (!quota.ok) errors.quota = quota.message;
      }
      return errors;
    };

    const send = async (form: UserForm): Promise<Result<{ text: string; report: string | null }>> => {
      const { boxId } = form;
      switch (form.kind) {
        case 'add': {
          const email = emailToAscii(form.email.trim());
          const quota = form.quota.trim();
          const result = await api.mailboxes.users.add({
            boxId,
            email,
            password: form.password,
            admin: form.admin,
            ...(quota !== '' && context.quotas(boxId) ? { quota } : {}),
          });
          return result.ok ? { ok: true, value: { text: `${email} added.`, report: result.value.report } } : result;
        }
        case 'password': {
          const result = await api.mailboxes.users.setPassword({ boxId, email: form.email, password: form.password });
          return result.ok
            ? { ok: true, value: { text: `New password set for ${form.email}.`, report: null } }
            : result;
        }
        case 'quota': {
          const result = await api.mailboxes.users.setQuota({ boxId, email: form.email, quota: form.quota.trim() });
          return result.ok
            ? {
                ok: true,
                value: { text: `Quota of ${form.email} set to ${form.quota.trim().toUpperCase()}.`, report: null },
              }
            : result;
        }
        case 'archive': {
          const result = await api.mailboxes.users.archive({ boxId, email: form.email });
          return result.ok
            ? {
                ok: true,
                value: {
                  text: `${form.email} archived. Its mail stays on the box; add the address again to restore it.`,
                  report: result.value.report,
                },
              }
            : result;
        }
      }
    };

    const open = (form: UserForm) => set({ ...CLOSED, form });

    return {
      ...CLOSED,
      outcome: null,
      adminError: null,
      adminBusy: {},
      openAdd(boxId, prefill = {}) {
        const quota = context.quotas(boxId) ? (context.defaultQuota(boxId) ?? '') : '';
        open({ kind: 'add', boxId, email: prefill.email ?? '', password: '', admin: false, quota });
      },
      openPassword: (boxId, email) => open({ kind: 'password', boxId, email, password: '' }),
      openQuota: (boxId, email, quota) => open({ kind: 'quota', boxId, email, quota }),
      openArchive: (boxId, email) => open({ kind: 'archive', boxId, email }),
      setField(field, value) {
        const form = get().form;
        if (form === null || !(field in form) || (field === 'email' && form.kind !== 'add')) return;
        const { [field]: _fixed, ...others } = get().fieldErrors;
        set({ form: { ...form, [field]: value } as UserForm, fieldErrors: others });
      },
      setAdminChoice(admin) {
        const form = get().form;
        if (form?.kind === 'add') set({ form: { ...form, admin } });
      },
      close() {
        if (!get().busy) set(CLOSED);
      },
      async submit() {
        const form = get().form;
        if (form === null || get().busy) return false;
        const fieldErrors = check(form);
        if (Object.keys(fieldErrors).length > 0) {
          set({ fieldErrors, error: null });
          return false;
        }
        set({ busy: true, fieldErrors: {}, error: null });
        const result = await send(form);
        if (!result.ok) {
          // The box's words, verbatim; the form keeps everything typed so the admin fixes and sends it again.
          set({ busy: false, error: describeError(result.error) });
          return false;
        }
        const { text, report } = result.value;
        set({ ...CLOSED, outcome: { boxId: form.boxId, text, report: report?.trim() ? report.trim() : null } });
        context.changed(form.boxId);
        return true;
      },
      async setAdmin(boxId, email, admin) {
        const key = adminKey(boxId, email);
        if (get().adminBusy[key]) return;
        set({ adminBusy: { ...get().adminBusy, [key]: true }, adminError: null });
        const result = await api.mailboxes.users.setAdmin({ boxId, email, admin });
        const { [key]: _done, ...still } = get().adminBusy;
        if (!result.ok) {
          set({ adminBusy: still, adminError: { boxId, email, report: describeError(result.error) } });
          return;
        }
        set({
          adminBusy: still,
          outcome: {
            boxId,
            text: admin ? `${email} is now an admin.` : `${email} is no longer an admin.`,
            report: null,
          },
        });
        context.changed(boxId);
      },
      dismissOutcome: () => set({ outcome: null }),
    };
  });
}
