/**
 * SQL of the catalogue: the search — text (the directory's Chinese pipeline), filters, and availability
 * ("free for at least N hours between T1 and T2"), with total and facets, in one statement: the
 * free-time computation is the expensive part and must run once per search, not once per count —
 * and one instrument's calendar (open, closed, taken, free). The free-time fragments are in
 * availability-sql.ts.
 */
import { availabilityClock } from './clock.ts';
import { sql, type Sql } from '../../../platform/db/sql.ts';
import type { Queryable } from '../../../platform/db/database.ts';
import { textMatchSql, textRankSql, type TextQuery } from '../../../platform/text/search-sql.ts';
import type { Interval } from '../schemas.ts';
import { freeTimeCte, holdingSql, longestHoursSql, overlapsWindowSql, weekdaysOf } from './availability-sql.ts';

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
  /** free for whom: a members-only instrument's time is offered to its owner's members only (`viewerOrgId`) */
  free?: { from: Date; to: Date; minMinutes: number | null; viewerOrgId: number | null };
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
  // Free time is only offered by instruments that can be booked, by this viewer: a members-only
  // instrument's time only to its owner's members (anonymous visitors see what an outsider could book)
  if (f.free) {
    c.push(sql`i.status = 'in_service'`);
    c.push(f.free.viewerOrgId != null ? sql`(i.sharing_mode <> 'members' OR i.owner_org_id = ${f.free.viewerOrgId})` : sql`i.sharing_mode <> 'members'`);
  }
  return c;
}

/**
 * The page's order as one sort key computed with the matches (the page is then sorted from them, never
 * by joining every hit back to the wide catalogue rows; that join read all 20,000 rows for a ranked
 * page), and the ORDER BY over it.
 */
function sortKey(f: CatalogueFilters, sort: string, fuzzy: boolean): { key: Sql; order: Sql } {
  switch (sort) {
    case 'relevance':
      if (f.text) return { key: textRankSql(f.text, TEXT.doc, TEXT.name, TEXT.pinyin, fuzzy), order: sql`h.sort_key DESC, h.id` };
      break;
    case 'price':
      return { key: sql`i.price_external_fen`, order: sql`h.sort_key, h.id` };
    case 'value':
      return { key: sql`i.original_value_fen`, order: sql`h.sort_key DESC NULLS LAST, h.id` };
    case 'updated':
      return { key: sql`i.updated_at`, order: sql`h.sort_key DESC, h.id DESC` };
  }
  return { key: sql`i.name_folded`, order: sql`h.sort_key, h.id` };
}

async function searchCatalogue(db: Queryable, f: CatalogueFilters, sort: string, limit: number, offset: number, fuzzy: boolean): Promise<CataloguePage> {
  const where = sql.where(conditions(f, fuzzy));
  const order = sortKey(f, sort, fuzzy);
  // Without a minimum, a stretch must fit the instrument's own shortest booking.
  const need = f.free?.minMinutes != null ? sql`${f.free.minMinutes}::int` : sql`i.min_booking_minutes`;
  const matches = sql`matches AS MATERIALIZED (
      SELECT i.id, i.class_code, i.district_code, i.simple_hours, i.notice_hours, i.max_advance_days, ${need} AS need, i.hours_key, ${order.key} AS sort_key
      FROM instruments i ${where}
    )`;
  const page = sql`SELECT h.id FROM hits h ORDER BY ${order.order} LIMIT ${limit} OFFSET ${offset}`;
  const hits = f.free ? freeHitsCtes(f.free.from, f.free.to) : sql`hits AS (SELECT id, class_code, district_code, sort_key FROM matches)`;
  const { rows } = await db.query<{
    page: number[] | null;
    total: number;
    classes: Record<string, number> | null;
    districts: Record<string, number> | null;
  }>(sql`
    WITH ${matches}, ${hits},
    -- both facets in one pass over the hits
    facets AS MATERIALIZED (SELECT class_code, district_code, count(*) AS n FROM hits GROUP BY GROUPING SETS ((class_code), (district_code)))
    SELECT
      -- only the page is ordered (a top-N sort; numbering every match by name cost ~36 ms at 18,000)
      -- (an ARRAY(subquery) keeps the subquery's order)
      ARRAY(${page}) AS page,
      (SELECT coalesce(sum(n), 0)::int FROM facets WHERE district_code IS NULL AND class_code IS NOT NULL) AS total,
      (SELECT jsonb_object_agg(class_code, n) FROM facets WHERE class_code IS NOT NULL) AS classes,
      (SELECT jsonb_object_agg(district_code, n) FROM facets WHERE district_code IS NOT NULL) AS districts`);
  const r = rows[0];
  const ids = (r.page ?? []).map(Number);
  const slots =
    f.free && ids.length
      ? await freeSlotsOf(db, ids, f.free.from, f.free.to, f.free.minMinutes)
      : new Map<number, { freeSlots: { start: Date; end: Date }[]; longest: number }>();
  const facet = (o: Record<string, number> | null) =>
    Object.entries(o ?? {})
      .filter(([code]) => code)
      .map(([code, count]) => ({ code, count: Number(count) }))
      .sort((a, b) => b.count - a.count);
  return {
    hits: ids.map((id) => ({
      id,
      freeSlots: f.free ? (slots.get(id)?.freeSlots ?? []) : null,
      longestFreeHours: f.free ? (slots.get(id)?.longest ?? 0) : null,
    })),
    total: r.total,
    facets: { class: facet(r.classes), district: facet(r.districts) },
  };
}

