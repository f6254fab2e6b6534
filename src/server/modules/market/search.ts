/**
 * One search across kinds (`GET /api/v1/search`): the same query (folded, segmented, expanded with
 * synonyms, with the pinyin typo fallback) counted over achievements, demands, experts,
 * organizations and instruments for the tabs, and one kind's page with highlighted fragments.
 */
import type { Database } from '../../platform/db/database.ts';
import { sql, type Sql } from '../../platform/db/sql.ts';
import { textRankSql } from '../../platform/text/search-sql.ts';
import { broadPageSql, countMatches, matchWhere, mayBeTypo, type ListingTable } from './listing-search.ts';
import type { MarketReference } from './reference.ts';
import { SEARCH_KINDS, type SearchKind, type SearchQuery } from './schemas.ts';
import { highlight, parseMarketQuery, type MarketQuery, type Segment } from './text.ts';

interface KindSource {
  table: ListingTable;
  visible: Sql;
  /** title, body text to cut a snippet from, and a few facts for the result line */
  display: Sql;
}

const source = (from: string, name: string, newest: string, visible: string, display: string): KindSource => ({
  table: { from: sql.raw(from), alias: 'x', name: `${name}_folded`, pinyin: `${name}_pinyin`, newest: sql.raw(newest), facets: {} },
  visible: sql.raw(visible),
  display: sql.raw(display),
});

const SOURCES: Record<SearchKind, KindSource> = {
  achievement: source(
    'achievements x', 'title', 'x.published_at', `x.status = 'published'`,
    `SELECT x.id, x.title, x.abstract AS body, jsonb_build_object('owner', o.name, 'ownerOrgId', o.id, 'maturity', x.maturity, 'industryCode', x.industry_code, 'keywords', x.keywords) AS meta
      FROM achievements x JOIN orgs o ON o.id = x.owner_org_id`,
  ),
  demand: source(
    'demands x', 'title', 'x.published_at', `x.status = 'published'`,
    `SELECT x.id, x.title, x.description AS body, jsonb_build_object('org', o.name, 'orgId', o.id, 'industryCode', x.industry_code, 'budgetFen', x.budget_fen, 'deadline', to_char(x.deadline, 'YYYY-MM-DD')) AS meta
      FROM demands x JOIN orgs o ON o.id = x.org_id`,
  ),
  expert: source(
    'experts x', 'name', 'x.updated_at', `x.status = 'active'`,
    `SELECT x.id, x.name AS title, concat_ws('｜', array_to_string(x.keywords, '、'), x.biography) AS body,
      jsonb_build_object('title', x.title, 'affiliation', coalesce(x.affiliation, o.name), 'techManagerGrade', x.tech_manager_grade, 'commissioner', x.commissioner) AS meta
      FROM experts x LEFT JOIN orgs o ON o.id = x.affiliation_org_id`,
  ),
  org: source(
    'orgs x', 'name', 'x.updated_at', 'true',
    `SELECT x.id, x.name AS title, x.description AS body, jsonb_build_object('districtCode', x.district_code, 'categories', x.categories, 'kinds', x.kinds) AS meta FROM orgs x`,
  ),
  instrument: source(
    'instruments x', 'name', 'x.updated_at', `x.status <> 'retired'`,
    `SELECT x.id, x.name AS title, concat_ws('｜', x.capabilities, x.specifications) AS body,
      jsonb_build_object('owner', o.name, 'ownerOrgId', o.id, 'classCode', x.class_code, 'districtCode', x.district_code, 'model', x.model) AS meta
      FROM instruments x JOIN orgs o ON o.id = x.owner_org_id`,
  ),
};

export interface SearchHit {
  kind: SearchKind;
  id: number;
  title: Segment[];
  snippet: Segment[];
  meta: Record<string, unknown>;
}

export class SearchService {
  constructor(
    private readonly db: Database,
    private readonly reference: MarketReference,
  ) {}

  async search(q: SearchQuery) {
    const text = parseMarketQuery(q.q, await this.reference.synonymGroups());
    const none = { achievement: 0, demand: 0, expert: 0, org: 0, instrument: 0 };
    if (!text) return { q: q.q, kind: q.kind ?? 'achievement', counts: none, approximate: [], items: [], total: 0, page: q.page, pageSize: q.pageSize, fuzzy: false };
    let fuzzy = false;
    let counts = await this.counts(text, false);
    if (Object.values(counts).every((c) => c.total === 0) && mayBeTypo(text)) {
      const again = await this.counts(text, true);
      if (Object.values(again).some((c) => c.total > 0)) [counts, fuzzy] = [again, true];
    }
    const kind = q.kind ?? SEARCH_KINDS.find((k) => counts[k].total > 0) ?? 'achievement';
    const items = counts[kind].total ? await this.page(kind, text, fuzzy, counts[kind].approximate, q.pageSize, (q.page - 1) * q.pageSize) : [];
    return {
      q: q.q,
      kind,
      counts: Object.fromEntries(SEARCH_KINDS.map((k) => [k, counts[k].total])) as Record<SearchKind, number>,
      /** kinds whose count is an estimate (more than EXACT_LIMIT matches) */
      approximate: SEARCH_KINDS.filter((k) => counts[k].approximate),
      items,
      total: counts[kind].total,
      page: q.page,
      pageSize: q.pageSize,
      fuzzy,
    };
  }

  private async counts(text: MarketQuery, fuzzy: boolean): Promise<Record<SearchKind, { total: number; approximate: boolean }>> {
    const all = await Promise.all(SEARCH_KINDS.map((k) => countMatches(this.db, SOURCES[k].table, matchWhere(SOURCES[k].table, { text, where: [SOURCES[k].visible] }, fuzzy))));
    return Object.fromEntries(SEARCH_KINDS.map((k, i) => [k, all[i]])) as Record<SearchKind, { total: number; approximate: boolean }>;
  }

  private async page(kind: SearchKind, text: MarketQuery, fuzzy: boolean, broad: boolean, limit: number, offset: number): Promise<SearchHit[]> {
    const s = SOURCES[kind];
    const search = { text, where: [s.visible], sort: 'relevance' as const, limit, offset };
    const where = matchWhere(s.table, search, fuzzy);
    const order = broad
      ? broadPageSql(s.table, search, where)
      : sql`SELECT x.id FROM ${s.table.from} ${sql.where(where)} ORDER BY ${textRankSql(text, sql`x.search_document`, sql.raw(`x.${s.table.name}`), sql.raw(`x.${s.table.pinyin}`), fuzzy)} DESC, x.id DESC LIMIT ${limit} OFFSET ${offset}`;
    const { rows: ids } = await this.db.query<{ id: number }>(order);
    if (!ids.length) return [];
    const wanted = ids.map((r) => Number(r.id));
    const { rows } = await this.db.query<{ id: number; title: string; body: string | null; meta: Record<string, unknown> }>(sql`
      SELECT * FROM (${s.display}) d WHERE d.id = ANY(${wanted}::bigint[])`);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return wanted.map((id) => {
      const r = byId.get(id)!;
      return { kind, id, title: highlight(r.title, text.marks), snippet: highlight(r.body, text.marks, 120), meta: r.meta };
    });
  }
}
