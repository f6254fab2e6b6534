/** SQL on users and sessions, and the fragments other modules use to name a user in their queries. */
import { sql, type Sql } from '../../platform/db/sql.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { CurrentUser, Role } from './schemas.ts';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  org_id: number | null;
  district_code: string | null;
  password_hash: string;
  disabled_at: Date | null;
  email: string | null;
  email_verified_at: Date | null;
  locked_until: Date | null;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  created_at: Date;
}

/** A signed-in request's user, with the session it came with. */
export interface SessionUserRow extends UserRow {
  session_id: number;
  session_created_at: Date;
  last_seen_at: Date;
}

export interface SessionRow {
  id: number;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export const toUser = (r: UserRow): CurrentUser => ({
  id: Number(r.id),
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  orgId: r.org_id == null ? null : Number(r.org_id),
  districtCode: r.district_code,
});

/**
 * `JOIN users <alias> ON <alias>.id = <on>`: for another module's query that shows who did something
 * (alias.username, alias.display_name). The table's name stays here, with its owner.
 */
export const userJoin = (alias: string, on: Sql, kind: 'JOIN' | 'LEFT JOIN' = 'JOIN'): Sql =>
  sql`${sql.raw(`${kind} users ${alias}`)} ON ${sql.raw(alias)}.id = ${on}`;

export class UserRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): UserRepository {
    return new UserRepository(tx);
  }

  async byUsername(username: string): Promise<UserRow | undefined> {
    return (await this.db.query<UserRow>(sql`SELECT * FROM users WHERE username = ${username}`)).rows[0];
  }

  async bySession(tokenHash: string): Promise<SessionUserRow | undefined> {
    const { rows } = await this.db.query<SessionUserRow>(sql`
      SELECT u.*, s.id AS session_id, s.created_at AS session_created_at, s.last_seen_at
      FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ${tokenHash} AND s.expires_at > now() AND u.disabled_at IS NULL`);
    return rows[0];
  }

  async startSession(s: { tokenHash: string; userId: number; expiresAt: Date; ip: string | null; userAgent: string | null }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO sessions (token_hash, user_id, expires_at, ip, user_agent)
      VALUES (${s.tokenHash}, ${s.userId}, ${s.expiresAt}, ${s.ip}, ${s.userAgent}) RETURNING id`);
    // housekeeping: expired sessions of this user go when they sign in again
    await this.db.query(sql`DELETE FROM sessions WHERE user_id = ${s.userId} AND expires_at < now()`);
    return Number(rows[0].id);
  }

  /** Marks the session used now (called at most once a minute per session, so reads stay reads). */
  async touchSession(id: number): Promise<void> {
    await this.db.query(sql`UPDATE sessions SET last_seen_at = now() WHERE id = ${id}`);
  }

  async endSession(tokenHash: string): Promise<void> {
    await this.db.query(sql`DELETE FROM sessions WHERE token_hash = ${tokenHash}`);
  }

  async endSessionById(id: number): Promise<void> {
    await this.db.query(sql`DELETE FROM sessions WHERE id = ${id}`);
  }

  async sessionsOf(userId: number): Promise<SessionRow[]> {
    const { rows } = await this.db.query<SessionRow>(sql`
      SELECT id, created_at, last_seen_at, expires_at, ip, user_agent FROM sessions
      WHERE user_id = ${userId} AND expires_at > now() ORDER BY last_seen_at DESC`);
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  /** Ends the user's sessions, all or all but one; answers how many ended. */
  async endSessionsOf(userId: number, exceptId: number | null = null): Promise<number> {
    const { rowCount } = await this.db.query(sql`DELETE FROM sessions WHERE user_id = ${userId} AND id IS DISTINCT FROM ${exceptId}`);
    return rowCount;
  }

  // ---- failed sign-ins and lockout

  async recordFailure(username: string, ip: string): Promise<void> {
    await this.db.query(sql`INSERT INTO login_failures (username, ip) VALUES (${username}, ${ip})`);
  }

  /** Failures since the given time for this account name or this address, and when the oldest of each happened. */
  async failuresSince(username: string, ip: string, since: Date) {
    const { rows } = await this.db.query<{ by_name: number; by_ip: number; oldest_name: Date | null; oldest_ip: Date | null }>(sql`
      SELECT count(*) FILTER (WHERE username = ${username})::int AS by_name, count(*) FILTER (WHERE ip = ${ip})::int AS by_ip,
             min(at) FILTER (WHERE username = ${username}) AS oldest_name, min(at) FILTER (WHERE ip = ${ip}) AS oldest_ip
      FROM login_failures WHERE (username = ${username} OR ip = ${ip}) AND at > ${since}`);
    return rows[0];
  }

  async clearFailures(username: string): Promise<void> {
    await this.db.query(sql`DELETE FROM login_failures WHERE username = ${username}`);
  }

  async lockUntil(userId: number, until: Date | null): Promise<void> {
    await this.db.query(sql`UPDATE users SET locked_until = ${until} WHERE id = ${userId}`);
  }

  // ---- passwords and the second factor

  async passwordHistory(userId: number, n: number): Promise<string[]> {
    const { rows } = await this.db.query<{ password_hash: string }>(
      sql`SELECT password_hash FROM password_history WHERE user_id = ${userId} ORDER BY id DESC LIMIT ${n}`,
    );
    return rows.map((r) => r.password_hash);
  }

  /** Sets the new hash, keeps the old one in the history and forgets those beyond `keep`. */
  async replacePassword(userId: number, oldHash: string, newHash: string, keep: number): Promise<void> {
    await this.db.query(sql`INSERT INTO password_history (user_id, password_hash) VALUES (${userId}, ${oldHash})`);
    await this.db.query(sql`
      DELETE FROM password_history WHERE user_id = ${userId}
        AND id NOT IN (SELECT id FROM password_history WHERE user_id = ${userId} ORDER BY id DESC LIMIT ${keep})`);
    await this.db.query(sql`UPDATE users SET password_hash = ${newHash}, password_changed_at = now(), updated_at = now() WHERE id = ${userId}`);
  }

  async setTotp(userId: number, secret: string | null, enabled: boolean): Promise<void> {
    await this.db.query(sql`
      UPDATE users SET totp_secret = ${secret}, totp_enabled_at = ${enabled ? sql`now()` : null}, updated_at = now() WHERE id = ${userId}`);
  }

  async insert(u: {
    username: string;
    passwordHash: string;
    role: Role;
    displayName: string;
    orgId: number | null;
    districtCode: string | null;
    email: string | null;
  }): Promise<UserRow> {
    const { rows } = await this.db.query<UserRow>(sql`
      INSERT INTO users (username, password_hash, role, display_name, org_id, district_code, email)
      VALUES (${u.username}, ${u.passwordHash}, ${u.role}, ${u.displayName}, ${u.orgId}, ${u.districtCode}, ${u.email})
      RETURNING *`);
    return rows[0];
  }

  async active(usernames: readonly string[]): Promise<{ username: string; role: Role }[]> {
    const { rows } = await this.db.query<{ username: string; role: Role }>(sql`
      SELECT username, role FROM users WHERE username = ANY(${[...usernames]}::text[]) AND disabled_at IS NULL`);
    return rows;
  }

  /** The id of an account that may sign in, by username. */
  async activeId(username: string): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(sql`SELECT id FROM users WHERE username = ${username} AND disabled_at IS NULL`);
    return rows[0] ? Number(rows[0].id) : null;
  }

  async byId(id: number): Promise<UserRow | undefined> {
    return (await this.db.query<UserRow>(sql`SELECT * FROM users WHERE id = ${id}`)).rows[0];
  }

  /** The staff accounts of an organization that may sign in: who hears the organization's news. */
  async orgMemberIds(orgId: number): Promise<number[]> {
    const { rows } = await this.db.query<{ id: number }>(
      sql`SELECT id FROM users WHERE org_id = ${orgId} AND role = 'org_member' AND disabled_at IS NULL ORDER BY id`,
    );
    return rows.map((r) => Number(r.id));
  }

  async emailsOf(ids: number[]): Promise<Map<number, { email: string | null; displayName: string }>> {
    const { rows } = await this.db.query<{ id: number; email: string | null; display_name: string }>(sql`
      SELECT id, email, display_name FROM users WHERE id = ANY(${ids}::bigint[])`);
    return new Map(rows.map((r) => [Number(r.id), { email: r.email, displayName: r.display_name }]));
  }

  // ---- for the registration module's flows (self-registration, invitations, password reset)

  async markEmailVerified(userId: number): Promise<void> {
    await this.db.query(sql`UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = ${userId}`);
  }

  async assignOrg(userId: number, orgId: number): Promise<void> {
    await this.db.query(sql`UPDATE users SET org_id = ${orgId}, updated_at = now() WHERE id = ${userId} AND role = 'org_member'`);
  }

  async idByEmail(email: string): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(sql`SELECT id FROM users WHERE lower(email) = lower(${email})`);
    return rows[0] ? Number(rows[0].id) : null;
  }

  /** The offices that review what happens in a district: every city administrator and that district's administrators. */
  async officeIds(districtCode: string): Promise<number[]> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      SELECT id FROM users WHERE disabled_at IS NULL
        AND (role = 'admin' OR (role = 'district_admin' AND district_code = ${districtCode})) ORDER BY id`);
    return rows.map((r) => Number(r.id));
  }

  // ---- one-time tokens (links sent by email)

  async insertToken(t: { tokenHash: string; purpose: TokenPurpose; userId: number | null; detail: unknown; expiresAt: Date }): Promise<void> {
    await this.db.query(sql`
      INSERT INTO auth_tokens (token_hash, purpose, user_id, detail, expires_at)
      VALUES (${t.tokenHash}, ${t.purpose}, ${t.userId}, ${JSON.stringify(t.detail ?? {})}::jsonb, ${t.expiresAt})`);
  }

  /** Marks the token used and returns it, if it exists, has this purpose, is unused and unexpired (once only, even at once). */
  async useToken(tokenHash: string, purpose: TokenPurpose): Promise<{ userId: number | null; detail: Record<string, unknown> } | null> {
    const { rows } = await this.db.query<{ user_id: number | null; detail: Record<string, unknown> }>(sql`
      UPDATE auth_tokens SET used_at = now()
      WHERE token_hash = ${tokenHash} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > now()
      RETURNING user_id, detail`);
    return rows[0] ? { userId: rows[0].user_id == null ? null : Number(rows[0].user_id), detail: rows[0].detail } : null;
  }

  /** Reads a token without using it (to show an invitation before it is accepted). */
  async peekToken(tokenHash: string, purpose: TokenPurpose): Promise<{ userId: number | null; detail: Record<string, unknown> } | null> {
    const { rows } = await this.db.query<{ user_id: number | null; detail: Record<string, unknown> }>(sql`
      SELECT user_id, detail FROM auth_tokens
      WHERE token_hash = ${tokenHash} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > now()`);
    return rows[0] ? { userId: rows[0].user_id == null ? null : Number(rows[0].user_id), detail: rows[0].detail } : null;
  }
}

export type TokenPurpose = 'verify_email' | 'reset_password' | 'invitation';
