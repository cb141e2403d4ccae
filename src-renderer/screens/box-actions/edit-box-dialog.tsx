import { useState, type FormEvent } from 'react';
import type { Box } from '../../../src-shared/domain/box';
import { ErrorBanner } from '../../components/error-banner';
import { FormActions } from '../../components/form-actions';
import { ModalDialog } from '../../components/modal-dialog';
import { TextField } from '../../components/text-field';
import { describeError, type ErrorReport } from '../../errors/error-guidance';
import { checkNameAndTags } from '../../stores/add-server-form';
import { useBoxActions, useFleet } from '../../stores/stores-context';

/** Rename or retag a box; its connection settings stay as they are. */
export function EditBoxDialog({ box, onClose }: { box: Box; onClose: () => void }) {
  const update = useBoxActions((s) => s.update);
  const reload = useFleet((s) => s.load);
  const [name, setName] = useState(box.name);
  const [tags, setTags] = useState(box.tags.join(', '));
  const [errors, setErrors] = useState<{ name?: string; tags?: string }>({});
  const [failure, setFailure] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = checkNameAndTags(name, tags);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await update(box.id, { name: checked.name, tags: checked.tags });
    setBusy(false);
    if (result.ok) {
      await reload();
      onClose();
    } else if (result.error.code === 'conflict') setErrors({ name: result.error.message });
    else setFailure(describeError(result.error));
  };

  return (
    <ModalDialog titleId="edit-box-title" onDismiss={onClose}>
      <form noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby="edit-box-title">
        <header className="dialog-header">
          <h2 id="edit-box-title">Edit {box.name}</h2>
        </header>
        {failure ? <ErrorBanner context="Could not save the changes" report={failure} /> : null}
        <TextField
          id="edit-name"
          label="Name"
          value={name}
          onChange={(value) => {
            setName(value);
            setErrors({ ...errors, name: undefined });
          }}
          error={errors.name}
          required
        />
        <TextField
          id="edit-tags"
          label="Tags"
          value={tags}
          onChange={(value) => {
            setTags(value);
            setErrors({ ...errors, tags: undefined });
          }}
          error={errors.tags}
          hint="Separated by commas."
        />
        <FormActions label="Save changes" busyLabel="Saving…" busy={busy} onCancel={onClose} />
      </form>
    </ModalDialog>
  );
}
