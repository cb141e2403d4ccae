import { useState, type FormEvent } from 'react';
import type { CustomRecord, CustomRecordType } from '../../../src-shared/contract/dns';
import type { AppError } from '../../../src-shared/contract/result';
import type { Box } from '../../../src-shared/domain/box';
import { DNS_MESSAGES, txtStrings } from '../../../src-shared/domain/dns-rules';
import { FormActions } from '../../components/form-actions';
import { ModalDialog } from '../../components/modal-dialog';
import { TextField } from '../../components/text-field';
import {
  checkRecordDraft,
  draftFromRecord,
  EMPTY_RECORD_DRAFT,
  TTL_HINT,
  TYPE_HINTS,
  TYPE_ORDER,
  type RecordDraft,
  type RecordField,
} from '../../stores/dns-view';
import { useDns } from '../../stores/stores-context';
import { RefusalNotice } from '../aliases/refusal-notice';

interface Props {
  readonly box: Box;
  /** Add a value beside the others (POST), or make it the only value of its name and type (PUT). */
  readonly mode: 'add' | 'set';
  /** The record to replace; absent to start from an empty form. */
  readonly record?: CustomRecord;
  readonly onClose: () => void;
}

const FIELD_ID: Readonly<Record<RecordField, string>> = { qname: 'dns-qname', value: 'dns-value', ttl: 'dns-ttl' };

/** What the box will publish for a value as typed, where that differs from what was typed. */
function valueNote(draft: RecordDraft): string | null {
  const value = draft.value.trim();
  if ((draft.rtype === 'CNAME' || draft.rtype === 'NS') && value !== '' && !value.endsWith('.'))
    return DNS_MESSAGES.finalDot(`${value}.`);
  if (draft.rtype === 'TXT' && new TextEncoder().encode(value).length > 255)
    return `Published as ${txtStrings(value).length} strings of up to 255 characters.`;
  return null;
}

/**
 * Adds a custom record or replaces the values of a name and type. The draft lives here until the box accepts it, so a
 * refusal (shown in the box's words) leaves every field as typed.
 */
export function RecordDialog({ box, mode: initialMode, record, onClose }: Props) {
  const save = useDns((s) => s.save);
  const capabilities = useDns((s) => s.capabilities[box.id]?.data ?? null);
  const [draft, setDraft] = useState<RecordDraft>(record ? draftFromRecord(record) : EMPTY_RECORD_DRAFT);
  const [mode, setMode] = useState(initialMode);
  const [errors, setErrors] = useState<Partial<Record<RecordField, string>>>({});
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const ttl = capabilities?.ttl ?? false;
  const hint = TYPE_HINTS[draft.rtype];
  const note = valueNote(draft);

  const change = (field: RecordField) => (value: string) => {
    setDraft({ ...draft, [field]: value });
    setErrors({ ...errors, [field]: undefined });
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    // Until the box said which zones it has, its own checks are the only ones: the request goes as typed.
    const checked = capabilities
      ? checkRecordDraft(draft, capabilities)
      : {
          ok: true as const,
          request: { qname: draft.qname.trim(), rtype: draft.rtype, value: draft.value.trim() },
        };
    if (!checked.ok) {
      setErrors({ [checked.field]: checked.message });
      document.getElementById(FIELD_ID[checked.field])?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await save(box.id, checked.request, mode);
    setBusy(false);
    if (result.ok) onClose();
    else setFailure(result.error);
  };

  const title = record ? `Replace ${record.rtype} record of ${record.qname}` : 'Add a custom DNS record';
  return (
    <ModalDialog titleId="dns-record-title" onDismiss={onClose} wide>
      <form noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby="dns-record-title">
        <header className="dialog-header">
          <h2 id="dns-record-title" className="break-anywhere">
            {title}
          </h2>
          <p className="muted">On {box.name}</p>
        </header>
        {failure ? (
          <RefusalNotice
            context={record ? 'Could not replace the record' : 'Could not add the record'}
            error={failure}
          />
        ) : null}
        <TextField
          id="dns-qname"
          label="Name"
          value={draft.qname}
          onChange={change('qname')}
          error={errors.qname}
          required
          readOnly={record !== undefined}
          placeholder={capabilities?.zones[0] ? `www.${capabilities.zones[0]}` : 'www.example.com'}
          hint={
            record
              ? 'To change the name or the type, add a new record and delete this one.'
              : capabilities && capabilities.zones.length > 0
                ? `A full name in one of the box’s zones: ${capabilities.zones.join(', ')}. Names starting with _ and wildcards (*.) are allowed.`
                : 'A full name in one of the box’s zones. Names starting with _ and wildcards (*.) are allowed.'
          }
        />
        <div className="field">
          <label htmlFor="dns-rtype" className="field-label">
            Type
          </label>
          <div className="field-control">
            <select
              id="dns-rtype"
              className="input input-narrow"
              value={draft.rtype}
              disabled={record !== undefined}
              onChange={(event) => {
                setDraft({ ...draft, rtype: event.target.value as CustomRecordType });
                setErrors({ ...errors, value: undefined, qname: undefined });
              }}
            >
              {TYPE_ORDER.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </div>
        </div>
        <TextField
          id="dns-value"
          label="Value"
          value={draft.value}
          onChange={change('value')}
          error={errors.value}
          required
          mono
          multiline={draft.rtype === 'TXT'}
          rows={3}
          placeholder={hint.example}
          hint={note ? `${hint.hint} ${note}` : hint.hint}
        />
        {ttl ? (
          <TextField
            id="dns-ttl"
            label="TTL (optional)"
            type="number"
            value={draft.ttl}
            onChange={change('ttl')}
            error={errors.ttl}
            hint={TTL_HINT}
          />
        ) : capabilities?.ttlAbsentReason ? (
          <p className="muted dns-ttl-absent">TTL: {capabilities.ttlAbsentReason}</p>
        ) : null}
        <fieldset className="fieldset dns-mode">
          <legend>Other values of this name and type</legend>
          <label className="choice">
            <input type="radio" name="dns-mode" checked={mode === 'add'} onChange={() => setMode('add')} /> Keep them:
            add this value beside them
          </label>
          <label className="choice">
            <input type="radio" name="dns-mode" checked={mode === 'set'} onChange={() => setMode('set')} /> Replace
            them: this becomes the only value
          </label>
        </fieldset>
        <FormActions
          label={mode === 'add' ? 'Add record' : 'Replace record'}
          busyLabel="Saving…"
          busy={busy}
          onCancel={onClose}
        />
      </form>
    </ModalDialog>
  );
}
