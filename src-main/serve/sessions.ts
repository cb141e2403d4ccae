import { randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a browser-mode session lives. */
export interface SessionLimits {
  /** Ends a session no page has used for this long (an open page keeps it alive). */
  idleMs: number;
  /** Ends a session this long after the token was redeemed, however busy. */
  absoluteMs: number;
}

/** One hour without an open page; twelve hours at most. Then `boxfleet serve` prints a new link. */
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 60 * 60 * 1000, absoluteMs: 12 * 60 * 60 * 1000 };

export type Clock = () => number;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

interface Session {
  readonly secret: string;
  readonly createdAt: number;
  lastActive: number;
  /** Sockets of open pages; while there is one, the session is not idle. */
  attached: number;
}

export type HelloOutcome = { ok: true; session: string } | { ok: false; reason: 'token-refused' | 'session-ended' };

/**
 * The one-time token from the printed URL and the single session it buys. The token works once, so there is at
 * most one session per `boxfleet serve`; its secret lives in the page (sessionStorage), never in a cookie.
 */
export class SessionKeeper {
  private token: string | null = randomBytes(32).toString('base64url');
  private session: Session | null = null;

  constructor(
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
    private readonly now: Clock = Date.now,
  ) {}

  /** The token for the printed URL; null once it was redeemed. */
  get oneTimeToken(): string | null {
    return this.token;
  }

  /** Trades the token for a new session; refused if it is wrong or was already used. */
  redeem(token: string): HelloOutcome {
    if (this.token === null || !sameSecret(token, this.token)) return { ok: false, reason: 'token-refused' };
    this.token = null;
    const now = this.now();
    this.session = { secret: randomBytes(32).toString('base64url'), createdAt: now, lastActive: now, attached: 0 };
    return { ok: true, session: this.session.secret };
  }

  /** Resumes the session (a reload, a reconnect) if the secret is the live one. */
  resume(secret: string): HelloOutcome {
    const session = this.live();
    if (!session || !sameSecret(secret, session.secret)) return { ok: false, reason: 'session-ended' };
    session.lastActive = this.now();
    return { ok: true, session: session.secret };
  }

  /** True while `secret` names the live session; records the use. */
  touch(secret: string): boolean {
    const session = this.live();
    if (!session || session.secret !== secret) return false;
    session.lastActive = this.now();
    return true;
  }

  /** True while `secret` names the live session; does not count as a use. */
  isLive(secret: string): boolean {
    return this.live()?.secret === secret;
  }

  /** A page's socket joined (+1) or left (-1) the session. */
  attach(secret: string, delta: 1 | -1): void {
    const session = this.session;
    if (!session || session.secret !== secret) return;
    session.attached = Math.max(0, session.attached + delta);
    session.lastActive = this.now();
  }

  /** The session, unless it has expired (then it is gone for good). */
  private live(): Session | null {
    const session = this.session;
    if (!session) return null;
    const now = this.now();
    const idle = session.attached === 0 && now - session.lastActive >= this.limits.idleMs;
    if (idle || now - session.createdAt >= this.limits.absoluteMs) this.session = null;
    return this.session;
  }
}
