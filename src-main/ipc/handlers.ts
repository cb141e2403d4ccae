import { fail, ok, type ContractHandlers, type Result } from '../../src-shared/contract';
import type { AppInfo, PickedKeyFile, SavedFile, StoreProblem } from '../../src-shared/contract/app';
import type { AlertEngine } from '../alerts/alert-engine';
import type { BoxConnector } from '../connect/box-connector';
import type { BoxOperations } from '../connect/box-operations';
import type { FleetService } from '../fleet/fleet-service';
import type { FleetHealth } from '../health/fleet-health-wiring';
import type { Jobs } from '../jobs/jobs';
import type { SshConfigHost } from '../fleet/ssh-config';
import type { FleetMail } from '../mailboxes/fleet-mail';
import type { MailService } from '../mailboxes/mail-service';
import type { MailTransfer } from '../mailboxes/transfer-import';
import type { DnsCheck } from '../dns/dns-check-service';
import type { DnsService } from '../dns/dns-service';
import type { InstallService } from '../install/install-service';

/** Which face a call came through; handlers may refuse things a face must not do. */
export interface CallContext {
  face: 'desktop' | 'browser' | 'cli';
  /** The desktop window's system dialogs; absent in browser mode and the CLI, which have none. */
  dialogs?: FaceDialogs;
}

/** What a face with a native UI offers; only paths come back, main reads the files itself. */
export interface FaceDialogs {
  openKeyFile(): Promise<PickedKeyFile>;
  /** Asks where to save, then main writes the file; the window only learns the path. */
  saveText(suggestedName: string, text: string): Promise<Result<SavedFile>>;
}

export interface HandlerDeps {
  info: Omit<AppInfo, 'problems' | 'nativeKeyFilePicker' | 'nativeSaveDialog'>;
  problems: readonly StoreProblem[];
  fleet: FleetService;
  connector: BoxConnector;
  boxes: BoxOperations;
  sshConfigHosts: () => Promise<SshConfigHost[]>;
  jobs: Jobs;
  alerts: AlertEngine;
  health: FleetHealth;
  mail: MailService;
  fleetMail: FleetMail;
  mailTransfer: MailTransfer;
  dns: DnsService;
  dnsCheck: DnsCheck;
  install: InstallService;
}

function dnsHandlers(dns: DnsService, check: DnsCheck): ContractHandlers<CallContext>['dns'] {
  return {
    capabilities: ({ boxId }) => dns.capabilities(boxId),
    custom: {
      list: ({ boxId }) => dns.listCustom(boxId),
      set: ({ boxId, qname, rtype, value, ttl }) => dns.setRecord(boxId, { qname, rtype, value, ttl }),
      add: ({ boxId, qname, rtype, value, ttl }) => dns.addRecord(boxId, { qname, rtype, value, ttl }),
      remove: ({ boxId, qname, rtype, value }) => dns.removeRecord(boxId, { qname, rtype, value }),
    },
    secondary: {
      get: ({ boxId }) => dns.secondary(boxId),
      set: ({ boxId, entries }) => dns.setSecondary(boxId, entries),
    },
    dump: ({ boxId }) => dns.dump(boxId),
    zonefile: ({ boxId, zone }) => dns.zonefile(boxId, zone),
    delegation: ({ boxId }) => dns.delegation(boxId),
    check: {
      start: ({ boxIds, resolvers }) => check.start(boxIds, resolvers),
      result: async ({ jobId }) => check.result(jobId),
      last: async ({ boxId }) => check.last(boxId),
      settings: {
        get: () => check.getSettings(),
        set: ({ resolvers }) => check.setSettings({ resolvers }),
      },
    },
  };
}

function installHandlers(install: InstallService): ContractHandlers<CallContext>['install'] {
  return {
    preflight: ({ draftId, flavour, hostname }) => install.preflight(draftId, flavour, hostname),
    start: ({ draftId, answers, name, tags }) => install.start(draftId, answers, name, tags),
    list: () => install.list(),
    status: ({ installId }) => install.status(installId),
    attach: ({ installId }) => install.attach(installId),
    forget: ({ installId }) => install.forget(installId),
    upgrade: ({ boxId, version }) => install.upgrade(boxId, version),
  };
}

