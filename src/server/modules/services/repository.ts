/**
 * SQL of the service catalogue, on the services table only (the provider's name comes through the
 * directory's join fragment). No rules here: the service decides who may write what. The search reads
 * the matching ids, the total and both facets in one statement, then the page's rows by id.
 */
import { sql, type Sql } from '../../platform/db/sql.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { searchDocumentSql, textMatchSql, textRankSql, type TextQuery } from '../../platform/text/search-sql.ts';
import { fold } from '../../platform/text/fold.ts';
import { pinyinKey } from '../../platform/text/pinyin.ts';
import { orgJoin } from '../directory/index.ts';
import type { PricingMode, Qualification, RestrictedKind, ServiceStatus } from './schemas.ts';

/** A service as stored, with its provider's name. */
export interface Service {
  id: number;
  providerOrgId: number;
  providerName: string;
  title: string;
  categoryCode: string;
  subcategory: string | null;
  description: string | null;
  deliverables: string | null;
  pricingMode: PricingMode;
  priceFen: number | null;
  priceMinFen: number | null;
  priceMaxFen: number | null;
  turnaroundDays: number | null;
  qualifications: Qualification[];
  districtCode: string | null;
  restrictedKind: RestrictedKind | null;
  status: ServiceStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a write stores (the provider's name and the category's name only feed the search document). */
export type ServiceRecord = Omit<Service, 'id' | 'providerName' | 'version' | 'createdAt' | 'updatedAt'>;

const COLUMNS = sql.raw(`s.id, s.provider_org_id AS "providerOrgId", o.name AS "providerName", s.title, s.category_code AS "categoryCode",
  s.subcategory, s.description, s.deliverables, s.pricing_mode AS "pricingMode", s.price_fen AS "priceFen", s.price_min_fen AS "priceMinFen",
  s.price_max_fen AS "priceMaxFen", s.turnaround_days AS "turnaroundDays", s.qualifications, s.district_code AS "districtCode",
  s.restricted_kind AS "restrictedKind", s.status, s.version, s.created_at AS "createdAt", s.updated_at AS "updatedAt"`);
const FROM = sql`services s ${orgJoin('o', sql.raw('s.provider_org_id'))}`;
const TEXT = { doc: sql.raw('s.search_document'), name: sql.raw('s.title_folded'), pinyin: sql.raw('s.title_pinyin') };

/** The search columns every write fills through the shared pipeline (fold + segment). */
export function serviceSearchColumns(
  x: Pick<ServiceRecord, 'title' | 'subcategory' | 'description' | 'deliverables'>,
  categoryName: string,
  providerName: string,
) {
  const titleFolded = fold(x.title);
  return {
    titleFolded,
    titlePinyin: pinyinKey(titleFolded),
    document: searchDocumentSql({ A: [x.title, x.subcategory], B: [x.description, x.deliverables, categoryName], C: [providerName] }),
  };
}

export interface ServiceFilters {
  text: TextQuery | null;
  categories?: string[];
  districts?: string[];
  pricingModes?: string[];
  providerOrgId?: number;
  /** published only, unless the caller may see the provider's withdrawn ones too */
  statuses: string[];
}

export interface ServicePage {
  ids: number[];
  total: number;
  facets: { category: { code: string; count: number }[]; district: { code: string; count: number }[] };
}

function conditions(f: ServiceFilters, fuzzy: boolean): Sql[] {
  // published only as a constant, so the planner may use the partial indexes on published services
  const c: Sql[] = [f.statuses.length === 1 && f.statuses[0] === 'published' ? sql`s.status = 'published'` : sql`s.status = ANY(${f.statuses}::text[])`];
  if (f.text) c.push(textMatchSql(f.text, TEXT, fuzzy));
  if (f.categories?.length) c.push(sql`s.category_code = ANY(${f.categories}::text[])`);
  if (f.districts?.length) c.push(sql`s.district_code = ANY(${f.districts}::text[])`);
  if (f.pricingModes?.length) c.push(sql`s.pricing_mode = ANY(${f.pricingModes}::text[])`);
  if (f.providerOrgId) c.push(sql`s.provider_org_id = ${f.providerOrgId}`);
  return c;
}

export class ServiceRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): ServiceRepository {
    return new ServiceRepository(tx);
  }

  async findById(id: number, forUpdate = false): Promise<Service | null> {
    const { rows } = await this.db.query<Service>(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE s.id = ${id} ${forUpdate ? sql`FOR UPDATE OF s` : sql``}`);
    return rows[0] ?? null;
  }

  /** The rows of these ids, in the order given (missing ids left out). */
  async findByIds(ids: number[]): Promise<Service[]> {
    if (!ids.length) return [];
    const { rows } = await this.db.query<Service>(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE s.id = ANY(${ids}::bigint[])`);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.map((id) => byId.get(id)).filter((x): x is Service => !!x);
  }

  async insert(x: ServiceRecord, categoryName: string, providerName: string): Promise<number> {
    const s = serviceSearchColumns(x, categoryName, providerName);
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO services (${COLUMN_LIST}, title_folded, title_pinyin, search_document)
      VALUES (${values(x)}, ${s.titleFolded}, ${s.titlePinyin}, ${s.document}) RETURNING id`);
    return Number(rows[0].id);
  }

  async update(id: number, x: ServiceRecord, categoryName: string, providerName: string): Promise<void> {
    const s = serviceSearchColumns(x, categoryName, providerName);
    await this.db.query(sql`
      UPDATE services SET (${COLUMN_LIST}, title_folded, title_pinyin, search_document, version, updated_at)
        = (${values(x)}, ${s.titleFolded}, ${s.titlePinyin}, ${s.document}, version + 1, now())
      WHERE id = ${id}`);
  }

  /**
   * One page of matching ids (relevance with a query, else newest first), the total and both facets. With
   * words, one statement over the matches (the rank is computed once per match). Without, the page is read
   * in index order (updated_at DESC) and the facets by one grouping pass that needs no sort key.
   */
  async search(f: ServiceFilters, limit: number, offset: number, fuzzy: boolean): Promise<ServicePage> {
    const where = sql.where(conditions(f, fuzzy));
    const facetRows = (rows: { category_code: string | null; district_code: string | null; n: number }[]) => {
      const by = (pick: (r: (typeof rows)[number]) => string | null, other: (r: (typeof rows)[number]) => string | null) =>
        rows
          .filter((r) => pick(r) != null && other(r) == null)
          .map((r) => ({ code: pick(r)!, count: Number(r.n) }))
          .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
      return {
        category: by(
          (r) => r.category_code,
          (r) => r.district_code,
        ),
        district: by(
          (r) => r.district_code,
          (r) => r.category_code,
        ),
      };
    };
    if (!f.text) {
      const [page, facets] = await Promise.all([
        this.db.query<{ id: number }>(sql`SELECT s.id FROM services s ${where} ORDER BY s.updated_at DESC, s.id DESC LIMIT ${limit} OFFSET ${offset}`),
        // GROUPING SETS: a district of null (a provider without one) is told apart by grouping(), not by the null
        this.db.query<{ category_code: string | null; district_code: string | null; n: number; g: number }>(sql`
          SELECT CASE WHEN grouping(s.category_code) = 0 THEN s.category_code END AS category_code,
                 CASE WHEN grouping(s.district_code) = 0 THEN coalesce(s.district_code, '') END AS district_code, count(*)::int AS n
          FROM services s ${where} GROUP BY GROUPING SETS ((s.category_code), (s.district_code))`),
      ]);
      const rows = facets.rows.map((r) => ({ ...r, district_code: r.district_code === '' ? null : r.district_code }));
      const total = rows.filter((r) => r.category_code != null).reduce((n, r) => n + Number(r.n), 0);
      return { ids: page.rows.map((r) => Number(r.id)), total, facets: facetRows(rows.filter((r) => r.category_code != null || r.district_code != null)) };
    }
    const key = textRankSql(f.text, TEXT.doc, TEXT.name, TEXT.pinyin, fuzzy);
    const { rows } = await this.db.query<{
      page: number[] | null;
      total: number;
      facets: { category_code: string | null; district_code: string | null; n: number }[] | null;
    }>(sql`
      WITH hits AS MATERIALIZED (SELECT s.id, s.category_code, s.district_code, ${key} AS sort_key FROM services s ${where}),
      facets AS MATERIALIZED (SELECT category_code, district_code, count(*)::int AS n FROM hits GROUP BY GROUPING SETS ((category_code), (district_code)))
      SELECT
        ARRAY(SELECT h.id FROM hits h ORDER BY h.sort_key DESC, h.id DESC LIMIT ${limit} OFFSET ${offset}) AS page,
        (SELECT count(*)::int FROM hits) AS total,
        (SELECT jsonb_agg(facets) FROM facets) AS facets`);
    const r = rows[0];
    return { ids: (r.page ?? []).map(Number), total: r.total, facets: facetRows(r.facets ?? []) };
  }

  /** Does any published service match the words at all (before trying typo-tolerant matching)? */
  async textMatchesAny(text: TextQuery): Promise<boolean> {
    const { rows } = await this.db.query(sql`SELECT 1 FROM services s WHERE s.status = 'published' AND ${textMatchSql(text, TEXT, false)} LIMIT 1`);
    return rows.length > 0;
  }

  /** How many services each of these providers has published (a demo seed's guard, the storefront). */
  async countPublished(providerOrgId?: number): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM services s WHERE s.status = 'published' ${providerOrgId ? sql`AND s.provider_org_id = ${providerOrgId}` : sql``}`,
    );
    return rows[0].n;
  }

  /** Any service at all (the demo seed runs once). */
  async any(): Promise<boolean> {
    const { rows } = await this.db.query(sql`SELECT 1 FROM services LIMIT 1`);
    return rows.length > 0;
  }
}

const COLUMN_LIST = sql.raw(`provider_org_id, title, category_code, subcategory, description, deliverables, pricing_mode, price_fen, price_min_fen,
  price_max_fen, turnaround_days, qualifications, district_code, restricted_kind, status`);

function values(x: ServiceRecord): Sql {
  return sql`${x.providerOrgId}, ${x.title}, ${x.categoryCode}, ${x.subcategory ?? null}, ${x.description ?? null}, ${x.deliverables ?? null},
    ${x.pricingMode}, ${x.priceFen ?? null}, ${x.priceMinFen ?? null}, ${x.priceMaxFen ?? null}, ${x.turnaroundDays ?? null},
    ${JSON.stringify(x.qualifications)}::jsonb, ${x.districtCode ?? null}, ${x.restrictedKind ?? null}, ${x.status}`;
}
