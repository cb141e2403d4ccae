import type { Box } from '../../../src-shared/domain/box';
import type { BoxHealth } from '../../../src-shared/domain/fleet-health';
import { createChecksStore, isRunning } from '../../../src-renderer/stores/checks-store';
import { createFleetHealthStore, isRefreshing } from '../../../src-renderer/stores/fleet-health-store';
import { fleetRows, toRow, type RowQuery } from '../../../src-renderer/stores/fleet-rows';
import type { JobInfo } from '../../../src-shared/contract/jobs';
import { fakeFleet, healthyBox } from './fake-fleet';

function setup() {
  const listeners = new Map<string, Array<(payload: unknown) => void>>();
  const fleet = fakeFleet({ emit: (name, payload) => listeners.get(name)?.forEach((listener) => listener(payload)) });
  const health = createFleetHealthStore(fleet.api);
  const checks = createChecksStore(fleet.api);
  const on = (name: string, listener: (payload: unknown) => void) =>
    listeners.set(name, [...(listeners.get(name) ?? []), listener]);
  on('fleet.health', (row) => health.getState().observe(row as ReturnType<typeof healthyBox>));
  on('jobs.progress', (job) => {
    health.getState().noteJob(job as JobInfo);
    checks.getState().noteJob(job as JobInfo);
  });
  return { fleet, health, checks };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function box(id: string, name: string, tags: string[] = []): Box {
  return {
    id,
    name,
    host: `${name}.example.net`,
    port: 22,
    user: 'root',
    auth: { kind: 'agent' },
    tags,
    apiPort: 10222,
    paths: { apiKey: '/var/lib/mailinabox/api.key', conf: '/etc/mailinabox.conf', storageRoot: '/home/user-data' },
    addedAt: '2025-01-01T00:00:00.000Z',
  };
}

describe('fleet health store', () => {
  it('loads the cache, then takes rows from events as boxes answer a refresh', async () => {
    const { fleet, health } = setup();
    fleet.health.push(healthyBox('box-a'));
    await health.getState().load();
    expect(Object.keys(health.getState().health.data ?? {})).toEqual(['box-a']);

    await health.getState().startRefresh();
    const [job] = fleet.started;
    if (!job) throw new Error('no job started');
    // The 0% event came before the answer: the button already shows a running refresh.
    expect(health.getState().refresh.job?.jobId).toBe(job.jobId);
    expect(isRefreshing(health.getState().refresh)).toBe(true);

    fleet.observe({ ...healthyBox('box-b', '2025-01-01T00:01:00.000Z'), reachability: 'down', probe: null });
    expect(health.getState().health.data?.['box-b']?.reachability).toBe('down');
    fleet.progress(job.jobId, { state: 'done', value: 1 });
    expect(isRefreshing(health.getState().refresh)).toBe(false);
    await settle();
    expect(Object.keys(health.getState().health.data ?? {}).sort()).toEqual(['box-a', 'box-b']);
  });

  it('keeps an event newer than a slower load that answers after it', async () => {
    const { fleet, health } = setup();
    fleet.health.push(healthyBox('box-a', '2025-01-01T00:00:00.000Z'));
    const loading = health.getState().load();
    health.getState().observe({ ...healthyBox('box-a', '2025-01-01T00:05:00.000Z'), rttMs: 99 });
    await loading;
    expect(health.getState().health.data?.['box-a']?.rttMs).toBe(99);
  });

  it('says why a refresh could not start, with a next step', async () => {
    const { fleet, health } = setup();
    await health.getState().startRefresh();
    const [job] = fleet.started;
    if (!job) throw new Error('no job started');
    fleet.progress(job.jobId, {
      state: 'failed',
      error: { code: 'internal', message: 'the cache could not be written', retryable: true },
    });
    expect(health.getState().refresh.error?.message).toBe('the cache could not be written');
    expect(health.getState().refresh.error?.nextStep).toMatch(/\w/);
  });

  it("reloads a shown box's history when a new observation of it arrives", async () => {
    const { fleet, health } = setup();
    fleet.history['box-a'] = [{ at: '2025-01-01T00:00:00.000Z', reachable: true, rttMs: 3, disk: 0.4, queue: 1 }];
    await health.getState().loadHistory('box-a');
    expect(health.getState().history['box-a']?.data).toHaveLength(1);
    fleet.history['box-a'].push({ at: '2025-01-01T00:10:00.000Z', reachable: true, rttMs: 3, disk: 0.5, queue: 2 });
    fleet.observe(healthyBox('box-a', '2025-01-01T00:10:00.000Z'));
    await settle();
    expect(health.getState().history['box-a']?.data).toHaveLength(2);
  });
});

describe('checks store', () => {
  it('runs the checks now with progress, then shows the new run and what changed', async () => {
    const { fleet, checks } = setup();
    await checks.getState().load('box-a');
    expect(checks.getState().byBox['box-a']?.data?.latest).toBeNull();

    await checks.getState().runNow('box-a');
    const [job] = fleet.started;
    if (!job) throw new Error('no job started');
    expect(isRunning(checks.getState().runs['box-a'] ?? { job: null, starting: false, error: null })).toBe(true);
    fleet.progress(job.jobId, { value: 0.5, detail: 'Waiting for the box' });
    expect(checks.getState().runs['box-a']?.job?.value).toBe(0.5);

    fleet.checks['box-a'] = {
      latest: {
        boxId: 'box-a',
        at: '2025-01-02T00:00:00.000Z',
        items: [{ type: 'ok', text: 'SSH is fine', extra: [] }],
      },
      previous: null,
      changes: [{ heading: 'System', kind: 'added', after: { type: 'ok', text: 'SSH is fine', extra: [] } }],
    };
    fleet.progress(job.jobId, { state: 'done', value: 1 });
    await settle();
    expect(checks.getState().byBox['box-a']?.data?.latest?.items).toHaveLength(1);
    expect(checks.getState().byBox['box-a']?.data?.changes).toHaveLength(1);
  });

  it('ignores a run on another box and keeps the shown run while reloading', async () => {
    const { fleet, checks } = setup();
    fleet.checks['box-a'] = {
      latest: { boxId: 'box-a', at: '2025-01-02T00:00:00.000Z', items: [] },
      previous: null,
      changes: [],
    };
    await checks.getState().load('box-a');
    await checks.getState().runNow('box-b');
    expect(checks.getState().runs['box-a']).toBeUndefined();
    const reload = checks.getState().load('box-a');
    expect(checks.getState().byBox['box-a']?.status).toBe('loading');
    expect(checks.getState().byBox['box-a']?.data?.latest?.at).toBe('2025-01-02T00:00:00.000Z');
    await reload;
  });
});

describe('fleet rows', () => {
  const now = Date.parse('2025-01-10T00:00:00.000Z');
  const all: RowQuery = { sort: { key: 'name', direction: 'ascending' }, state: 'all', tag: null, search: '' };
  const boxes = [
    box('box-a', 'alpha', ['eu']),
    box('box-b', 'bravo', ['us']),
    box('box-c', 'charlie', ['eu']),
    box('box-d', 'delta'),
  ];
  const health: Record<string, BoxHealth> = {
    'box-a': healthyBox('box-a', '2025-01-09T23:00:00.000Z'),
    'box-b': { ...healthyBox('box-b', '2025-01-09T23:00:00.000Z'), reachability: 'down', rttMs: null },
    'box-c': {
      ...healthyBox('box-c', '2025-01-09T23:00:00.000Z'),
      tls: { soonestExpiry: '2025-01-15T00:00:00.000Z', soonestDomain: 'c.example.net', problems: 0 },
    },
  };

  it('tells down, problems, ok and not checked apart', () => {
    expect(boxes.map((b) => toRow(b, health[b.id] ?? null, now).state)).toEqual([
      'ok',
      'down',
      'problems',
      'unchecked',
    ]);
    expect(toRow(boxes[2] as Box, health['box-c'] ?? null, now).problems).toEqual(['certificate expires soon']);
  });

  it('filters by state, tag and search, and sorts with unknowns last', () => {
    const names = (query: Partial<RowQuery>) =>
      fleetRows(boxes, health, { ...all, ...query }, now).map((r) => r.box.name);
    expect(names({ state: 'down' })).toEqual(['bravo']);
    expect(names({ state: 'problems' })).toEqual(['charlie']);
    expect(names({ state: 'ok' })).toEqual(['alpha']);
    expect(names({ tag: 'eu' })).toEqual(['alpha', 'charlie']);
    expect(names({ search: 'CHAR' })).toEqual(['charlie']);
    expect(names({ sort: { key: 'tls', direction: 'ascending' } })).toEqual(['charlie', 'alpha', 'bravo', 'delta']);
    expect(names({ sort: { key: 'name', direction: 'descending' } })).toEqual(['delta', 'charlie', 'bravo', 'alpha']);
    // Unknown stays last when the order turns round.
    expect(names({ sort: { key: 'reachability', direction: 'descending' } }).at(-1)).toBe('delta');
  });
});
