import { fail, ok, type Result } from '../../src-shared/contract/result';
import { parseMailinaboxConf } from '../connect/detect';
import type { FleetService } from '../fleet/fleet-service';
import type { ExecOptions, ExecResult } from '../ssh/types';
import { BOOTSTRAP_URLS, envFile, readConfCommand } from './box-scripts';
import type { InstallStore, StoredInstall } from './install-store';

const TAG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export interface RerunDeps {
  fleet: FleetService;
  store: InstallStore;
  ssh: { exec(id: string, command: string, options?: ExecOptions): Promise<Result<ExecResult>> };
  bootstrapUrl: string | undefined;
}

/**
 * A re-run or upgrade of setup on a fleet box (§8.7): the bootstrap again, with TAG for another version, and
 * PRIMARY_HOSTNAME and the addresses from the box's own /etc/mailinabox.conf. Users exist there, so EMAIL_ADDR and
 * EMAIL_PW are neither needed nor invented. It runs over the box's own login.
 */
export async function planRerun(
  deps: RerunDeps,
  request: { boxId: string; version: string | undefined; installId: string; startedAt: string },
): Promise<Result<{ stored: StoredInstall; env: string }>> {
  const { version } = request;
  const found = await deps.fleet.find(request.boxId);
  if (!found.ok) return found;
  const box = found.value;
  if (!box.detected)
    return fail('validation', `Boxfleet does not know which Mail-in-a-Box ${box.name} runs yet: test the box first.`, {
      retryable: false,
    });
  if (version !== undefined && !TAG.test(version))
    return fail('validation', 'A version is a release tag such as v75 or v60.5.', { retryable: false });
  const all = await deps.store.all();
  if (!all.ok) return all;
  const running = all.value.find((e) => e.record.boxId === box.id && e.record.state === 'running');
  if (running)
    return fail('conflict', `Setup is already running on ${box.name}: attach to it instead.`, {
      retryable: false,
      detail: { installId: running.record.installId },
    });
  const conf = await deps.ssh.exec(box.id, readConfCommand(box.paths.conf), {
    timeoutMs: 15_000,
    maxOutputBytes: 64 * 1024,
  });
  if (!conf.ok) return conf;
  const settings = conf.value.code === 0 ? parseMailinaboxConf(conf.value.stdout) : {};
  const hostname = settings['PRIMARY_HOSTNAME'];
  if (!hostname)
    return fail(
      'not-a-box',
      `${box.paths.conf} could not be read on ${box.name}, and a re-run needs its PRIMARY_HOSTNAME (§8.7).`,
      { retryable: false, detail: { stderr: conf.value.stderr.slice(0, 500) } },
    );
  const publicIp = settings['PUBLIC_IP'];
  const publicIpv6 = settings['PUBLIC_IPV6'];
  const stored: StoredInstall = {
    record: {
      installId: request.installId,
      kind: version !== undefined && version !== box.detected.version ? 'upgrade' : 'rerun',
      host: box.host,
      port: box.port,
      user: box.user,
      name: box.name,
      tags: box.tags,
      flavour: box.detected.flavour,
      version: version ?? null,
      hostname,
      startedAt: request.startedAt,
      state: 'running',
      boxId: box.id,
    },
    login: {
      targetId: box.id,
      apiPort: box.apiPort,
      paths: box.paths,
      ...(box.jumpHost ? { jumpHost: box.jumpHost } : {}),
    },
    publicIp: publicIp ?? null,
    publicIpv6: publicIpv6 || null,
  };
  const env = envFile([
    ['NONINTERACTIVE', '1'],
    ['PRIMARY_HOSTNAME', hostname],
    ...(publicIp !== undefined ? [['PUBLIC_IP', publicIp] as const] : []),
    ...(publicIpv6 !== undefined ? [['PUBLIC_IPV6', publicIpv6] as const] : []),
    ...(version !== undefined ? [['TAG', version] as const] : []),
    ['BOXFLEET_BOOTSTRAP_URL', deps.bootstrapUrl ?? BOOTSTRAP_URLS[box.detected.flavour]],
  ]);
  return ok({ stored, env });
}