/**
 * The matches free long enough in [from, to), in two ways. Most instruments have no booking or
 * exception in a short window and a template whose intervals never touch (simple_hours): for them a
 * free stretch is one template interval clipped to the window and to the instrument's booking
 * horizon (notice, advance limit) — plain arithmetic on a few rows each. Only the rest (taken slots,
 * exceptions, touching intervals that merge into longer stretches) go through the multirange
 * computation. At 20,000 instruments that is a few hundred instead of all of them.
 */
function freeHitsCtes(from: Date, to: Date): Sql {
  const clock = availabilityClock();
  return sql`
    -- the bookings in the window, read once for both uses below
    win AS MATERIALIZED (SELECT b.instrument_id, b.during FROM bookings b WHERE ${overlapsWindowSql('b', from, to)} AND ${holdingSql('b')}),
    -- instruments with anything in the window, matched or not (joining the matches here sorted all of them)
    busy AS MATERIALIZED (
      SELECT instrument_id AS id FROM win
      UNION
      SELECT e.instrument_id FROM instrument_exceptions e WHERE e.during && tstzrange(${from}, ${to})
    ),
    ${freeTimeCte(sql`SELECT m.id FROM matches m WHERE NOT m.simple_hours OR m.id IN (SELECT id FROM busy)`, from, to, { windowBookings: sql.raw('win') })},
    -- simple templates without anything in the window: free time depends only on the template, notice,
    -- advance limit and need, so each such group is computed once, on one of its instruments' rows.
    -- The groups that fit are then found among the matches by a hashed IN on the group's columns (a join
    -- on those four columns made the planner expect one row and loop over the busy ones), and busy
    -- instruments are left out by a hashed NOT IN.
    groups AS MATERIALIZED (
      SELECT min(m.id) AS rep, m.hours_key, m.notice_hours, m.max_advance_days, m.need FROM matches m
      WHERE m.simple_hours GROUP BY m.hours_key, m.notice_hours, m.max_advance_days, m.need
    ),
    -- per group, a lookup of its template rows (LIMIT 1 keeps it a lookup: as a semi-join the planner
    -- hashed all 36,000 template rows of the weekday for a hundred groups)
    free_groups AS MATERIALIZED (
      SELECT g.hours_key, g.notice_hours, g.max_advance_days, g.need FROM groups g CROSS JOIN LATERAL (
        SELECT 1 FROM ${singleDay(from, to) ?? sql`days d`}
        JOIN instrument_weekly_hours h ON h.weekday = d.weekday AND h.weekday = ANY(${weekdaysOf(from, to)}::int[])
        WHERE h.instrument_id = g.rep
        -- compared in Shanghai wall-clock time (fixed UTC+8): a time-zone conversion per template row cost more than the rest
          AND least(d.day + h.closes, ${wallClock(to)}::timestamp, ${wallClock(clock.latest)}::timestamp + make_interval(days => g.max_advance_days))
            - greatest(d.day + h.opens, ${wallClock(from)}::timestamp, ${wallClock(clock.earliest)}::timestamp + make_interval(hours => g.notice_hours))
            >= make_interval(mins => g.need)
        LIMIT 1) fits
    ),
    simple_hits AS (
      SELECT m.id, m.class_code, m.district_code, m.sort_key FROM matches m
      WHERE m.simple_hours AND (m.hours_key, m.notice_hours, m.max_advance_days, m.need) IN (SELECT * FROM free_groups)
        AND m.id NOT IN (SELECT id FROM busy)
    ),
    complex_hits AS (
      SELECT m.id, m.class_code, m.district_code, m.sort_key FROM free fr JOIN matches m ON m.id = fr.instrument_id
      WHERE EXISTS (SELECT 1 FROM unnest(${bookable(sql.raw('fr.free'), sql.raw('m'))}) AS r WHERE upper(r) - lower(r) >= make_interval(mins => m.need))
    ),
    -- the two are disjoint: simple_hits has the simple templates without anything in the window, complex_hits the rest
    hits AS (SELECT * FROM simple_hits UNION ALL SELECT * FROM complex_hits)`;
}

