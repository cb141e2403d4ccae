import { randomBytes } from 'node:crypto';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import {
  DEFAULT_BOX_PATHS,
  findSameServer,
  sameServerMessage,
  type Box,
  type BoxPaths,
  type JumpHost,
  type ServerLogin,
} from '../../src-shared/domain/box';
import type { CredentialInput, HostKey } from '../../src-shared/domain/credentials';
import { deleteAllSecrets, keychainAccount } from '../secrets/keychain';
import { authorizeCommand, generateEd25519KeyPair } from '../ssh/key-pairs';
import type { SshEndpoint } from '../ssh/types';
import { resolveCredential, type ResolvedCredential } from './credentials';
import type { BoxOperationsDeps } from './box-operations';
import { detectBox, type Detection } from './detect';
import { confirmHostKey, withKeyOnRecord } from './host-key-decision';
import { replaceSecrets, restoreSecrets } from './replace-secrets';

export interface ConnectRequest {
  host: string;
  port: number;
  user: string;
  jumpHost?: JumpHost | undefined;
  apiPort: number;
  paths?: BoxPaths | undefined;
  credential: CredentialInput;
  acceptHostKey?: string | undefined;
  /** The saved box whose connection this edits: logging in to its own server again is not a duplicate. */
  replaces?: string | undefined;
}

interface Draft {
  request: ConnectRequest;
  credential: ResolvedCredential;
  hostKey: HostKey;
  detection: Detection;
  expires: NodeJS.Timeout;
}

export interface BoxConnectorDeps extends BoxOperationsDeps {
  readKeyFile(path: string): Promise<Result<string>>;
  agentSocket: string | undefined;
  /** How long a connected but unsaved draft (and its secrets, in memory) lives. */
  draftTtlMs?: number;
}

