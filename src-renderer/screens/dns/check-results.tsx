import type { BoxCheck, CheckFinding, ZoneCheck } from '../../../src-shared/contract/dns';
import { domainToDisplay } from '../../../src-shared/domain/idn';
import { ErrorBanner } from '../../components/error-banner';
import { describeError } from '../../errors/error-guidance';
import {
  AREA_LABEL,
  askedFromText,
  orderFindings,
  orderZones,
  STATUS_LABEL,
  summaryText,
} from '../../stores/dns-check-view';
import { StatusMark, type Tone } from '../fleet-status-mark';

const TONE: Readonly<Record<CheckFinding['status'], Tone>> = { problem: 'error', unknown: 'unknown', ok: 'ok' };

function Values({ label, values }: { label: string; values: readonly string[] }) {
  if (values.length === 0) return null;
  return (
    <div className="dns-values">
      <span className="muted">{label}</span>
      <ul className="dns-plain-list">
        {values.map((value, index) => (
          <li key={index}>
            <code className="break-anywhere">{value}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One finding as the engine wrote it, rendered as text, saying where the answer came from. */
function Finding({ finding }: { finding: CheckFinding }) {
  return (
    <li className={`check-item dns-finding dns-finding-${finding.status}`}>
      <span className="check-type">
        <StatusMark tone={TONE[finding.status]}>{STATUS_LABEL[finding.status]}</StatusMark>
      </span>
      <div className="check-body">
        <p className="check-text">
          <span className="tag">{AREA_LABEL[finding.area]}</span> {finding.title}
        </p>
        <p className="check-extra">
          <code className="break-anywhere">
            {finding.name} {finding.rtype}
          </code>{' '}
          — {askedFromText(finding.askedFrom)}
        </p>
        {finding.status === 'problem' ? (
          <>
            <Values label="The box intends" values={finding.expected} />
            <Values label="Seen from outside" values={finding.actual} />
          </>
        ) : null}
      </div>
    </li>
  );
}

function ZoneResult({ zone }: { zone: ZoneCheck }) {
  const findings = orderFindings(zone.findings);
  return (
    <section className="check-group dns-zone-check" aria-label={`Outside check of ${domainToDisplay(zone.zone)}`}>
      <h3>
        {domainToDisplay(zone.zone)}{' '}
        <span className="muted dns-zone-counts">
          {zone.problems > 0 || zone.unknown > 0
            ? `${zone.problems} ${zone.problems === 1 ? 'problem' : 'problems'}, ${zone.unknown} without an answer`
            : 'all right'}
        </span>
      </h3>
      {findings.length === 0 ? <p className="muted">Nothing was checked in this zone.</p> : null}
      <ul className="check-items">
        {findings.map((finding, index) => (
          <Finding key={index} finding={finding} />
        ))}
      </ul>
    </section>
  );
}

/**
 * One box's part of an outside check: its zones, problems first, then questions that got no answer (never counted as
 * failures), then what is right.
 */
export function BoxCheckResult({ result }: { result: BoxCheck }) {
  return (
    <div className="dns-box-check">
      <p className="dns-check-summary" role="status">
        {summaryText(result)}
      </p>
      {result.error ? (
        <ErrorBanner context={`Could not check ${result.boxName}`} report={describeError(result.error)} />
      ) : null}
      {orderZones(result).map((zone) => (
        <ZoneResult key={zone.zone} zone={zone} />
      ))}
    </div>
  );
}
