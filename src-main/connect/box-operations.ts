import { ok, type Result } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import type { HostKey } from '../../src-shared/domain/credentials';
import type { BoxApiClient } from '../box/box-api-client';
import type { BoxApiClients } from '../box/box-api-clients';
import type { FleetService } from '../fleet/fleet-service';
import type { HostKeys } from '../hostkeys/host-keys';
import { deleteAllSecrets, type Keychain } from '../secrets/keychain';
import type { SshPool } from '../ssh/ssh-pool';
import { detectBox, type Detection } from './detect';
import { confirmHostKey } from './host-key-decision';
import type { TargetRegistry } from './target-registry';

export interface BoxOperationsDeps {
  fleet: FleetService;
  keychain: Keychain;
  hostKeys: HostKeys;
  pool: SshPool;
  apis: BoxApiClients;
  targets: TargetRegistry;
  now?: () => Date;
}

/** What can be done with a box once it is in the fleet: rename, remove, test, and reach its management API. */
export class BoxOperations {
  private readonly now: () => Date;

  constructor(private readonly deps: BoxOperationsDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async update(
    boxId: string,
    change: { name?: string | undefined; tags?: string[] | undefined },
  ): Promise<Result<Box>> {
    const box = await this.deps.fleet.find(boxId);
    if (!box.ok) return box;
    return this.deps.fleet.save({
      ...box.value,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.tags !== undefined ? { tags: change.tags } : {}),
    });
  }

  /** Removes the box from the registry and its secrets from the keychain; the server itself is not touched. */
  async remove(boxId: string): Promise<Result<Record<string, never>>> {
    const box = await this.deps.fleet.find(boxId);
    if (!box.ok) return box;
    const deleted = await deleteAllSecrets(this.deps.keychain, boxId);
    if (!deleted.ok) return deleted;
    this.deps.apis.forget(boxId);
    this.deps.pool.close(boxId);
    const removed = await this.deps.fleet.remove(boxId);
    return removed.ok ? ok({}) : removed;
  }

  /** Connects to a saved box (accepting a changed host key only when told its exact fingerprint) and re-detects. */
  async test(
    boxId: string,
    acceptHostKey?: string,
  ): Promise<Result<{ hostKey: HostKey; detection: Detection; roundTripMs: number }>> {
    const found = await this.deps.fleet.find(boxId);
    if (!found.ok) return found;
    const box = found.value;
    const target = await this.deps.targets.resolve(boxId);
    if (!target.ok) return target;
    const probed = await this.deps.pool.probeHostKey({
      host: box.host,
      port: box.port,
      ...(target.value.jump ? { jump: target.value.jump } : {}),
    });
    if (!probed.ok) return probed;
    const decision = await confirmHostKey(this.deps.hostKeys, box.host, box.port, probed.value, acceptHostKey);
    if (!decision.ok) return decision;
    this.deps.pool.close(boxId);
    const connected = await this.deps.pool.connection(boxId);
    if (!connected.ok) return connected;
    const started = performance.now();
    const echo = await this.deps.pool.exec(boxId, 'true', { timeoutMs: 15_000 });
    if (!echo.ok) return echo;
    const roundTripMs = performance.now() - started;
    const api = this.deps.apis.for(box);
    const detection = await detectBox(boxId, box.paths.conf, api, this.deps.pool);
    if (detection.flavour && detection.version) {
      const detected = {
        flavour: detection.flavour,
        version: detection.version,
        checkedAt: this.now().toISOString(),
        ...(detection.hostname ? { hostname: detection.hostname } : {}),
      };
      await this.deps.fleet.save({ ...box, detected });
    }
    return ok({
      hostKey: { keyType: probed.value.keyType, fingerprint: probed.value.fingerprint },
      detection,
      roundTripMs,
    });
  }

  /** The management API of a saved box. */
  async api(boxId: string): Promise<Result<BoxApiClient>> {
    const box = await this.deps.fleet.find(boxId);
    if (!box.ok) return box;
    return ok(this.deps.apis.for(box.value));
  }
}
