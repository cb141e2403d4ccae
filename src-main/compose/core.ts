import { mkdir } from 'node:fs/promises';
import type { StoreProblem } from '../../src-shared/contract/app';
import { EventBus } from '../events/event-bus';
import { FleetService } from '../fleet/fleet-service';
import { openFleetFile } from '../fleet/fleet-store';
import { createRouter, type Router } from '../ipc/router';
import { createHandlers, type CallContext } from '../ipc/handlers';
import { appVersion } from './app-version';

export type Face = CallContext['face'];

export interface CoreOptions {
  dataDir: string;
  mode: Face;
  env?: NodeJS.ProcessEnv;
  /** Where unexpected errors go (a log file in the app, stderr in the CLI). */
  log?: (message: string) => void;
}

export interface Core {
  readonly router: Router<CallContext>;
  readonly events: EventBus;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** The composition root shared by the desktop app, browser mode and the CLI: services built once, wired by hand. */
export async function createCore(options: CoreOptions): Promise<Core> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const log = options.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const problems: StoreProblem[] = [];
  const onProblem = (p: StoreProblem) => {
    problems.push(p);
    log(`boxfleet: ${p.file} could not be read (${p.message}); moved to ${p.movedTo ?? '(not moved)'}`);
  };
  const events = new EventBus();
  const fleet = new FleetService(openFleetFile(options.dataDir, onProblem), events);
  const handlers = createHandlers({
    info: { name: 'Boxfleet', version: appVersion(), mode: options.mode, platform: process.platform },
    problems,
    fleet,
  });
  // Read the registry now, so a damaged file is moved aside and reported before the first screen asks.
  await fleet.list();
  const router = createRouter<CallContext>(handlers, (name, error) =>
    log(`boxfleet: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  );
  return {
    router,
    events,
    dataDir: options.dataDir,
    async close() {},
  };
}
