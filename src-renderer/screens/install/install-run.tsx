import { useEffect, useLayoutEffect, useRef } from 'react';
import type { InstallStatus, InstallStep } from '../../../src-shared/contract/install';
import { ErrorBanner } from '../../components/error-banner';
import type { FollowedInstall } from '../../stores/install-runs-store';
import { canAttach } from '../../stores/install-runs-store';
import {
  flavourName,
  formatElapsed,
  installKindLabel,
  installStateLabel,
  STEP_STATE_LABEL,
} from '../../stores/install-view';
import { useInstallRuns, useNavigation } from '../../stores/stores-context';
import { useNow } from '../fleet-format';
import { StatusMark, type Tone } from '../fleet-status-mark';
import { InstallDone } from './install-done';

const STEP_TONE: Readonly<Record<InstallStep['state'], Tone>> = {
  pending: 'unknown',
  running: 'info',
  done: 'ok',
  failed: 'error',
};

/** How far setup got: a bar by steps, the step running now, and the time since it started. */
function Progress({ status, followed }: { status: InstallStatus; followed: FollowedInstall }) {
  const running = status.record.state === 'running' && status.outcome === null;
  // The elapsed time goes on between reads while the install runs; a finished one shows what main reported.
  const now = useNow(running ? 1000 : 3_600_000);
  const elapsed = running ? status.elapsedMs + Math.max(0, now - followed.receivedAt) : status.elapsedMs;
  const percent = Math.round(status.fraction * 100);
  const current = status.steps.find((step) => step.state === 'running' || step.state === 'failed');
  const doneCount = status.steps.filter((step) => step.state === 'done').length;
  const text = current ? `${percent}%, ${current.title}` : `${percent}%`;
  return (
    <div className="install-progress">
      <div
        className="job-bar install-bar"
        role="progressbar"
        aria-label="Setup progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <div className="job-bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="install-progress-line">
        <span>
          {doneCount} of {status.steps.length} steps done{current ? ` · ${current.title}` : ''}
        </span>
        <span className="muted">
          Elapsed: <span data-testid="install-elapsed">{formatElapsed(elapsed)}</span>
        </span>
      </p>
    </div>
  );
}

function Steps({ steps }: { steps: readonly InstallStep[] }) {
  return (
    <ol className="install-steps" aria-label="Setup steps">
      {steps.map((step) => (
        <li key={step.id} className={`install-step install-step-${step.state}`}>
          <StatusMark tone={STEP_TONE[step.state]}>
            {step.title}
            <span className="sr-only">: {STEP_STATE_LABEL[step.state]}</span>
          </StatusMark>
        </li>
      ))}
    </ol>
  );
}

/**
 * The newest lines of setup's log, exactly as the box wrote them (secrets blanked by main), as text only. It stays
 * scrolled to the end while new lines arrive, unless the reader scrolled up to read.
 */
export function LogTail({ lines, label }: { lines: readonly string[]; label: string }) {
  const log = useRef<HTMLPreElement>(null);
  const atEnd = useRef(true);
  const text = lines.join('\n');
  useLayoutEffect(() => {
    const element = log.current;
    if (element && atEnd.current) element.scrollTop = element.scrollHeight;
  }, [text]);
  if (lines.length === 0) return <p className="muted">Nothing logged yet.</p>;
  return (
    <pre
      ref={log}
      className="install-log"
      role="log"
      aria-label={label}
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget;
        atEnd.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
      }}
    >
      {text}
    </pre>
  );
}

/** How many of the log's last lines the failure shows beside its message. */
const FAILURE_LINES = 12;

/** Setup failed: where, the box's own message, and what to do next. */
function Failure({ status }: { status: InstallStatus }) {
  const outcome = status.outcome;
  if (!outcome || outcome.ok) return null;
  return (
    <div className="banner banner-error" role="alert">
      <p className="banner-title">Setup failed{outcome.failingStep ? ` at “${outcome.failingStep}”` : ''}.</p>
      <p className="banner-detail">{outcome.message}</p>
      <p>
        <strong>Next step:</strong>{' '}
        {outcome.next ??
          'Read the last lines of the log below, fix the cause on the server, then start the install again: setup picks up where it can.'}
      </p>
      <p className="banner-title">Last lines of the log</p>
      <pre className="install-log install-log-short" aria-label="Last lines of the log" tabIndex={0}>
        {status.logTail.slice(-FAILURE_LINES).join('\n')}
      </pre>
    </div>
  );
}

