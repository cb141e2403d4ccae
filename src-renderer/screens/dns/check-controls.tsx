import { useEffect, useState, type FormEvent } from 'react';
import type { CheckReport } from '../../../src-shared/contract/dns';
import type { AppError } from '../../../src-shared/contract/result';
import { ErrorBanner } from '../../components/error-banner';
import { TextField } from '../../components/text-field';
import { describeError } from '../../errors/error-guidance';
import { checkRunning, NO_CHECK_RUN } from '../../stores/dns-check-store';
import { parseResolvers } from '../../stores/dns-check-view';
import { useDnsCheck } from '../../stores/stores-context';

/** The start button of an outside check and, while it runs, its progress (also in the Activity panel). */
export function CheckRunControls({
  runKey,
  boxIds,
  label,
}: {
  runKey: string;
  boxIds: readonly string[];
  label: string;
}) {
  const run = useDnsCheck((s) => s.runs[runKey] ?? NO_CHECK_RUN);
  const start = useDnsCheck((s) => s.start);
  const running = checkRunning(run);
  return (
    <>
      <div className="run-now">
        <button
          type="button"
          className="button button-primary"
          aria-disabled={running || boxIds.length === 0 || undefined}
          onClick={() => {
            if (!running && boxIds.length > 0) void start(runKey, boxIds);
          }}
        >
          {running ? 'Checking…' : label}
        </button>
        {running ? (
          <span className="refresh-progress" role="status">
            <progress max={1} value={run.job?.value ?? 0} aria-label="Outside check progress" />
            <span className="muted">{run.job?.detail ?? 'Asking the nameservers and resolvers…'}</span>
          </span>
        ) : null}
      </div>
      {run.error ? (
        <ErrorBanner
          context="The outside check did not finish"
          report={run.error}
          onRetry={run.error.canRetry ? () => void start(runKey, boxIds) : undefined}
        />
      ) : null}
      {run.report.status === 'failed' && run.report.error ? (
        <ErrorBanner context="Could not read the check’s result" report={run.report.error} />
      ) : null}
    </>
  );
}

/** When and from where a report looked: the resolvers it asked besides the boxes' own nameservers. */
export function ReportHeader({ report }: { report: CheckReport }) {
  const resolvers = report.resolvers.length > 0 ? report.resolvers.join(', ') : 'none';
  return (
    <p className="muted dns-report-header">
      Checked {new Date(report.endedAt).toLocaleString()} from this computer. Resolvers asked: {resolvers}.
    </p>
  );
}

/** The resolvers the check asks; empty means this computer's own. Kept by main for every later check. */
export function ResolverSettings() {
  const settings = useDnsCheck((s) => s.settings);
  const load = useDnsCheck((s) => s.loadSettings);
  const save = useDnsCheck((s) => s.saveSettings);
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void load();
  }, [load]);
  const text = typed ?? (settings.data ?? []).join('\n');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const { resolvers, bad } = parseResolvers(text);
    if (bad !== null || resolvers.length > 8) {
      setError(
        bad !== null
          ? `${bad} is not an address: write an IPv4 or IPv6 address, with :port if it is not 53.`
          : 'At most 8 resolvers.',
      );
      document.getElementById('dns-resolvers')?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await save(resolvers);
    setBusy(false);
    if (result.ok) {
      setTyped(null);
      setSaved(true);
    } else setFailure(result.error);
  };

  return (
    <details className="dns-resolvers">
      <summary>
        Resolvers asked ({settings.data && settings.data.length > 0 ? settings.data.join(', ') : 'this computer’s own'})
      </summary>
      {settings.status === 'failed' && settings.error ? (
        <ErrorBanner
          context="Could not read the resolver setting"
          report={settings.error}
          onRetry={() => void load()}
        />
      ) : null}
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        {failure ? <ErrorBanner context="Could not save the resolvers" report={describeError(failure)} /> : null}
        <TextField
          id="dns-resolvers"
          label="Resolvers"
          value={text}
          onChange={(value) => {
            setTyped(value);
            setError(undefined);
            setSaved(false);
          }}
          error={error}
          multiline
          mono
          rows={3}
          placeholder={'1.1.1.1\n[2606:4700::1111]:53'}
          hint="Besides each box’s own nameservers, the check asks these public resolvers what the world sees. One per line; leave empty to use this computer’s resolvers."
        />
        <div className="dns-form-row">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            {busy ? 'Saving…' : 'Save resolvers'}
          </button>
          <span role="status" className="muted">
            {saved ? 'Saved: the next check asks these.' : null}
          </span>
        </div>
      </form>
    </details>
  );
}
