/** SQL on voucher uses: a voucher applied to an order, with the share it pays. */
import type { Queryable } from '../../../platform/db/database.ts';
import { sql } from '../../../platform/db/sql.ts';

export type UseStatus = 'reserved' | 'redeemed' | 'paid' | 'released';
export interface VoucherUse {
  id: number;
  voucherId: number;
  orderId: number;
  providerOrgId: number;
  shareFen: number;
  status: UseStatus;
  createdAt: Date;
}

const toUse = (r: Record<string, unknown>): VoucherUse => ({
  id: Number(r.id),
  voucherId: Number(r.voucher_id),
  orderId: Number(r.order_id),
  providerOrgId: Number(r.provider_org_id),
  shareFen: Number(r.share_fen),
  status: r.status as UseStatus,
  createdAt: r.created_at as Date,
});

export class UseRepository {
  constructor(private readonly db: Queryable) {}
  with(tx: Queryable) {
    return new UseRepository(tx);
  }

  /** The order's live use (not released), if any. */
  async forOrder(orderId: number, forUpdate = false): Promise<VoucherUse | null> {
    const { rows } = await this.db.query(
      sql`SELECT * FROM voucher_uses WHERE order_id = ${orderId} AND status <> 'released' ${sql.raw(forUpdate ? 'FOR UPDATE' : '')}`,
    );
    return rows[0] ? toUse(rows[0]) : null;
  }

  async byId(id: number): Promise<VoucherUse | null> {
    const { rows } = await this.db.query(sql`SELECT * FROM voucher_uses WHERE id = ${id}`);
    return rows[0] ? toUse(rows[0]) : null;
  }

  /** Null when the order has a live use already (the partial unique index decides, whatever runs at once). */
  async insert(u: {
    voucherId: number;
    orderId: number;
    providerOrgId: number;
    categoryCode: string | null;
    shareFen: number;
    userId: number;
  }): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO voucher_uses (voucher_id, order_id, provider_org_id, category_code, share_fen, created_by)
      VALUES (${u.voucherId}, ${u.orderId}, ${u.providerOrgId}, ${u.categoryCode}, ${u.shareFen}, ${u.userId})
      ON CONFLICT (order_id) WHERE status <> 'released' DO NOTHING RETURNING id`);
    return rows[0] ? Number(rows[0].id) : null;
  }

  async setStatus(id: number, status: UseStatus): Promise<void> {
    await this.db.query(
      sql`UPDATE voucher_uses SET status = ${status}, released_at = CASE WHEN ${status} = 'released' THEN now() ELSE released_at END WHERE id = ${id}`,
    );
  }
}