/** Not followed by this window (after a restart or a dropped connection): reconnect to it. */
function AttachNotice({ installId, followed }: { installId: string; followed: FollowedInstall }) {
  const attach = useInstallRuns((s) => s.attach);
  return (
    <div className="banner banner-warning" role="status">
      <p className="banner-title">Boxfleet is not following this install right now.</p>
      <p>Setup runs on by itself on the server. Attach to reconnect and follow it to the end.</p>
      {followed.attachError ? (
        <p className="banner-detail">
          Could not attach: {followed.attachError.message} {followed.attachError.nextStep}
        </p>
      ) : null}
      <div className="banner-actions">
        <button
          type="button"
          className="button button-primary"
          aria-disabled={followed.attaching || undefined}
          onClick={followed.attaching ? undefined : () => void attach(installId)}
        >
          {followed.attaching ? 'Attaching…' : 'Attach'}
        </button>
      </div>
    </div>
  );
}

const EMPTY: FollowedInstall = {
  jobId: null,
  status: { status: 'idle', data: null, error: null },
  receivedAt: 0,
  attaching: false,
  attachError: null,
};

/** One install (a new box, a re-run or an upgrade): progress while it runs, then its result. */
export function InstallRun({ installId }: { installId: string }) {
  const followed = useInstallRuns((s) => s.byId[installId]) ?? EMPTY;
  const load = useInstallRuns((s) => s.load);
  const showInstall = useNavigation((s) => s.showInstall);
  const known = followed.status.status !== 'idle';
  useEffect(() => {
    if (!known) void load(installId);
  }, [installId, known, load]);
  const status = followed.status.data;
  const record = status?.record;
  return (
    <>
      <header className="screen-header">
        <h1 id="screen-title">{record ? installKindLabel(record) : 'Install'}</h1>
        <div className="screen-actions">
          <button type="button" className="button" onClick={() => showInstall()}>
            All installs
          </button>
        </div>
      </header>
      {followed.status.status === 'loading' && !status ? (
        <p className="muted" role="status">
          Reading the install…
        </p>
      ) : null}
      {followed.status.error ? (
        <ErrorBanner
          context="Could not read the install"
          report={followed.status.error}
          onRetry={() => void load(installId)}
        />
      ) : null}
      {status && record ? (
        <div className="install-run">
          <dl className="details details-compact">
            <dt>Server</dt>
            <dd>
              {record.user}@{record.host}:{record.port}
            </dd>
            <dt>Hostname</dt>
            <dd>{record.hostname}</dd>
            <dt>Mail-in-a-Box</dt>
            <dd>
              {flavourName(record.flavour)}
              {record.version ? ` ${record.version}` : ''}
            </dd>
            <dt>State</dt>
            <dd data-testid="install-state">{installStateLabel(record.state)}</dd>
          </dl>
          {canAttach(record) && followed.jobId === null && status.outcome === null ? (
            <AttachNotice installId={installId} followed={followed} />
          ) : null}
          {status.outcome?.ok ? <InstallDone record={record} steps={status.outcome.nextSteps} /> : null}
          <Failure status={status} />
          {status.outcome?.ok ? (
            // Done: what to do next comes first; how setup went stays one click away.
            <details className="disclosure install-history">
              <summary>Setup’s steps and log</summary>
              <Progress status={status} followed={followed} />
              <Steps steps={status.steps} />
              <LogTail lines={status.logTail} label="Setup log" />
            </details>
          ) : (
            <>
              <Progress status={status} followed={followed} />
              <Steps steps={status.steps} />
              <h2 className="install-step-title">Setup log</h2>
              <LogTail lines={status.logTail} label="Setup log" />
            </>
          )}
        </div>
      ) : null}
    </>
  );
}
