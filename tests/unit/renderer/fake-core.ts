import { createClient } from '../../../src-shared/contract/client';
import { fail, ok, type ContractHandlers, type Result } from '../../../src-shared/contract';
import type { JobInfo } from '../../../src-shared/contract/jobs';
import type { MailCapabilities, MailDomainUsers } from '../../../src-shared/contract/mailboxes';
import type { Box } from '../../../src-shared/domain/box';
import type { CredentialInput } from '../../../src-shared/domain/credentials';
import { createRouter } from '../../../src-main/ipc/router';
import { fakeAlerts } from './fake-alerts';
import { fakeDns } from './dns-fake-main';
import { fakeInstall } from './install-fake-main';
import { fakeFleet } from './fake-fleet';
import { fakeMailAliases } from './fake-mail-aliases';
import { fakeMailUsers } from './fake-mailboxes';
import type { PageVisibility } from '../../../src-renderer/stores/fleet-visibility';
import type { PageNotifications } from '../../../src-renderer/stores/page-notifications';
import { createStores } from '../../../src-renderer/stores/stores';
import type { ConnectionTransport } from '../../../src-renderer/transport/websocket-transport';

export const GOOD_KEY = '/keys/id_ed25519';
/** A key path main cannot read: refused as `validation` on the key field, before contacting the host. */
export const MISSING_KEY = '/keys/missing';
export const FINGERPRINT = 'SHA256:Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg';
/** The key a saved box presents after `changeHostKey()`. */
export const NEW_FINGERPRINT = 'SHA256:bmV3a2V5bmV3a2V5bmV3a2V5bmV3a2V5bmV3a2V5bmV3';

interface Call {
  readonly method: string;
  readonly request: Record<string, unknown>;
}

/**
 * A small stand-in for main behind the real router, so every request the stores send is checked against the
 * contract's schemas exactly as in the app. It behaves like one server: an unknown host key that must be accepted
 * by its exact fingerprint, one key file that logs in, drafts that live until saved or discarded.
 */

