import { getServers } from 'node:dns';
import type { StoreProblem } from '../../src-shared/contract/app';
import { ok } from '../../src-shared/contract/result';
import { AlertEngine } from '../alerts/alert-engine';
import { openAlertsFile } from '../alerts/alerts-file';
import { SILENT_NOTIFIER, type Notifier } from '../alerts/notifier';
import { BoxApiClients } from '../box/box-api-clients';
import { BoxConnector } from '../connect/box-connector';
import { BoxOperations } from '../connect/box-operations';
import { TargetRegistry } from '../connect/target-registry';
import { DnsCheck } from '../dns/dns-check-service';
import { DnsService } from '../dns/dns-service';
import { EventBus } from '../events/event-bus';
import { FleetService } from '../fleet/fleet-service';
import { openFleetFile } from '../fleet/fleet-store';
import { readSshConfig } from '../fleet/ssh-config';
import { createFleetHealth } from '../health/fleet-health-wiring';
import { Jobs } from '../jobs/jobs';
import { FleetMail } from '../mailboxes/fleet-mail';
import { MailService } from '../mailboxes/mail-service';
import { MailTransfer } from '../mailboxes/transfer-import';
import { HostKeys } from '../hostkeys/host-keys';
import { InstallService } from '../install/install-service';
import { InstallStore } from '../install/install-store';
import { openKnownHostsStorage } from '../hostkeys/known-hosts-json';
import { createRouter, type Router } from '../ipc/router';
import { createHandlers, type CallContext } from '../ipc/handlers';
import type { Keychain } from '../secrets/keychain';
import { OsKeychain } from '../secrets/os-keychain';
import { SshPool } from '../ssh/ssh-pool';
import { ensureDataDir } from '../store/data-dir';
import { readKeyFileFromDisk } from '../ssh/target-from-box';
import { appVersion } from './app-version';

export type Face = CallContext['face'];

export interface CoreOptions {
  dataDir: string;
  mode: Face;
  env?: NodeJS.ProcessEnv;
  /** Where unexpected errors go (a log file in the app, stderr in the CLI). */
  log?: (message: string) => void;
  /** Tests may pass another keychain; the app always uses the OS one. */
  keychain?: Keychain;
  /** Shows desktop notifications for alerts: the desktop face passes Electron's; elsewhere none (the page has its own). */
  notifier?: Notifier;
}

export interface Core {
  readonly router: Router<CallContext>;
  readonly events: EventBus;
  readonly dataDir: string;
  /** For the CLI's raw `api` command, which is deliberately not part of the renderer's contract. */
  readonly boxes: BoxOperations;
  /** Long work with progress and cancellation; services that run jobs are given this one. */
  readonly jobs: Jobs;
  close(): Promise<void>;
}

