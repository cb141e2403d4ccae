import { type Result } from '../../src-shared/contract/result';
import type { FleetService } from '../fleet/fleet-service';
import type { Keychain } from '../secrets/keychain';
import { targetFromBox } from '../ssh/target-from-box';
import type { SshTarget } from '../ssh/types';

/**
 * Answers the SSH pool's "where and how do I log in to X": a draft's in-memory target while a box is being added,
 * otherwise the saved box's profile plus its keychain secrets.
 */
export class TargetRegistry {
  private readonly drafts = new Map<string, SshTarget>();

  constructor(
    private readonly fleet: FleetService,
    private readonly keychain: Keychain,
  ) {}

  setDraft(draftId: string, target: SshTarget): void {
    this.drafts.set(draftId, target);
  }

  dropDraft(draftId: string): void {
    this.drafts.delete(draftId);
  }

  async resolve(id: string): Promise<Result<SshTarget>> {
    const draft = this.drafts.get(id);
    if (draft) return { ok: true, value: draft };
    const box = await this.fleet.find(id);
    if (!box.ok) return box;
    return targetFromBox(box.value, { keychain: this.keychain });
  }
}
