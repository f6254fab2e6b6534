/** SQL of the stations' workload: three grouped reads of the contracts table (this module's own). */
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

  /**
   * Decisions in the period, grouped by station, outcome, clock start and decision day: the working days between
   * two days need the holiday calendar (in TypeScript), and there are far fewer such pairs than contracts.
   */
  async decisions(
    scope: ContractScope,
    from: string,
    to: string,
  ): Promise<{ stationId: number; status: string; startedOn: string | null; decidedOn: string; n: number }[]> {
    const { rows } = await this.db.query<Row>(sql`
      SELECT x.station_id, x.status, x.clock_started_on::text AS started_on, (x.decided_at AT TIME ZONE 'Asia/Shanghai')::date::text AS decided_on,
        count(*)::int AS n
      FROM contracts x ${sql.where([...scoped(scope), sql`x.decided_at IS NOT NULL`, period(sql`x.decided_at`, from, to)])} GROUP BY 1, 2, 3, 4`);
    return rows.map((r) => ({ stationId: Number(r.station_id), status: r.status, startedOn: r.started_on, decidedOn: r.decided_on, n: r.n }));
  }
}
