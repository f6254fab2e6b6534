/**
 * SQL of the search across kinds: each kind's table as a search source (the directory's organizations
 * and the instruments through their owners' fragments), its visibility, and the facts of a result line.
 */
import type { Database } from '../../../platform/db/database.ts';
import { sql, type Sql } from '../../../platform/db/sql.ts';
import { textRankSql } from '../../../platform/text/search-sql.ts';
import { orgJoin, orgsTable } from '../../directory/index.ts';
import { instrumentsTable } from '../../instruments/index.ts';
import { broadPageSql, countMatches, matchWhere, type ListingTable } from '../listings/list-query.ts';
import type { MarketQuery } from '../vocabulary/text.ts';
import { SEARCH_KINDS, type SearchKind } from '../schemas.ts';

interface KindSource {
  table: ListingTable;
  visible: Sql;
  /** title, body text to cut a snippet from, and a few facts for the result line */
  display: Sql;
}

const source = (from: Sql, name: string, newest: string, visible: string, display: Sql): KindSource => ({
  table: { from, alias: 'x', name: `${name}_folded`, pinyin: `${name}_pinyin`, newest: sql.raw(newest), facets: {} },
  visible: sql.raw(visible),
  display,
});

const SOURCES: Record<SearchKind, KindSource> = {
  achievement: source(
    sql.raw('achievements x'),
    'title',
    'x.published_at',
    `x.status = 'published'`,
    sql`SELECT x.id, x.title, x.abstract AS body, jsonb_build_object('owner', o.name, 'ownerOrgId', o.id, 'maturity', x.maturity, 'industryCode', x.industry_code, 'keywords', x.keywords) AS meta
      FROM achievements x ${orgJoin('o', sql.raw('x.owner_org_id'))}`,
  ),
  demand: source(
    sql.raw('demands x'),
    'title',
    'x.published_at',
    `x.status = 'published'`,
    sql`SELECT x.id, x.title, x.description AS body, jsonb_build_object('org', o.name, 'orgId', o.id, 'industryCode', x.industry_code, 'budgetFen', x.budget_fen, 'deadline', to_char(x.deadline, 'YYYY-MM-DD')) AS meta
      FROM demands x ${orgJoin('o', sql.raw('x.org_id'))}`,
  ),
  expert: source(
    sql.raw('experts x'),
    'name',
    'x.updated_at',
    `x.status = 'active'`,
    sql`SELECT x.id, x.name AS title, concat_ws('｜', array_to_string(x.keywords, '、'), x.biography) AS body,
      jsonb_build_object('title', x.title, 'affiliation', coalesce(x.affiliation, o.name), 'techManagerGrade', x.tech_manager_grade, 'commissioner', x.commissioner) AS meta
      FROM experts x ${orgJoin('o', sql.raw('x.affiliation_org_id'), 'LEFT JOIN')}`,
  ),
  org: source(
    orgsTable('x'),
    'name',
    'x.updated_at',
    'true',
    sql`SELECT x.id, x.name AS title, x.description AS body, jsonb_build_object('districtCode', x.district_code, 'categories', x.categories, 'kinds', x.kinds) AS meta FROM ${orgsTable('x')}`,
  ),
  instrument: source(
    instrumentsTable('x'),
    'name',
    'x.updated_at',
    `x.status <> 'retired'`,
    sql`SELECT x.id, x.name AS title, concat_ws('｜', x.capabilities, x.specifications) AS body,
      jsonb_build_object('owner', o.name, 'ownerOrgId', o.id, 'classCode', x.class_code, 'districtCode', x.district_code, 'model', x.model) AS meta
      FROM ${instrumentsTable('x')} ${orgJoin('o', sql.raw('x.owner_org_id'))}`,
  ),
};

export interface HitRow {
  id: number;
  title: string;
  body: string | null;
  meta: Record<string, unknown>;
}

export class SearchRepository {
  constructor(private readonly db: Database) {}

  /** The matches of every kind: counted up to the exact limit, else estimated (listings/list-query.ts). */
  async counts(text: MarketQuery, fuzzy: boolean): Promise<Record<SearchKind, { total: number; approximate: boolean }>> {
    const all = await Promise.all(
      SEARCH_KINDS.map((k) => countMatches(this.db, SOURCES[k].table, matchWhere(SOURCES[k].table, { text, where: [SOURCES[k].visible] }, fuzzy))),
    );
    return Object.fromEntries(SEARCH_KINDS.map((k, i) => [k, all[i]])) as Record<SearchKind, { total: number; approximate: boolean }>;
  }

  /** One kind's page: ids in relevance order (a broad query: title matches first, newest first), then their result lines. */
  async page(kind: SearchKind, text: MarketQuery, fuzzy: boolean, broad: boolean, limit: number, offset: number): Promise<HitRow[]> {
    const s = SOURCES[kind];
    const search = { text, where: [s.visible], sort: 'relevance' as const, limit, offset };
    const where = matchWhere(s.table, search, fuzzy);
    const order = broad
      ? broadPageSql(s.table, search, where)
      : sql`SELECT x.id FROM ${s.table.from} ${sql.where(where)} ORDER BY ${textRankSql(text, sql`x.search_document`, sql.raw(`x.${s.table.name}`), sql.raw(`x.${s.table.pinyin}`), fuzzy)} DESC, x.id DESC LIMIT ${limit} OFFSET ${offset}`;
    const { rows: ids } = await this.db.query<{ id: number }>(order);
    if (!ids.length) return [];
    const wanted = ids.map((r) => Number(r.id));
    const { rows } = await this.db.query<HitRow>(sql`SELECT * FROM (${s.display}) d WHERE d.id = ANY(${wanted}::bigint[])`);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return wanted.map((id) => byId.get(id)!);
  }
}
