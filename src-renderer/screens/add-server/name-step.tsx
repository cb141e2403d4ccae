import { TextField } from '../../components/text-field';
import { useAddServer } from '../../stores/stores-context';
import { DetectionSummary } from './detection-summary';

/** Step 4: what was found, then a name and tags; only Save writes anything. */
export function NameStep({ onBack, onCancel }: { onBack: () => void; onCancel: () => void }) {
  const draft = useAddServer((s) => s.draft);
  const name = useAddServer((s) => s.name);
  const tagsText = useAddServer((s) => s.tagsText);
  const errors = useAddServer((s) => s.nameErrors);
  const setName = useAddServer((s) => s.setName);
  const setTags = useAddServer((s) => s.setTags);
  const save = useAddServer((s) => s.save);
  const editing = useAddServer((s) => s.editing);
  if (!draft) return null;
  return (
    <div className="wizard-form">
      <DetectionSummary detection={draft.detection} />
      {editing ? (
        <p className="note">
          Saving replaces how Boxfleet reaches {editing.name}: its address, settings and the login in the system
          keychain. Until then the old ones stay in use.
        </p>
      ) : null}
      <form
        noValidate
        aria-label="Name the box"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <TextField
          id="add-name"
          label="Name"
          value={name}
          onChange={setName}
          error={errors.name}
          hint="How the box appears in your fleet and on the command line."
          required
        />
        <TextField
          id="add-tags"
          label="Tags"
          value={tagsText}
          onChange={setTags}
          error={errors.tags}
          placeholder="production, eu"
          hint="Optional, separated by commas."
        />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button" onClick={onBack}>
            Back
          </button>
          <button type="submit" className="button button-primary">
            {editing ? 'Save changes' : 'Save box'}
          </button>
        </div>
      </form>
    </div>
  );
}
