import type { BoxFailure, FleetMailHit, PerBoxOutcome } from '../../src-shared/contract/mail-fleet';
import { fail, ok, type AppError, type Result } from '../../src-shared/contract/result';
import { mapBounded } from '../jobs/map-bounded';
import type { Box } from '../../src-shared/domain/box';
import type { MailDomainAliases, MailDomainUsers } from '../../src-shared/contract/mailboxes';
import { emailToDisplay } from '../../src-shared/domain/idn';
import {
  checkPassword,
  checkUserAddress,
  isValidEmail,
  MAIL_MESSAGES,
  normaliseAliasAddress,
  parseQuota,
} from '../../src-shared/domain/mail-rules';

/**
 * What fleet-wide mail needs of one box: its lists, and the two changes it can make on several boxes. The per-box
 * mail service is one, so a change made on ten boxes is checked and sent exactly as on one.
 */
export interface BoxMail {
  listUsers(boxId: string): Promise<Result<MailDomainUsers[]>>;
  listAliases(boxId: string): Promise<Result<MailDomainAliases[]>>;
  addUser(boxId: string, user: NewUser): Promise<Result<{ report: string }>>;
  addAlias(boxId: string, alias: NewAlias): Promise<Result<{ report: string }>>;
}

export interface NewUser {
  email: string;
  password: string;
  admin: boolean;
  quota?: string | undefined;
}

export interface NewAlias {
  address: string;
  forwardsTo: readonly string[];
  permittedSenders: readonly string[];
  update: boolean;
}

export interface FleetMailDeps {
  /** Every box in the fleet (the registry). */
  boxes(): Promise<Result<Box[]>>;
  mail: BoxMail;
  /** How many boxes are asked at once; each box's daemon serialises its own calls anyway. */
  concurrency?: number;
}

function domainOf(display: string): string {
  return display.slice(display.lastIndexOf('@') + 1);
}

function userHits(box: Box, groups: MailDomainUsers[]): FleetMailHit[] {
  return groups.flatMap((group) =>
    group.users.map((user) => {
      const display = emailToDisplay(user.email);
      return {
        boxId: box.id,
        boxName: box.name,
        kind: 'user' as const,
        address: user.email,
        display,
        domain: group.domain,
        status: user.status,
        admin: user.privileges.includes('admin'),
        auto: false,
        forwardsTo: [],
        permittedSenders: [],
      };
    }),
  );
}

function aliasHits(box: Box, groups: MailDomainAliases[]): FleetMailHit[] {
  return groups.flatMap((group) =>
    group.aliases.map((alias) => ({
      boxId: box.id,
      boxName: box.name,
      kind: 'alias' as const,
      address: alias.address,
      display: alias.display,
      domain: group.domain || domainOf(alias.display),
      status: 'active' as const,
      admin: false,
      auto: alias.auto,
      forwardsTo: alias.forwardsTo,
      permittedSenders: alias.permittedSenders,
    })),
  );
}

/** Case-insensitive match on the address in either form, its box, and where an alias forwards or who may send. */
export function hitMatches(hit: FleetMailHit, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === '') return true;
  const fields = [hit.address, hit.display, ...hit.forwardsTo, ...hit.permittedSenders];
  return fields.some((field) => field.toLowerCase().includes(needle));
}

/**
 * Users and aliases across the fleet: a search that asks every box in parallel (a box that cannot answer is a
 * failure beside the hits, never the end of the search), and the same user or alias added to several boxes with
 * one outcome per box, in the order the boxes were named.
 */
export class FleetMail {
  private readonly concurrency: number;

  constructor(private readonly deps: FleetMailDeps) {
    this.concurrency = deps.concurrency ?? 16;
  }

