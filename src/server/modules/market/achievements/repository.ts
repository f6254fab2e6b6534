/**
 * SQL on achievements, their inventors and attachments. The owner's name comes from the directory's
 * fragment (orgJoin); the search columns are computed here as they are written (and by the bench's
 * bulk load, which writes them the same way).
 */
import type { Queryable } from '../../../platform/db/database.ts';
import { sql, type Sql } from '../../../platform/db/sql.ts';
import { fold } from '../../../platform/text/fold.ts';
import { pinyinKey } from '../../../platform/text/pinyin.ts';
import { searchDocumentSql } from '../../../platform/text/search-sql.ts';
import { orgJoin } from '../../directory/index.ts';
import { orgExists } from '../orgs.ts';
import { keyTerms } from '../vocabulary/text.ts';
import { inIdOrder, type ListingTable } from '../listings/list-query.ts';
import { visibleListingsSql } from '../listings/repository.ts';
import type { Achievement, AchievementInput, AchievementListQuery } from './schemas.ts';

const COLUMNS = sql.raw(`a.id, a.owner_org_id AS "ownerOrgId", o.name AS "ownerName", o.district_code AS "ownerDistrictCode", a.title, a.abstract, a.keywords,
  a.discipline_code AS "disciplineCode", a.industry_code AS "industryCode", a.maturity, a.trl, a.ip, a.transfer_modes AS "transferModes",
  a.price_negotiable AS "priceNegotiable", a.price_min_fen AS "priceMinFen", a.price_max_fen AS "priceMaxFen", a.status, a.review_note AS "reviewNote",
  a.published_at AS "publishedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.version,
  coalesce((SELECT jsonb_agg(jsonb_build_object('id', e.id, 'name', e.name, 'title', e.title) ORDER BY ai.position, e.id)
            FROM achievement_inventors ai JOIN experts e ON e.id = ai.expert_id WHERE ai.achievement_id = a.id), '[]') AS inventors,
  coalesce((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'filename', f.filename, 'contentType', f.content_type, 'size', f.size) ORDER BY f.id)
            FROM achievement_attachments f WHERE f.achievement_id = a.id), '[]') AS attachments`);
const FROM = sql`achievements a ${orgJoin('o', sql.raw('a.owner_org_id'))}`;

/** Achievements as a searchable list (listings/list-query.ts). */
export const ACHIEVEMENT_TABLE: ListingTable = {
  from: sql.raw('achievements a'),
  alias: 'a',
  name: 'title_folded',
  pinyin: 'title_pinyin',
  newest: sql.raw('a.published_at'),
  facets: {
    discipline: { column: sql.raw('a.discipline_code') },
    industry: { column: sql.raw('a.industry_code') },
    maturity: { column: sql.raw('a.maturity') },
    transferMode: { column: sql.raw('a.transfer_modes'), array: true },
  },
};

/** The search columns of an achievement: title (A), keywords (B), abstract (C). */
export function achievementSearchColumns(a: { title: string; abstract: string; keywords: string[] }) {
  return {
    titleFolded: fold(a.title),
    titlePinyin: pinyinKey(a.title),
    keyTerms: keyTerms(a.title, a.keywords.join(' '), a.abstract),
    document: searchDocumentSql({ A: [a.title], B: a.keywords, C: [a.abstract] }),
  };
}

/** The conditions of a list query: what the viewer may see (policy.unpublishedScope) and the filters. */
export function achievementListWhere(q: AchievementListQuery, scope: { all: true } | { orgId: number | null }): Sql[] {
  const where = visibleListingsSql('a', 'owner_org_id', q.status, scope);
  if (q.discipline?.length) where.push(sql`a.discipline_code = ANY(${q.discipline}::text[])`);
  if (q.industry?.length) where.push(sql`a.industry_code = ANY(${q.industry}::text[])`);
  if (q.maturity?.length) where.push(sql`a.maturity = ANY(${q.maturity}::text[])`);
  if (q.transferMode?.length) where.push(sql`a.transfer_modes && ${q.transferMode}::text[]`);
  if (q.owner) where.push(sql`a.owner_org_id = ${q.owner}`);
  return where;
}

function toAchievement(r: Record<string, unknown>): Achievement {
  const n = (v: unknown) => (v == null ? null : Number(v));
  return { ...(r as unknown as Achievement), id: Number(r.id), ownerOrgId: Number(r.ownerOrgId), priceMinFen: n(r.priceMinFen), priceMaxFen: n(r.priceMaxFen) };
}

type Stored = Omit<AchievementInput, 'inventorIds' | 'ownerOrgId'> & { ownerOrgId: number };