function newId(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

/**
 * Adding and reaching boxes: first contact with host-key confirmation, login, detection, and saving. A credential
 * reaches the keychain only after it logged in; until the admin names the box it lives in memory as a draft.
 */
export class BoxConnector {
  private readonly drafts = new Map<string, Draft>();
  private readonly generated = new Map<
    string,
    { privateKey: string; publicKeyLine: string; expires: NodeJS.Timeout }
  >();
  private readonly now: () => Date;
  private readonly ttl: number;

  constructor(private readonly deps: BoxConnectorDeps) {
    this.now = deps.now ?? (() => new Date());
    this.ttl = deps.draftTtlMs ?? 15 * 60_000;
  }

  /**
   * First contact: the host key the server presents. Before any host is contacted, a server the fleet already reaches
   * is refused (when the user is given) and a credential, when given, is checked (a key file that is missing or not a
   * private key); with a jump host the credential logs in to the jump host.
   */
  async probe(target: {
    host: string;
    port: number;
    jumpHost?: JumpHost | undefined;
    credential?: CredentialInput | undefined;
    user?: string | undefined;
    replaces?: string | undefined;
  }) {
    if (target.user !== undefined) {
      const unique = await this.refuseDuplicate(
        { host: target.host, port: target.port, user: target.user },
        target.replaces,
      );
      if (!unique.ok) return unique;
    }
    let jump: SshEndpoint | undefined;
    if (target.jumpHost && !target.credential) {
      return fail(
        'validation',
        'Boxfleet logs in to the jump host with the same credential as the box: enter it first.',
      );
    }
    if (target.credential) {
      const credential = await this.resolve(target.credential);
      if (!credential.ok) return credential;
      if (target.jumpHost) jump = { ...target.jumpHost, auth: credential.value.auth };
    }
    const probed = await this.deps.pool.probeHostKey({
      host: target.host,
      port: target.port,
      ...(jump ? { jump } : {}),
    });
    return probed.ok ? ok(await withKeyOnRecord(this.deps.hostKeys, target.host, target.port, probed.value)) : probed;
  }

  /** Refuses a second box for a server the fleet already reaches, naming the box so the caller can offer to open it. */
  private async refuseDuplicate(login: ServerLogin, exceptBoxId: string | undefined): Promise<Result<void>> {
    const boxes = await this.deps.fleet.list();
    if (!boxes.ok) return boxes;
    const existing = findSameServer(boxes.value, login, exceptBoxId);
    if (!existing) return ok(undefined);
    return fail('conflict', sameServerMessage(existing), {
      retryable: false,
      detail: { boxId: existing.id, name: existing.name },
    });
  }

  generateKey(): { keyId: string; publicKey: string; authorizeCommand: string } {
    const pair = generateEd25519KeyPair('boxfleet');
    const keyId = newId('key');
    const expires = setTimeout(() => this.generated.delete(keyId), 60 * 60_000);
    expires.unref();
    this.generated.set(keyId, { ...pair, expires });
    return { keyId, publicKey: pair.publicKeyLine, authorizeCommand: authorizeCommand(pair.publicKeyLine) };
  }

  async connect(request: ConnectRequest): Promise<Result<{ draftId: string; hostKey: HostKey; detection: Detection }>> {
    const unique = await this.refuseDuplicate(request, request.replaces);
    if (!unique.ok) return unique;
    const credential = await this.resolve(request.credential);
    if (!credential.ok) return credential;
    const probed = await this.probe(request);
    if (!probed.ok) return probed;
    const decision = await confirmHostKey(
      this.deps.hostKeys,
      request.host,
      request.port,
      probed.value,
      request.acceptHostKey,
    );
    if (!decision.ok) return decision;

    const draftId = newId('draft');
    const jump = request.jumpHost ? { ...request.jumpHost, auth: credential.value.auth } : undefined;
    this.deps.targets.setDraft(draftId, {
      host: request.host,
      port: request.port,
      user: request.user,
      auth: credential.value.auth,
      ...(jump ? { jump } : {}),
    });
    const connected = await this.deps.pool.connection(draftId);
    if (!connected.ok) {
      this.forgetDraftConnection(draftId);
      return connected;
    }
    const paths = request.paths ?? DEFAULT_BOX_PATHS;
    const api = this.deps.apis.for({ id: draftId, user: request.user, apiPort: request.apiPort, paths });
    const detection = await detectBox(draftId, paths.conf, api, this.deps.pool);
    const hostKey = { keyType: probed.value.keyType, fingerprint: probed.value.fingerprint };
    const expires = setTimeout(() => void this.discard(draftId), this.ttl);
    expires.unref();
    this.drafts.set(draftId, {
      request: { ...request, paths },
      credential: credential.value,
      hostKey,
      detection,
      expires,
    });
    return ok({ draftId, hostKey, detection });
  }

  /**
   * Saves a connected draft as a box. With `replaces`, the draft becomes the new connection of that saved box: its
   * id, addedAt and host-key history stay, name and tags come from the request, profile and credential from the
   * draft. The old credential stays in the keychain until the new one is written, and comes back if saving fails.
   */
  async save(draftId: string, name: string, tags: string[], replaces?: string): Promise<Result<Box>> {
    const draft = this.drafts.get(draftId);
    if (!draft) return fail('not-found', 'This connection attempt expired. Connect to the server again.');
    let previous: Box | undefined;
    if (replaces !== undefined) {
      const found = await this.deps.fleet.find(replaces);
      if (!found.ok) return found;
      previous = found.value;
    }
    const unique = await this.refuseDuplicate(draft.request, previous?.id);
    if (!unique.ok) return unique;
    const box = this.boxFromDraft(draft, previous?.id ?? newId('box'), name, tags, previous?.addedAt);
    if (previous) return this.replaceConnection(draftId, draft, box);
    for (const [kind, secret] of draft.credential.secrets) {
      const stored = await this.deps.keychain.set(keychainAccount(box.id, kind), secret);
      if (!stored.ok) {
        await deleteAllSecrets(this.deps.keychain, box.id);
        return stored;
      }
    }
    const saved = await this.deps.fleet.save(box);
    if (!saved.ok) {
      await deleteAllSecrets(this.deps.keychain, box.id);
      return saved;
    }
    await this.discard(draftId);
    return saved;
  }

  private async replaceConnection(draftId: string, draft: Draft, box: Box): Promise<Result<Box>> {
    const before = await replaceSecrets(this.deps.keychain, box.id, draft.credential.secrets);
    if (!before.ok) return before;
    // The live connection and API client still log in the old way: the next call must use the new login.
    this.deps.apis.forget(box.id);
    this.deps.pool.close(box.id);
    const saved = await this.deps.fleet.save(box);
    if (!saved.ok) {
      await restoreSecrets(this.deps.keychain, box.id, before.value);
      return saved;
    }
    await this.discard(draftId);
    return saved;
  }

  private boxFromDraft(draft: Draft, id: string, name: string, tags: string[], addedAt: string | undefined): Box {
    const { request, detection } = draft;
    return {
      id,
      name,
      host: request.host,
      port: request.port,
      user: request.user,
      auth: draft.credential.method,
      tags,
      apiPort: request.apiPort,
      paths: request.paths ?? DEFAULT_BOX_PATHS,
      addedAt: addedAt ?? this.now().toISOString(),
      ...(request.jumpHost ? { jumpHost: request.jumpHost } : {}),
      ...(detection.flavour && detection.version
        ? {
            detected: {
              flavour: detection.flavour,
              version: detection.version,
              checkedAt: this.now().toISOString(),
              ...(detection.hostname ? { hostname: detection.hostname } : {}),
            },
          }
        : {}),
    };
  }

  /**
   * A connected draft's login and what connecting found, for work that outlives the draft (an install keeps the
   * credential in the keychain under its own id while setup runs). The secrets stay in memory here; the caller
   * decides where they go.
   */
  draftLogin(draftId: string): Result<{
    request: ConnectRequest & { paths: BoxPaths };
    credential: ResolvedCredential;
    hostKey: HostKey;
    detection: Detection;
  }> {
    const draft = this.drafts.get(draftId);
    if (!draft) return fail('not-found', 'This connection attempt expired. Connect to the server again.');
    return ok({
      request: { ...draft.request, paths: draft.request.paths ?? DEFAULT_BOX_PATHS },
      credential: draft.credential,
      hostKey: draft.hostKey,
      detection: draft.detection,
    });
  }

  /** Forgets a draft. An id that is not a live draft changes nothing: no map anywhere learns a caller's string. */
  async discard(draftId: string): Promise<Result<Record<string, never>>> {
    const draft = this.drafts.get(draftId);
    if (!draft) return ok({});
    clearTimeout(draft.expires);
    this.drafts.delete(draftId);
    this.forgetDraftConnection(draftId);
    return ok({});
  }

  close(): void {
    for (const id of [...this.drafts.keys()]) void this.discard(id);
    for (const g of this.generated.values()) clearTimeout(g.expires);
    this.generated.clear();
  }

  private resolve(input: CredentialInput): Promise<Result<ResolvedCredential>> {
    return resolveCredential(input, {
      readKeyFile: this.deps.readKeyFile,
      generatedKey: (id) => this.generated.get(id),
      agentSocket: this.deps.agentSocket,
    });
  }

  private forgetDraftConnection(draftId: string): void {
    this.deps.apis.forget(draftId);
    this.deps.pool.close(draftId);
    this.deps.targets.dropDraft(draftId);
  }
}
