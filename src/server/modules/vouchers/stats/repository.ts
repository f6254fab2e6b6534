/**
 * Vouchers issued and redeemed by district, service category and scheme: the figures the statistics indicators
 * read (issue 11 point 7), computed from the vouchers' own tables — never typed in. Redeemed counts claims approved
 * (in notice, batched or paid); a rejected claim is not redeemed.
 */
import type { Queryable } from '../../../platform/db/database.ts';
import { sql, type Sql } from '../../../platform/db/sql.ts';
import { orgJoin } from '../../directory/index.ts';

export interface Figure {
  key: string | null;
  count: number;
  amountFen: number;
}

const REDEEMED = sql.raw(`c.status IN ('in_notice','batched','paid')`);

export class VoucherStatsRepository {
  constructor(private readonly db: Queryable) {}

  private async rows(q: Sql): Promise<Figure[]> {
    const { rows } = await this.db.query<{ key: string | null; n: string; fen: string | null }>(q);
    return rows.map((r) => ({ key: r.key, count: Number(r.n), amountFen: Number(r.fen ?? 0) }));
  }

  /** year: the Beijing year of issue / of approval; district: only this district's holders */
  issuedBy(dim: 'district' | 'scheme', year: number, district: string | null): Promise<Figure[]> {
    const key = dim === 'district' ? sql.raw('h.district_code') : sql.raw('v.scheme_id::text');
    return this.rows(sql`SELECT ${key} AS key, count(*) AS n, sum(v.amount_fen) AS fen FROM vouchers v ${orgJoin('h', sql.raw('v.holder_org_id'))}
      WHERE v.issued_year = ${year} AND v.status <> 'cancelled' ${district ? sql`AND h.district_code = ${district}` : sql.raw('')}
      GROUP BY 1 ORDER BY 3 DESC NULLS LAST`);
  }

  redeemedBy(dim: 'district' | 'scheme' | 'category', year: number, district: string | null): Promise<Figure[]> {
    const key = dim === 'district' ? sql.raw('c.district_code') : dim === 'scheme' ? sql.raw('c.scheme_id::text') : sql.raw('u.category_code');
    return this.rows(sql`SELECT ${key} AS key, count(*) AS n, sum(c.amount_fen) AS fen FROM voucher_claims c JOIN voucher_uses u ON u.id = c.use_id
      WHERE ${REDEEMED} AND extract(year FROM c.decided_at AT TIME ZONE 'Asia/Shanghai') = ${year}
      ${district ? sql`AND c.district_code = ${district}` : sql.raw('')}
      GROUP BY 1 ORDER BY 3 DESC NULLS LAST`);
  }
}
