/** SQL of the stations' workload: grouped reads of the contracts table (this module's own). */
import type { Queryable } from '../../../platform/db/database.ts';
import { sql, type Sql } from '../../../platform/db/sql.ts';
import { CLOCK_STATUSES, type ContractScope } from '../schemas.ts';

// biome-ignore lint/suspicious/noExplicitAny: a row as the driver gives it
type Row = Record<string, any>;

/** The Beijing day's bounds as instants: [from 00:00, the day after `to` 00:00). */
const period = (col: Sql, from: string, to: string) =>
  sql`${col} >= (${from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AND ${col} < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;

function scoped(scope: ContractScope): Sql[] {
  const where: Sql[] = [sql`x.station_id IS NOT NULL`];
  if ('stationIds' in scope) where.push(sql`x.station_id = ANY(${scope.stationIds}::bigint[])`);
  if ('districtCode' in scope) where.push(sql`x.seller_division_code = ${scope.districtCode}`);
  if ('orgId' in scope) where.push(sql`false`); // parties have no workload view (the policy refuses them before)
  return where;
}

export class WorkloadRepository {
  constructor(private readonly db: Queryable) {}

  /** Contracts whose last submission is in the period, by station and state now. */
  async received(scope: ContractScope, from: string, to: string): Promise<{ stationId: number; status: string; n: number }[]> {
    const { rows } = await this.db.query<Row>(sql`
      SELECT x.station_id, x.status, count(*)::int AS n FROM contracts x
      ${sql.where([...scoped(scope), sql`x.status <> 'draft'`, period(sql`x.submitted_at`, from, to)])} GROUP BY 1, 2`);
    return rows.map((r) => ({ stationId: Number(r.station_id), status: r.status, n: r.n }));
  }

  /** Now: contracts on the clock by station, and those past their deadline. */
  async open(scope: ContractScope, today: string): Promise<{ stationId: number; open: number; overdue: number }[]> {
    const { rows } = await this.db.query<Row>(sql`
      SELECT x.station_id, count(*)::int AS open, count(*) FILTER (WHERE x.deadline < ${today}::date)::int AS overdue FROM contracts x
      ${sql.where([...scoped(scope), sql`x.status = ANY(${[...CLOCK_STATUSES]}::text[])`])} GROUP BY 1`);
    return rows.map((r) => ({ stationId: Number(r.station_id), open: r.open, overdue: r.overdue }));
  }

  /** The earliest clock start of the period's decisions (the first day the calendar's ordinals must cover). */
  async firstClockStart(scope: ContractScope, from: string, to: string): Promise<string | null> {
    const { rows } = await this.db.query<Row>(sql`
      SELECT min(x.clock_started_on)::text AS first FROM contracts x
      ${sql.where([...scoped(scope), sql`x.decided_at IS NOT NULL`, period(sql`x.decided_at`, from, to)])}`);
    return rows[0]?.first ?? null;
  }

  /**
   * Decisions in the period by station, outcome and working days from the clock's start to the decision. The
   * calendar is TypeScript's (chinese-days): it comes in as each day's working-day ordinal (`days`, `ordinals`, from
   * the span's first day), so the working days of a review are one subtraction in SQL and a year's 40,000 decisions
   * leave the database as a few hundred (station, outcome, days) groups. A day outside the given span counts 0.
   */
  async decisions(
    scope: ContractScope,
    from: string,
    to: string,
    cal: { days: string[]; ordinals: number[] },
  ): Promise<{ stationId: number; status: string; days: number; n: number }[]> {
    const { rows } = await this.db.query<Row>(sql`
      WITH cal AS (SELECT * FROM unnest(${cal.days}::date[], ${cal.ordinals}::int[]) AS c(day, ord))
      SELECT x.station_id, x.status, greatest(0, coalesce(e.ord - b.ord, 0))::int AS days, count(*)::int AS n
      FROM contracts x
        LEFT JOIN cal b ON b.day = x.clock_started_on
        LEFT JOIN cal e ON e.day = (x.decided_at AT TIME ZONE 'Asia/Shanghai')::date
      ${sql.where([...scoped(scope), sql`x.decided_at IS NOT NULL`, period(sql`x.decided_at`, from, to)])} GROUP BY 1, 2, 3`);
    return rows.map((r) => ({ stationId: Number(r.station_id), status: r.status, days: r.days, n: r.n }));
  }
}
