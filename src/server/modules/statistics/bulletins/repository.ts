/** SQL on the bulletins' own tables: bulletins, bulletin_numbers, bulletin_versions (statistics module). */
import { sql } from '../../../platform/db/sql.ts';
import type { Queryable } from '../../../platform/db/database.ts';
import type { BulletinFigure } from './schemas.ts';

export interface Section {
  heading: string;
  body: string;
}

export interface BulletinRow {
  id: number;
  scope: string;
  period: string;
  title: string;
  lead: string;
  sections: Section[];
  indicatorIds: number[];
  number: string | null;
  latestVersion: number;
  pending: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  firstPublishedAt: Date | null;
}

export interface VersionRow {
  bulletinId: number;
  version: number;
  title: string;
  period: string;
  lead: string;
  sections: Section[];
  figures: BulletinFigure[];
  correctionNote: string | null;
  publishedAt: Date;
}

const COLUMNS = sql.raw(`id, scope, period, title, lead, sections, indicator_ids AS "indicatorIds", number, latest_version AS "latestVersion",
  pending, version, created_at AS "createdAt", updated_at AS "updatedAt", first_published_at AS "firstPublishedAt"`);
const VERSION_COLUMNS = sql.raw(`bulletin_id AS "bulletinId", version, title, period, lead, sections, figures,
  correction_note AS "correctionNote", published_at AS "publishedAt"`);