export class AchievementRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): AchievementRepository {
    return new AchievementRepository(tx);
  }

  async find(id: number): Promise<Achievement | null> {
    const { rows } = await this.db.query(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = ${id}`);
    return rows[0] ? toAchievement(rows[0]) : null;
  }

  async findMany(ids: number[]): Promise<Achievement[]> {
    if (!ids.length) return [];
    const { rows } = await this.db.query(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = ANY(${ids}::bigint[])`);
    return inIdOrder(ids, rows, toAchievement);
  }

  async insert(a: Stored, createdBy: number | null): Promise<number> {
    const c = achievementSearchColumns(a);
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO achievements (owner_org_id, title, abstract, keywords, discipline_code, industry_code, maturity, trl, ip, transfer_modes,
        price_negotiable, price_min_fen, price_max_fen, created_by, title_folded, title_pinyin, key_terms, search_document)
      VALUES (${a.ownerOrgId}, ${a.title}, ${a.abstract}, ${a.keywords}::text[], ${a.disciplineCode ?? null}, ${a.industryCode ?? null},
        ${a.maturity}, ${a.trl ?? null}, ${JSON.stringify(a.ip)}::jsonb, ${a.transferModes}::text[], ${a.priceNegotiable},
        ${a.priceMinFen ?? null}, ${a.priceMaxFen ?? null}, ${createdBy}, ${c.titleFolded}, ${c.titlePinyin}, ${c.keyTerms}::text[], ${c.document})
      RETURNING id`);
    return Number(rows[0].id);
  }

  /** The current version, the row locked for an update. */
  async lockVersion(id: number): Promise<number> {
    const { rows } = await this.db.query<{ version: number }>(sql`SELECT version FROM achievements WHERE id = ${id} FOR UPDATE`);
    return rows[0].version;
  }

  async update(id: number, a: Stored): Promise<void> {
    const c = achievementSearchColumns(a);
    await this.db.query(sql`
      UPDATE achievements SET owner_org_id = ${a.ownerOrgId}, title = ${a.title}, abstract = ${a.abstract}, keywords = ${a.keywords}::text[],
        discipline_code = ${a.disciplineCode ?? null}, industry_code = ${a.industryCode ?? null}, maturity = ${a.maturity}, trl = ${a.trl ?? null},
        ip = ${JSON.stringify(a.ip)}::jsonb, transfer_modes = ${a.transferModes}::text[], price_negotiable = ${a.priceNegotiable},
        price_min_fen = ${a.priceMinFen ?? null}, price_max_fen = ${a.priceMaxFen ?? null},
        title_folded = ${c.titleFolded}, title_pinyin = ${c.titlePinyin}, key_terms = ${c.keyTerms}::text[], search_document = ${c.document},
        version = version + 1, updated_at = now()
      WHERE id = ${id}`);
  }

  async setInventors(id: number, expertIds: number[]): Promise<void> {
    await this.db.query(sql`DELETE FROM achievement_inventors WHERE achievement_id = ${id}`);
    if (expertIds.length) {
      await this.db.query(sql`INSERT INTO achievement_inventors (achievement_id, expert_id, position)
        SELECT ${id}, e, n FROM unnest(${[...new Set(expertIds)]}::bigint[]) WITH ORDINALITY AS x(e, n)`);
    }
  }

  async insertAttachment(id: number, file: { filename: string; contentType: string; content: Buffer }, uploadedBy: number): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO achievement_attachments (achievement_id, filename, content_type, size, content, uploaded_by)
      VALUES (${id}, ${file.filename}, ${file.contentType}, ${file.content.length}, ${file.content}, ${uploadedBy}) RETURNING id`);
    return Number(rows[0].id);
  }

  async attachment(id: number, attachmentId: number): Promise<{ filename: string; content_type: string; content: Buffer } | undefined> {
    const { rows } = await this.db.query<{ filename: string; content_type: string; content: Buffer }>(sql`
      SELECT filename, content_type, content FROM achievement_attachments WHERE id = ${attachmentId} AND achievement_id = ${id}`);
    return rows[0];
  }

  async orgExists(orgId: number): Promise<boolean> {
    return orgExists(this.db, orgId);
  }

  /** Which of the ids are experts in the pool. */
  async knownExperts(ids: number[]): Promise<Set<number>> {
    const { rows } = await this.db.query<{ id: number }>(sql`SELECT id FROM experts WHERE id = ANY(${ids}::bigint[])`);
    return new Set(rows.map((r) => Number(r.id)));
  }
}