export function fakeCore(
  options: {
    users?: MailDomainUsers[];
    /** What the box offers for users; an upstream v75 box with quota routes unless told. */
    mailCapabilities?: MailCapabilities;
    hostKeyStatus?: 'unknown' | 'mismatch' | 'trusted';
    /** What the desktop's file dialog answers; without it this core is a face with no dialog (not-supported). */
    keyFileDialog?: { path: string } | { cancelled: true };
    /** What the desktop's save dialog answers; without it this core has no save dialog (not-supported). */
    saveDialog?: { path: string } | { cancelled: true };
    /** The face main reports; browser mode unless told. */
    mode?: 'desktop' | 'browser';
    /** The page's Notifications API as the alerts store sees it; none unless given. */
    pageNotifications?: PageNotifications;
    /** The page whose visibility the stores report; none unless given. */
    page?: PageVisibility;
    /** Main's side of `fleet.visibility`. */
    onVisibility?: (visible: boolean) => void;
  } = {},
) {
  const boxes: Box[] = [];
  /** Running and recent jobs, newest first, as main's jobs.list answers. */
  const jobs: JobInfo[] = [];
  const drafts = new Map<
    string,
    { host: string; port: number; user: string; hostname: string; credential: CredentialInput['kind'] }
  >();
  // What saved boxes present when tested; changeHostKey() makes it differ from what was pinned.
  let presented = FINGERPRINT;
  let pinned = FINGERPRINT;
  const calls: Call[] = [];
  /** Files main wrote through the save dialog. */
  const saved: Array<{ suggestedName: string; path: string; text: string }> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const held: Array<() => void> = [];
  let hold: string | null = null;
  let hostKeyStatus = options.hostKeyStatus ?? 'unknown';
  let nextId = 1;
  const emit = (name: string, payload: unknown) => listeners.get(name)?.forEach((listener) => listener(payload));

  const loginOk = (credential: CredentialInput) =>
    credential.kind === 'key-file'
      ? credential.path === GOOD_KEY
      : credential.kind === 'password' ||
        (credential.kind === 'key-text' && credential.privateKey.includes('PRIVATE KEY'));

  const notYet = async () => fail('not-supported', 'Not in this fake.');
  const alerts = fakeAlerts(boxes, emit);
  const fleetHealth = fakeFleet({ emit, onVisibility: options.onVisibility });
  // As main does: one box per host (any case), port and user.
  const sameServer = (target: { host: string; port: number; user: string }, except?: string) =>
    boxes.find(
      (b) =>
        b.id !== except &&
        b.host.toLowerCase() === target.host.toLowerCase() &&
        b.port === target.port &&
        b.user === target.user,
    );
  const alreadyAdded = (box: Box) =>
    fail('conflict', `${box.user}@${box.host}:${box.port} is already in your fleet as ${box.name}.`, {
      detail: { boxId: box.id, name: box.name },
    });
  // What main checks before contacting the host: the key file is readable, the server is not in the fleet yet.
  const refuseEarly = (request: {
    host: string;
    port: number;
    user?: string | undefined;
    replaces?: string | undefined;
    credential?: CredentialInput | undefined;
  }) => {
    if (request.credential?.kind === 'key-file' && request.credential.path === MISSING_KEY) {
      return fail('validation', `There is no file at ${MISSING_KEY}. Choose your private key file.`, {
        detail: { field: 'keyPath' },
      });
    }
    const existing =
      request.user === undefined ? undefined : sameServer({ ...request, user: request.user }, request.replaces);
    return existing ? alreadyAdded(existing) : null;
  };
  // Every mail user method first checks, as main does, that the box exists and still presents its pinned key.
  const mailUsers = fakeMailUsers({
    users: options.users,
    capabilities: options.mailCapabilities,
    reach: (boxId) => {
      if (!boxes.some((b) => b.id === boxId)) return fail('not-found', 'No such box.');
      if (presented !== pinned) {
        return fail('host-key-mismatch', 'The host key changed.', {
          detail: { keyType: 'ssh-ed25519', fingerprint: presented, expected: pinned },
        });
      }
      return null;
    },
  });
  // Main reporting a job: kept in the list and sent as a `jobs.progress` event.
  const reportJob = (job: JobInfo) => {
    const index = jobs.findIndex((known) => known.jobId === job.jobId);
    if (index < 0) jobs.unshift(job);
    else jobs.splice(index, 1, job);
    emit('jobs.progress', job);
  };
  const mailAliases = fakeMailAliases({
    boxes: () => boxes,
    users: () => mailUsers.groups,
    reach: (boxId) => (boxes.some((b) => b.id === boxId) ? null : fail('not-found', 'No such box.')),
    reportJob,
  });
  const dns = fakeDns({
    reach: (boxId) => (boxes.some((b) => b.id === boxId) ? null : fail('not-found', 'No such box.')),
    reportJob,
  });
  const install = fakeInstall({
    drafts,
    boxes,
    reportJob,
    addBox: (draft, name, tags) => {
      const box: Box = {
        id: `box-${nextId++}`,
        name,
        host: draft.host,
        port: draft.port,
        user: draft.user,
        auth: { kind: 'key', keyPath: GOOD_KEY, hasPassphrase: false },
        tags,
        apiPort: 10222,
        paths: { apiKey: '/var/lib/mailinabox/api.key', conf: '/etc/mailinabox.conf', storageRoot: '/home/user-data' },
        addedAt: '2025-01-01T00:00:00.000Z',
      };
      boxes.push(box);
      emit('boxes.changed', { reason: 'saved' });
      return box;
    },
  });
  const handlers: ContractHandlers<null> = {
    app: {
      info: async () =>
        ok({
          name: 'Boxfleet',
          version: '0.1.0',
          mode: options.mode ?? 'browser',
          platform: 'linux',
          problems: [],
          nativeKeyFilePicker: options.keyFileDialog !== undefined,
          nativeSaveDialog: options.saveDialog !== undefined,
        }),
      pickKeyFile: async () =>
        options.keyFileDialog ? ok(options.keyFileDialog) : fail('not-supported', 'No file dialog here.'),
      saveText: async ({ suggestedName, text }) => {
        if (!options.saveDialog) return fail('not-supported', 'No save dialog here.');
        if ('path' in options.saveDialog) saved.push({ suggestedName, path: options.saveDialog.path, text });
        return ok(options.saveDialog);
      },
    },
    install: install.handlers,
    boxes: {
      list: async () => ok(boxes),
      get: notYet,
      probe: async (request) => {
        const refused = refuseEarly(request);
        if (refused) return refused;
        return ok({
          keyType: 'ssh-ed25519',
          fingerprint: FINGERPRINT,
          status: hostKeyStatus,
          ...(hostKeyStatus === 'mismatch' ? { expected: 'SHA256:old' } : {}),
        });
      },
      generateKey: async () =>
        ok({
          keyId: 'key-1',
          publicKey: 'ssh-ed25519 AAAA boxfleet',
          authorizeCommand: 'echo key >> ~/.ssh/authorized_keys',
        }),
      connect: async (request) => {
        const refused = refuseEarly(request);
        if (refused) return refused;
        if (hostKeyStatus !== 'trusted' && request.acceptHostKey !== FINGERPRINT) {
          const code = hostKeyStatus === 'unknown' ? 'host-key-unknown' : 'host-key-mismatch';
          return fail(code, 'Confirm the key first.', { detail: { keyType: 'ssh-ed25519', fingerprint: FINGERPRINT } });
        }
        hostKeyStatus = 'trusted';
        if (!loginOk(request.credential)) return fail('auth-failed', 'All configured authentication methods failed.');
        const draftId = `draft-${nextId++}`;
        drafts.set(draftId, {
          host: request.host,
          port: request.port,
          user: request.user,
          hostname: 'box1.example.com',
          credential: request.credential.kind,
        });
        return ok({
          draftId,
          hostKey: { keyType: 'ssh-ed25519', fingerprint: FINGERPRINT },
          detection: { miab: true, flavour: 'upstream', version: 'v75', hostname: 'box1.example.com', admin: true },
        });
      },
      save: async ({ draftId, name, tags, replaces }) => {
        const draft = drafts.get(draftId);
        if (!draft) return fail('not-found', 'This connection attempt expired.');
        const previous = replaces === undefined ? undefined : boxes.find((b) => b.id === replaces);
        if (replaces !== undefined && !previous) return fail('not-found', 'No such box.');
        const existing = sameServer(draft, replaces);
        if (existing) return alreadyAdded(existing);
        if (boxes.some((b) => b.id !== replaces && b.name.toLowerCase() === name.toLowerCase()))
          return fail('conflict', `A box called "${name}" already exists. Choose another name.`);
        drafts.delete(draftId);
        const box: Box = {
          id: previous?.id ?? `box-${nextId++}`,
          name,
          host: draft.host,
          port: draft.port,
          user: draft.user,
          auth:
            draft.credential === 'password'
              ? { kind: 'password' }
              : { kind: 'key', keyPath: GOOD_KEY, hasPassphrase: false },
          tags,
          apiPort: 10222,
          paths: {
            apiKey: '/var/lib/mailinabox/api.key',
            conf: '/etc/mailinabox.conf',
            storageRoot: '/home/user-data',
          },
          addedAt: previous?.addedAt ?? '2025-01-01T00:00:00.000Z',
        };
        if (previous) boxes.splice(boxes.indexOf(previous), 1, box);
        else boxes.push(box);
        emit('boxes.changed', { reason: 'saved' });
        return ok(box);
      },
      discard: async ({ draftId }) => {
        drafts.delete(draftId);
        return ok({});
      },
      update: notYet,
      remove: async ({ boxId }) => {
        const index = boxes.findIndex((b) => b.id === boxId);
        if (index < 0) return fail('not-found', 'No such box.');
        boxes.splice(index, 1);
        emit('boxes.changed', { reason: 'removed' });
        return ok({});
      },
      test: async ({ boxId, acceptHostKey }) => {
        if (!boxes.some((b) => b.id === boxId)) return fail('not-found', 'No such box.');
        if (presented !== pinned) {
          if (acceptHostKey !== presented) {
            return fail('host-key-mismatch', 'The host key changed.', {
              detail: { keyType: 'ssh-ed25519', fingerprint: presented, expected: pinned },
            });
          }
          pinned = presented;
        }
        return ok({
          hostKey: { keyType: 'ssh-ed25519', fingerprint: presented },
          detection: { miab: true, flavour: 'upstream', version: 'v75', hostname: 'box1.example.com', admin: true },
          roundTripMs: 3,
        });
      },
      sshConfigHosts: async () =>
        ok([{ alias: 'mail-eu', host: 'box1.example.com', port: 2222, user: 'admin', identityFile: GOOD_KEY }]),
    },
    mailboxes: {
      ...mailUsers.handlers,
      ...mailAliases.handlers.mailboxes,
    },
    mail: mailAliases.handlers.mail,
    dns: dns.handlers,
    jobs: {
      list: async () => ok(jobs),
      cancel: async ({ jobId }) => {
        const index = jobs.findIndex((job) => job.jobId === jobId);
        const job = jobs[index];
        if (!job) return fail('not-found', 'There is no such job.');
        if (job.state !== 'running') return ok(job);
        const cancelled: JobInfo = {
          ...job,
          state: 'cancelled',
          endedAt: '2025-01-01T00:00:05.000Z',
          error: { code: 'cancelled', message: 'Cancelled.', retryable: false },
        };
        jobs.splice(index, 1, cancelled);
        emit('jobs.progress', cancelled);
        return ok(cancelled);
      },
    },
    alerts: {
      list: () => alerts.engine.list(),
      snooze: ({ boxId, kind, until }) => alerts.engine.snooze(boxId, kind, until),
    },
    ...fleetHealth.handlers,
  };
  const router = createRouter(handlers);

  const transport: ConnectionTransport = {
    state: 'open',
    onStateChange: () => () => undefined,
    close() {},
    async invoke(method, request) {
      calls.push({ method, request: request as Record<string, unknown> });
      if (hold === method) await new Promise<void>((resolve) => held.push(resolve));
      return router.call(method, request, null) as Promise<Result<unknown>>;
    },
    subscribe(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  const stores = createStores(
    createClient(transport),
    transport,
    undefined,
    options.pageNotifications,
    options.page ?? null,
  );
  return {
    stores,
    boxes,
    drafts,
    saved,
    /** The box's mail users as main would list them now. */
    mailUsers: mailUsers.groups,
    calls,
    jobs,
    /** The real alert engine: tests feed it observations and move its clock. */
    alerts,
    /** Main reporting a job: kept in the list and sent as a `jobs.progress` event. */
    reportJob,
    /** Aliases per box, boxes that are down, import jobs: see fake-mail-aliases. */
    mailAliases,
    /** Custom records, zones and outside checks per box: see dns-fake-main. */
    dns,
    /** Preflight answers, installs and their jobs, moved on by the test: see install-fake-main. */
    install,
    /** A box added behind the window's back (another window, the CLI): in the registry, in no list it read. */
    addElsewhere(box: Box) {
      boxes.push(box);
    },
    /** Saved boxes present NEW_FINGERPRINT from now on; tests stop until one accepts it by that fingerprint. */
    changeHostKey() {
      presented = NEW_FINGERPRINT;
    },
    /** Holds the answers to one method until `release()`, to look at the stores while that call is in flight. */
    holdAnswers(method: string) {
      hold = method;
    },
    release() {
      hold = null;
      held.splice(0).forEach((resolve) => resolve());
    },
  };
}

export const settle = () => new Promise((resolve) => setImmediate(resolve));
