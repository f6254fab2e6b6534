/** SQL on the published lists (publications, publication_rows): snapshots, never updated. */
import { sql } from '../../../platform/db/sql.ts';
import type { Queryable } from '../../../platform/db/database.ts';
import { userJoin } from '../../auth/index.ts';
import type { Publication, PublishedRow } from './schemas.ts';

const COLUMNS = sql`p.id, p.number, p.title, p.filters, p.org_count AS "orgCount", p.published_at AS "publishedAt", u.display_name AS "publishedBy"`;

export class PublicationRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): PublicationRepository {
    return new PublicationRepository(tx);
  }

  async nextSeq(year: number): Promise<number> {
    const { rows } = await this.db.query<{ seq: number }>(sql`SELECT coalesce(max(seq), 0) + 1 AS seq FROM publications WHERE year = ${year}`);
    return Number(rows[0].seq);
  }

  async insert(p: { number: string; year: number; seq: number; title: string; filters: unknown; orgCount: number; publishedBy: number }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO publications (number, year, seq, title, filters, org_count, published_by)
      VALUES (${p.number}, ${p.year}, ${p.seq}, ${p.title}, ${JSON.stringify(p.filters)}::jsonb, ${p.orgCount}, ${p.publishedBy}) RETURNING id`);
    return Number(rows[0].id);
  }

  async insertRows(id: number, rows: PublishedRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) {
      await this.db.query(sql`INSERT INTO publication_rows (publication_id, position, data) VALUES
        ${sql.join(rows.slice(i, i + 1000).map((p, j) => sql`(${id}, ${i + j + 1}, ${JSON.stringify(p)}::jsonb)`))}`);
    }
  }

  async list(): Promise<Publication[]> {
    const { rows } = await this.db.query<Publication>(sql`
      SELECT ${COLUMNS} FROM publications p ${userJoin('u', sql.raw('p.published_by'), 'LEFT JOIN')} ORDER BY p.year DESC, p.seq DESC`);
    return rows;
  }

  async findById(id: number): Promise<Publication | undefined> {
    const { rows } = await this.db.query<Publication>(sql`
      SELECT ${COLUMNS} FROM publications p ${userJoin('u', sql.raw('p.published_by'), 'LEFT JOIN')} WHERE p.id = ${id}`);
    return rows[0];
  }

  async rowsAfter(id: number, after: number, limit: number): Promise<{ position: number; data: PublishedRow }[]> {
    const { rows } = await this.db.query<{ position: number; data: PublishedRow }>(sql`
      SELECT position, data FROM publication_rows WHERE publication_id = ${id} AND position > ${after} ORDER BY position LIMIT ${limit}`);
    return rows;
  }

  async rowsPage(id: number, limit: number, offset: number): Promise<PublishedRow[]> {
    const { rows } = await this.db.query<{ data: PublishedRow }>(sql`
      SELECT data FROM publication_rows WHERE publication_id = ${id} ORDER BY position LIMIT ${limit} OFFSET ${offset}`);
    return rows.map((r) => r.data);
  }
}
