/**
 * The search behind the market's lists (achievements, demands, experts) and the cross-kind search:
 * text with synonyms and the pinyin typo fallback, filters, a page, the total and the facets.
 *
 * Two paths, because a single common word (模型, 检测) matches a quarter of 200,000 achievements:
 * - up to EXACT_LIMIT matches: the page in relevance order (ts_rank over every match), an exact
 *   total and exact facets, read from the matches' own columns;
 * - beyond: ranking every match means reading every match's document (1.3 s for 50,000), so the
 *   page puts the records whose title contains the query first and takes both tiers newest first
 *   (an index walk), the total is the planner's estimate and the facets are those of a sample of
 *   the matches scaled to it; the response says so (`approximate: true`) and the pages write "约".
 * Whether a query is broad is found by counting its matches up to EXACT_LIMIT + 1 (a bounded scan).
 */
import { sql, type Sql } from '../../../platform/db/sql.ts';
import type { Database, Queryable } from '../../../platform/db/database.ts';
import { textMatchSql, textRankSql } from '../../../platform/text/search-sql.ts';
import { queryTerms } from '../../../platform/text/segment.ts';
import type { MarketQuery } from '../vocabulary/text.ts';

export const EXACT_LIMIT = 1000;

export interface ListingTable {
  /** e.g. 'achievements a' */
  from: Sql;
  alias: string;
  /** the folded title or name and its pinyin (trigram-indexed), e.g. 'title_folded', 'title_pinyin' */
  name: string;
  pinyin: string;
  /** the date the 'newest' order uses */
  newest: Sql;
  facets: Record<string, { column: Sql; array?: boolean }>;
}

export interface ListingSearch {
  text: MarketQuery | null;
  where: Sql[];
  sort: 'relevance' | 'newest' | 'name';
  limit: number;
  offset: number;
  /** the list may hold records not yet published (an owner's drafts): they have no date and go last */
  undated?: boolean;
}

export interface ListingPage {
  ids: number[];
  total: number;
  /** total and facets are estimates (more than EXACT_LIMIT matches) */
  approximate: boolean;
  facets: Record<string, { code: string; count: number }[]>;
}

function columns(table: ListingTable) {
  const a = table.alias;
  return { doc: sql.raw(`${a}.search_document`), name: sql.raw(`${a}.${table.name}`), pinyin: sql.raw(`${a}.${table.pinyin}`), id: sql.raw(`${a}.id`) };
}

/** The full condition of a search: filters and, with a query, the text match. */
export function matchWhere(table: ListingTable, s: Pick<ListingSearch, 'text' | 'where'>, fuzzy: boolean): Sql[] {
  return s.text ? [...s.where, textMatchSql(s.text, columns(table), fuzzy)] : [...s.where];
}

/**
 * How many rows match: counted when at most EXACT_LIMIT, else the planner's estimate. The planner is
 * asked first (no rows read): an estimate far beyond the limit is trusted as it is; otherwise the
 * matches are counted up to EXACT_LIMIT + 1 (a bounded scan), since estimates of several words
 * together assume they are independent and can be far too low.
 */
export async function countMatches(
  db: Queryable,
  table: ListingTable,
  where: Sql[],
  opts: { deferSmall?: boolean } = {},
): Promise<{ total: number; approximate: boolean; deferred?: boolean }> {
  const plan = await db.query<{ 'QUERY PLAN': unknown }>(sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${table.from} ${sql.where(where)}`);
  const raw = plan.rows[0]['QUERY PLAN'];
  const estimate = Number((typeof raw === 'string' ? JSON.parse(raw) : raw)[0].Plan['Plan Rows']);
  // surely few: the caller counts them along with its facets, in the same round trip as the page
  if (opts.deferSmall && estimate <= EXACT_LIMIT / 2) return { total: roundEstimate(estimate), approximate: false, deferred: true };
  if (estimate <= 5 * EXACT_LIMIT) {
    const { rows } = await db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${table.from} ${sql.where(where)} LIMIT ${EXACT_LIMIT + 1}) x`,
    );
    const capped = Number(rows[0].n);
    if (capped <= EXACT_LIMIT) return { total: capped, approximate: false };
  }
  return { total: roundEstimate(estimate), approximate: true };
}

/** A round figure: it is an estimate, and never below the exact range. */
function roundEstimate(estimate: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(estimate, 1))) - 1);
  return Math.max(EXACT_LIMIT + 1, Math.round(estimate / magnitude) * magnitude);
}

