import type { JobInfo } from '../../../src-shared/contract/jobs';
import type { InstallStatus, NextSteps } from '../../../src-shared/contract/install';
import type { Core } from '../../compose/core';
import type { Io } from '../command';
import { EXIT } from '../command';
import { reportError } from '../output';
import { followJob } from '../progress';
import { cliApi } from './mail-common';

/** One JSON object per line (`--json` progress is a stream a script reads line by line). */
export function jsonLine(io: Io, value: unknown): void {
  io.out(JSON.stringify(value) + '\n');
}

function tlsLine(tls: NextSteps['tls']): string {
  if (tls.served === null) return `TLS fingerprint: ${tls.printed ?? 'not printed'} (port 443 could not be checked)`;
  if (tls.match === false)
    return `TLS fingerprint MISMATCH: setup printed ${tls.printed ?? '-'}, port 443 serves ${tls.served}. Check before trusting it.`;
  return `TLS fingerprint: ${tls.served} (the one setup printed)`;
}

/** What to do once the box runs, with its own values. */
export function nextStepsText(next: NextSteps): string {
  const lines = [`Control panel: ${next.controlPanel}`, tlsLine(next.tls), '', 'Next steps:'];
  lines.push(`  At your registrar, use these nameservers: ${next.nameservers.join(', ')}`);
  for (const glue of next.glue)
    lines.push(`  Glue record: ${glue.host} -> ${[glue.ipv4, glue.ipv6].filter(Boolean).join(', ')}`);
  for (const rdns of next.reverseDns) lines.push(`  Reverse DNS at your provider: ${rdns.address} -> ${rdns.name}`);
  lines.push(
    `  Once DNS points at the box, provision Let's Encrypt certificates and check DNS: boxfleet dns check --box NAME`,
  );
  return lines.join('\n') + '\n';
}

function failureText(status: InstallStatus): string {
  const outcome = status.outcome;
  const step = outcome?.failingStep ? ` at "${outcome.failingStep}"` : '';
  const lines = [`Setup failed${step}: ${outcome?.message ?? 'no result'}`];
  const tail = status.logTail.slice(-15);
  if (tail.length > 0) lines.push('', 'Last lines of the setup log:', ...tail.map((l) => `  ${l}`));
  if (outcome?.next) lines.push('', outcome.next);
  return lines.join('\n') + '\n';
}

/**
 * Follows an install's job to its end and reports the result. On a terminal one progress line (step, percent) is
 * redrawn; without one each new step is a line on stderr; with --json every change is a JSON line on stdout and the
 * result is the last line. Ctrl-C stops following only: setup runs on, detached, and `install attach` finds it.
 */
export async function followInstall(
  core: Core,
  io: Io,
  json: boolean,
  started: { installId: string; jobId: string },
  reattach: string,
): Promise<number> {
  const { installId, jobId } = started;
  if (json) jsonLine(io, { type: 'started', installId, jobId });
  const tty = io.isTty && process.stderr.isTTY === true;
  let lastStep: string | undefined;
  const seen = (info: JobInfo): void => {
    const step = info.detail ?? '';
    if (step === lastStep || info.state !== 'running') return;
    lastStep = step;
    if (json) jsonLine(io, { type: 'progress', installId, step, fraction: info.value });
    else if (!tty) io.err(`[${Math.round(info.value * 100)}%] ${step}\n`);
  };
  const stop = core.events.on((name, payload) => {
    if (name === 'jobs.progress' && (payload as JobInfo).jobId === jobId) seen(payload as JobInfo);
  });
  const stream = {
    isTTY: tty,
    columns: process.stderr.columns,
    write: (text: string) => process.stderr.write(text),
  };
  const ended = await followJob(core, jobId, { json, stream });
  stop();
  if (!ended.ok) return reportError(io, ended.error);
  return reportInstall(core, io, json, installId, ended.value.state === 'cancelled', reattach);
}

/** Prints an install's result (or, when it has none yet, how to follow it again) and gives the exit status. */
export async function reportInstall(
  core: Core,
  io: Io,
  json: boolean,
  installId: string,
  stoppedFollowing: boolean,
  reattach: string,
): Promise<number> {
  const api = cliApi(core);
  const status = await api.install.status({ installId });
  if (!status.ok) return reportError(io, status.error);
  const outcome = status.value.outcome;
  if (outcome === null) {
    const why = stoppedFollowing ? 'Stopped following' : 'Lost track of setup';
    if (json)
      jsonLine(io, { type: 'result', installId, ok: false, state: status.value.record.state, following: false });
    io.err(`${why}; setup goes on on the server. Follow it again with: ${reattach}\n`);
    return EXIT.failed;
  }
  if (json) {
    jsonLine(io, {
      type: 'result',
      installId,
      ok: outcome.ok,
      state: status.value.record.state,
      boxId: status.value.record.boxId ?? null,
      failingStep: outcome.failingStep,
      message: outcome.message,
      next: outcome.next,
      nextSteps: outcome.nextSteps,
      logTail: outcome.ok ? [] : status.value.logTail.slice(-15),
    });
    return outcome.ok ? EXIT.ok : EXIT.failed;
  }
  if (!outcome.ok) {
    io.err(failureText(status.value));
    return EXIT.failed;
  }
  io.out(`${status.value.record.name}: ${outcome.message}\n`);
  if (outcome.nextSteps) io.out(nextStepsText(outcome.nextSteps));
  return EXIT.ok;
}
