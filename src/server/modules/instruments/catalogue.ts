/**
 * The catalogue search: text (the directory's Chinese pipeline), filters, and availability
 * ("free for at least N hours between T1 and T2"), with total and facets, in one statement: the
 * free-time computation is the expensive part and must run once per search, not once per count.
 */
import { sql, type Sql } from '../../platform/db/sql.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { textMatchSql, textRankSql, type TextQuery } from '../../platform/text/search-sql.ts';
import { freeTimeCte, longestHoursSql } from './availability.ts';

export interface CatalogueFilters {
  text: TextQuery | null;
  classes?: string[];
  districts?: string[];
  owner?: number;
  kinds?: string[];
  sharingModes?: string[];
  statuses?: string[];
  priceMin?: number;
  priceMax?: number;
  free?: { from: Date; to: Date; minMinutes: number | null };
}

export interface CataloguePage {
  hits: { id: number; freeSlots: { start: Date; end: Date }[] | null; longestFreeHours: number | null }[];
  total: number;
  facets: { class: { code: string; count: number }[]; district: { code: string; count: number }[] };
}

const TEXT = { doc: sql.raw('i.search_document'), name: sql.raw('i.name_folded'), pinyin: sql.raw('i.name_pinyin') };

function conditions(f: CatalogueFilters, fuzzy: boolean): Sql[] {
  const c: Sql[] = [];
  if (f.text) c.push(textMatchSql(f.text, TEXT, fuzzy));
  if (f.classes?.length) c.push(sql`i.class_code = ANY(${f.classes}::text[])`);
  if (f.districts?.length) c.push(sql`i.district_code = ANY(${f.districts}::text[])`);
  if (f.owner) c.push(sql`i.owner_org_id = ${f.owner}`);
  if (f.kinds?.length) c.push(sql`i.kind = ANY(${f.kinds}::text[])`);
  if (f.sharingModes?.length) c.push(sql`i.sharing_mode = ANY(${f.sharingModes}::text[])`);
  // Retired instruments leave the catalogue unless asked for; one under maintenance is shown (it comes back).
  c.push(f.statuses?.length ? sql`i.status = ANY(${f.statuses}::text[])` : sql`i.status <> 'retired'`);
  if (f.priceMin != null) c.push(sql`i.price_external_fen >= ${f.priceMin}`);
  if (f.priceMax != null) c.push(sql`i.price_external_fen <= ${f.priceMax}`);
  // Free time is only offered by instruments that can be booked
  if (f.free) c.push(sql`i.status = 'in_service'`);
  return c;
}

function orderBy(f: CatalogueFilters, sort: string, fuzzy: boolean): Sql {
  switch (sort) {
    case 'relevance':
      return f.text ? sql`${textRankSql(f.text, TEXT.doc, TEXT.name, TEXT.pinyin, fuzzy)} DESC, i.id` : sql`i.name_folded, i.id`;
    case 'price':
      return sql`i.price_external_fen, i.id`;
    case 'value':
      return sql`i.original_value_fen DESC NULLS LAST, i.id`;
    case 'updated':
      return sql`i.updated_at DESC, i.id DESC`;
    default:
      return sql`i.name_folded, i.id`;
  }
}

export async function searchCatalogue(db: Queryable, f: CatalogueFilters, sort: string, limit: number, offset: number, fuzzy: boolean): Promise<CataloguePage> {
  const where = sql.where(conditions(f, fuzzy));
  let hitsCte: Sql;
  if (f.free) {
    // Without a minimum, a stretch must fit the instrument's own shortest booking.
    const min = f.free.minMinutes;
    const need = min != null ? sql`${min}::int` : sql`i.min_booking_minutes`;
    hitsCte = sql`${freeTimeCte(sql`SELECT i.id FROM instruments i ${where}`, f.free.from, f.free.to)},
      hits AS MATERIALIZED (
        SELECT i.id, i.class_code, i.district_code, bk.free, ${need} AS need, row_number() OVER (ORDER BY ${orderBy(f, sort, fuzzy)}) AS pos
        FROM free fr JOIN instruments i ON i.id = fr.instrument_id
        -- bookable free time: not before the instrument's notice, not beyond its advance limit
        CROSS JOIN LATERAL (SELECT fr.free * tstzmultirange(tstzrange(now() + make_interval(hours => i.notice_hours), now() + make_interval(days => i.max_advance_days))) AS free) bk
        WHERE EXISTS (SELECT 1 FROM unnest(bk.free) AS r WHERE upper(r) - lower(r) >= make_interval(mins => ${need}))
      )`;
  } else {
    hitsCte = sql`hits AS MATERIALIZED (
        SELECT i.id, i.class_code, i.district_code, NULL::tstzmultirange AS free, 0 AS need, row_number() OVER (ORDER BY ${orderBy(f, sort, fuzzy)}) AS pos
        FROM instruments i ${where}
      )`;
  }
  const { rows } = await db.query<{ page: { id: number; freeSlots: { start: string; end: string }[] | null; longest: number | null }[] | null; total: number; classes: Record<string, number> | null; districts: Record<string, number> | null }>(sql`
    WITH ${hitsCte}
    SELECT
      (SELECT jsonb_agg(jsonb_build_object('id', p.id, 'freeSlots', p.slots, 'longest', p.longest) ORDER BY p.pos) FROM (
         SELECT h.id, h.pos,
           CASE WHEN h.free IS NULL THEN NULL ELSE ${longEnoughSqlDynamic()} END AS slots,
           CASE WHEN h.free IS NULL THEN NULL ELSE ${longestHoursSql(sql.raw('h.free'))} END AS longest
         FROM hits h ORDER BY h.pos LIMIT ${limit} OFFSET ${offset}) p) AS page,
      (SELECT count(*)::int FROM hits) AS total,
      (SELECT jsonb_object_agg(class_code, n) FROM (SELECT class_code, count(*) AS n FROM hits GROUP BY class_code) c) AS classes,
      (SELECT jsonb_object_agg(coalesce(district_code, ''), n) FROM (SELECT district_code, count(*) AS n FROM hits GROUP BY district_code) d) AS districts`);
  const r = rows[0];
  const facet = (o: Record<string, number> | null) =>
    Object.entries(o ?? {})
      .filter(([code]) => code)
      .map(([code, count]) => ({ code, count: Number(count) }))
      .sort((a, b) => b.count - a.count);
  return {
    hits: (r.page ?? []).map((p) => ({
      id: Number(p.id),
      freeSlots: p.freeSlots ? p.freeSlots.map((s) => ({ start: new Date(s.start), end: new Date(s.end) })) : null,
      longestFreeHours: p.longest == null ? null : Math.round(Number(p.longest) * 100) / 100,
    })),
    total: r.total,
    facets: { class: facet(r.classes), district: facet(r.districts) },
  };
}

/** Up to five free stretches at least as long as the row's need. */
function longEnoughSqlDynamic(): Sql {
  return sql`(SELECT coalesce(jsonb_agg(jsonb_build_object('start', lower(r), 'end', upper(r)) ORDER BY lower(r)), '[]'::jsonb)
    FROM (SELECT r FROM unnest(h.free) AS r WHERE upper(r) - lower(r) >= make_interval(mins => h.need) ORDER BY lower(r) LIMIT 5) s)`;
}

export async function textMatchesAny(db: Queryable, text: TextQuery): Promise<boolean> {
  const { rows } = await db.query(sql`SELECT 1 FROM instruments i WHERE ${textMatchSql(text, TEXT, false)} LIMIT 1`);
  return rows.length > 0;
}

