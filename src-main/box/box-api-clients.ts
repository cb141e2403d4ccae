import type { Box } from '../../src-shared/domain/box';
import { BoxApiClient, type BoxApiClientDeps, type BoxSsh } from './box-api-client';

/** One BoxApiClient per box, so the key, the tunnel and the call queue are shared by every caller of that box. */
export class BoxApiClients {
  private readonly clients = new Map<string, BoxApiClient>();

  constructor(private readonly deps: { ssh: BoxSsh; timeoutsMs?: BoxApiClientDeps['timeoutsMs'] }) {}

  for(box: Pick<Box, 'id' | 'user' | 'apiPort' | 'paths' | 'detected'>): BoxApiClient {
    let client = this.clients.get(box.id);
    if (!client) {
      client = new BoxApiClient({
        ssh: this.deps.ssh,
        profile: {
          id: box.id,
          user: box.user,
          apiPort: box.apiPort,
          paths: box.paths,
          ...(box.detected ? { detected: { flavour: box.detected.flavour, version: box.detected.version } } : {}),
        },
        ...(this.deps.timeoutsMs ? { timeoutsMs: this.deps.timeoutsMs } : {}),
      });
      this.clients.set(box.id, client);
    }
    return client;
  }

  /** Call when a box is removed or its login/profile changes. */
  forget(boxId: string): void {
    this.clients.get(boxId)?.close();
    this.clients.delete(boxId);
  }

  closeAll(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}
