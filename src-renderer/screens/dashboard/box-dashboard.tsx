import { useEffect, useMemo, type ReactNode } from 'react';
import type { Box } from '../../../src-shared/domain/box';
import { PROBED_SERVICES, type BoxHealth } from '../../../src-shared/domain/fleet-health';
import { NOT_LOADED } from '../../stores/server-state';
import { toRow } from '../../stores/fleet-rows';
import { useFleetHealth, useNavigation } from '../../stores/stores-context';
import {
  BackupCell,
  ChecksCell,
  DiskCell,
  QueueCell,
  ReachabilityCell,
  SystemCell,
  TlsCell,
  VersionCell,
} from '../fleet-cells';
import { formatAge, formatBytes, formatPercent, formatSpan, useNow } from '../fleet-format';
import { StatusMark } from '../fleet-status-mark';
import { HistoryChart, type ChartPoint } from './history-chart';

const percent = (value: number) => formatPercent(value);
const count = (value: number) => String(Math.round(value));

function Services({ health }: { health: BoxHealth }) {
  const services = health.probe?.services;
  if (!services) return null;
  return (
    <ul className="services" aria-label="Services">
      {PROBED_SERVICES.map((service) => {
        const state = services[service] ?? 'unknown';
        const tone =
          state === 'active' ? 'ok' : state === 'failed' ? 'error' : state === 'inactive' ? 'warning' : 'unknown';
        return (
          <li key={service}>
            <StatusMark tone={tone}>
              {service}: {state}
            </StatusMark>
          </li>
        );
      })}
    </ul>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One box at a glance: the Fleet screen's facts for it, with the history behind them. */
export function BoxDashboard({ box }: { box: Box }) {
  const health = useFleetHealth((state) => state.health.data?.[box.id] ?? null);
  const history = useFleetHealth((state) => state.history[box.id] ?? NOT_LOADED);
  const loadHistory = useFleetHealth((state) => state.loadHistory);
  const refresh = useFleetHealth((state) => state.startRefresh);
  const openBox = useNavigation((state) => state.openBox);
  const now = useNow();
  useEffect(() => {
    void loadHistory(box.id);
  }, [box.id, loadHistory]);
  const row = toRow(box, health, now);
  const points = history.data;
  const disk = useMemo<ChartPoint[]>(
    () => (points ?? []).map((p) => ({ at: Date.parse(p.at), value: p.disk })),
    [points],
  );
  const queue = useMemo<ChartPoint[]>(
    () => (points ?? []).map((p) => ({ at: Date.parse(p.at), value: p.queue })),
    [points],
  );
  const probe = health?.probe;
  const storage = probe?.disk.storage ?? probe?.disk.root ?? null;

  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <div className="dashboard-head">
        <h2 id="dashboard-title">Health</h2>
        <p className="muted">
          {health ? `Last looked at ${formatAge(health.observedAt, now)}.` : 'Not checked yet.'}{' '}
          <button type="button" className="link-button" onClick={() => void refresh([box.id])}>
            Look now
          </button>
        </p>
      </div>
      {health?.error ? <p className="banner banner-warning">{health.error.message}</p> : null}
      <dl className="facts">
        <Fact label="Reachable">
          <ReachabilityCell row={row} />
        </Fact>
        <Fact label="Mail-in-a-Box">
          <VersionCell row={row} />
        </Fact>
        <Fact label="Status checks">
          <ChecksCell health={health} now={now} />
          <button type="button" className="link-button cell-note" onClick={() => openBox(box.id, 'checks')}>
            Open status checks
          </button>
        </Fact>
        <Fact label="Disk">
          <DiskCell health={health} />
          {storage ? (
            <span className="cell-note muted">
              {formatBytes(storage.availableBytes)} free on {storage.mount}
            </span>
          ) : null}
        </Fact>
        <Fact label="Mail queue">
          <QueueCell health={health} />
        </Fact>
        <Fact label="Last backup">
          <BackupCell health={health} now={now} />
        </Fact>
        <Fact label="TLS certificates">
          <TlsCell health={health} now={now} />
          {health?.tls && health.tls.problems > 0 ? (
            <span className="cell-note">
              <StatusMark tone="warning">{health.tls.problems} with problems</StatusMark>
            </span>
          ) : null}
        </Fact>
        <Fact label="System">
          <SystemCell health={health} />
          {probe?.uptimeSeconds != null ? (
            <span className="cell-note muted">Up {formatSpan(probe.uptimeSeconds * 1000)}</span>
          ) : null}
        </Fact>
        <Fact label="Mail users and aliases">
          {health?.counts ? `${health.counts.users} users, ${health.counts.aliases} aliases` : 'Not counted yet'}
        </Fact>
        {probe?.memory ? (
          <Fact label="Memory">
            {formatPercent(1 - probe.memory.availableBytes / probe.memory.totalBytes)} used of{' '}
            {formatBytes(probe.memory.totalBytes)}
          </Fact>
        ) : null}
      </dl>
      {health ? <Services health={health} /> : null}
      <div className="charts">
        <HistoryChart title="Disk use" points={disk} format={percent} max={1} />
        <HistoryChart title="Mail queue" points={queue} format={count} integer />
      </div>
    </section>
  );
}
