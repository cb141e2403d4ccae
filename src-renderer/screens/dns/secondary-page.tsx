import { useEffect, useState, type FormEvent } from 'react';
import type { AppError } from '../../../src-shared/contract/result';
import type { Box } from '../../../src-shared/domain/box';
import { ReloadButton } from '../../components/reload-button';
import { TextField } from '../../components/text-field';
import { checkSecondaryEntries, reportHeadline, splitEntries } from '../../stores/dns-view';
import { NOT_LOADED } from '../../stores/server-state';
import { useDns } from '../../stores/stores-context';
import { RefusalNotice } from '../aliases/refusal-notice';
import { BoxListFailure } from '../box-actions/box-list-failure';

/** The box's explanation of the setting (§4.4.4), in Boxfleet's words. */
function Explanation() {
  return (
    <div className="dns-explanation">
      <p>
        A secondary nameserver keeps a copy of the box’s zones and answers for them too, so the domains still resolve
        while the box is down. Enter one entry per line:
      </p>
      <ul>
        <li>
          <strong>A host name</strong> (ns1.example.net): it becomes an extra NS record in every zone, and its addresses
          may transfer the zones and are notified of changes. The box looks the name up when you save, so it must
          already resolve.
        </li>
        <li>
          <strong>xfr:</strong> and an address or subnet (xfr:192.0.2.5, xfr:10.0.0.0/8): that address may only transfer
          the zones (and is notified of changes, unless it is a subnet). Use it for a service that serves the zones
          under other names.
        </li>
      </ul>
      <p>Leave the list empty and save to remove every secondary nameserver.</p>
    </div>
  );
}

/** View and edit the box's secondary nameservers; a refusal keeps the list as typed. */
export function SecondaryPage({ box }: { box: Box }) {
  const entry = useDns((s) => s.secondary[box.id] ?? NOT_LOADED);
  const report = useDns((s) => s.lastReport[box.id]);
  const load = useDns((s) => s.loadSecondary);
  const saveSecondary = useDns((s) => s.saveSecondary);
  /** What the admin typed; null until they start editing, so a reload shows the box's list. */
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void load(box.id);
  }, [box.id, load]);

  const stored = entry.data ?? [];
  const text = typed ?? stored.join('\n');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const entries = splitEntries(text);
    const problem = checkSecondaryEntries(entries);
    if (problem) {
      setError(problem);
      document.getElementById('dns-secondary')?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    setSaved(false);
    const result = await saveSecondary(box.id, entries);
    setBusy(false);
    if (result.ok) {
      setTyped(null);
      setSaved(true);
    } else setFailure(result.error);
  };

  return (
    <section aria-labelledby="dns-secondary-title" className="dns-secondary">
      <div className="section-toolbar">
        <h2 id="dns-secondary-title" className="section-title">
          Secondary nameservers
        </h2>
        <ReloadButton loading={entry.status === 'loading'} onReload={() => void load(box.id)} />
      </div>
      <Explanation />
      <BoxListFailure
        box={box}
        error={entry.status === 'failed' ? entry.error : null}
        context={`Could not read the secondary nameservers of ${box.name}`}
        onRetry={() => void load(box.id)}
      />
      {entry.status === 'loading' && entry.data === null ? (
        <p className="muted" role="status">
          Loading the secondary nameservers of {box.name}…
        </p>
      ) : null}
      {entry.data !== null ? (
        <form noValidate onSubmit={(event) => void onSubmit(event)} className="dns-secondary-form">
          {failure ? <RefusalNotice context="Could not save the secondary nameservers" error={failure} /> : null}
          <p className="muted">
            {stored.length === 0
              ? 'The box has no secondary nameservers: only its own ns1 and ns2 answer for its zones.'
              : `The box has ${stored.length} ${stored.length === 1 ? 'entry' : 'entries'}.`}
          </p>
          <TextField
            id="dns-secondary"
            label="Entries"
            value={text}
            onChange={(value) => {
              setTyped(value);
              setError(undefined);
              setSaved(false);
            }}
            error={error}
            multiline
            mono
            rows={4}
            placeholder={'ns1.example.net\nxfr:192.0.2.5'}
            hint="One per line, or separated by commas or spaces."
          />
          <div className="dns-form-row">
            <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
              {busy ? 'Saving…' : 'Save'}
            </button>
            <span role="status" className="muted">
              {saved && report !== undefined ? `Saved. The box says: ${reportHeadline(report)}` : null}
            </span>
          </div>
        </form>
      ) : null}
    </section>
  );
}
