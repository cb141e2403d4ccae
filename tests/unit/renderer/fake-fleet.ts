import { contract, listMethods, ok, fail, type Result } from '../../../src-shared/contract';
import { createClient } from '../../../src-shared/contract/client';
import type { Api, Handlers } from '../../../src-shared/contract/define';
import type { checksMethods, fleetMethods } from '../../../src-shared/contract/fleet';
import type { JobInfo, JobKind } from '../../../src-shared/contract/jobs';
import {
  PROBED_SERVICES,
  type BoxHealth,
  type ChecksChange,
  type ChecksRun,
  type HealthPoint,
  type ProbedService,
} from '../../../src-shared/domain/fleet-health';

type FleetContract = { fleet: typeof fleetMethods; checks: typeof checksMethods };
export type FakeFleetApi = Api<FleetContract>;

export interface FakeFleet {
  readonly handlers: Handlers<FleetContract, null>;
  /** The same handlers behind the contract's client (its fleet and checks groups answer; others are not here). */
  readonly api: FakeFleetApi;
  readonly health: BoxHealth[];
  readonly history: Record<string, HealthPoint[]>;
  readonly checks: Record<string, { latest: ChecksRun | null; previous: ChecksRun | null; changes: ChecksChange[] }>;
  /** Jobs this fake started, newest last. */
  readonly started: JobInfo[];
  /** Main observing a box: cached and sent as a `fleet.health` event. */
  observe(health: BoxHealth): void;
  /** Main moving a job on or ending it. */
  progress(jobId: string, change: Partial<JobInfo>): JobInfo;
}

/**
 * Main's fleet and checks groups as a fake: a refresh or a checks run is a job whose 0% event goes out before the
 * answer (as main's jobs do), then moves only when the test says so.
 */
export function fakeFleet(deps: {
  emit: (name: string, payload: unknown) => void;
  reportJob?: (job: JobInfo) => void;
  /** What main does with the window's visibility (its scheduler, in a test that wants one). */
  onVisibility?: (visible: boolean) => void;
}): FakeFleet {
  const health: BoxHealth[] = [];
  const history: FakeFleet['history'] = {};
  const checks: FakeFleet['checks'] = {};
  const started: JobInfo[] = [];
  let next = 1;
  const report = (job: JobInfo) => (deps.reportJob ? deps.reportJob(job) : deps.emit('jobs.progress', job));
  const start = (kind: JobKind, title: string, boxId?: string) => {
    const job: JobInfo = {
      jobId: `job-${next++}`,
      kind,
      title,
      state: 'running',
      value: 0,
      startedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, next)).toISOString(),
      ...(boxId === undefined ? {} : { boxId }),
    };
    started.push(job);
    report(job);
    return ok({ jobId: job.jobId });
  };
  const handlers: Handlers<FleetContract, null> = {
    fleet: {
      health: async ({ boxIds }) => ok(health.filter((row) => boxIds === undefined || boxIds.includes(row.boxId))),
      refresh: async () => start('fleet.refresh', 'Refreshing the fleet'),
      history: async ({ boxId }) => ok(history[boxId] ?? []),
      schedule: {
        get: async () => fail('not-supported', 'Not in this fake.'),
        set: async () => fail('not-supported', 'Not in this fake.'),
      },
      visibility: async ({ visible }) => {
        deps.onVisibility?.(visible);
        return ok({});
      },
    },
    checks: {
      run: async ({ boxId }) => start('checks.run', 'Running status checks', boxId),
      show: async ({ boxId }) => ok(checks[boxId] ?? { latest: null, previous: null, changes: [] }),
    },
  };
  // The contract's own client over a transport that reaches these handlers, so requests and answers are checked
  // by the same schemas as in the app.
  const defs = new Map(listMethods(contract));
  const client = createClient({
    async invoke(name, request) {
      const def = defs.get(name);
      let handler: unknown = handlers;
      for (const part of name.split('.')) handler = (handler as Record<string, unknown> | undefined)?.[part];
      if (!def || typeof handler !== 'function') return fail('not-supported', `No ${name} in this fake.`);
      return (handler as (r: unknown, c: null) => Promise<Result<unknown>>)(def.request.parse(request), null);
    },
    subscribe: () => () => undefined,
  });
  return {
    handlers,
    api: client.api,
    health,
    history,
    checks,
    started,
    observe(row) {
      const index = health.findIndex((known) => known.boxId === row.boxId);
      if (index < 0) health.push(row);
      else health.splice(index, 1, row);
      deps.emit('fleet.health', row);
    },
    progress(jobId, change) {
      const job = started.find((known) => known.jobId === jobId);
      if (!job) throw new Error(`no job ${jobId}`);
      const moved: JobInfo = { ...job, ...change };
      started.splice(started.indexOf(job), 1, moved);
      report(moved);
      return moved;
    },
  };
}

/** A reachable, healthy observation of a box, to change field by field in tests. */
export function healthyBox(boxId: string, observedAt = '2025-01-01T00:00:00.000Z'): BoxHealth {
  const disk = { mount: '/', totalBytes: 100, usedBytes: 40, availableBytes: 60 };
  return {
    boxId,
    observedAt,
    reachability: 'up',
    error: null,
    rttMs: 12,
    flavour: 'upstream',
    version: 'v75',
    latestVersion: 'v75',
    probe: {
      uptimeSeconds: 1000,
      load: [0.1, 0.1, 0.1],
      memory: { totalBytes: 1000, availableBytes: 500 },
      disk: { root: disk, storage: disk },
      services: Object.fromEntries(PROBED_SERVICES.map((service) => [service, 'active' as const])) as Record<
        ProbedService,
        'active'
      >,
      queue: 0,
      rebootRequired: false,
      updates: 0,
      newestBackupAt: observedAt,
    },
    backup: { lastAt: observedAt, enabled: true, error: null },
    tls: { soonestExpiry: '2025-03-01T00:00:00.000Z', soonestDomain: 'box.example.com', problems: 0 },
    counts: { users: 3, aliases: 2 },
    checks: { ok: 10, warning: 0, error: 0, at: observedAt },
  };
}
