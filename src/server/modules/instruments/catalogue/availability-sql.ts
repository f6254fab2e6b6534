/**
 * When instruments are free. Free time = opening time (weekly template in Asia/Shanghai wall-clock
 * time, plus extra openings, minus blackouts) minus the slots that bookings hold. PostgreSQL
 * multiranges do the interval arithmetic, so "free for at least N hours between T1 and T2" is one
 * set-wise query over every candidate instrument rather than a loop per instrument.
 * SQL fragments only: the statements that use them are the catalogue repository's (repository.ts).
 */
import { sql, type Sql } from '../../../platform/db/sql.ts';
import { HOLDING_STATUSES } from '../bookings/schemas.ts';

export const TZ = 'Asia/Shanghai';
/**
 * The bookings of alias `b` that overlap [from, to), in a form the start-time index answers: they
 * start before `to`, and after `from` minus the longest booking there is (read from its own index,
 * one entry; the 14 days the schema allows would read two weeks of bookings for every window).
 */
export function overlapsWindowSql(b: string, from: Date, to: Date): Sql {
  return sql`lower(${sql.raw(b)}.during) < ${to}
    AND lower(${sql.raw(b)}.during) > ${from}::timestamptz - (SELECT coalesce(max(upper(l.during) - lower(l.during)), interval '0') FROM bookings l)
    AND upper(${sql.raw(b)}.during) > ${from}`;
}

const HOLDING_LIST = HOLDING_STATUSES.map((s) => `'${s}'`).join(',');
/** A booking holds its slot in these states; an unanswered request stops holding it when it expires. */
export const holdingSql = (b: string) => sql.raw(`${b}.status IN (${HOLDING_LIST}) AND NOT (${b}.status = 'pending' AND ${b}.expires_at <= now())`);

/** ISO weekdays (1 = Monday) of the Shanghai calendar days that [from, to) touches. */
export function weekdaysOf(from: Date, to: Date): number[] {
  const out = new Set<number>();
  const day = 86400_000;
  const local = (d: Date) => Math.floor((d.getTime() + 8 * 3600_000) / day);
  for (let d = local(from); d <= local(new Date(to.getTime() - 1)) && out.size < 7; d++) out.add(((new Date(d * day).getUTCDay() + 6) % 7) + 1);
  return [...out];
}

/**
 * For every instrument id that `candidates` (a SELECT of one column `id`) yields: its free stretches
 * inside [from, to) as a tstzmultirange column `free`. Instruments with no opening time in the
 * window do not appear.
 */
export function freeTimeCte(candidates: Sql, from: Date, to: Date, opts: { windowBookings?: Sql } = {}): Sql {
  // the holding bookings overlapping the window: read here, or from a CTE the caller already has
  const booked = opts.windowBookings
    ? sql`SELECT w.instrument_id, w.during FROM ${opts.windowBookings} w JOIN cand ON cand.id = w.instrument_id`
    : sql`SELECT b.instrument_id, b.during FROM bookings b JOIN cand ON cand.id = b.instrument_id
        WHERE ${overlapsWindowSql('b', from, to)} AND ${holdingSql('b')}`;
  return sql`
    cand AS (${candidates}),
    days AS (
      SELECT g.day::date AS day, extract(isodow FROM g.day)::int AS weekday
      FROM generate_series((${from}::timestamptz AT TIME ZONE ${TZ})::date::timestamp, (${to}::timestamptz AT TIME ZONE ${TZ})::date::timestamp, interval '1 day') AS g(day)
    ),
    opened AS (
      SELECT x.instrument_id, range_agg(x.r) AS m FROM (
        SELECT h.instrument_id, tstzrange((d.day + h.opens) AT TIME ZONE ${TZ}, (d.day + h.closes) AT TIME ZONE ${TZ}) * tstzrange(${from}, ${to}) AS r
        -- each candidate's template rows of the weekdays the window touches, looked up per candidate
        -- (OFFSET 0 keeps it a lookup: the planner, expecting many candidates, hashed all 36,000 rows of a weekday)
        FROM cand CROSS JOIN LATERAL (
          SELECT h.* FROM instrument_weekly_hours h WHERE h.instrument_id = cand.id AND h.weekday = ANY(${weekdaysOf(from, to)}::int[]) OFFSET 0
        ) h JOIN days d ON d.weekday = h.weekday
        UNION ALL
        SELECT e.instrument_id, e.during * tstzrange(${from}, ${to}) FROM instrument_exceptions e JOIN cand ON cand.id = e.instrument_id
        WHERE e.kind = 'open' AND e.during && tstzrange(${from}, ${to})
      ) x WHERE NOT isempty(x.r) GROUP BY x.instrument_id
    ),
    taken AS (
      SELECT y.instrument_id, range_agg(y.during) AS m FROM (
        ${booked}
        UNION ALL
        SELECT e.instrument_id, e.during FROM instrument_exceptions e JOIN cand ON cand.id = e.instrument_id
        WHERE e.kind = 'closed' AND e.during && tstzrange(${from}, ${to})
      ) y GROUP BY y.instrument_id
    ),
    free AS (
      SELECT o.instrument_id, o.m - coalesce(t.m, '{}'::tstzmultirange) AS free
      FROM opened o LEFT JOIN taken t USING (instrument_id)
    )`;
}

export function longestHoursSql(freeColumn: Sql): Sql {
  return sql`coalesce((SELECT max(extract(epoch FROM upper(r) - lower(r))) / 3600 FROM unnest(${freeColumn}) AS r), 0)`;
}
