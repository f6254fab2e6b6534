/**
 * Accounts and sessions. Passwords are hashed with argon2id; a session is a random token in an
 * httpOnly cookie whose SHA-256 is stored, so a leaked database does not leak live sessions.
 * Sessions live in PostgreSQL, not in process memory, so any app server can serve any request.
 *
 * Sign-in (等保 2.0 身份鉴别): repeated failures lock the account and the address for a while (the
 * right password does not get through a lock); an office account may add a second factor (TOTP);
 * a session ends when idle too long or past its absolute lifetime, both stricter for office roles.
 * Every sign-in, failure, lock and ended session is written to the audit trail.
 */
import crypto from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { Database, Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { currentOrigin, recordAudit } from '../../platform/audit/index.ts';
import type { SecurityConfig } from '../../config.ts';
import type { CurrentUser, Role } from './schemas.ts';
import { type SessionRow, type TokenPurpose, toUser, type UserRow, UserRepository } from './repository.ts';
import { isReused, passwordProblems } from './passwords.ts';
import { verifyTotp } from './totp.ts';

const ARGON = { algorithm: 2 as Algorithm /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, ARGON);

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

// A fixed hash to verify against when the user does not exist, so timing does not reveal usernames.
let dummyHash: Promise<string> | null = null;

/** The office roles: stricter session limits, and the second factor is offered to them. */
export const isOfficeRole = (role: Role) => role === 'admin' || role === 'district_admin';

const actorOf = (u: { id: number; username: string; role: Role }) => ({ id: Number(u.id), username: u.username, role: u.role });

export class AuthService {
  readonly repo: UserRepository;

  constructor(
    readonly db: Database,
    readonly security: SecurityConfig,
  ) {
    this.repo = new UserRepository(db);
  }

  async login(username: string, password: string, code?: string): Promise<{ user: CurrentUser; token: string; expiresAt: Date }> {
    const name = username.trim().toLowerCase();
    const ip = currentOrigin().ip ?? 'unknown';
    await this.refuseWhileLocked(name, ip);
    const row = await this.repo.byUsername(name);
    if (!row) {
      dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
      await verify(await dummyHash, password).catch(() => false);
      return this.failed(name, ip, null, 'unknown_user');
    }
    if (!(await verify(row.password_hash, password).catch(() => false))) return this.failed(name, ip, row, 'wrong_password');
    if (row.disabled_at) {
      await recordAudit(this.db, {
        type: 'auth.login_failed',
        outcome: 'denied',
        actor: actorOf(row),
        subject: { type: 'user', id: row.id },
        detail: { reason: 'disabled' },
      });
      throw new AppError(403, 'account_disabled', 'auth.disabled');
    }
    // LOCAL_LOGIN_DISABLED_ROLES (sso/): after the password check, so only someone who knows the password learns the role is SSO-only
    if (this.security.localLoginDisabledRoles.includes(row.role)) throw new AppError(403, 'local_login_disabled', 'auth.localLoginDisabled');
    if (row.totp_enabled_at && row.totp_secret) {
      // the password was right: asking for the code is not a failure; a wrong code is
      if (!code) throw new AppError(401, 'totp_required', 'auth.totpRequired', {}, [{ path: 'code', key: 'auth.totpRequired' }]);
      if (!verifyTotp(row.totp_secret, code)) return this.failed(name, ip, row, 'wrong_code');
    }
    await this.repo.clearFailures(name);
    if (row.locked_until) await this.repo.lockUntil(Number(row.id), null);
    const session = await this.openSession(Number(row.id), row.role);
    await recordAudit(this.db, { type: 'auth.login', actor: actorOf(row), districtCode: row.district_code, subject: { type: 'user', id: row.id } });
    return { user: toUser(row), ...session };
  }

  /** 423 while the account is locked, 429 while the address is (even with the right password). */
  private async refuseWhileLocked(name: string, ip: string): Promise<void> {
    const { maxFailures, windowMinutes } = this.security.lockout;
    const since = new Date(Date.now() - windowMinutes * 60_000);
    const row = await this.repo.byUsername(name);
    const f = await this.repo.failuresSince(name, ip, since);
    const lockedUntil = row?.locked_until && row.locked_until > new Date() ? row.locked_until : null;
    if (lockedUntil || f.by_name >= maxFailures) {
      const until = lockedUntil ?? new Date(new Date(f.oldest_name!).getTime() + windowMinutes * 60_000);
      await recordAudit(this.db, {
        type: 'auth.login_refused',
        outcome: 'denied',
        actor: row ? actorOf(row) : null,
        subject: row ? { type: 'user', id: row.id } : null,
        detail: { username: name, reason: 'account_locked', until: until.toISOString() },
      });
      throw new AppError(423, 'account_locked', 'auth.locked', { until: beijingTime(until), minutes: minutesUntil(until) }, [], {
        retryAfter: secondsUntil(until),
      });
    }
    if (f.by_ip >= this.security.lockout.maxFailuresPerAddress) {
      const until = new Date(new Date(f.oldest_ip!).getTime() + windowMinutes * 60_000);
      await recordAudit(this.db, { type: 'auth.login_refused', outcome: 'denied', detail: { username: name, reason: 'address_locked' } });
      throw new AppError(429, 'too_many_attempts', 'auth.addressLocked', { minutes: minutesUntil(until) }, [], { retryAfter: secondsUntil(until) });
    }
  }

  private async failed(name: string, ip: string, row: UserRow | undefined | null, reason: string): Promise<never> {
    const { maxFailures, windowMinutes } = this.security.lockout;
    await this.repo.recordFailure(name, ip);
    await recordAudit(this.db, {
      type: 'auth.login_failed',
      outcome: 'failure',
      actor: row ? actorOf(row) : null,
      districtCode: row?.district_code ?? null,
      subject: row ? { type: 'user', id: row.id } : null,
      detail: { username: name, reason },
    });
    const f = await this.repo.failuresSince(name, ip, new Date(Date.now() - windowMinutes * 60_000));
    if (row && f.by_name >= maxFailures) {
      const until = new Date(Date.now() + windowMinutes * 60_000);
      await this.repo.lockUntil(Number(row.id), until);
      await recordAudit(this.db, {
        type: 'auth.locked',
        outcome: 'denied',
        actor: actorOf(row),
        districtCode: row.district_code,
        subject: { type: 'user', id: row.id },
        detail: { failures: f.by_name, until: until.toISOString() },
      });
      throw new AppError(423, 'account_locked', 'auth.locked', { until: beijingTime(until), minutes: windowMinutes }, [], { retryAfter: windowMinutes * 60 });
    }
    if (reason === 'wrong_code') throw new AppError(401, 'totp_invalid', 'auth.totpInvalid', {}, [{ path: 'code', key: 'auth.totpInvalid' }]);
    throw new AppError(401, 'invalid_credentials', 'auth.invalidCredentials', { left: Math.max(0, maxFailures - f.by_name) });
  }

  /**
   * A new session for an account that has proved who it is (a password here, single sign-on elsewhere).
   * The caller sets the cookie with `setSessionCookie`.
   */
  async openSession(userId: number, role?: Role): Promise<{ token: string; expiresAt: Date }> {
    const r = role ?? (await this.repo.byId(userId))?.role ?? 'org_member';
    const { ttlHours, ttlHoursAdmin } = this.security.session;
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + (isOfficeRole(r) ? ttlHoursAdmin : ttlHours) * 3600_000);
    const origin = currentOrigin();
    await this.repo.startSession({ tokenHash: tokenHash(token), userId, expiresAt, ip: origin.ip, userAgent: origin.userAgent });
    return { token, expiresAt };
  }

  async logout(token: string, user: CurrentUser | null): Promise<void> {
    await this.repo.endSession(tokenHash(token));
    if (user) await recordAudit(this.db, { type: 'auth.logout', actor: user, subject: { type: 'user', id: user.id } });
  }

  /** The session's user, or null when there is none, it expired, or it sat idle past the limit (then it ends). */
  async userForSession(token: string): Promise<{ user: CurrentUser; sessionId: number } | null> {
    const row = await this.repo.bySession(tokenHash(token));
    if (!row) return null;
    const { idleMinutes, idleMinutesAdmin } = this.security.session;
    const idleMs = Date.now() - new Date(row.last_seen_at).getTime();
    if (idleMs > (isOfficeRole(row.role) ? idleMinutesAdmin : idleMinutes) * 60_000) {
      await this.repo.endSessionById(Number(row.session_id));
      return null;
    }
    if (idleMs > 60_000) await this.repo.touchSession(Number(row.session_id));
    return { user: toUser(row), sessionId: Number(row.session_id) };
  }

  // ---- a user's own account -----------------------------------------------------------------

  sessionsOf(userId: number): Promise<SessionRow[]> {
    return this.repo.sessionsOf(userId);
  }

  /** Ends one of the user's own sessions (a session of someone else is "not found"). */
  async revokeSession(user: CurrentUser, sessionId: number): Promise<void> {
    const mine = (await this.repo.sessionsOf(user.id)).some((s) => s.id === sessionId);
    if (!mine) throw new AppError(404, 'not_found', 'auth.sessionNotFound');
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).endSessionById(sessionId);
      await recordAudit(tx, { type: 'auth.session_revoked', actor: user, subject: { type: 'user', id: user.id }, detail: { sessionId } });
    });
  }

  async revokeOtherSessions(user: CurrentUser, keepSessionId: number | null): Promise<number> {
    return this.db.transaction(async (tx) => {
      const n = await this.repo.with(tx).endSessionsOf(user.id, keepSessionId);
      await recordAudit(tx, { type: 'auth.session_revoked', actor: user, subject: { type: 'user', id: user.id }, detail: { count: n, others: true } });
      return n;
    });
  }

  /** The policy's complaints about a new password for this account (400 naming the field), or nothing. */
  async checkNewPassword(userId: number | null, username: string, password: string, path = 'password'): Promise<void> {
    const problems = passwordProblems(password, username, this.security.password, path);
    if (!problems.length && userId != null && this.security.password.history > 0) {
      const current = await this.repo.byId(userId);
      const previous = [current!.password_hash, ...(await this.repo.passwordHistory(userId, this.security.password.history - 1))];
      if (await isReused(password, previous)) problems.push({ path, key: 'auth.password.reused', params: { n: this.security.password.history } });
    }
    if (problems.length) throw new AppError(400, 'validation_failed', 'error.validation', {}, problems);
  }

  /**
   * Sets a new password (the policy and the history apply) and ends the account's other sessions.
   * `keepSessionId`: the session that changed it stays signed in.
   */
  async setPassword(
    userId: number,
    password: string,
    opts: { actor: CurrentUser | null; tx?: Queryable; keepSessionId?: number | null; field?: string },
  ): Promise<void> {
    const row = await this.repo.byId(userId);
    if (!row) throw new AppError(404, 'not_found', 'auth.userNotFound');
    await this.checkNewPassword(userId, row.username, password, opts.field);
    const newHash = await hashPassword(password);
    const run = async (tx: Queryable) => {
      const repo = this.repo.with(tx);
      await repo.replacePassword(userId, row.password_hash, newHash, Math.max(0, this.security.password.history - 1));
      await repo.endSessionsOf(userId, opts.keepSessionId ?? null);
      await recordAudit(tx, {
        type: opts.actor?.id === userId ? 'auth.password_changed' : 'auth.password_set',
        actor: opts.actor,
        districtCode: row.district_code,
        subject: { type: 'user', id: userId },
      });
    };
    await (opts.tx ? run(opts.tx) : this.db.transaction(run));
  }

  /** The user's own change: the current password first. */
  async changePassword(user: CurrentUser, current: string, next: string, sessionId: number | null): Promise<void> {
    const row = await this.repo.byId(user.id);
    if (!row || !(await verify(row.password_hash, current).catch(() => false))) {
      throw new AppError(400, 'validation_failed', 'error.validation', {}, [{ path: 'currentPassword', key: 'auth.currentPasswordWrong' }]);
    }
    await this.setPassword(user.id, next, { actor: user, keepSessionId: sessionId, field: 'newPassword' });
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

const secondsUntil = (d: Date) => Math.max(1, Math.ceil((d.getTime() - Date.now()) / 1000));
const minutesUntil = (d: Date) => Math.max(1, Math.ceil((d.getTime() - Date.now()) / 60_000));
const beijingTime = (d: Date) => d.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
