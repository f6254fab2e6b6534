/**
 * SQL of the sharing indicators: opening time from the weekly template (exactly, for the few
 * instruments with exceptions in the period), booked, work and external hours and income from the
 * monthly or yearly rollups kept by triggers on bookings (whole months) or the bookings themselves
 * (any other period), and the outside organizations counted once per group. Only instruments' own
 * tables: an owner's name comes through the directory's fragment, a district's from the reference
 * module's face (service.ts).
 */
import type { Queryable } from '../../../platform/db/database.ts';
import { sql, type Sql } from '../../../platform/db/sql.ts';
import { orgJoin } from '../../directory/index.ts';
import { overlapsWindowSql } from '../catalogue/availability-sql.ts';
import type { StatsGroup } from './schemas.ts';

export interface StatsFilter {
  ownerOrgId?: number;
  /** district codes (a district and the abolished ones it succeeded) */
  districts?: string[];
  /** abolished district → the district that holds it today (江北区 → 两江新区): the rows are today's districts */
  successors?: [string, string][];
}

/** One group's sums (hours rounded to 2 places), with the totals over every group on each row. */
export interface FigureRow {
  key: string;
  /** null when grouped by district: the service names divisions from the reference module */
  name: string | null;
  districtCode: string | null;
  instruments: number;
  openingHours: number;
  bookedHours: number;
  workHours: number;
  externalHours: number;
  incomeFen: number;
  groups: number;
  tInstruments: number;
  tOpeningHours: number;
  tBookedHours: number;
  tWorkHours: number;
  tExternalHours: number;
  tIncomeFen: number;
}

const secs = (col: string) => sql.raw(`coalesce(sum(${col}), 0)::float8`);
const hours = (col: string) => sql.raw(`round((coalesce(sum(${col}), 0) / 3600.0)::numeric, 2)::float8`);

