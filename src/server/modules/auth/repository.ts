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

  async bySession(tokenHash: string): Promise<UserRow | undefined> {
    const { rows } = await this.db.query<UserRow>(sql`
      SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ${tokenHash} AND s.expires_at > now() AND u.disabled_at IS NULL`);
    return rows[0];
  }

  async startSession(tokenHash: string, userId: number, expiresAt: Date): Promise<void> {
    await this.db.query(sql`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (${tokenHash}, ${userId}, ${expiresAt})`);
    // housekeeping: expired sessions of this user go when they sign in again
    await this.db.query(sql`DELETE FROM sessions WHERE user_id = ${userId} AND expires_at < now()`);
  }

  async endSession(tokenHash: string): Promise<void> {
    await this.db.query(sql`DELETE FROM sessions WHERE token_hash = ${tokenHash}`);
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

  /** STAND-IN until the lead's setPassword (policy, history) lands on main: the merge keeps theirs. */
  async replacePassword(userId: number, passwordHash: string): Promise<void> {
    await this.db.query(sql`UPDATE users SET password_hash = ${passwordHash}, password_changed_at = now(), updated_at = now() WHERE id = ${userId}`);
    await this.db.query(sql`DELETE FROM sessions WHERE user_id = ${userId}`);
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
