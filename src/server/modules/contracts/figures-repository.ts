/**
 * SQL on the figures' roll-up (contract_figures, migration 0035): registered amounts per Beijing month and one
 * breakdown's key. A contract's contribution is added (+1) when it becomes registered and taken away (−1) when it
 * stops being registered (cancellation) or before an amendment changes it (then added again): always in that
 * write's own transaction, as an UPSERT of deltas, so the figures are exact and two processes may register at once.
 */
import type { Queryable } from '../../platform/db/database.ts';
import { sql, type Sql } from '../../platform/db/sql.ts';
import type { FigureBreakdown } from './schemas.ts';

// biome-ignore lint/suspicious/noExplicitAny: a row as the driver gives it
type Row = Record<string, any>;

/** A registered contract's key in each kept breakdown (the same as migration 0035's backfill). */
const KEYS = sql`(VALUES
  ('type', coalesce(x.contract_type, '')),
  ('field', coalesce(x.tech_field, '')),
  ('district', coalesce(x.seller_division_code, '')),
  ('station', coalesce(s.code, '')),
  ('sellerNature', coalesce(x.seller->>'nature', '')),
  ('buyerNature', coalesce(x.buyer->>'nature', ''))) k(breakdown, key)`;
const MONTH = sql`date_trunc('month', x.registered_at AT TIME ZONE 'Asia/Shanghai')::date`;

export interface FigureRow {
  key: string;
  count: number;
  amountFen: number;
  techAmountFen: number;
}

export class ContractFiguresRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): ContractFiguresRepository {
    return new ContractFiguresRepository(tx);
  }

  /**
   * Adds (sign 1) or takes away (−1) the contract's contribution as its row stands now; a contract that is not
   * registered contributes nothing. The breakdowns are upserted in one fixed order, so two transactions lock
   * shared rows in the same order (no deadlock).
   */
  async add(contractId: number, sign: 1 | -1): Promise<void> {
    await this.db.query(sql`
      INSERT INTO contract_figures AS f (breakdown, month, key, contracts, amount_fen, tech_amount_fen)
      SELECT k.breakdown, ${MONTH}, k.key, ${sign}::int, ${sign}::int * coalesce(x.amount_fen, 0), ${sign}::int * coalesce(x.tech_amount_fen, 0)
      FROM contracts x LEFT JOIN contract_stations s ON s.id = x.station_id CROSS JOIN LATERAL ${KEYS}
      WHERE x.id = ${contractId} AND x.status = 'registered'
      ORDER BY 1, 2, 3
      ON CONFLICT (breakdown, month, key) DO UPDATE SET contracts = f.contracts + EXCLUDED.contracts,
        amount_fen = f.amount_fen + EXCLUDED.amount_fen, tech_amount_fen = f.tech_amount_fen + EXCLUDED.tech_amount_fen`);
  }

  /** Counts the roll-up again from the contracts (a database loaded by other means than the app: the benchmark's). */
  async rebuild(): Promise<void> {
    await this.db.query(sql`DELETE FROM contract_figures`);
    await this.db.query(sql`
      INSERT INTO contract_figures (breakdown, month, key, contracts, amount_fen, tech_amount_fen)
      SELECT k.breakdown, ${MONTH}, k.key, count(*), coalesce(sum(x.amount_fen), 0), coalesce(sum(x.tech_amount_fen), 0)
      FROM contracts x LEFT JOIN contract_stations s ON s.id = x.station_id CROSS JOIN LATERAL ${KEYS}
      WHERE x.status = 'registered' GROUP BY 1, 2, 3`);
  }

  /** One breakdown (of one Beijing year, or all), a sum over the roll-up's rows; keys without a contract left out. */
  async figures(by: FigureBreakdown, year: number | null): Promise<FigureRow[]> {
    // every registered contract has one row per breakdown: the months are those of any one, here `type`
    const key: Sql = by === 'month' ? sql`to_char(f.month, 'YYYY-MM')` : sql`f.key`;
    const where: Sql[] = [sql`f.breakdown = ${by === 'month' ? 'type' : by}`];
    if (year != null) where.push(sql`f.month >= make_date(${year}, 1, 1) AND f.month < make_date(${year + 1}, 1, 1)`);
    const { rows } = await this.db.query<Row>(sql`
      SELECT ${key} AS key, sum(f.contracts)::bigint AS n, sum(f.amount_fen)::bigint AS amount, sum(f.tech_amount_fen)::bigint AS tech
      FROM contract_figures f ${sql.where(where)} GROUP BY 1 HAVING sum(f.contracts) <> 0 ORDER BY 1`);
    return rows.map((r) => ({ key: r.key, count: Number(r.n), amountFen: Number(r.amount), techAmountFen: Number(r.tech) }));
  }
}
