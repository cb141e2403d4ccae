import { findings, type Finding } from '../../../src-main/alerts/alert-conditions';
import { alertMessage } from '../../../src-main/alerts/alert-messages';
import type { AlertKind, BoxHealth } from '../../../src-shared/domain/fleet-health';
import { START, engineAt, healthy, unreachable } from './alert-fixtures';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const GB = 1024 ** 3;

function withTls(expiresInMs: number, domain = 'box.example.com'): BoxHealth {
  const h = healthy(START);
  return {
    ...h,
    tls: { soonestExpiry: new Date(START.getTime() + expiresInMs).toISOString(), soonestDomain: domain, problems: 0 },
  };
}
function withBackup(ageMs: number | null, enabled = true): BoxHealth {
  const lastAt = ageMs === null ? null : new Date(START.getTime() - ageMs).toISOString();
  return { ...healthy(START), backup: { lastAt, enabled, error: null } };
}
function withDisk(storageUsedBytes: number | null, rootUsedBytes = 10 * GB): BoxHealth {
  const h = healthy(START);
  const disk = (used: number) => ({ mount: '/', totalBytes: 100 * GB, usedBytes: used, availableBytes: 0 });
  if (!h.probe) throw new Error('fixture has a probe');
  return {
    ...h,
    probe: {
      ...h.probe,
      disk: { root: disk(rootUsedBytes), storage: storageUsedBytes === null ? null : disk(storageUsedBytes) },
    },
  };
}
const of = (kind: AlertKind, health: BoxHealth): Finding => findings(health, START)[kind];
const message = (kind: AlertKind, health: BoxHealth): string => {
  const f = of(kind, health);
  if (typeof f === 'string') throw new Error(`expected ${kind} to hold, got ${f}`);
  return alertMessage('mail-one', f);
};

describe('alert conditions at their edges', () => {
  it('a healthy box holds no condition', () => {
    expect(Object.values(findings(healthy(START), START))).toEqual(Array(7).fill('absent'));
  });

  it('down: every reachability but up and host-key-changed', () => {
    expect(of('down', unreachable(START, 'box-one', 'down'))).toMatchObject({ kind: 'down' });
    expect(of('down', unreachable(START, 'box-one', 'auth-failed'))).toMatchObject({ kind: 'down' });
    expect(of('down', unreachable(START, 'box-one', 'error'))).toMatchObject({ kind: 'down' });
    expect(of('down', unreachable(START, 'box-one', 'host-key-changed'))).toBe('absent');
    expect(of('host-key-changed', unreachable(START, 'box-one', 'host-key-changed'))).toMatchObject({
      kind: 'host-key-changed',
    });
  });

  it('tls: within 14 days raises, a moment later does not; none signed is unknown', () => {
    expect(of('tls-expiring', withTls(14 * DAY))).toMatchObject({ daysLeft: 14 });
    expect(of('tls-expiring', withTls(14 * DAY + 1))).toBe('absent');
    expect(message('tls-expiring', withTls(5 * DAY + HOUR))).toBe(
      'The TLS certificate for box.example.com on mail-one expires in 5 days.',
    );
    expect(message('tls-expiring', withTls(-DAY))).toBe(
      'The TLS certificate for box.example.com on mail-one expires within a day or has expired.',
    );
    // A box's odd text never reaches the message.
    expect(message('tls-expiring', withTls(DAY, '<b>x</b> click here'))).toBe(
      'A TLS certificate on mail-one expires in 1 day.',
    );
    const none = healthy(START);
    expect(of('tls-expiring', { ...none, tls: { soonestExpiry: null, soonestDomain: null, problems: 2 } })).toBe(
      'unknown',
    );
    expect(of('tls-expiring', { ...none, tls: null })).toBe('unknown');
  });

  it('backup: older than 48 hours raises, exactly 48 does not; off clears; none yet is unknown', () => {
    expect(of('backup-stale', withBackup(48 * HOUR))).toBe('absent');
    expect(of('backup-stale', withBackup(48 * HOUR + 1))).toMatchObject({ hoursSince: 48 });
    expect(message('backup-stale', withBackup(73 * HOUR))).toBe('The last backup of mail-one is 73 hours old.');
    expect(of('backup-stale', withBackup(90 * HOUR, false))).toBe('absent');
    expect(of('backup-stale', withBackup(null))).toBe('unknown');
    expect(of('backup-stale', { ...healthy(START), backup: null })).toBe('unknown');
  });

  it('check error: any error in the newest run; no run is unknown', () => {
    const h = healthy(START);
    const errors = (error: number): BoxHealth => ({ ...h, checks: { ok: 1, warning: 0, error, at: h.observedAt } });
    expect(of('check-error', errors(0))).toBe('absent');
    expect(message('check-error', errors(1))).toBe('The status checks of mail-one show 1 error.');
    expect(of('check-error', { ...h, checks: null })).toBe('unknown');
  });

  it('disk: past 90% of the storage disk (root when storage is unknown) raises, exactly 90% does not', () => {
    expect(of('disk-full', withDisk(90 * GB))).toBe('absent');
    expect(of('disk-full', withDisk(90 * GB + 1))).toMatchObject({ percent: 90, which: 'storage' });
    expect(message('disk-full', withDisk(93.57 * GB))).toBe('The mail storage disk of mail-one is 93.5% full.');
    expect(of('disk-full', withDisk(10 * GB, 95 * GB))).toBe('absent');
    expect(message('disk-full', withDisk(null, 95 * GB))).toBe('The root disk of mail-one is 95% full.');
    expect(of('disk-full', { ...healthy(START), probe: null })).toBe('unknown');
  });

  it('reboot: only a known true raises', () => {
    const h = healthy(START);
    if (!h.probe) throw new Error('fixture has a probe');
    expect(of('reboot-required', { ...h, probe: { ...h.probe, rebootRequired: true } })).toMatchObject({
      kind: 'reboot-required',
    });
    expect(of('reboot-required', { ...h, probe: { ...h.probe, rebootRequired: null } })).toBe('unknown');
  });

  it('each condition raises its own alert after two observations', async () => {
    const t = await engineAt();
    const everything = (at: Date): BoxHealth => {
      const h = healthy(at);
      if (!h.probe) throw new Error('fixture has a probe');
      const big = { mount: '/', totalBytes: 100 * GB, usedBytes: 95 * GB, availableBytes: 0 };
      return {
        ...h,
        probe: { ...h.probe, rebootRequired: true, disk: { root: big, storage: big } },
        backup: { lastAt: new Date(at.getTime() - 72 * HOUR).toISOString(), enabled: true, error: null },
        tls: { soonestExpiry: new Date(at.getTime() + 5 * DAY).toISOString(), soonestDomain: null, problems: 0 },
        checks: { ok: 1, warning: 0, error: 2, at: h.observedAt },
      };
    };
    await t.observe(everything);
    expect(await t.active()).toEqual([]);
    await t.observe(everything);
    expect((await t.active()).map((a) => a.kind).sort()).toEqual(
      ['backup-stale', 'check-error', 'disk-full', 'reboot-required', 'tls-expiring'].sort(),
    );
    expect(t.notifications).toHaveLength(5);
  });
});
