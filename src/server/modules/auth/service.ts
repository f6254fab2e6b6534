/**
 * Accounts and sessions. Passwords are hashed with argon2id; a session is a random token in an
 * httpOnly cookie whose SHA-256 is stored, so a leaked database does not leak live sessions.
 * Sessions live in PostgreSQL, not in process memory, so any app server can serve any request.
 */
import crypto from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { sql } from '../../platform/db/sql.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { CurrentUser, Role } from './types.ts';

const ARGON = { algorithm: 2 as Algorithm /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, ARGON);

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  org_id: number | null;
  district_code: string | null;
  password_hash: string;
  disabled_at: Date | null;
}

const toUser = (r: UserRow): CurrentUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  orgId: r.org_id,
  districtCode: r.district_code,
});

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

// A fixed hash to verify against when the user does not exist, so timing does not reveal usernames.
let dummyHash: Promise<string> | null = null;

export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly sessionTtlHours: number,
  ) {}

  async login(username: string, password: string): Promise<{ user: CurrentUser; token: string; expiresAt: Date }> {
    const { rows } = await this.db.query<UserRow>(sql`SELECT * FROM users WHERE username = ${username.trim().toLowerCase()}`);
    const row = rows[0];
    if (!row) {
      dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
      await verify(await dummyHash, password).catch(() => false);
      throw new AppError(401, 'invalid_credentials', 'auth.invalidCredentials');
    }
    if (!(await verify(row.password_hash, password).catch(() => false))) {
      throw new AppError(401, 'invalid_credentials', 'auth.invalidCredentials');
    }
    if (row.disabled_at) throw new AppError(403, 'account_disabled', 'auth.disabled');
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.sessionTtlHours * 3600_000);
    await this.db.query(sql`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (${tokenHash(token)}, ${row.id}, ${expiresAt})`);
    // Housekeeping: expired sessions of this user go when they sign in again.
    await this.db.query(sql`DELETE FROM sessions WHERE user_id = ${row.id} AND expires_at < now()`);
    return { user: toUser(row), token, expiresAt };
  }

  async logout(token: string): Promise<void> {
    await this.db.query(sql`DELETE FROM sessions WHERE token_hash = ${tokenHash(token)}`);
  }

  async userForSession(token: string): Promise<CurrentUser | null> {
    const { rows } = await this.db.query<UserRow>(sql`
      SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ${tokenHash(token)} AND s.expires_at > now() AND u.disabled_at IS NULL`);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async createUser(u: { username: string; password: string; role: Role; displayName: string; orgId?: number | null; districtCode?: string | null; email?: string | null }): Promise<CurrentUser> {
    const { rows } = await this.db.query<UserRow>(sql`
      INSERT INTO users (username, password_hash, role, display_name, org_id, district_code, email)
      VALUES (${u.username.toLowerCase()}, ${await hashPassword(u.password)}, ${u.role}, ${u.displayName}, ${u.orgId ?? null}, ${u.districtCode ?? null}, ${u.email ?? null})
      RETURNING *`);
    return toUser(rows[0]);
  }

  /** Those of the given accounts that exist and are not disabled, in the order given. */
  async activeAccounts(usernames: readonly string[]): Promise<{ username: string; role: Role }[]> {
    const { rows } = await this.db.query<{ username: string; role: Role }>(sql`
      SELECT username, role FROM users WHERE username = ANY(${[...usernames]}::text[]) AND disabled_at IS NULL`);
    const byName = new Map(rows.map((r) => [r.username, r]));
    return usernames.flatMap((u) => { const r = byName.get(u); return r ? [{ username: r.username, role: r.role }] : []; });
  }

  async userExists(username: string): Promise<boolean> {
    const { rows } = await this.db.query(sql`SELECT 1 FROM users WHERE username = ${username}`);
    return rows.length > 0;
  }
}