/** Contract method → service call. Kept thin: validation happened in the router, logic lives in the services. */
export function createHandlers(deps: HandlerDeps): ContractHandlers<CallContext> {
  const { connector, boxes, health } = deps;
  return {
    app: {
      info: async (_request, ctx) =>
        ok({
          ...deps.info,
          problems: [...deps.problems],
          nativeKeyFilePicker: ctx.dialogs !== undefined,
          nativeSaveDialog: ctx.dialogs !== undefined,
        }),
      pickKeyFile: async (_request, ctx) =>
        ctx.dialogs
          ? ok(await ctx.dialogs.openKeyFile())
          : fail('not-supported', 'There is no system file dialog here: choose the key file in the window instead.', {
              retryable: false,
            }),
      saveText: async ({ suggestedName, text }, ctx) =>
        ctx.dialogs
          ? ctx.dialogs.saveText(suggestedName, text)
          : fail('not-supported', 'There is no system save dialog here: the window saves the file as a download.', {
              retryable: false,
            }),
    },
    boxes: {
      list: () => deps.fleet.list(),
      get: ({ boxId }) => deps.fleet.find(boxId),
      probe: (target) => connector.probe(target),
      generateKey: async () => ok(connector.generateKey()),
      connect: (request) => connector.connect(request),
      save: ({ draftId, name, tags, replaces }) => connector.save(draftId, name, tags, replaces),
      discard: ({ draftId }) => connector.discard(draftId),
      update: ({ boxId, name, tags }) => boxes.update(boxId, { name, tags }),
      remove: ({ boxId }) => boxes.remove(boxId),
      test: ({ boxId, acceptHostKey }) => boxes.test(boxId, acceptHostKey),
      sshConfigHosts: async () => ok(await deps.sshConfigHosts()),
    },
    mailboxes: {
      users: {
        list: ({ boxId }) => deps.mail.listUsers(boxId),
        add: ({ boxId, email, password, admin, quota }) => deps.mail.addUser(boxId, { email, password, admin, quota }),
        archive: ({ boxId, email }) => deps.mail.archiveUser(boxId, email),
        setPassword: ({ boxId, email, password }) => deps.mail.setPassword(boxId, email, password),
        setAdmin: ({ boxId, email, admin }) => deps.mail.setAdmin(boxId, email, admin),
        quota: ({ boxId, email }) => deps.mail.quota(boxId, email),
        setQuota: ({ boxId, email, quota }) => deps.mail.setQuota(boxId, email, quota),
      },
      capabilities: ({ boxId }) => deps.mail.capabilities(boxId),
      domains: ({ boxId }) => deps.mail.domains(boxId),
      guide: ({ boxId }) => deps.mail.guide(boxId),
      aliases: {
        list: ({ boxId }) => deps.mail.listAliases(boxId),
        add: ({ boxId, address, forwardsTo, permittedSenders, update }) =>
          deps.mail.addAlias(boxId, { address, forwardsTo, permittedSenders, update }),
        remove: ({ boxId, address }) => deps.mail.removeAlias(boxId, address),
      },
    },
    mail: {
      find: ({ text, boxIds }) => deps.fleetMail.find(text, boxIds),
      addUser: ({ boxIds, email, password, admin, quota }) =>
        deps.fleetMail.addUser(boxIds, { email, password, admin, quota }),
      addAlias: ({ boxIds, address, forwardsTo, permittedSenders, update }) =>
        deps.fleetMail.addAlias(boxIds, { address, forwardsTo, permittedSenders, update }),
      export: ({ boxId, kind, format }) => deps.mailTransfer.export(boxId, kind, format),
      planImport: (request) => deps.mailTransfer.plan(request),
      applyImport: (request) => deps.mailTransfer.apply(request),
      importResult: async ({ jobId }) => deps.mailTransfer.result(jobId),
    },
    dns: dnsHandlers(deps.dns, deps.dnsCheck),
    install: installHandlers(deps.install),
    jobs: {
      list: async () => ok(deps.jobs.list()),
      cancel: async ({ jobId }) => deps.jobs.cancel(jobId),
    },
    alerts: {
      list: () => deps.alerts.list(),
      snooze: ({ boxId, kind, until }) => deps.alerts.snooze(boxId, kind, until),
    },
    fleet: {
      health: async ({ boxIds }) => ok(await health.service.health(boxIds)),
      refresh: async ({ boxIds }) => {
        const started = await health.service.refresh(boxIds);
        return started.ok ? ok({ jobId: started.value.jobId }) : started;
      },
      history: async ({ boxId }) => ok(await health.service.history(boxId)),
      schedule: {
        get: async () => ok(health.scheduler.get()),
        set: (change) => health.scheduler.set(change),
      },
      visibility: async ({ visible }) => {
        health.scheduler.setVisible(visible);
        return ok({});
      },
    },
    checks: {
      run: async ({ boxId }) => {
        const started = await health.service.runChecks(boxId);
        return started.ok ? ok({ jobId: started.value.jobId }) : started;
      },
      show: ({ boxId }) => health.service.showChecks(boxId),
    },
  };
}
