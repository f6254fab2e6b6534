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
import { toUser, UserRepository } from './repository.ts';

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
    /** LOCAL_LOGIN_DISABLED_ROLES: these roles sign in only through single sign-on (sso/) */
    private readonly localLoginDisabledRoles: readonly Role[] = [],
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
    // after the password check, so the answer tells only someone who knows the password that the role is SSO-only
    if (this.localLoginDisabledRoles.includes(row.role)) throw new AppError(403, 'local_login_disabled', 'auth.localLoginDisabled');
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

  async createUser(u: {
    username: string;
    password: string;
    role: Role;
    displayName: string;
    orgId?: number | null;
    districtCode?: string | null;
    email?: string | null;
  }): Promise<CurrentUser> {
    const row = await this.repo.insert({
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
}
