/**
 * Accounts and sessions. Passwords are hashed with argon2id; a session is a random token in an
 * httpOnly cookie whose SHA-256 is stored, so a leaked database does not leak live sessions.
 * Sessions live in PostgreSQL, not in process memory, so any app server can serve any request.
 */
import crypto from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { Database, Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { CurrentUser, Role } from './schemas.ts';
import { type TokenPurpose, toUser, UserRepository } from './repository.ts';

const ARGON = { algorithm: 2 as Algorithm /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, ARGON);

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

// A fixed hash to verify against when the user does not exist, so timing does not reveal usernames.
let dummyHash: Promise<string> | null = null;

export class AuthService {
  private readonly repo: UserRepository;

  constructor(
    db: Database,
    private readonly sessionTtlHours: number,
  ) {
    this.repo = new UserRepository(db);
  }

  async login(username: string, password: string): Promise<{ user: CurrentUser; token: string; expiresAt: Date }> {
    const row = await this.repo.byUsername(username.trim().toLowerCase());
    if (!row) {
      dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
      await verify(await dummyHash, password).catch(() => false);
      throw new AppError(401, 'invalid_credentials', 'auth.invalidCredentials');
    }
    if (!(await verify(row.password_hash, password).catch(() => false))) {
      throw new AppError(401, 'invalid_credentials', 'auth.invalidCredentials');
    }
    if (row.disabled_at) throw new AppError(403, 'account_disabled', 'auth.disabled');
    return { user: toUser(row), ...(await this.openSession(Number(row.id))) };
  }

  /**
   * A new session for an account that has proved who it is (a password here, single sign-on elsewhere).
   * The caller sets the cookie with `setSessionCookie`.
   */
  async openSession(userId: number): Promise<{ token: string; expiresAt: Date }> {
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.sessionTtlHours * 3600_000);
    await this.repo.startSession(tokenHash(token), userId, expiresAt);
    return { token, expiresAt };
  }

  async logout(token: string): Promise<void> {
    await this.repo.endSession(tokenHash(token));
  }

  async userForSession(token: string): Promise<CurrentUser | null> {
    const row = await this.repo.bySession(tokenHash(token));
    return row ? toUser(row) : null;
  }

  async createUser(
    u: {
      username: string;
      password: string;
      role: Role;
      displayName: string;
      orgId?: number | null;
      districtCode?: string | null;
      email?: string | null;
    },
    tx?: Queryable,
  ): Promise<CurrentUser> {
    // tx: a registration creates the account and its claim in one transaction
    const row = await (tx ? this.repo.with(tx) : this.repo).insert({
      username: u.username.toLowerCase(),
      passwordHash: await hashPassword(u.password),
      role: u.role,
      displayName: u.displayName,
      orgId: u.orgId ?? null,
      districtCode: u.districtCode ?? null,
      email: u.email ?? null,
    });
    return toUser(row);
  }

  /** Those of the given accounts that exist and are not disabled, in the order given. */
  async activeAccounts(usernames: readonly string[]): Promise<{ username: string; role: Role }[]> {
    const byName = new Map((await this.repo.active(usernames)).map((r) => [r.username, r]));
    return usernames.flatMap((u) => {
      const r = byName.get(u);
      return r ? [{ username: r.username, role: r.role }] : [];
    });
  }

  async userExists(username: string): Promise<boolean> {
    return !!(await this.repo.byUsername(username));
  }

  // ---- for other modules (through index.ts) --------------------------------------------------

  /** The id of an account that may sign in, or null. */
  activeUserId(username: string, tx?: Queryable): Promise<number | null> {
    return (tx ? this.repo.with(tx) : this.repo).activeId(username.trim().toLowerCase());
  }

  /** An account as CurrentUser, or null. */
  async userById(id: number, tx?: Queryable): Promise<CurrentUser | null> {
    const row = await (tx ? this.repo.with(tx) : this.repo).byId(id);
    return row ? toUser(row) : null;
  }

  async userByUsername(username: string): Promise<CurrentUser | null> {
    const row = await this.repo.byUsername(username.trim().toLowerCase());
    return row ? toUser(row) : null;
  }

  /** The organization's staff accounts that may sign in (who receive what is sent to the organization). */
  orgMemberIds(orgId: number, tx?: Queryable): Promise<number[]> {
    return (tx ? this.repo.with(tx) : this.repo).orgMemberIds(orgId);
  }

  emailsOf(ids: number[], tx?: Queryable) {
    return (tx ? this.repo.with(tx) : this.repo).emailsOf(ids);
  }

  // ---- for the registration module (self-registration, invitations, password reset) ---------

  /** The address was proved by a link sent to it. */
  markEmailVerified(userId: number, tx?: Queryable): Promise<void> {
    return (tx ? this.repo.with(tx) : this.repo).markEmailVerified(userId);
  }

  /** An organization's member account now acts for it (a confirmed claim). */
  assignOrg(userId: number, orgId: number, tx?: Queryable): Promise<void> {
    return (tx ? this.repo.with(tx) : this.repo).assignOrg(userId, orgId);
  }

  /** The account with this email address (any case), or null. */
  userIdByEmail(email: string, tx?: Queryable): Promise<number | null> {
    return (tx ? this.repo.with(tx) : this.repo).idByEmail(email.trim());
  }

  /** Who reviews what happens in a district: the city administrators and that district's administrators. */
  officeUserIds(districtCode: string, tx?: Queryable): Promise<number[]> {
    return (tx ? this.repo.with(tx) : this.repo).officeIds(districtCode);
  }

  /**
   * STAND-IN with the signature of the lead's setPassword (policy, last-5 history, other sessions end),
   * so the password reset builds before it is on main; on merge, the lead's method replaces this one.
   */
  async setPassword(userId: number, password: string, opts: { actor: CurrentUser | null; tx?: Queryable }): Promise<void> {
    await (opts.tx ? this.repo.with(opts.tx) : this.repo).replacePassword(userId, await hashPassword(password));
  }

  // ---- one-time links (for this module's flows and other modules' through index.ts) -------------

  /** A new one-time token for a link sent by email; only its hash is stored. */
  async issueToken(
    purpose: TokenPurpose,
    opts: { userId: number | null; ttlMinutes: number; detail?: Record<string, unknown> },
    tx?: Queryable,
  ): Promise<string> {
    const token = crypto.randomBytes(32).toString('base64url');
    await (tx ? this.repo.with(tx) : this.repo).insertToken({
      tokenHash: tokenHash(token),
      purpose,
      userId: opts.userId,
      detail: opts.detail ?? {},
      expiresAt: new Date(Date.now() + opts.ttlMinutes * 60_000),
    });
    return token;
  }

  /** Uses a token once: its user and detail, or a 400 saying the link is invalid or has expired. */
  async useToken(token: string, purpose: TokenPurpose, tx?: Queryable): Promise<{ userId: number | null; detail: Record<string, unknown> }> {
    const found = await (tx ? this.repo.with(tx) : this.repo).useToken(tokenHash(token), purpose);
    if (!found) throw new AppError(400, 'link_invalid', 'auth.linkInvalid', {}, [{ path: 'token', key: 'auth.linkInvalid' }]);
    return found;
  }

  /** A token's detail without using it, or null. */
  async peekToken(token: string, purpose: TokenPurpose): Promise<{ userId: number | null; detail: Record<string, unknown> } | null> {
    return this.repo.peekToken(tokenHash(token), purpose);
  }
}
