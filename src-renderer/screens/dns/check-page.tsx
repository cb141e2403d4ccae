import { useEffect } from 'react';
import type { Box } from '../../../src-shared/domain/box';
import { ErrorBanner } from '../../components/error-banner';
import { NO_CHECK_RUN } from '../../stores/dns-check-store';
import { boxResult } from '../../stores/dns-check-view';
import { NOT_LOADED } from '../../stores/server-state';
import { useDnsCheck } from '../../stores/stores-context';
import { CheckRunControls, ReportHeader, ResolverSettings } from './check-controls';
import { BoxCheckResult } from './check-results';

/**
 * The outside check of one box: from this computer, ask the box's nameservers and the chosen resolvers what they serve
 * and compare with what the box intends. The newest result is shown on open; a new check runs as a job.
 */
export function CheckPage({ box }: { box: Box }) {
  const last = useDnsCheck((s) => s.last[box.id] ?? NOT_LOADED);
  const run = useDnsCheck((s) => s.runs[box.id] ?? NO_CHECK_RUN);
  const loadLast = useDnsCheck((s) => s.loadLast);
  useEffect(() => {
    void loadLast(box.id);
  }, [box.id, loadLast]);

  const report = run.report.data ?? last.data ?? null;
  const result = boxResult(report, box.id);
  return (
    <section aria-labelledby="dns-check-title" className="dns-check">
      <div className="section-toolbar">
        <h2 id="dns-check-title" className="section-title">
          Outside check
        </h2>
      </div>
      <p className="muted dns-intro">
        The box can only look at its DNS from inside. This asks from this computer what the world sees: the box’s
        nameservers directly, the parent zone’s delegation, and resolvers; then compares it with what the box intends. A
        question that gets no answer is shown as “no answer”, not as a failure.
      </p>
      <CheckRunControls runKey={box.id} boxIds={[box.id]} label="Check now" />
      <ResolverSettings />
      {last.status === 'failed' && last.error ? (
        <ErrorBanner
          context="Could not read the last check"
          report={last.error}
          onRetry={() => void loadLast(box.id)}
        />
      ) : null}
      {last.status === 'loading' && report === null ? (
        <p className="muted" role="status">
          Reading the last check…
        </p>
      ) : null}
      {last.status === 'ready' && report === null && run.jobId === null ? (
        <p className="note">This box has not been checked from outside yet. Press Check now: it takes a few seconds.</p>
      ) : null}
      {report && result ? (
        <>
          <ReportHeader report={report} />
          <BoxCheckResult result={result} />
        </>
      ) : null}
    </section>
  );
}