/**
 * A window within one Shanghai day (the usual "tomorrow 9–12") as a one-row constant: joined through
 * the generated days, the planner expected 1,000 and sorted every template row of that weekday.
 */
function singleDay(from: Date, to: Date): Sql | null {
  const days = [...new Set([from, new Date(to.getTime() - 1)].map((d) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10)))];
  if (days.length !== 1) return null;
  const weekday = weekdaysOf(from, to)[0];
  return sql`(SELECT ${days[0]}::date AS day, ${weekday}::int AS weekday) d`;
}

/** An instant as Shanghai wall-clock time, 'YYYY-MM-DD HH:MM:SS.mmm' (UTC+8, no daylight saving since 1991). */
function wallClock(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').replace('Z', '');
}

/** Free time an instrument can still be booked in: not before its notice, not beyond its advance limit (clock.ts). */
function bookable(free: Sql, instrument: Sql): Sql {
  const clock = availabilityClock();
  return sql`(${free} * tstzmultirange(tstzrange(${clock.earliest}::timestamptz + make_interval(hours => ${instrument}.notice_hours), ${clock.latest}::timestamptz + make_interval(days => ${instrument}.max_advance_days))))`;
}

/** Up to five bookable stretches of at least the need, and the longest stretch, of a page of instruments. */
async function freeSlotsOf(db: Queryable, ids: number[], from: Date, to: Date, minMinutes: number | null) {
  const { rows } = await db.query<{ id: number; slots: { start: string; end: string }[]; longest: number }>(sql`
    WITH ${freeTimeCte(sql`SELECT unnest(${ids}::bigint[]) AS id`, from, to)},
    page AS (
      SELECT i.id, ${minMinutes != null ? sql`${minMinutes}::int` : sql`i.min_booking_minutes`} AS need, ${bookable(sql.raw('fr.free'), sql.raw('i'))} AS free
      FROM free fr JOIN instruments i ON i.id = fr.instrument_id
    )
    SELECT h.id, ${longEnoughSqlDynamic()} AS slots, ${longestHoursSql(sql.raw('h.free'))} AS longest FROM page h`);
  return new Map(
    rows.map((r) => [
      Number(r.id),
      { freeSlots: r.slots.map((s) => ({ start: new Date(s.start), end: new Date(s.end) })), longest: Math.round(Number(r.longest) * 100) / 100 },
    ]),
  );
}

/** Up to five free stretches at least as long as the row's need. */
function longEnoughSqlDynamic(): Sql {
  return sql`(SELECT coalesce(jsonb_agg(jsonb_build_object('start', lower(r), 'end', upper(r)) ORDER BY lower(r)), '[]'::jsonb)
    FROM (SELECT r FROM unnest(h.free) AS r WHERE upper(r) - lower(r) >= make_interval(mins => h.need) ORDER BY lower(r) LIMIT 5) s)`;
}

async function textMatchesAny(db: Queryable, text: TextQuery): Promise<boolean> {
  const { rows } = await db.query(sql`SELECT 1 FROM instruments i WHERE ${textMatchSql(text, TEXT, false)} LIMIT 1`);
  return rows.length > 0;
}

const parseRanges = (rows: { start: string | Date; end: string | Date }[] | null): Interval[] =>
  (rows ?? []).map((r) => ({ start: new Date(r.start), end: new Date(r.end) }));

export interface InstrumentCalendar {
  open: Interval[];
  /** open, not taken, and bookable now (after the notice window, within the advance limit) */
  closed: (Interval & { reason: string | null })[];
  busy: (Interval & { bookingId: number; status: string; userId: number })[];
  free: Interval[];
}

