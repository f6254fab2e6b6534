/** SQL for the administrator's user management (the users and sessions tables are auth's own). */
import { sql } from '../../../platform/db/sql.ts';
import type { Queryable } from '../../../platform/db/database.ts';
import type { UserRow } from '../repository.ts';
import type { Role } from '../schemas.ts';

export interface ManagedUserRow extends UserRow {
  last_seen_at: Date | null;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class ManagedUserRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable) {
    return new ManagedUserRepository(tx);
  }

  async list(f: { q?: string; role?: Role; status?: 'active' | 'disabled' | 'locked' }, page: { offset: number; limit: number }) {
    const c = [sql`TRUE`];
    if (f.q) {
      const like = `%${likeEscape(f.q.toLowerCase())}%`;
      c.push(sql`(u.username LIKE ${like} OR lower(u.display_name) LIKE ${like} OR lower(coalesce(u.email, '')) LIKE ${like})`);
    }
    if (f.role) c.push(sql`u.role = ${f.role}`);
    if (f.status === 'active') c.push(sql`u.disabled_at IS NULL AND (u.locked_until IS NULL OR u.locked_until <= now())`);
    if (f.status === 'disabled') c.push(sql`u.disabled_at IS NOT NULL`);
    if (f.status === 'locked') c.push(sql`u.locked_until > now()`);
    const w = sql.join(c, ' AND ');
    const [count, rows] = await Promise.all([
      this.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM users u WHERE ${w}`),
      this.db.query<ManagedUserRow>(sql`
        SELECT u.*, (SELECT max(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS last_seen_at
        FROM users u WHERE ${w} ORDER BY u.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`),
    ]);
    return { total: count.rows[0].n, rows: rows.rows };
  }

  async byId(id: number): Promise<ManagedUserRow | undefined> {
    const { rows } = await this.db.query<ManagedUserRow>(sql`
      SELECT u.*, (SELECT max(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS last_seen_at FROM users u WHERE u.id = ${id}`);
    return rows[0];
  }

  /** Locks the row for a change, so two administrators' edits apply one after the other. */
  async forUpdate(id: number): Promise<UserRow | undefined> {
    return (await this.db.query<UserRow>(sql`SELECT * FROM users WHERE id = ${id} FOR UPDATE`)).rows[0];
  }

  async update(
    id: number,
    c: { displayName: string; role: Role; email: string | null; orgId: number | null; districtCode: string | null; disabled: boolean; emailChanged: boolean },
  ) {
    await this.db.query(sql`
      UPDATE users SET display_name = ${c.displayName}, role = ${c.role}, email = ${c.email}, org_id = ${c.orgId},
        district_code = ${c.districtCode}, updated_at = now(),
        disabled_at = CASE WHEN ${c.disabled} THEN coalesce(disabled_at, now()) ELSE NULL END,
        email_verified_at = CASE WHEN ${c.emailChanged} THEN NULL ELSE email_verified_at END
      WHERE id = ${id}`);
  }

  async unlock(id: number, username: string): Promise<void> {
    await this.db.query(sql`UPDATE users SET locked_until = NULL WHERE id = ${id}`);
    await this.db.query(sql`DELETE FROM login_failures WHERE username = ${username}`);
  }

  async endSessions(id: number): Promise<number> {
    return (await this.db.query(sql`DELETE FROM sessions WHERE user_id = ${id}`)).rowCount;
  }
}
