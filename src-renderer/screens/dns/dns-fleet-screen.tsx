import { useMemo } from 'react';
import { FLEET_RUN, NO_CHECK_RUN } from '../../stores/dns-check-store';
import { countFindings } from '../../stores/dns-check-view';
import { useDnsCheck, useFleet, useNavigation } from '../../stores/stores-context';
import { CheckRunControls, ReportHeader, ResolverSettings } from './check-controls';
import { BoxCheckResult } from './check-results';

/** DNS across the fleet: one outside check of every zone of every box, one result block per box, worst first. */
export function DnsFleetScreen() {
  const boxes = useFleet((s) => s.boxes);
  const status = useFleet((s) => s.status);
  const run = useDnsCheck((s) => s.runs[FLEET_RUN] ?? NO_CHECK_RUN);
  const openBox = useNavigation((s) => s.openBox);
  const boxIds = useMemo(() => boxes.map((box) => box.id), [boxes]);
  const report = run.report.data;
  const results = useMemo(() => {
    const rank = (r: NonNullable<typeof report>['boxes'][number]) => {
      const counts = countFindings(r);
      return r.error ? 0 : counts.problems > 0 ? 1 : counts.unknown > 0 ? 2 : 3;
    };
    return [...(report?.boxes ?? [])].sort((a, b) => rank(a) - rank(b));
  }, [report]);

  return (
    <>
      <header className="screen-header">
        <h1 id="screen-title">DNS across the fleet</h1>
      </header>
      <p className="muted dns-intro">
        Checks from this computer what the world sees for every zone of every box: each box’s nameservers, the
        delegation at the parent zone, DNSSEC, reverse DNS and the mail records, compared with what each box intends.
      </p>
      {status === 'ready' && boxes.length === 0 ? (
        <p className="note">There are no boxes in your fleet yet: add one on the Fleet screen first.</p>
      ) : null}
      <CheckRunControls runKey={FLEET_RUN} boxIds={boxIds} label="Check DNS of every box" />
      <ResolverSettings />
      {report ? <ReportHeader report={report} /> : null}
      {results.map((result) => (
        <section key={result.boxId} className="dns-fleet-box" aria-label={`Outside check of ${result.boxName}`}>
          <h2 className="dns-fleet-box-title">
            <button type="button" className="link-button" onClick={() => openBox(result.boxId, 'dns')}>
              {result.boxName}
            </button>
          </h2>
          <BoxCheckResult result={result} />
        </section>
      ))}
    </>
  );
}
