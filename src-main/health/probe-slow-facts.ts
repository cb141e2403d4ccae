import type { BackupSummary, TlsSummary } from '../../src-shared/domain/fleet-health';

/** The facts that cost a box seconds: the apt simulation, backup status (duplicity) and TLS status (openssl). */
export interface SlowFactValues {
  updates: number | null;
  backup: BackupSummary | null;
  tls: TlsSummary | null;
}

/**
 * Per box, the slow facts of the last full look, reused until they are `maxAgeMs` old, so most refreshes run the
 * probe's fast part only. They change at most daily on a box (apt's daily update, the nightly backup, certificate
 * renewal), so an hour's age (the default) hides nothing an alert would need sooner. Only complete answers are kept:
 * a box whose last full look missed one of them gets a full look again next time.
 */
export class SlowFacts {
  private readonly entries = new Map<string, { at: number; values: SlowFactValues }>();

  constructor(
    readonly maxAgeMs = 60 * 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The kept values while they are younger than maxAgeMs. */
  fresh(boxId: string): SlowFactValues | undefined {
    const entry = this.entries.get(boxId);
    if (!entry) return undefined;
    if (this.clock() - entry.at >= this.maxAgeMs) {
      this.entries.delete(boxId);
      return undefined;
    }
    return entry.values;
  }

  store(boxId: string, values: SlowFactValues): void {
    if (values.updates === null || values.backup === null || values.tls === null) return;
    this.entries.set(boxId, { at: this.clock(), values });
  }

  /** After a change Boxfleet made itself (a backup setting, a certificate): the next look is a full one. */
  forget(boxId: string): void {
    this.entries.delete(boxId);
  }
}