function orderSql(table: ListingTable, s: ListingSearch, fuzzy: boolean): Sql {
  const c = columns(table);
  if (s.sort === 'relevance' && s.text) return sql`${textRankSql(s.text, c.doc, c.name, c.pinyin, fuzzy)} DESC, ${c.id} DESC`;
  if (s.sort === 'name') return sql`${c.name}, ${c.id}`;
  // NULLS LAST only when drafts may be listed: a published record always has its date (publishing sets it), and
  // NULLS LAST is not the order of the (published_at DESC, id DESC) index, so it made every public list sort all its
  // matches (71.5 ms for the unfiltered list at 200,000 achievements, 0.09 ms from the index)
  return s.undated ? sql`${table.newest} DESC NULLS LAST, ${c.id} DESC` : sql`${table.newest} DESC, ${c.id} DESC`;
}

/**
 * A broad query's page: records with every query word in their title first, each tier newest first.
 * The title tier comes from the index on the title's words (title_terms, at most 2,000 of them,
 * then sorted): a walk down the date index would read the whole table when few titles hold the
 * word. The rest (and any title matches past those 2,000) is a walk down the date index, which
 * stops after offset + limit matches, since a broad query's matches are everywhere.
 */
export function broadPageSql(table: ListingTable, s: ListingSearch, where: Sql[]): Sql {
  const c = columns(table);
  const words = queryTerms(s.text!.folded);
  // every word in the title implies the text matches: the title tier needs only the filters (s.where),
  // so its rows are read without their search document
  const inTitle = words.length ? sql`${sql.raw(`${table.alias}.title_terms`)} @> ${words}::text[]` : sql`false`;
  return sql`
    WITH titled AS MATERIALIZED (SELECT ${c.id} AS id, ${table.newest} AS at FROM ${table.from} ${sql.where([...s.where, inTitle])} LIMIT 2000),
    first AS (SELECT id, 0 AS tier, at FROM titled ORDER BY at DESC, id DESC LIMIT ${s.offset + s.limit}),
    -- ORDER BY exactly as the (published_at DESC, id DESC) index is (NULLS LAST made it sort every match)
    rest AS (SELECT ${c.id} AS id, 1 AS tier, ${table.newest} AS at FROM ${table.from} ${sql.where([...where, sql`${c.id} NOT IN (SELECT id FROM titled)`])}
             ORDER BY ${table.newest} DESC, ${c.id} DESC LIMIT ${s.offset + s.limit})
    SELECT id FROM (SELECT * FROM first UNION ALL SELECT * FROM rest) p ORDER BY tier, at DESC, id DESC LIMIT ${s.limit} OFFSET ${s.offset}`;
}

/** One facet's counts over the CTE `hits` (which has the facet's column as "f_<name>"), as a JSON object. */
function facetAgg(table: ListingTable, name: string): Sql {
  const col = table.facets[name].array ? sql`unnest(${sql.raw(`"f_${name}"`)})` : sql.raw(`"f_${name}"`);
  return sql`(SELECT jsonb_object_agg(coalesce(k, ''), n) FROM (SELECT ${col} AS k, count(*) AS n FROM hits GROUP BY 1) x) AS ${sql.raw(`"${name}"`)}`;
}

function readFacets(table: ListingTable, r: Record<string, unknown>, scale: number): ListingPage['facets'] {
  const facets: ListingPage['facets'] = {};
  for (const name of Object.keys(table.facets)) {
    facets[name] = Object.entries((r[name] as Record<string, number> | null) ?? {})
      .filter(([code]) => code)
      .map(([code, count]) => ({ code, count: Math.round(Number(count) * scale) }))
      .sort((x, y) => y.count - x.count || x.code.localeCompare(y.code));
  }
  return facets;
}

function facetsSql(table: ListingTable, where: Sql[], sample: number | null): Sql {
  const names = Object.keys(table.facets);
  const cols = names.map((name) => sql`${table.facets[name].column} AS ${sql.raw(`"f_${name}"`)}`);
  const aggs = names.map((name) => facetAgg(table, name));
  return sql`
    WITH hits AS MATERIALIZED (SELECT ${sql.join([sql`${columns(table).id}`, ...cols], ', ')} FROM ${table.from} ${sql.where(where)} ${sample ? sql`LIMIT ${sample}` : sql``})
    SELECT (SELECT count(*)::int FROM hits) AS n ${aggs.length ? sql`, ${sql.join(aggs, ', ')}` : sql``}`;
}

