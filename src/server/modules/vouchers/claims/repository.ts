/** SQL on claims (兑付申请), their objections and the payment batches. */
import type { Queryable } from '../../../platform/db/database.ts';
import { sql, type Sql } from '../../../platform/db/sql.ts';
import { orgJoin } from '../../directory/index.ts';
import type { ClaimEvidence } from '../orders-face.ts';

export const CLAIM_STATUSES = ['submitted', 'returned', 'in_notice', 'rejected', 'batched', 'paid'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface Claim {
  id: number;
  claimNo: string;
  useId: number;
  voucherId: number;
  voucherNo: string;
  schemeId: number;
  schemeName: string;
  orderId: number;
  providerOrgId: number;
  providerName: string;
  holderOrgId: number;
  holderName: string;
  districtCode: string | null;
  amountFen: number;
  evidence: ClaimEvidence & { title?: string };
  status: ClaimStatus;
  returnReason: string | null;
  noticeUntil: Date | null;
  batchId: number | null;
  submittedAt: Date;
  decidedAt: Date | null;
  paidAt: Date | null;
  objections: number;
  version: number;
  /** the scheme's co-funding: the city's percentage now, and the scheme's district (null: a city scheme) */
  schemeCitySharePct: number;
  schemeDistrict: string | null;
  /** fixed when the claim joins a payment batch: the city's and the district's parts (they add up to amountFen) */
  cityFen: number | null;
  districtFen: number | null;
}

export interface Batch {
  id: number;
  batchNo: string;
  status: 'open' | 'paid';
  totalFen: number;
  cityFen: number;
  districtFen: number;
  claimCount: number;
  createdAt: Date;
  paidAt: Date | null;
}

const SELECT = sql`SELECT c.*, v.voucher_no, s.name AS scheme_name, s.city_share_pct AS scheme_city_share_pct, s.district_code AS scheme_district,
  p.name AS provider_name, h.name AS holder_name,
  (SELECT count(*) FROM voucher_claim_objections o WHERE o.claim_id = c.id) AS objections
  FROM voucher_claims c JOIN vouchers v ON v.id = c.voucher_id JOIN voucher_schemes s ON s.id = c.scheme_id
  ${orgJoin('p', sql.raw('c.provider_org_id'))} ${orgJoin('h', sql.raw('c.holder_org_id'))}`;

const toClaim = (r: Record<string, unknown>): Claim => ({
  id: Number(r.id),
  claimNo: r.claim_no as string,
  useId: Number(r.use_id),
  voucherId: Number(r.voucher_id),
  voucherNo: r.voucher_no as string,
  schemeId: Number(r.scheme_id),
  schemeName: r.scheme_name as string,
  orderId: Number(r.order_id),
  providerOrgId: Number(r.provider_org_id),
  providerName: r.provider_name as string,
  holderOrgId: Number(r.holder_org_id),
  holderName: r.holder_name as string,
  districtCode: (r.district_code as string) ?? null,
  amountFen: Number(r.amount_fen),
  evidence: r.evidence as Claim['evidence'],
  status: r.status as ClaimStatus,
  returnReason: (r.return_reason as string) ?? null,
  noticeUntil: (r.notice_until as Date) ?? null,
  batchId: r.batch_id == null ? null : Number(r.batch_id),
  submittedAt: r.submitted_at as Date,
  decidedAt: (r.decided_at as Date) ?? null,
  paidAt: (r.paid_at as Date) ?? null,
  objections: Number(r.objections ?? 0),
  version: Number(r.version),
  schemeCitySharePct: Number(r.scheme_city_share_pct),
  schemeDistrict: (r.scheme_district as string) ?? null,
  cityFen: r.city_fen == null ? null : Number(r.city_fen),
  districtFen: r.district_fen == null ? null : Number(r.district_fen),
});

const toBatch = (r: Record<string, unknown>): Batch => ({
  id: Number(r.id),
  batchNo: r.batch_no as string,
  status: r.status as 'open' | 'paid',
  totalFen: Number(r.total_fen),
  cityFen: Number(r.city_fen ?? 0),
  districtFen: Number(r.district_fen ?? 0),
  claimCount: Number(r.claim_count ?? 0),
  createdAt: r.created_at as Date,
  paidAt: (r.paid_at as Date) ?? null,
});

export class ClaimRepository {
  constructor(private readonly db: Queryable) {}
  with(tx: Queryable) {
    return new ClaimRepository(tx);
  }

  async insert(c: {
    useId: number;
    voucherId: number;
    schemeId: number;
    orderId: number;
    providerOrgId: number;
    holderOrgId: number;
    districtCode: string | null;
    amountFen: number;
    evidence: unknown;
  }): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      WITH n AS (SELECT nextval('voucher_claims_id_seq') AS id)
      INSERT INTO voucher_claims (id, claim_no, use_id, voucher_id, scheme_id, order_id, provider_org_id, holder_org_id, district_code, amount_fen, evidence)
      SELECT n.id, 'DF' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(n.id::text, 6, '0'), ${c.useId}, ${c.voucherId}, ${c.schemeId}, ${c.orderId},
        ${c.providerOrgId}, ${c.holderOrgId}, ${c.districtCode}, ${c.amountFen}, ${JSON.stringify(c.evidence)} FROM n
      ON CONFLICT (use_id) WHERE status <> 'rejected' DO NOTHING RETURNING id`);
    return rows[0] ? Number(rows[0].id) : null;
  }

  async find(id: number, forUpdate = false): Promise<Claim | null> {
    const { rows } = await this.db.query(sql`${SELECT} WHERE c.id = ${id} ${sql.raw(forUpdate ? 'FOR UPDATE OF c' : '')}`);
    return rows[0] ? toClaim(rows[0]) : null;
  }

  async list(where: Sql[], page: number, pageSize: number): Promise<{ items: Claim[]; total: number }> {
    const w = sql.where(where);
    const { rows } = await this.db.query(sql`${SELECT} ${w} ORDER BY c.submitted_at DESC, c.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
    const count = await this.db.query<{ n: string }>(sql`SELECT count(*) AS n FROM voucher_claims c ${w}`);
    return { items: rows.map(toClaim), total: Number(count.rows[0].n) };
  }

  async update(id: number, set: Sql[]): Promise<void> {
    await this.db.query(sql`UPDATE voucher_claims SET ${sql.join([...set, sql`version = version + 1`])} WHERE id = ${id}`);
  }

  async addObjection(claimId: number, o: { name: string; contact: string; reason: string }): Promise<void> {
    await this.db.query(sql`INSERT INTO voucher_claim_objections (claim_id, name, contact, reason) VALUES (${claimId}, ${o.name}, ${o.contact}, ${o.reason})`);
  }

  async objections(claimId: number): Promise<{ id: number; name: string; contact: string; reason: string; createdAt: Date }[]> {
    const { rows } = await this.db.query<{ id: number; name: string; contact: string; reason: string; created_at: Date }>(sql`
      SELECT * FROM voucher_claim_objections WHERE claim_id = ${claimId} ORDER BY id`);
    return rows.map((r) => ({ id: Number(r.id), name: r.name, contact: r.contact, reason: r.reason, createdAt: r.created_at }));
  }

  /**
   * The public notice: claims in notice now, and those whose notice ended within `keepDays` and were not rejected
   * (a notice stays readable for a while after its period, labelled as ended). Open ones first.
   */
  async notices(now: Date, keepDays: number): Promise<Claim[]> {
    const since = new Date(now.getTime() - keepDays * 86400_000);
    const { rows } = await this.db.query(sql`${SELECT}
      WHERE c.status IN ('in_notice', 'batched', 'paid') AND c.notice_until IS NOT NULL AND c.notice_until > ${since}
      ORDER BY (c.notice_until > ${now}) DESC, c.notice_until DESC, c.id DESC LIMIT 200`);
    return rows.map(toClaim);
  }

  /** Claims whose notice ended without being rejected: ready for a payment batch, locked for it. */
  async dueForBatch(now: Date, schemeId?: number): Promise<Claim[]> {
    const { rows } = await this.db.query(sql`${SELECT} WHERE c.status = 'in_notice' AND c.notice_until <= ${now}
      ${schemeId ? sql`AND c.scheme_id = ${schemeId}` : sql.raw('')} ORDER BY c.id FOR UPDATE OF c`);
    return rows.map(toClaim);
  }

  async insertBatch(userId: number): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      WITH n AS (SELECT nextval('voucher_payment_batches_id_seq') AS id)
      INSERT INTO voucher_payment_batches (id, batch_no, created_by)
      SELECT n.id, 'PC' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(n.id::text, 4, '0'), ${userId} FROM n RETURNING id`);
    return Number(rows[0].id);
  }

  async setBatch(id: number, set: Sql[]): Promise<void> {
    await this.db.query(sql`UPDATE voucher_payment_batches SET ${sql.join(set)} WHERE id = ${id}`);
  }

  async batch(id: number, forUpdate = false): Promise<Batch | null> {
    const { rows } = await this.db.query(sql`SELECT b.*, (SELECT count(*) FROM voucher_claims c WHERE c.batch_id = b.id) AS claim_count,
      (SELECT sum(c.city_fen) FROM voucher_claims c WHERE c.batch_id = b.id) AS city_fen,
      (SELECT sum(c.district_fen) FROM voucher_claims c WHERE c.batch_id = b.id) AS district_fen
      FROM voucher_payment_batches b WHERE b.id = ${id} ${sql.raw(forUpdate ? 'FOR UPDATE OF b' : '')}`);
    return rows[0] ? toBatch(rows[0]) : null;
  }

  async batches(): Promise<Batch[]> {
    const { rows } = await this.db.query(sql`SELECT b.*, (SELECT count(*) FROM voucher_claims c WHERE c.batch_id = b.id) AS claim_count,
      (SELECT sum(c.city_fen) FROM voucher_claims c WHERE c.batch_id = b.id) AS city_fen,
      (SELECT sum(c.district_fen) FROM voucher_claims c WHERE c.batch_id = b.id) AS district_fen
      FROM voucher_payment_batches b ORDER BY b.created_at DESC, b.id DESC LIMIT 200`);
    return rows.map(toBatch);
  }

  async batchClaims(batchId: number): Promise<Claim[]> {
    const { rows } = await this.db.query(sql`${SELECT} WHERE c.batch_id = ${batchId} ORDER BY c.id`);
    return rows.map(toClaim);
  }
}

/** Demo data only: a claim whose notice has ended (the demo shows a batch to make without waiting 7 days). */
export async function backdateNotice(db: Queryable, claimId: number, until: Date): Promise<void> {
  await db.query(sql`UPDATE voucher_claims SET notice_until = ${until} WHERE id = ${claimId} AND status = 'in_notice'`);
}