  async find(
    text: string,
    boxIds?: readonly string[],
  ): Promise<Result<{ hits: FleetMailHit[]; failures: BoxFailure[] }>> {
    const chosen = await this.choose(boxIds);
    if (!chosen.ok) return chosen;
    const failures: BoxFailure[] = [...chosen.value.missing];
    type Answer = { box: Box; error: AppError } | { box: Box; hits: FleetMailHit[] };
    const answers = await mapBounded(chosen.value.boxes, this.concurrency, async (box): Promise<Answer> => {
      // One box at a time per box: its daemon has a single worker, so asking both lists at once gains nothing.
      const users = await this.deps.mail.listUsers(box.id);
      if (!users.ok) return { box, error: users.error };
      const aliases = await this.deps.mail.listAliases(box.id);
      if (!aliases.ok) return { box, error: aliases.error };
      return { box, hits: [...userHits(box, users.value), ...aliasHits(box, aliases.value)] };
    });
    const hits: FleetMailHit[] = [];
    for (const answer of answers) {
      if ('error' in answer) failures.push({ boxId: answer.box.id, boxName: answer.box.name, error: answer.error });
      else hits.push(...answer.hits.filter((hit) => hitMatches(hit, text)));
    }
    return ok({ hits, failures });
  }

  /**
   * The rules every box applies alike are checked once, before any box is asked, with the box's own words; what
   * depends on a box (the user exists, DCV addresses once a box has users) comes back in that box's outcome.
   */
  async addUser(boxIds: readonly string[], user: NewUser): Promise<Result<PerBoxOutcome[]>> {
    const refused = checkUserAddress(user.email, false) ?? checkPassword(user.password);
    if (refused !== null) return invalid(refused);
    let quota: string | undefined;
    if (user.quota !== undefined && user.quota.trim() !== '') {
      const parsed = parseQuota(user.quota);
      if (!parsed.ok) return invalid(parsed.message);
      quota = parsed.value;
    }
    return this.onEach(boxIds, (boxId) => this.deps.mail.addUser(boxId, { ...user, quota }));
  }

  /** Only the address and the empty-alias rule are checked here: permitted senders must be users of each box. */
  async addAlias(boxIds: readonly string[], alias: NewAlias): Promise<Result<PerBoxOutcome[]>> {
    const address = normaliseAliasAddress(alias.address);
    if (address === '') return invalid(MAIL_MESSAGES.noEmail);
    if (!isValidEmail(address, 'alias')) return invalid(MAIL_MESSAGES.invalidAlias(address));
    const listed = (values: readonly string[]) => values.some((value) => value.trim() !== '');
    if (!listed(alias.forwardsTo) && !listed(alias.permittedSenders)) return invalid(MAIL_MESSAGES.emptyAlias);
    return this.onEach(boxIds, (boxId) => this.deps.mail.addAlias(boxId, alias));
  }

  private async onEach(
    boxIds: readonly string[],
    change: (boxId: string) => Promise<Result<{ report: string }>>,
  ): Promise<Result<PerBoxOutcome[]>> {
    const all = await this.deps.boxes();
    if (!all.ok) return all;
    const byId = new Map(all.value.map((box) => [box.id, box]));
    // A box named twice is changed once: the second attempt would only be refused as a duplicate.
    const unique = [...new Set(boxIds)];
    const outcomes = await mapBounded(unique, this.concurrency, async (boxId): Promise<PerBoxOutcome> => {
      const box = byId.get(boxId);
      if (!box) return { ok: false, boxId, boxName: boxId, error: notInFleet(boxId).error };
      const done = await change(boxId);
      return done.ok
        ? { ok: true, boxId, boxName: box.name, report: done.value.report }
        : { ok: false, boxId, boxName: box.name, error: done.error };
    });
    return ok(outcomes);
  }

  private async choose(
    boxIds: readonly string[] | undefined,
  ): Promise<Result<{ boxes: Box[]; missing: BoxFailure[] }>> {
    const all = await this.deps.boxes();
    if (!all.ok) return all;
    if (boxIds === undefined) return ok({ boxes: all.value, missing: [] });
    const byId = new Map(all.value.map((box) => [box.id, box]));
    const boxes: Box[] = [];
    const missing: BoxFailure[] = [];
    for (const boxId of new Set(boxIds)) {
      const box = byId.get(boxId);
      if (box) boxes.push(box);
      else missing.push({ boxId, boxName: boxId, error: notInFleet(boxId).error });
    }
    return ok({ boxes, missing });
  }
}

function invalid(message: string) {
  return fail('validation', message, { retryable: false });
}

function notInFleet(boxId: string) {
  return fail('not-found', `There is no box ${boxId} in the fleet (it may have been removed).`, { retryable: false });
}
