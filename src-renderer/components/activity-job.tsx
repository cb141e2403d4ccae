import { useId, useRef } from 'react';
import type { JobInfo } from '../../src-shared/contract/jobs';
import { describeError } from '../errors/error-guidance';
import { useFleet, useJobs } from '../stores/stores-context';
import { bytesText, percentOf, progressText, stateLabel } from './activity-view';

/** One job: what it is and on which box, a progress bar, how it ended, and Cancel while it runs. */
export function ActivityJob({ job }: { job: JobInfo }) {
  const titleId = useId();
  const item = useRef<HTMLLIElement>(null);
  const boxName = useFleet((state) =>
    job.boxId === undefined ? 'Whole fleet' : (state.boxes.find((box) => box.id === job.boxId)?.name ?? job.boxId),
  );
  const cancelling = useJobs((state) => state.cancelling.includes(job.jobId));
  const cancelError = useJobs((state) => state.cancelErrors[job.jobId]);
  const cancel = useJobs((state) => state.cancel);
  const percent = percentOf(job);
  const bytes = bytesText(job);
  const report = job.state === 'failed' && job.error ? describeError(job.error) : null;
  return (
    <li ref={item} className="job" data-state={job.state} aria-labelledby={titleId} tabIndex={-1}>
      <div className="job-head">
        <span id={titleId} className="job-title">
          {job.title}
        </span>
        <span className="job-state">{stateLabel(job.state)}</span>
      </div>
      <p className="job-box">{boxName}</p>
      <div
        className="job-bar"
        role="progressbar"
        aria-labelledby={titleId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={progressText(job)}
      >
        <div className="job-bar-fill" style={{ width: `${percent}%` }} />
      </div>
      {job.detail || bytes ? (
        <p className="job-detail">{[job.detail, bytes].filter((part) => part).join(' · ')}</p>
      ) : null}
      {report ? (
        <p className="job-error">
          {report.title} <span className="job-error-message">{report.message}</span>
        </p>
      ) : null}
      {cancelError ? <p className="job-error">Could not cancel: {cancelError.message}</p> : null}
      {job.state === 'running' ? (
        <div className="job-actions">
          <button
            type="button"
            className="button job-cancel"
            aria-label={`Cancel ${job.title}`}
            aria-disabled={cancelling ? true : undefined}
            // The button goes away once the job has ended: keep focus on the job rather than lose it to the page.
            onClick={cancelling ? undefined : () => void cancel(job.jobId).then(() => item.current?.focus())}
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      ) : null}
    </li>
  );
}
