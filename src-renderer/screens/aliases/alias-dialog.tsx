import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { MailAlias } from '../../../src-shared/contract/mailboxes';
import type { AppError } from '../../../src-shared/contract/result';
import type { Box } from '../../../src-shared/domain/box';
import { FormActions } from '../../components/form-actions';
import { ModalDialog } from '../../components/modal-dialog';
import { TextField } from '../../components/text-field';
import {
  aliasCheckUsers,
  checkAliasDraft,
  describeKind,
  draftFromAlias,
  draftKind,
  EMPTY_ALIAS_DRAFT,
  KIND_LABEL,
  type AliasDraft,
  type AliasField,
} from '../../stores/aliases-view';
import { useAliases } from '../../stores/stores-context';
import { RefusalNotice } from './refusal-notice';

interface Props {
  readonly box: Box;
  /** The alias to edit; absent to add a new one. */
  readonly alias?: MailAlias;
  readonly onClose: (report?: string) => void;
}

type FieldErrors = Partial<Record<AliasField, string>>;

const FIELD_ID: Readonly<Record<AliasField, string>> = {
  address: 'alias-address',
  forwardsTo: 'alias-forwards-to',
  permittedSenders: 'alias-permitted-senders',
};

/**
 * Adds an alias or edits one (the box's update_if_exists: both lists are replaced by what the form holds). The draft
 * lives here until the box accepts it, so a refusal leaves every field as typed.
 */
export function AliasDialog({ box, alias, onClose }: Props) {
  const save = useAliases((s) => s.save);
  const loadUsers = useAliases((s) => s.loadUsers);
  const userGroups = useAliases((s) => s.users[box.id]?.data ?? null);
  const users = useMemo(() => (userGroups === null ? null : aliasCheckUsers(userGroups)), [userGroups]);
  useEffect(() => {
    void loadUsers(box.id);
  }, [box.id, loadUsers]);
  const editing = alias !== undefined;
  const [draft, setDraft] = useState<AliasDraft>(alias ? draftFromAlias(alias) : EMPTY_ALIAS_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const kind = draftKind(draft);

  const change = (field: AliasField) => (value: string) => {
    setDraft({ ...draft, [field]: value });
    // Either list can satisfy "forward to an address or have a permitted sender".
    setErrors({ ...errors, [field]: undefined, ...(field === 'address' ? {} : { forwardsTo: undefined }) });
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problem = checkAliasDraft(draft, users);
    if (problem) {
      setErrors({ [problem.field]: problem.message });
      document.getElementById(FIELD_ID[problem.field])?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    // An edit sends the stored address back, so the box finds the same row whatever form was displayed.
    const result = await save(box.id, editing ? { ...draft, address: alias.address } : draft, editing);
    setBusy(false);
    if (result.ok) onClose(result.value);
    else setFailure(result.error);
  };

  const title = editing ? `Edit alias ${alias.display}` : 'Add an alias';
  return (
    <ModalDialog titleId="alias-dialog-title" onDismiss={() => onClose()} wide>
      <form noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby="alias-dialog-title">
        <header className="dialog-header">
          <h2 id="alias-dialog-title">{title}</h2>
          <p className="muted">On {box.name}</p>
        </header>
        {failure ? (
          <RefusalNotice context={editing ? 'Could not save the alias' : 'Could not add the alias'} error={failure} />
        ) : null}
        <TextField
          id="alias-address"
          label="Alias address"
          value={draft.address}
          onChange={change('address')}
          error={errors.address}
          readOnly={editing}
          required
          placeholder="info@example.com or @example.com"
          hint={
            editing
              ? 'To change the address, add a new alias and remove this one.'
              : 'A whole address, or @domain for a catch-all or a domain alias. International domain names may be typed as they read.'
          }
        />
        <TextField
          id="alias-forwards-to"
          label="Forwards to"
          value={draft.forwardsTo}
          onChange={change('forwardsTo')}
          error={errors.forwardsTo}
          multiline
          rows={3}
          placeholder="someone@example.com"
          hint="One address per line, or separated by commas. For a domain alias, one @otherdomain."
        />
        <TextField
          id="alias-permitted-senders"
          label="Permitted senders"
          value={draft.permittedSenders}
          onChange={change('permittedSenders')}
          error={errors.permittedSenders}
          multiline
          rows={2}
          hint="Mail users who may send as this address, one per line. Leave empty to let anyone it forwards to send as it."
        />
        <p className="alias-kind" aria-live="polite">
          <span className="tag">{KIND_LABEL[kind]}</span> {describeKind(kind, draft)}
        </p>
        <FormActions
          label={editing ? 'Save changes' : 'Add alias'}
          busyLabel="Saving…"
          busy={busy}
          onCancel={() => onClose()}
        />
      </form>
    </ModalDialog>
  );
}