/** The composition root shared by the desktop app, browser mode and the CLI: services built once, wired by hand. */
export async function createCore(options: CoreOptions): Promise<Core> {
  await ensureDataDir(options.dataDir);
  const env = options.env ?? process.env;
  const log = options.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const problems: StoreProblem[] = [];
  const onProblem = (p: StoreProblem) => {
    problems.push(p);
    log(`boxfleet: ${p.file} could not be read (${p.message}); moved to ${p.movedTo ?? '(not moved)'}`);
  };
  const events = new EventBus();
  const jobs = new Jobs({ bus: events, log });
  const fleet = new FleetService(openFleetFile(options.dataDir, onProblem), events);
  const alerts = new AlertEngine({
    file: openAlertsFile(options.dataDir, onProblem),
    bus: events,
    notifier: options.notifier ?? SILENT_NOTIFIER,
    boxName: async (boxId) => {
      const box = await fleet.find(boxId);
      return box.ok && box.value.id === boxId ? box.value.name : null;
    },
    log,
  });
  // A removed box takes its alerts with it (queued before any list the window asks for after the change).
  events.on((name) => {
    if (name !== 'boxes.changed') return;
    void alerts.prune(async () => {
      const boxes = await fleet.list();
      return boxes.ok ? new Set(boxes.value.map((box) => box.id)) : null;
    });
  });
  const keychain = options.keychain ?? new OsKeychain();
  const hostKeys = new HostKeys({ storage: openKnownHostsStorage(options.dataDir, onProblem) });
  const targets = new TargetRegistry(fleet, keychain);
  const agentSocket = env['SSH_AUTH_SOCK'];
  const pool = new SshPool({
    hostKeys,
    resolveTarget: (id) => targets.resolve(id),
    ...(agentSocket ? { agentSocket } : {}),
  });
  const apis = new BoxApiClients({ ssh: pool });
  const connector = new BoxConnector({
    fleet,
    keychain,
    hostKeys,
    pool,
    apis,
    targets,
    readKeyFile: readKeyFileFromDisk,
    agentSocket,
  });
  const boxes = new BoxOperations({ fleet, keychain, hostKeys, pool, apis, targets });
  const mail = new MailService({
    api: (boxId) => boxes.api(boxId),
    hostname: async (boxId) => {
      const box = await fleet.find(boxId);
      return box.ok ? ok(box.value.detected?.hostname ?? null) : box;
    },
  });
  const fleetMail = new FleetMail({ boxes: () => fleet.list(), mail });
  const mailTransfer = new MailTransfer({ box: (boxId) => fleet.find(boxId), api: (boxId) => boxes.api(boxId), jobs });
  const dns = new DnsService({
    api: (boxId) => boxes.api(boxId),
    box: (boxId) => fleet.find(boxId),
    exec: (boxId, command, execOptions) => pool.exec(boxId, command, execOptions),
  });
  // Test beds stand loopback nameservers in for the world on another port; production asks port 53.
  const dnsPort = Number(env['BOXFLEET_DNS_PORT'] ?? '');
  const dnsCheck = new DnsCheck({
    jobs,
    box: (boxId) => fleet.find(boxId),
    facts: (boxId) => dns.outsideFacts(boxId),
    dataDir: options.dataDir,
    ...(Number.isInteger(dnsPort) && dnsPort > 0 ? { port: dnsPort } : {}),
    systemResolvers: () => getServers(),
    onProblem,
  });
  // BOXFLEET_BOOTSTRAP_URL and BOXFLEET_SMTP_PROBE (host:port) are documented test-only settings: a local HTTP
  // server stands in for mailinabox.email / power-mailinabox.net, and a local listener for aspmx.l.google.com:25.
  const bootstrapUrl = env['BOXFLEET_BOOTSTRAP_URL'] || undefined;
  const smtpProbe = /^([A-Za-z0-9.:-]+):([0-9]{1,5})$/.exec(env['BOXFLEET_SMTP_PROBE'] ?? '');
  const install = new InstallService({
    jobs,
    store: new InstallStore(options.dataDir, onProblem),
    connector,
    targets,
    ssh: pool,
    apis,
    fleet,
    keychain,
    bootstrapUrl,
    smtpProbe: smtpProbe ? { host: smtpProbe[1] as string, port: Number(smtpProbe[2]) } : undefined,
  });
  // Read the registry now, so a damaged file is moved aside and reported before the first screen asks.
  await fleet.list();
  const health = await createFleetHealth({
    dataDir: options.dataDir,
    onProblem,
    log,
    bus: events,
    jobs,
    fleet,
    pool,
    api: (boxId) => boxes.api(boxId),
    apiFor: (box) => apis.for(box),
  });
  // Alerts belong to the faces that stay open (the window, browser mode): they notify, and they own alerts.json. A CLI
  // run notifies no one, and its write would race a running app's (last writer wins), so its looks are not counted.
  if (options.mode !== 'cli') health.service.onObservation((observation) => void alerts.observe(observation));
  // Only the faces with a window run the background schedule; the CLI never starts timers.
  if (options.mode !== 'cli') await health.scheduler.start();
  const handlers = createHandlers({
    info: { name: 'Boxfleet', version: appVersion(), mode: options.mode, platform: process.platform },
    problems,
    fleet,
    connector,
    boxes,
    sshConfigHosts: () => readSshConfig(),
    jobs,
    alerts,
    health,
    mail,
    fleetMail,
    mailTransfer,
    dns,
    dnsCheck,
    install,
  });
  const router = createRouter<CallContext>(handlers, (name, error) =>
    log(`boxfleet: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  );
  return {
    router,
    events,
    dataDir: options.dataDir,
    boxes,
    jobs,
    async close() {
      jobs.close();
      await health.close();
      connector.close();
      apis.closeAll();
      pool.closeAll();
      await alerts.flush();
    },
  };
}
