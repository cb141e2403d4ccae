import { randomBytes } from 'node:crypto';
import type { InstallAnswers, InstallRecord, InstallStatus, PreflightResult } from '../../src-shared/contract/install';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { Flavour } from '../../src-shared/domain/box';
import { checkAnswers } from '../../src-shared/domain/install-answers';
import { INSTALL_STEPS, progressFraction, stepStates } from '../../src-shared/domain/install-steps';
import type { BoxApiClients } from '../box/box-api-clients';
import type { BoxConnector } from '../connect/box-connector';
import type { TargetRegistry } from '../connect/target-registry';
import type { FleetService } from '../fleet/fleet-service';
import type { Jobs, JobContext } from '../jobs/jobs';
import { deleteAllSecrets, keychainAccount, type Keychain } from '../secrets/keychain';
import type { SshPool } from '../ssh/ssh-pool';
import { targetFromBox } from '../ssh/target-from-box';
import { BOOTSTRAP_URLS, envFile, removeInstallCommand } from './box-scripts';
import { finishInstall, finishRerun, tlsProbe, type Outcome, type TlsProbe } from './finish';
import { temporaryPassword, type ChosenAdmin } from './admin-password';
import { followInstall, InstallProgress } from './follower';
import type { InstallStore } from './install-store';
import { type StoredInstall } from './install-store';
import { launchOnBox } from './launch';
import { runPreflight, systemDnsLookup, type DnsLookup } from './preflight';
import { planRerun } from './rerun';

/** Setup's own outbound check (§8.6) tries this; tests point it elsewhere. */
export const SMTP_PROBE = { host: 'aspmx.l.google.com', port: 25 };

export interface InstallServiceDeps {
  jobs: Jobs;
  store: InstallStore;
  connector: Pick<BoxConnector, 'draftLogin' | 'discard'>;
  targets: Pick<TargetRegistry, 'setDraft' | 'dropDraft'>;
  ssh: Pick<SshPool, 'exec' | 'close' | 'forwardOut'>;
  apis: Pick<BoxApiClients, 'for' | 'forget'>;
  fleet: FleetService;
  keychain: Keychain;
  bootstrapUrl?: string | undefined;
  smtpProbe?: { host: string; port: number } | undefined;
  lookup?: DnsLookup;
  tls?: TlsProbe;
  pollIntervalMs?: number;
  reconnectForMs?: number;
  now?: () => Date;
}

interface Live {
  progress: InstallProgress;
  outcome: Outcome | null;
  jobId: string;
  following: boolean;
}

/**
 * Installs Mail-in-a-Box on a connected server and re-runs or upgrades setup on fleet boxes: preflight, a runner
 * started detached on the box, an `install.run` job that follows its log (and can be attached again after a dropped
 * connection or a restart), and the box added to the fleet when setup says it runs. What the desktop remembers is in
 * installs.json without a secret; a running install's login is in the keychain under its id.
 */
export class InstallService {
  private readonly live = new Map<string, Live>();
  /** The first admin and the password chosen in the wizard, in memory only, until setup has finished. */
  private readonly admins = new Map<string, ChosenAdmin>();
  private readonly now: () => Date;

