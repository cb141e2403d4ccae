import type { JobInfo, JobState } from '../../src-shared/contract/jobs';
import { assertNever } from '../../src-shared/contract/result';
import { formatBytes } from '../stores/mailboxes-view';

/** 0..100, whole numbers: what the bar and its aria-valuenow say. */
export function percentOf(job: JobInfo): number {
  return Math.round(job.value * 100);
}

export function stateLabel(state: JobState): string {
  switch (state) {
    case 'running':
      return 'Running';
    case 'done':
      return 'Done';
    case 'failed':
      return 'Failed';
    case 'cancelled':
      return 'Cancelled';
    default:
      return assertNever(state);
  }
}

export function bytesText(job: JobInfo): string | null {
  if (!job.bytes) return null;
  const { done, total } = job.bytes;
  return total === undefined ? formatBytes(done) : `${formatBytes(done)} of ${formatBytes(total)}`;
}

/** What a screen reader says for the bar: the percent, then the step in words when there is one. */
export function progressText(job: JobInfo): string {
  const parts = [`${percentOf(job)}%`];
  if (job.state !== 'running') parts.push(stateLabel(job.state).toLowerCase());
  if (job.detail) parts.push(job.detail);
  return parts.join(', ');
}