export async function searchListing(db: Queryable, table: ListingTable, s: ListingSearch, fuzzy: boolean): Promise<ListingPage> {
  const where = matchWhere(table, s, fuzzy);
  const counted = await countMatches(db, table, where, { deferSmall: true });
  let { total, approximate } = counted;
  const pageSql =
    approximate && s.text && s.sort === 'relevance'
      ? broadPageSql(table, s, where)
      : sql`SELECT ${columns(table).id} AS id FROM ${table.from} ${sql.where(where)} ORDER BY ${orderSql(table, s, fuzzy)} LIMIT ${s.limit} OFFSET ${s.offset}`;
  // the page and the count with facets at once (two statements; on PostgreSQL two connections)
  const sample = approximate ? 2 * EXACT_LIMIT : counted.deferred ? EXACT_LIMIT + 1 : null;
  const [page, counts] = await Promise.all([
    db.query<{ id: number }>(pageSql),
    counted.deferred || (Object.keys(table.facets).length && total > 0) ? db.query<Record<string, unknown>>(facetsSql(table, where, sample)) : null,
  ]);
  const r = counts?.rows[0] ?? {};
  if (counted.deferred) {
    const n = Number(r.n);
    // the estimate was far too low: still an answer, with the total and facets as estimates
    if (n > EXACT_LIMIT) approximate = true;
    else total = n;
  }
  const scale = approximate && r.n ? total / Number(r.n) : 1;
  return { ids: page.rows.map((x) => Number(x.id)), total, approximate, facets: readFacets(table, r, scale) };
}

/**
 * Search, falling back to pinyin/trigram typo tolerance when the words match nothing at all. Not when
 * only the filters left nothing (中药 in the electronics industry): words found in the table are
 * not a typo, and the pinyin comparison of a short word touches a large part of the index.
 */
export async function searchWithFallback(db: Database, table: ListingTable, s: ListingSearch): Promise<ListingPage & { fuzzy: boolean }> {
  const exact = await searchListing(db, table, s, false);
  if (exact.total > 0 || !mayBeTypo(s.text)) return { ...exact, fuzzy: false };
  if (await wordsExist(db, table, s.text)) return { ...exact, fuzzy: false };
  const fuzzy = await fuzzyListing(db, table, { ...s, text: s.text });
  return fuzzy.total > 0 ? { ...fuzzy, fuzzy: true } : { ...exact, fuzzy: false };
}

/**
 * Whether the query's words match any row at all, whatever its status or filters. Through the text
 * index: for EXISTS the planner prefers reading the table until a first match, which for words that
 * are nowhere (the typo case) reads all of it (520 ms at 200,000 achievements).
 */
async function wordsExist(db: Database, table: ListingTable, text: MarketQuery): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query(sql`SET LOCAL enable_seqscan = off`);
    const { rows } = await tx.query<{ found: boolean }>(
      sql`SELECT EXISTS (SELECT 1 FROM ${table.from} WHERE ${textMatchSql(text, columns(table), false)}) AS found`,
    );
    return rows[0].found;
  });
}

/**
 * The typo fallback in one statement: its matches (a pinyin comparison through the trigram index,
 * the costly part) are found once, then ranked for the page and counted for the facets. A typo
 * matches few rows; past EXACT_LIMIT the total and facets are those of the first EXACT_LIMIT + 1.
 */
async function fuzzyListing(db: Queryable, table: ListingTable, s: ListingSearch & { text: MarketQuery }): Promise<ListingPage> {
  const c = columns(table);
  const names = Object.keys(table.facets);
  const cols = names.map((name) => sql`, ${table.facets[name].column} AS ${sql.raw(`"f_${name}"`)}`);
  const { rows } = await db.query<Record<string, unknown>>(sql`
    WITH hits AS MATERIALIZED (
      SELECT ${c.id} AS id, ${textRankSql(s.text, c.doc, c.name, c.pinyin, true)} AS rank ${sql.join(cols, ' ')}
      FROM ${table.from} ${sql.where(matchWhere(table, s, true))} LIMIT ${EXACT_LIMIT + 1})
    SELECT (SELECT count(*)::int FROM hits) AS n,
           (SELECT coalesce(jsonb_agg(id), '[]') FROM (SELECT id FROM hits ORDER BY rank DESC, id DESC LIMIT ${s.limit} OFFSET ${s.offset}) p) AS ids
           ${sql.join(
             names.map((name) => sql`, ${facetAgg(table, name)}`),
             ' ',
           )}`);
  const r = rows[0];
  const n = Number(r.n);
  return { ids: (r.ids as number[]).map(Number), total: n, approximate: n > EXACT_LIMIT, facets: readFacets(table, r, 1) };
}

/**
 * The pinyin fallback is for a name or title typed with an input-method slip; a long query that
 * matches nothing is not one, and comparing its long pinyin costs 50–70 ms a table.
 */
export function mayBeTypo(text: MarketQuery | null): text is MarketQuery {
  return !!text && [...text.folded].length <= 16;
}

/** Rows fetched by id, in the order of `ids` (a page's order), ids no longer found left out. */
export function inIdOrder<T>(ids: number[], rows: Record<string, unknown>[], make: (row: Record<string, unknown>) => T): T[] {
  const byId = new Map(rows.map((r) => [Number(r.id), make(r)]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