  constructor(private readonly deps: InstallServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async preflight(draftId: string, flavour: Flavour, hostname?: string): Promise<Result<PreflightResult>> {
    const draft = this.deps.connector.draftLogin(draftId);
    if (!draft.ok) return draft;
    const result = await runPreflight(
      {
        exec: (id, command, options) => this.deps.ssh.exec(id, command, options),
        lookup: this.deps.lookup ?? systemDnsLookup,
        smtpProbe: this.deps.smtpProbe ?? SMTP_PROBE,
      },
      { targetId: draftId, confPath: draft.value.request.paths.conf, flavour, hostname },
    );
    return result.ok ? ok({ checks: result.value.checks, facts: result.value.facts }) : result;
  }

  async start(
    draftId: string,
    answers: InstallAnswers,
    name: string,
    tags: string[],
  ): Promise<Result<{ installId: string; jobId: string }>> {
    const draft = this.deps.connector.draftLogin(draftId);
    if (!draft.ok) return draft;
    const problems = checkAnswers(answers);
    if (problems.length > 0)
      return fail('validation', (problems[0] as { message: string }).message, {
        retryable: false,
        detail: { problems },
      });
    const { request, credential } = draft.value;
    const boxes = await this.deps.fleet.list();
    if (!boxes.ok) return boxes;
    const clash = boxes.value.find((box) => box.name.toLowerCase() === name.toLowerCase());
    if (clash)
      return fail('conflict', `A box called "${clash.name}" already exists. Choose another name.`, {
        retryable: false,
      });
    const installId = newInstallId();
    for (const [kind, secret] of credential.secrets) {
      const kept = await this.deps.keychain.set(keychainAccount(installId, kind), secret);
      if (!kept.ok) {
        await deleteAllSecrets(this.deps.keychain, installId);
        return kept;
      }
    }
    const jump = request.jumpHost ? { ...request.jumpHost, auth: credential.auth } : undefined;
    this.deps.targets.setDraft(installId, {
      host: request.host,
      port: request.port,
      user: request.user,
      auth: credential.auth,
      ...(jump ? { jump } : {}),
    });
    const hostname = answers.hostname.trim().toLowerCase().replace(/\.$/, '');
    const stored: StoredInstall = {
      record: {
        installId,
        kind: 'install',
        host: request.host,
        port: request.port,
        user: request.user,
        name,
        tags,
        flavour: answers.flavour,
        version: answers.version ?? null,
        hostname,
        startedAt: this.now().toISOString(),
        state: 'running',
      },
      login: {
        targetId: installId,
        auth: credential.method,
        ...(request.jumpHost ? { jumpHost: request.jumpHost } : {}),
        apiPort: request.apiPort,
        paths: request.paths,
      },
      publicIp: answers.publicIp,
      publicIpv6: answers.publicIpv6 === '' ? null : answers.publicIpv6,
    };
    // Setup puts EMAIL_PW on a command line (admin-password.ts): it gets a temporary one, the chosen one comes after.
    const temporary = temporaryPassword();
    this.admins.set(installId, { email: answers.adminEmail.trim(), password: answers.adminPassword });
    const env = envFile([
      ['NONINTERACTIVE', '1'],
      ['PRIMARY_HOSTNAME', hostname],
      ['PUBLIC_IP', answers.publicIp],
      ['PUBLIC_IPV6', answers.publicIpv6],
      ['EMAIL_ADDR', answers.adminEmail.trim()],
      ['EMAIL_PW', temporary],
      ...(answers.version ? [['TAG', answers.version] as const] : []),
      ...(answers.storageRoot ? [['STORAGE_ROOT', answers.storageRoot] as const] : []),
      ['BOXFLEET_BOOTSTRAP_URL', this.deps.bootstrapUrl ?? BOOTSTRAP_URLS[answers.flavour]],
    ]);
    const begun = await this.begin(stored, env, [temporary, answers.adminPassword]);
    if (!begun.ok) {
      this.admins.delete(installId);
      await deleteAllSecrets(this.deps.keychain, installId);
      this.deps.targets.dropDraft(installId);
      this.deps.ssh.close(installId);
      return begun;
    }
    // The draft's login now lives under the install; its connection and secrets in memory are no longer needed.
    await this.deps.connector.discard(draftId);
    return ok({ installId, jobId: begun.value });
  }

  async upgrade(boxId: string, version?: string): Promise<Result<{ installId: string; jobId: string }>> {
    const planned = await planRerun(
      { fleet: this.deps.fleet, store: this.deps.store, ssh: this.deps.ssh, bootstrapUrl: this.deps.bootstrapUrl },
      { boxId, version, installId: newInstallId(), startedAt: this.now().toISOString() },
    );
    if (!planned.ok) return planned;
    const begun = await this.begin(planned.value.stored, planned.value.env, []);
    return begun.ok ? ok({ installId: planned.value.stored.record.installId, jobId: begun.value }) : begun;
  }

  async list(): Promise<Result<InstallRecord[]>> {
    const all = await this.deps.store.all();
    return all.ok ? ok(all.value.map((entry) => entry.record)) : all;
  }

  async status(installId: string): Promise<Result<InstallStatus>> {
    const stored = await this.find(installId);
    if (!stored.ok) return stored;
    return ok(this.statusOf(stored.value));
  }

  /** Follows an install again: after a dropped connection the job reconnects itself, after a restart this starts it. */
  async attach(installId: string): Promise<Result<{ jobId: string }>> {
    const stored = await this.find(installId);
    if (!stored.ok) return stored;
    const live = this.live.get(installId);
    if (live?.following) return ok({ jobId: live.jobId });
    const { record, login } = stored.value;
    if (record.state !== 'running' && record.state !== 'unknown')
      return fail('conflict', 'That install has ended; its result is in its status.', { retryable: false });
    if (login.targetId === installId) {
      const target = await this.targetOf(stored.value);
      if (!target.ok) return target;
    }
    const running: StoredInstall = { ...stored.value, record: { ...record, state: 'running' } };
    if (record.state !== 'running') await this.deps.store.put(running);
    return ok({ jobId: this.follow(running, []) });
  }

  async forget(installId: string): Promise<Result<Record<string, never>>> {
    const stored = await this.find(installId);
    if (!stored.ok) return stored;
    if (this.live.get(installId)?.following)
      return fail('conflict', 'Boxfleet is following this install: cancel its job first, or wait until it ends.', {
        retryable: false,
      });
    // Only the install's own login: a re-run's target is a fleet box, whose secrets stay.
    if (stored.value.login.targetId === installId) {
      const deleted = await deleteAllSecrets(this.deps.keychain, installId);
      if (!deleted.ok) return deleted;
      this.deps.targets.dropDraft(installId);
      this.deps.ssh.close(installId);
    }
    this.live.delete(installId);
    const removed = await this.deps.store.remove(installId);
    return removed.ok ? ok({}) : removed;
  }

  private async find(installId: string): Promise<Result<StoredInstall>> {
    const stored = await this.deps.store.get(installId);
    if (!stored.ok) return stored;
    return stored.value
      ? ok(stored.value)
      : fail('not-found', 'There is no such install (it may have been forgotten).', { retryable: false });
  }

  /** After a restart an install's login comes back from the keychain, with the host key pinned at connect. */
  private async targetOf(stored: StoredInstall): Promise<Result<void>> {
    const { record, login } = stored;
    if (!login.auth) return fail('internal', 'This install has no saved login.');
    const target = await targetFromBox(
      {
        id: record.installId,
        name: record.name,
        host: record.host,
        port: record.port,
        user: record.user,
        auth: login.auth,
        tags: [],
        apiPort: login.apiPort,
        paths: login.paths,
        addedAt: record.startedAt,
        ...(login.jumpHost ? { jumpHost: login.jumpHost } : {}),
      },
      { keychain: this.deps.keychain },
    );
    if (!target.ok) return target;
    this.deps.targets.setDraft(record.installId, target.value);
    return ok(undefined);
  }

  /** Remembers the install, starts the runner on the box, and starts following it. */
  private async begin(stored: StoredInstall, env: string, secrets: string[]): Promise<Result<string>> {
    const put = await this.deps.store.put(stored);
    if (!put.ok) return put;
    const launched = await launchOnBox(this.deps.ssh, stored.login.targetId, stored.record.installId, env);
    if (!launched.ok) {
      await this.deps.store.remove(stored.record.installId);
      return launched;
    }
    return ok(this.follow(stored, secrets));
  }

  private follow(stored: StoredInstall, secrets: string[]): string {
    const { record } = stored;
    const progress = new InstallProgress(secrets);
    const live: Live = { progress, outcome: null, jobId: '', following: true };
    this.live.set(record.installId, live);
    const verb = record.kind === 'install' ? 'Install' : record.kind === 'upgrade' ? 'Upgrade' : 'Re-run setup on';
    const started = this.deps.jobs.start({
      kind: 'install.run',
      key: record.installId,
      ...(record.boxId ? { boxId: record.boxId } : {}),
      title: `${verb} ${record.name}`,
      run: (ctx) => this.run(ctx, stored, live),
    });
    live.jobId = started.jobId;
    return started.jobId;
  }

  private async run(
    ctx: JobContext,
    stored: StoredInstall,
    live: Live,
  ): Promise<Result<{ installId: string; ok: boolean }>> {
    const { installId } = stored.record;
    const reader = live.progress.reader;
    const report = (note?: string) =>
      ctx.progress({
        value: progressFraction(reader.current, reader.succeeded),
        detail:
          note ?? (reader.succeeded ? 'Setup finished' : (INSTALL_STEPS[reader.current]?.title ?? 'Starting setup')),
      });
    const followed = await followInstall(
      {
        exec: (id, command, options) => this.deps.ssh.exec(id, command, options),
        reset: (id) => this.deps.ssh.close(id),
        pollIntervalMs: this.deps.pollIntervalMs ?? 2_000,
        reconnectForMs: this.deps.reconnectForMs ?? 10 * 60_000,
        now: () => this.now().getTime(),
      },
      { targetId: stored.login.targetId, installId },
      live.progress,
      ctx.signal,
      report,
    );
    live.following = false;
    if (!followed.ok) {
      if (followed.error.code !== 'cancelled')
        await this.deps.store.change(installId, (e) => ({ ...e, record: { ...e.record, state: 'unknown' } }));
      return followed;
    }
    let outcome: Outcome = {
      ...(reader.outcome(followed.value.exitStatus ?? 0) as Omit<Outcome, 'nextSteps'>),
      nextSteps: null,
    };
    if (followed.value.exitStatus === null && !reader.succeeded)
      outcome = {
        ok: false,
        failingStep: INSTALL_STEPS[reader.current]?.title ?? null,
        message: 'Setup stopped without an exit status: the server rebooted or the process was killed.',
        next: 'Read the log, then run setup again (a re-run continues where it stopped).',
        nextSteps: null,
      };
    let boxId = stored.record.boxId;
    if (outcome.ok) {
      ctx.progress({
        value: 0.99,
        detail: stored.record.kind === 'install' ? 'Adding the box to the fleet' : 'Checking the box',
      });
      const finishDeps = {
        ssh: this.deps.ssh,
        apis: this.deps.apis,
        fleet: this.deps.fleet,
        keychain: this.deps.keychain,
        tls: this.deps.tls ?? tlsProbe,
        now: this.now,
      };
      if (stored.record.kind === 'install') {
        const finished = await finishInstall(
          finishDeps,
          stored,
          {
            fingerprint: reader.fingerprint,
            hostname: reader.summary.hostname,
            publicIp: reader.summary.publicIp,
            publicIpv6: reader.summary.publicIpv6,
          },
          this.admins.get(installId),
        );
        outcome = finished.outcome;
        boxId = finished.box?.id;
        if (finished.box) {
          this.deps.targets.dropDraft(installId);
          this.deps.ssh.close(installId);
        }
      } else outcome = (await finishRerun(finishDeps, stored)).outcome;
    }
    // Setup has ended either way: the chosen password is not needed any more.
    this.admins.delete(installId);
    live.outcome = outcome;
    const record: InstallRecord = {
      ...stored.record,
      state: outcome.ok ? 'succeeded' : 'failed',
      endedAt: this.now().toISOString(),
      ...(boxId ? { boxId } : {}),
    };
    const ended: StoredInstall = { ...stored, record };
    const shown = this.statusOf(ended);
    const final = {
      steps: shown.steps,
      fraction: shown.fraction,
      elapsedMs: shown.elapsedMs,
      logTail: shown.logTail,
      outcome: shown.outcome,
    };
    await this.deps.store.change(installId, (e) => ({ ...e, record, final }));
    // Nothing written on the box for setup stays once the result is kept here (the log's tail is in `final`). A box
    // that joined the fleet is reached by its own id; the install's login was dropped then.
    await this.deps.ssh.exec(boxId ?? stored.login.targetId, removeInstallCommand(installId), { timeoutMs: 15_000 });
    ctx.progress({ value: 1, detail: outcome.message });
    return ok({ installId, ok: outcome.ok });
  }

  private statusOf(stored: StoredInstall): InstallStatus {
    const { record } = stored;
    const elapsedMs = Math.max(
      0,
      Date.parse(record.endedAt ?? this.now().toISOString()) - Date.parse(record.startedAt),
    );
    const live = this.live.get(record.installId);
    if (live) {
      const reader = live.progress.reader;
      const end = live.outcome === null ? 'running' : live.outcome.ok ? 'succeeded' : 'failed';
      return {
        record,
        steps: stepStates(reader.current, end),
        fraction: end === 'succeeded' ? 1 : progressFraction(reader.current, reader.succeeded),
        elapsedMs,
        logTail: live.progress.logTail(),
        outcome: live.outcome,
      };
    }
    if (stored.final) return { record, ...stored.final, elapsedMs };
    return { record, steps: stepStates(-1, 'running'), fraction: 0, elapsedMs, logTail: [], outcome: null };
  }
}

function newInstallId(): string {
  return `inst-${randomBytes(8).toString('hex')}`;
}