export class StatsRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * The first `limit` groups by work hours (all with null) with the totals, and the distinct outside
   * organizations per group key (the overall count under the key null). Periods of whole months read
   * the rollups; whole calendar years the yearly sums.
   */
  async indicators(
    groupBy: StatsGroup,
    f: StatsFilter,
    from: Date,
    to: Date,
    limit: number | null,
  ): Promise<{ rows: FigureRow[]; outsideBy: Map<string | null, number> }> {
    const scope: Sql[] = [sql`i.status <> 'retired'`];
    if (f.ownerOrgId != null) scope.push(sql`i.owner_org_id = ${f.ownerOrgId}`);
    if (f.districts) scope.push(sql`i.district_code = ANY(${f.districts}::text[])`);
    // whole months (the usual periods: a month, a quarter, a year) read the monthly rollup
    const monthly = startOfMonth(from) && startOfMonth(to);
    const uniquePairs = monthly && monthOf(to) === nextYear(monthOf(from)) && monthOf(from).endsWith('-01-01');

    // keys keep their own type (bigint ids): joined as text, the planner's estimates ran to 10^12 rows
    const key = { instrument: sql.raw('i.id'), owner: sql.raw('i.owner_org_id'), district: sql.raw("coalesce(i.district_code, '')") }[groupBy];
    const name = { instrument: sql.raw('min(i.name)'), owner: sql.raw('min(o.name)'), district: sql.raw('NULL::text') }[groupBy];
    const perWeekday = weekdayCounts(from, to);
    // an instrument's district as today's divisions have it, so an abolished district is no row of its own
    const district = f.successors?.length
      ? sql`CASE i.district_code ${sql.join(
          f.successors.map(([old, now]) => sql`WHEN ${old}::text THEN ${now}::text`),
          ' ',
        )} ELSE i.district_code END AS district_code`
      : sql.raw('i.district_code');
    const usage = monthly ? rollupUse(from, to, uniquePairs && groupBy === 'instrument') : bookingUse(from, to);
    // Two statements that a server runs at once on two connections: the figures by group, and the
    // outside organizations (the dearest part). Each references only the CTEs it needs of `usage`.
    const figures = this.db.query<FigureRow>(sql`
      WITH scope AS (
        -- opening time from the template: open minutes per weekday × how many of that weekday the period has
        SELECT i.id, i.name, i.owner_org_id, ${district},
          60.0 * (${sql.join(
            perWeekday.map((n, d) => sql`i.weekly_open_minutes[${sql.raw(String(d + 1))}] * ${n}::int`),
            ' + ',
          )}) AS week_secs
        FROM instruments i WHERE ${sql.join(scope, ' AND ')}
      ),
      -- exceptions make the template inexact: recompute those few instruments exactly
      -- (found first and materialized: evaluated per row, the function ran for every instrument)
      excepted AS MATERIALIZED (
        SELECT DISTINCT e.instrument_id FROM instrument_exceptions e JOIN scope s ON s.id = e.instrument_id WHERE e.during && tstzrange(${from}, ${to})
      ),
      exact AS (
        SELECT x.instrument_id, (SELECT coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0) FROM unnest(instrument_open_time(x.instrument_id, ${from}, ${to})) r) AS secs
        FROM excepted x
      ),
      ${usage},
      grouped AS (
      SELECT ${key} AS sort_key, ${key}::text AS key, ${name} AS name, ${groupBy === 'owner' ? sql`NULL` : sql`min(i.district_code)`} AS "districtCode",
        count(*)::int AS instruments,
        ${hours('coalesce(x.secs, i.week_secs)')} AS "openingHours", ${hours('u.booked_secs')} AS "bookedHours",
        ${hours('u.work_secs')} AS "workHours", ${hours('u.external_secs')} AS "externalHours",
        -- unrounded, for totals that are not sums of rounded group figures
        ${secs('coalesce(x.secs, i.week_secs)')} AS open_s, ${secs('u.booked_secs')} AS booked_s, ${secs('u.work_secs')} AS work_s, ${secs('u.external_secs')} AS external_s,
        coalesce(sum(u.income_fen), 0)::float8 AS "incomeFen"
      FROM scope i ${groupBy === 'owner' ? orgJoin('o', sql.raw('i.owner_org_id')) : sql``}
        LEFT JOIN exact x ON x.instrument_id = i.id LEFT JOIN use u ON u.instrument_id = i.id
      GROUP BY ${key}
      )
      -- totals over every group, then only the page of groups leaves the database (20,000 rows by instrument did)
      SELECT g.key, g.name, g."districtCode", g.instruments, g."openingHours", g."bookedHours", g."workHours", g."externalHours", g."incomeFen",
        count(*) OVER ()::int AS "groups",
        sum(g.instruments) OVER ()::int AS "tInstruments", sum(g.open_s) OVER () / 3600 AS "tOpeningHours", sum(g.booked_s) OVER () / 3600 AS "tBookedHours",
        sum(g.work_s) OVER () / 3600 AS "tWorkHours", sum(g.external_s) OVER () / 3600 AS "tExternalHours", sum(g."incomeFen") OVER () AS "tIncomeFen"
      FROM grouped g ORDER BY g."workHours" DESC, g.sort_key LIMIT ${limit}`);
    // An organization counts once per group and once overall however many instruments it used:
    // distinct (group, organization) pairs by hashing (count(DISTINCT) sorted 113,000 rows), except
    // per instrument over one calendar year, whose rows are already one per pair. The overall count
    // comes as the row without a key.
    const outsideCounts = this.db.query<{ key: string | null; n: number }>(sql`
      WITH scope AS (SELECT i.id, i.owner_org_id, ${district} FROM instruments i WHERE ${sql.join(scope, ' AND ')}),
      ${usage},
      counts AS (${
        uniquePairs && groupBy === 'instrument'
          ? sql`SELECT ob.instrument_id AS key, count(*)::int AS n FROM outside ob GROUP BY 1`
          : sql`SELECT p.key, count(*)::int AS n FROM (SELECT DISTINCT ${key} AS key, ob.user_org_id FROM outside ob JOIN scope i ON i.id = ob.instrument_id) p GROUP BY p.key`
      })
      SELECT key::text AS key, n FROM counts
      UNION ALL
      SELECT NULL, (SELECT count(DISTINCT ob.user_org_id)::int FROM outside ob JOIN scope i ON i.id = ob.instrument_id)`);
    const [{ rows }, { rows: outsideRows }] = await Promise.all([figures, outsideCounts]);
    return { rows, outsideBy: new Map(outsideRows.map((r) => [r.key, r.n])) };
  }
}