/** One instrument's calendar in a window: when it is open, closed, taken, free. */
async function instrumentCalendar(db: Queryable, instrumentId: number, from: Date, to: Date): Promise<InstrumentCalendar> {
  const { rows } = await db.query<{ open: { start: string; end: string }[] | null; free: { start: string; end: string }[] | null }>(sql`
    WITH ${freeTimeCte(sql`SELECT ${instrumentId}::bigint AS id`, from, to)}
    SELECT (SELECT jsonb_agg(jsonb_build_object('start', lower(r), 'end', upper(r)) ORDER BY lower(r)) FROM opened o, unnest(o.m - coalesce((SELECT range_agg(during) FROM instrument_exceptions WHERE instrument_id = ${instrumentId} AND kind = 'closed' AND during && tstzrange(${from}, ${to})), '{}')) r) AS open,
           (SELECT jsonb_agg(jsonb_build_object('start', lower(r), 'end', upper(r)) ORDER BY lower(r))
              FROM free f JOIN instruments i ON i.id = f.instrument_id,
              unnest(f.free * tstzmultirange(tstzrange(now() + make_interval(hours => i.notice_hours), now() + make_interval(days => i.max_advance_days)))) r) AS free`);
  const closed = await db.query<Interval & { reason: string | null }>(sql`
    SELECT greatest(lower(during), ${from}) AS start, least(upper(during), ${to}) AS "end", reason FROM instrument_exceptions
    WHERE instrument_id = ${instrumentId} AND kind = 'closed' AND during && tstzrange(${from}, ${to}) ORDER BY lower(during)`);
  const busy = await db.query<Interval & { bookingId: number; status: string; userId: number }>(sql`
    SELECT b.id AS "bookingId", lower(b.during) AS start, upper(b.during) AS "end", b.status, b.user_id AS "userId" FROM bookings b
    WHERE b.instrument_id = ${instrumentId} AND b.during && tstzrange(${from}, ${to}) AND ${holdingSql('b')} ORDER BY lower(b.during)`);
  return { open: parseRanges(rows[0]?.open ?? null), closed: closed.rows, busy: busy.rows, free: parseRanges(rows[0]?.free ?? null) };
}

/** Is [start, end) inside the instrument's opening time (template + extra openings − blackouts)? */
async function withinOpeningTime(db: Queryable, instrumentId: number, start: Date, end: Date): Promise<{ inside: boolean; blackout: string | null }> {
  const { rows } = await db.query<{ inside: boolean; blackout: string | null }>(sql`
    SELECT tstzmultirange(tstzrange(${start}, ${end})) <@ instrument_open_time(${instrumentId}, ${start}, ${end}) AS inside,
           (SELECT coalesce(reason, '') FROM instrument_exceptions WHERE instrument_id = ${instrumentId} AND kind = 'closed'
              AND during && tstzrange(${start}, ${end}) ORDER BY lower(during) LIMIT 1) AS blackout`);
  return rows[0];
}

export class CatalogueRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): CatalogueRepository {
    return new CatalogueRepository(tx);
  }

  /** Instruments on the platform and not retired (入网仪器), with their stated value in yuan: the statistics' figures. */
  async online(): Promise<{ count: number; valueYuan: number }> {
    const { rows } = await this.db.query<{ n: number; v: string | null }>(
      sql`SELECT count(*)::int AS n, sum(i.original_value_fen)::text AS v FROM instruments i WHERE i.status <> 'retired'`,
    );
    return { count: Number(rows[0]?.n ?? 0), valueYuan: Number(rows[0]?.v ?? 0) / 100 };
  }

  /** One page of the catalogue, its total and facets; with a free-time window, the page's free stretches. */
  search(f: CatalogueFilters, sort: string, limit: number, offset: number, fuzzy: boolean): Promise<CataloguePage> {
    return searchCatalogue(this.db, f, sort, limit, offset, fuzzy);
  }

  /** Does any instrument at all match the words (before trying typo-tolerant matching)? */
  textMatchesAny(text: TextQuery): Promise<boolean> {
    return textMatchesAny(this.db, text);
  }

  /** One instrument's calendar in a window: when it is open, closed, taken, free. */
  calendar(instrumentId: number, from: Date, to: Date): Promise<InstrumentCalendar> {
    return instrumentCalendar(this.db, instrumentId, from, to);
  }

  /** Is [start, end) inside the instrument's opening time (template + extra openings − blackouts)? */
  withinOpeningTime(instrumentId: number, start: Date, end: Date): Promise<{ inside: boolean; blackout: string | null }> {
    return withinOpeningTime(this.db, instrumentId, start, end);
  }
}
