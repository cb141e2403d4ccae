/** The bench boxes as the app's fleet sees them, and how an observation counts: up, with a probe report and a version. */
import type { Box } from '../src-shared/domain/box';
import type { BoxHealth } from '../src-shared/domain/fleet-health';
import { noteFailure, type BenchBox, type RefreshOutcome } from './fleet-driver';

export function benchBoxAsBox(box: BenchBox): Box {
  return {
    id: box.id,
    name: box.id,
    host: box.host,
    port: box.port,
    user: box.user,
    auth: { kind: 'key', keyPath: box.privateKeyPath, hasPassphrase: false },
    tags: [],
    apiPort: box.apiPort,
    paths: box.paths,
    addedAt: new Date(0).toISOString(),
  };
}

/** How one observation counts in the benchmark: answered, or why not. */
export function judge(outcome: RefreshOutcome, health: BoxHealth): void {
  if (health.reachability !== 'up') {
    noteFailure(outcome, health.boxId, `${health.reachability}: ${health.error?.message ?? ''}`);
  } else if (health.probe === null) {
    noteFailure(outcome, health.boxId, `no probe report: ${health.error?.message ?? ''}`);
  } else if (health.version === null) {
    noteFailure(outcome, health.boxId, 'the API gave no version');
  } else {
    outcome.ok += 1;
  }
}