/** Usage and outside organizations from the monthly rollup kept by triggers on bookings. */
function rollupUse(from: Date, to: Date, yearlyPairs: boolean): Sql {
  const m0 = monthOf(from);
  const m1 = monthOf(to);
  // whole calendar years read the yearly sums (a year: 20,000 rows instead of 160,000)
  const byYear = m0.endsWith('-01-01') && m1.endsWith('-01-01');
  const source = byYear
    ? sql`instrument_usage_years u WHERE u.year >= ${m0}::date AND u.year < ${m1}::date`
    : sql`instrument_usage_months u WHERE u.month >= ${m0}::date AND u.month < ${m1}::date`;
  // the yearly pairs serve the per-instrument count of one year; grouped by owner or district, the
  // monthly pairs measured faster (the distinct pairs are hashed either way)
  const outside = yearlyPairs
    ? sql`instrument_usage_outside_years o WHERE o.year >= ${m0}::date AND o.year < ${m1}::date AND o.bookings > 0`
    : sql`instrument_usage_outside o WHERE o.month >= ${m0}::date AND o.month < ${m1}::date AND o.bookings > 0`;
  return sql`
      use AS (
        -- (no join to the scope here: the final join keeps the scope's instruments, and a plain
        -- aggregate is a third of the cost of a merge join through the scope)
        SELECT u.instrument_id, sum(u.booked_secs) AS booked_secs, sum(u.work_secs) AS work_secs, sum(u.external_secs) AS external_secs, sum(u.income_fen) AS income_fen
        FROM ${source} GROUP BY u.instrument_id
      ),
      outside AS (
        SELECT o.instrument_id, o.user_org_id FROM ${outside}
      )`;
}

/** Any other period: straight from the bookings, clipped to it. */
function bookingUse(from: Date, to: Date): Sql {
  return sql`
      use AS (
        SELECT b.instrument_id,
          sum(extract(epoch FROM least(upper(b.during), ${to}) - greatest(lower(b.during), ${from})))
            FILTER (WHERE b.status IN ('confirmed','in_use','completed','no_show')) AS booked_secs,
          sum(extract(epoch FROM least(b.actual_end, ${to}) - greatest(b.actual_start, ${from})))
            FILTER (WHERE b.status = 'completed' AND b.actual_end > ${from} AND b.actual_start < ${to}) AS work_secs,
          sum(extract(epoch FROM least(b.actual_end, ${to}) - greatest(b.actual_start, ${from})))
            FILTER (WHERE b.status = 'completed' AND b.external AND b.actual_end > ${from} AND b.actual_start < ${to}) AS external_secs,
          sum(b.price_fen) FILTER (WHERE b.status = 'completed' AND lower(b.during) >= ${from}) AS income_fen
        FROM bookings b JOIN scope s ON s.id = b.instrument_id
        WHERE ${overlapsWindowSql('b', from, to)}
        GROUP BY b.instrument_id
      ),
      -- an outside organization counts in the period its use started (as in the rollup)
      outside AS (
        SELECT DISTINCT b.instrument_id, b.user_org_id FROM bookings b JOIN scope s ON s.id = b.instrument_id
        WHERE b.status = 'completed' AND b.external AND b.user_org_id IS NOT NULL
          AND b.actual_start >= ${from} AND b.actual_start < ${to} AND lower(b.during) < ${to} AND lower(b.during) > ${from}::timestamptz - interval '14 days'
      )`;
}

const SHANGHAI_MS = 8 * 3600_000;
/** Is d the first instant of a month in Asia/Shanghai? */
export function startOfMonth(d: Date): boolean {
  const local = new Date(d.getTime() + SHANGHAI_MS);
  return (
    local.getUTCDate() === 1 && local.getUTCHours() === 0 && local.getUTCMinutes() === 0 && local.getUTCSeconds() === 0 && local.getUTCMilliseconds() === 0
  );
}
/** How many of each weekday (Monday first) the Shanghai days of [from, to) have. */
export function weekdayCounts(from: Date, to: Date): number[] {
  const out = [0, 0, 0, 0, 0, 0, 0];
  const day = 86400_000;
  const first = Math.floor((from.getTime() + SHANGHAI_MS) / day);
  const last = Math.floor((to.getTime() - 1 + SHANGHAI_MS) / day);
  for (let d = first; d <= last; d++) out[(new Date(d * day).getUTCDay() + 6) % 7]++;
  return out;
}

const nextYear = (day: string) => `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`;
const monthOf = (d: Date) => new Date(d.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
