/** SQL on the portal module's own table: notices. */
import { sql } from '../../platform/db/sql.ts';
import type { Queryable } from '../../platform/db/database.ts';

export interface NoticeRow {
  id: number;
  title: string;
  body: string;
  link: string | null;
  districtCode: string | null;
  publishedAt: Date;
  updatedAt: Date;
  version: number;
}

const COLUMNS = sql.raw(`id, title, body, link, district_code AS "districtCode", published_at AS "publishedAt", updated_at AS "updatedAt", version`);

export class NoticeRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): NoticeRepository {
    return new NoticeRepository(tx);
  }

  async list(f: { district?: string; limit: number; offset: number }): Promise<{ rows: NoticeRow[]; total: number }> {
    const where = f.district ? sql`WHERE district_code = ${f.district}` : sql.raw('');
    const [{ rows }, count] = await Promise.all([
      this.db.query<NoticeRow>(sql`SELECT ${COLUMNS} FROM notices ${where} ORDER BY published_at DESC, id DESC LIMIT ${f.limit} OFFSET ${f.offset}`),
      this.db.query<{ n: string }>(sql`SELECT count(*)::text AS n FROM notices ${where}`),
    ]);
    return { rows: rows.map(fix), total: Number(count.rows[0].n) };
  }

  async findById(id: number, forUpdate = false): Promise<NoticeRow | null> {
    const { rows } = await this.db.query<NoticeRow>(sql`SELECT ${COLUMNS} FROM notices WHERE id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql.raw('')}`);
    return rows[0] ? fix(rows[0]) : null;
  }

  async insert(n: { title: string; body: string; link: string | null; districtCode: string | null; by: number }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO notices (title, body, link, district_code, created_by) VALUES (${n.title}, ${n.body}, ${n.link}, ${n.districtCode}, ${n.by}) RETURNING id`);
    return Number(rows[0].id);
  }

  async update(id: number, n: { title: string; body: string; link: string | null }): Promise<void> {
    await this.db.query(sql`
      UPDATE notices SET title = ${n.title}, body = ${n.body}, link = ${n.link}, version = version + 1, updated_at = now() WHERE id = ${id}`);
  }

  async delete(id: number): Promise<void> {
    await this.db.query(sql`DELETE FROM notices WHERE id = ${id}`);
  }
}

const fix = (r: NoticeRow): NoticeRow => ({ ...r, id: Number(r.id) });