export class BulletinRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): BulletinRepository {
    return new BulletinRepository(tx);
  }

  async findById(id: number, forUpdate = false): Promise<BulletinRow | null> {
    const { rows } = await this.db.query<BulletinRow>(sql`SELECT ${COLUMNS} FROM bulletins WHERE id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql.raw('')}`);
    return rows[0] ? fixBulletin(rows[0]) : null;
  }

  /** Published bulletins, the latest publication first (a correction brings a bulletin up again). */
  async published(f: {
    scope?: string;
    limit: number;
    offset: number;
  }): Promise<{ rows: (BulletinRow & { publishedAt: Date; latestTitle: string; latestPeriod: string })[]; total: number }> {
    const where = sql.where([sql`b.latest_version > 0`, f.scope ? sql`b.scope = ${f.scope}` : null].filter((c) => c !== null));
    const [{ rows }, count] = await Promise.all([
      this.db.query<BulletinRow & { publishedAt: Date; latestTitle: string; latestPeriod: string }>(sql`
        SELECT b.id, b.scope, b.number, b.latest_version AS "latestVersion", b.pending, b.version, b.created_at AS "createdAt",
               b.updated_at AS "updatedAt", b.first_published_at AS "firstPublishedAt", b.period, b.title, b.lead, b.sections,
               b.indicator_ids AS "indicatorIds", v.published_at AS "publishedAt", v.title AS "latestTitle", v.period AS "latestPeriod"
        FROM bulletins b JOIN bulletin_versions v ON v.bulletin_id = b.id AND v.version = b.latest_version
        ${where}
        ORDER BY v.published_at DESC, b.id DESC LIMIT ${f.limit} OFFSET ${f.offset}`),
      this.db.query<{ n: string }>(sql`SELECT count(*)::text AS n FROM bulletins b ${where}`),
    ]);
    return { rows: rows.map(fixBulletin), total: Number(count.rows[0].n) };
  }

  /** Every bulletin of these scopes (all of them when null), drafts included: an office's own list. */
  async ofScopes(scopes: string[] | null): Promise<(BulletinRow & { publishedAt: Date | null })[]> {
    const where = scopes ? sql`WHERE b.scope = ANY(${scopes}::text[])` : sql.raw('');
    const { rows } = await this.db.query<BulletinRow & { publishedAt: Date | null }>(sql`
      SELECT b.id, b.scope, b.number, b.latest_version AS "latestVersion", b.pending, b.version, b.created_at AS "createdAt",
             b.updated_at AS "updatedAt", b.first_published_at AS "firstPublishedAt", b.period, b.title, b.lead, b.sections,
             b.indicator_ids AS "indicatorIds", v.published_at AS "publishedAt"
      FROM bulletins b LEFT JOIN bulletin_versions v ON v.bulletin_id = b.id AND v.version = b.latest_version
      ${where} ORDER BY b.updated_at DESC, b.id DESC LIMIT 200`);
    return rows.map(fixBulletin);
  }

  async insert(b: { scope: string; period: string; title: string; lead: string; sections: Section[]; indicatorIds: number[]; by: number }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO bulletins (scope, period, title, lead, sections, indicator_ids, created_by)
      VALUES (${b.scope}, ${b.period}, ${b.title}, ${b.lead}, ${JSON.stringify(b.sections)}::jsonb, ${b.indicatorIds}::bigint[], ${b.by})
      RETURNING id`);
    return Number(rows[0].id);
  }

  async update(id: number, b: { period: string; title: string; lead: string; sections: Section[]; indicatorIds: number[] }): Promise<void> {
    await this.db.query(sql`
      UPDATE bulletins SET period = ${b.period}, title = ${b.title}, lead = ${b.lead}, sections = ${JSON.stringify(b.sections)}::jsonb,
        indicator_ids = ${b.indicatorIds}::bigint[], pending = true, version = version + 1, updated_at = now()
      WHERE id = ${id}`);
  }

  /** The next number of a scope's year: one checked row per scope and year, raised under its row lock. */
  async nextSequence(scope: string, year: number): Promise<number> {
    const { rows } = await this.db.query<{ last: number }>(sql`
      INSERT INTO bulletin_numbers AS n (scope, year, last) VALUES (${scope}, ${year}, 1)
      ON CONFLICT (scope, year) DO UPDATE SET last = n.last + 1 RETURNING last`);
    return Number(rows[0].last);
  }

  async insertVersion(v: VersionRow & { by: number; pdf: Buffer; xlsx: Buffer }): Promise<void> {
    await this.db.query(sql`
      INSERT INTO bulletin_versions (bulletin_id, version, title, period, lead, sections, figures, correction_note, published_at, published_by, pdf, xlsx)
      VALUES (${v.bulletinId}, ${v.version}, ${v.title}, ${v.period}, ${v.lead}, ${JSON.stringify(v.sections)}::jsonb, ${JSON.stringify(v.figures)}::jsonb,
              ${v.correctionNote}, ${v.publishedAt}, ${v.by}, ${v.pdf}, ${v.xlsx})`);
  }

  async markPublished(id: number, p: { version: number; number: string; numberYear: number; numberSeq: number; at: Date }): Promise<void> {
    await this.db.query(sql`
      UPDATE bulletins SET latest_version = ${p.version}, pending = false, version = version + 1, updated_at = now(),
        number = COALESCE(number, ${p.number}), number_year = COALESCE(number_year, ${p.numberYear}),
        number_seq = COALESCE(number_seq, ${p.numberSeq}), first_published_at = COALESCE(first_published_at, ${p.at})
      WHERE id = ${id}`);
  }

  async versions(id: number): Promise<VersionRow[]> {
    const { rows } = await this.db.query<VersionRow>(sql`SELECT ${VERSION_COLUMNS} FROM bulletin_versions WHERE bulletin_id = ${id} ORDER BY version`);
    return rows.map(fixVersion);
  }

  async file(id: number, version: number, kind: 'pdf' | 'xlsx'): Promise<Buffer | null> {
    const column = sql.raw(kind === 'pdf' ? 'pdf' : 'xlsx');
    const { rows } = await this.db.query<{ body: Buffer | Uint8Array }>(
      sql`SELECT ${column} AS body FROM bulletin_versions WHERE bulletin_id = ${id} AND version = ${version}`,
    );
    return rows[0] ? Buffer.from(rows[0].body) : null;
  }
}

const fixBulletin = <T extends BulletinRow>(r: T): T => ({
  ...r,
  id: Number(r.id),
  indicatorIds: (r.indicatorIds ?? []).map(Number),
  sections: typeof r.sections === 'string' ? JSON.parse(r.sections) : r.sections,
});
const fixVersion = (r: VersionRow): VersionRow => ({
  ...r,
  bulletinId: Number(r.bulletinId),
  sections: typeof r.sections === 'string' ? JSON.parse(r.sections) : r.sections,
  figures: typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures,
});
