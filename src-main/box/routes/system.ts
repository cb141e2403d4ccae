import { fail, ok, type Result } from '../../../src-shared/contract/result';
import {
  backupConfigSchema,
  backupStatusSchema,
  booleanAnswerSchema,
  jsonStringSchema,
  loginAnswerSchema,
  logoutAnswerSchema,
  statusChecksSchema,
  type BackupConfig,
  type BackupStatus,
  type LoginAnswer,
  type PackageUpdate,
  type StatusItem,
} from '../../../src-shared/domain/miab';
import type { ApiCaller } from '../api-request';
import { expectOk, json, lines, text } from './helpers';

export interface BackupConfigChange {
  /** `off`, `local` or a target URL (§4.9.3). */
  target: string;
  /** S3 access key id; sent again on every change because the box never returns it. */
  targetUser?: string;
  targetPass?: string;
  minAgeInDays: number;
  /** Power only (§6.3.6). */
  rsyncPort?: number;
}

/** `<package> (<version>)` lines; unparseable ones come as `[<raw>] ()` (§4.8.4). */
export function parseUpdates(body: string): PackageUpdate[] {
  return lines(body).map((line) => {
    const match = /^(.*) \((.*)\)$/.exec(line);
    return match ? { package: match[1] ?? line, version: match[2] ?? '' } : { package: line, version: '' };
  });
}

/** §4.8 system. */
export function systemRoutes(api: ApiCaller) {
  return {
    version: async (): Promise<Result<string>> => {
      const body = await text(api, { method: 'GET', path: '/system/version' });
      return body.ok ? ok(body.value.trim()) : body;
    },
    /** Reaches the Internet from the box; a 500 when it cannot (§4.8.2). */
    latestUpstreamVersion: async (): Promise<Result<string>> => {
      const body = await text(api, { method: 'POST', path: '/system/latest-upstream-version' });
      return body.ok ? ok(body.value.trim()) : body;
    },
    /** The status checks: slow, and they hold the daemon's only worker while they run. */
    status: (): Promise<Result<StatusItem[]>> =>
      json(api, { method: 'POST', path: '/system/status', speed: 'slow' }, statusChecksSchema),
    updates: async (): Promise<Result<PackageUpdate[]>> => {
      const body = await text(api, { method: 'GET', path: '/system/updates', speed: 'slow' });
      return body.ok ? ok(parseUpdates(body.value)) : body;
    },
    updatePackages: (): Promise<Result<string>> =>
      text(api, { method: 'POST', path: '/system/update-packages', speed: 'slow' }),
    rebootRequired: (): Promise<Result<boolean>> =>
      json(api, { method: 'GET', path: '/system/reboot' }, booleanAnswerSchema),
    /** Reboots only when a reboot is required; the box comes back with a new API key. */
    reboot: (): Promise<Result<string>> => text(api, { method: 'POST', path: '/system/reboot' }),
    privacy: (): Promise<Result<boolean>> => json(api, { method: 'GET', path: '/system/privacy' }, booleanAnswerSchema),
    setPrivacy: (isPrivate: boolean): Promise<Result<void>> =>
      expectOk(api, { method: 'POST', path: '/system/privacy', form: { value: isPrivate ? 'private' : 'off' } }),
  };
}

/** §4.9 backups. */
export function backupRoutes(api: ApiCaller) {
  return {
    status: (): Promise<Result<BackupStatus>> =>
      json(api, { method: 'GET', path: '/system/backup/status', speed: 'slow' }, backupStatusSchema),
    config: (): Promise<Result<BackupConfig>> =>
      json(api, { method: 'GET', path: '/system/backup/config' }, backupConfigSchema),
    /** The box checks the target before saving; its refusal comes back as a 200 JSON string (§4.9.3). */
    setConfig: async (change: BackupConfigChange): Promise<Result<void>> => {
      const answer = await json(
        api,
        {
          method: 'POST',
          path: '/system/backup/config',
          speed: 'slow',
          form: {
            target: change.target,
            target_user: change.targetUser ?? '',
            target_pass: change.targetPass ?? '',
            min_age: String(change.minAgeInDays),
            target_rsync_port: change.rsyncPort === undefined ? undefined : String(change.rsyncPort),
          },
        },
        jsonStringSchema,
      );
      if (!answer.ok) return answer;
      return answer.value === 'OK'
        ? ok(undefined)
        : fail('box-api-error', answer.value, { retryable: false, detail: { route: 'POST /system/backup/config' } });
    },
  };
}

/** §4.1 the control panel page and user sessions (these take a user's own credentials, not the API key). */
export function sessionRoutes(api: ApiCaller) {
  return {
    /** The unauthenticated control-panel page: a liveness probe only. */
    ping: async (): Promise<Result<void>> => {
      const answer = await api.send({ method: 'GET', path: '/', auth: 'none' });
      return answer.ok ? ok(undefined) : answer;
    },
    /** Always a 200 whose `status` says what happened; check `privileges` for `admin` (§2.3). */
    login: (email: string, password: string, totp?: string): Promise<Result<LoginAnswer>> =>
      json(
        api,
        { method: 'POST', path: '/login', auth: { email, password, ...(totp === undefined ? {} : { totp }) } },
        loginAnswerSchema,
      ),
    logout: async (email: string, sessionKey: string): Promise<Result<void>> => {
      const answer = await json(
        api,
        { method: 'POST', path: '/logout', auth: { email, password: sessionKey } },
        logoutAnswerSchema,
      );
      return answer.ok ? ok(undefined) : answer;
    },
  };
}
