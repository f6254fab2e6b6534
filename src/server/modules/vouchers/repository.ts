/**
 * SQL on schemes, vouchers, applications and the budget ledger (the vouchers module's own tables). Holder names
 * come from the directory's fragment (orgJoin). Every ledger move is one checked UPDATE of the scheme's row:
 * the database's constraint, not this code, is the last word on "never below zero, never above the budget".
 */
import type { Queryable } from '../../platform/db/database.ts';
import { sql, type Sql } from '../../platform/db/sql.ts';
import { orgJoin } from '../directory/index.ts';
import type { Rule } from './eligibility.ts';
import type { ApplicationStatus, LedgerBucket, SchemeInput, VoucherStatus } from './schemas.ts';

export interface Scheme {
  id: number;
  name: string;
  districtCode: string | null;
  description: string | null;
  eligibility: Rule;
  maxSharePct: number;
  yearlyCapFen: number;
  teamYearlyCapFen: number;
  validityMonths: number;
  eligibleCategories: string[];
  eligibleProviderIds: number[];
  excludedKinds: string[];
  citySharePct: number;
  noticeDays: number;
  status: 'open' | 'closed';
  budgetFen: number;
  allocatedFen: number;
  reservedFen: number;
  redeemedFen: number;
  paidFen: number;
  voucherCount: number;
  createdAt: Date;
  version: number;
}

export interface Voucher {
  id: number;
  voucherNo: string;
  schemeId: number;
  schemeName: string;
  maxSharePct: number;
  holderOrgId: number;
  holderName: string;
  amountFen: number;
  balanceFen: number;
  status: VoucherStatus;
  validUntil: string;
  issuedAt: Date;
  applicationId: number | null;
  /** the scheme's district (null: a city scheme): whose office manages the voucher */
  schemeDistrict: string | null;
  cancelReason: string | null;
  cancelledAt: Date | null;
}

export interface Application {
  id: number;
  schemeId: number;
  schemeName: string;
  holderOrgId: number;
  holderName: string;
  holderDistrict: string | null;
  amountFen: number;
  purpose: string;
  status: ApplicationStatus;
  checks: { key: string; params: Record<string, unknown>; met: boolean }[];
  reason: string | null;
  voucherId: number | null;
  createdAt: Date;
  decidedAt: Date | null;
}

const num = (v: unknown) => Number(v);
const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

const SCHEME = sql`SELECT s.*, (SELECT count(*) FROM vouchers v WHERE v.scheme_id = s.id) AS voucher_count FROM voucher_schemes s`;
function toScheme(r: Record<string, unknown>): Scheme {
  return {
    id: num(r.id),
    name: r.name as string,
    districtCode: (r.district_code as string) ?? null,
    description: (r.description as string) ?? null,
    eligibility: r.eligibility as Rule,
    maxSharePct: num(r.max_share_pct),
    yearlyCapFen: num(r.yearly_cap_fen),
    teamYearlyCapFen: num(r.team_yearly_cap_fen),
    validityMonths: num(r.validity_months),
    eligibleCategories: r.eligible_categories as string[],
    eligibleProviderIds: (r.eligible_provider_ids as unknown[]).map(num),
    excludedKinds: r.excluded_kinds as string[],
    citySharePct: num(r.city_share_pct),
    noticeDays: num(r.notice_days),
    status: r.status as 'open' | 'closed',
    budgetFen: num(r.budget_fen),
    allocatedFen: num(r.allocated_fen),
    reservedFen: num(r.reserved_fen),
    redeemedFen: num(r.redeemed_fen),
    paidFen: num(r.paid_fen),
    voucherCount: num(r.voucher_count ?? 0),
    createdAt: r.created_at as Date,
    version: num(r.version),
  };
}

const VOUCHER = sql`SELECT v.*, s.name AS scheme_name, s.max_share_pct, s.district_code AS scheme_district, h.name AS holder_name
  FROM vouchers v JOIN voucher_schemes s ON s.id = v.scheme_id ${orgJoin('h', sql.raw('v.holder_org_id'))}`;
function toVoucher(r: Record<string, unknown>): Voucher {
  return {
    id: num(r.id),
    voucherNo: r.voucher_no as string,
    schemeId: num(r.scheme_id),
    schemeName: r.scheme_name as string,
    maxSharePct: num(r.max_share_pct),
    holderOrgId: num(r.holder_org_id),
    holderName: r.holder_name as string,
    amountFen: num(r.amount_fen),
    balanceFen: num(r.balance_fen),
    status: r.status as VoucherStatus,
    validUntil: day(r.valid_until),
    issuedAt: r.issued_at as Date,
    applicationId: r.application_id == null ? null : num(r.application_id),
    schemeDistrict: (r.scheme_district as string) ?? null,
    cancelReason: (r.cancel_reason as string) ?? null,
    cancelledAt: (r.cancelled_at as Date) ?? null,
  };
}

const APPLICATION = sql`SELECT a.*, s.name AS scheme_name, h.name AS holder_name, h.district_code AS holder_district,
  (SELECT v.id FROM vouchers v WHERE v.application_id = a.id) AS voucher_id
  FROM voucher_applications a JOIN voucher_schemes s ON s.id = a.scheme_id ${orgJoin('h', sql.raw('a.holder_org_id'))}`;
function toApplication(r: Record<string, unknown>): Application {
  return {
    id: num(r.id),
    schemeId: num(r.scheme_id),
    schemeName: r.scheme_name as string,
    holderOrgId: num(r.holder_org_id),
    holderName: r.holder_name as string,
    holderDistrict: (r.holder_district as string) ?? null,
    amountFen: num(r.amount_fen),
    purpose: r.purpose as string,
    status: r.status as ApplicationStatus,
    checks: r.eligibility as Application['checks'],
    reason: (r.reason as string) ?? null,
    voucherId: r.voucher_id == null ? null : num(r.voucher_id),
    createdAt: r.created_at as Date,
    decidedAt: (r.decided_at as Date) ?? null,
  };
}

const BUCKET_COLUMN: Record<Exclude<LedgerBucket, 'available'>, string> = {
  allocated: 'allocated_fen',
  reserved: 'reserved_fen',
  redeemed: 'redeemed_fen',
  paid: 'paid_fen',
};

export interface LedgerMove {
  schemeId: number;
  from: Exclude<LedgerBucket, 'paid'>;
  to: LedgerBucket;
  amountFen: number;
  reason: string;
  voucherId?: number | null;
  orderId?: number | null;
  claimId?: number | null;
  actorId?: number | null;
}

export class VoucherRepository {
  constructor(private readonly db: Queryable) {}
  with(tx: Queryable) {
    return new VoucherRepository(tx);
  }

  // ---------------------------------------------------------------- schemes
  async insertScheme(s: SchemeInput & { citySharePct: number }, userId: number): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO voucher_schemes (name, district_code, description, eligibility, max_share_pct, yearly_cap_fen, team_yearly_cap_fen,
        validity_months, eligible_categories, eligible_provider_ids, excluded_kinds, city_share_pct, notice_days, budget_fen, created_by)
      VALUES (${s.name}, ${s.districtCode ?? null}, ${s.description ?? null}, ${JSON.stringify(s.eligibility)}, ${s.maxSharePct}, ${s.yearlyCapFen},
        ${s.teamYearlyCapFen}, ${s.validityMonths}, ${s.eligibleCategories}, ${s.eligibleProviderIds}, ${s.excludedKinds}, ${s.citySharePct},
        ${s.noticeDays}, ${s.budgetFen}, ${userId})
      RETURNING id`);
    return num(rows[0].id);
  }

  async scheme(id: number, forUpdate = false): Promise<Scheme | null> {
    const { rows } = await this.db.query(
      forUpdate ? sql`SELECT s.*, 0 AS voucher_count FROM voucher_schemes s WHERE s.id = ${id} FOR UPDATE` : sql`${SCHEME} WHERE s.id = ${id}`,
    );
    return rows[0] ? toScheme(rows[0]) : null;
  }

  async schemes(where: Sql[]): Promise<Scheme[]> {
    const { rows } = await this.db.query(sql`${SCHEME} ${sql.where(where)} ORDER BY s.status, s.created_at DESC, s.id DESC`);
    return rows.map(toScheme);
  }

  /** The columns a patch may change; the ledger's columns are not among them (budget_fen is, within the constraint). */
  async updateScheme(id: number, version: number, set: Record<string, unknown>): Promise<boolean> {
    const parts = Object.entries(set).map(([col, v]) => sql`${sql.raw(col)} = ${col === 'eligibility' ? JSON.stringify(v) : v}`);
    const { rowCount } = await this.db.query(sql`
      UPDATE voucher_schemes SET ${sql.join([...parts, sql`version = version + 1`, sql`updated_at = now()`])} WHERE id = ${id} AND version = ${version}`);
    return rowCount === 1;
  }

  // ---------------------------------------------------------------- the ledger
  /**
   * Moves money between two buckets of a scheme, and writes the entry. False when the source bucket holds less
   * than the amount (for `available`: the budget less the four buckets); the row lock of the UPDATE makes
   * concurrent moves take turns, and the CHECK constraint backs the condition.
   */
  async move(m: LedgerMove): Promise<boolean> {
    const to = m.to === 'available' ? null : sql.raw(BUCKET_COLUMN[m.to]);
    const from = m.from === 'available' ? null : sql.raw(BUCKET_COLUMN[m.from]);
    const sets: Sql[] = [];
    if (from) sets.push(sql`${from} = ${from} - ${m.amountFen}`);
    if (to) sets.push(sql`${to} = ${to} + ${m.amountFen}`);
    const enough = from ? sql`${from} >= ${m.amountFen}` : sql`budget_fen - allocated_fen - reserved_fen - redeemed_fen - paid_fen >= ${m.amountFen}`;
    const { rowCount } = await this.db.query(sql`UPDATE voucher_schemes SET ${sql.join(sets)} WHERE id = ${m.schemeId} AND ${enough}`);
    if (rowCount !== 1) return false;
    await this.db.query(sql`
      INSERT INTO voucher_ledger_entries (scheme_id, voucher_id, claim_id, order_id, from_bucket, to_bucket, amount_fen, reason, actor_id)
      VALUES (${m.schemeId}, ${m.voucherId ?? null}, ${m.claimId ?? null}, ${m.orderId ?? null}, ${m.from}, ${m.to}, ${m.amountFen}, ${m.reason}, ${m.actorId ?? null})`);
    return true;
  }

  /** The scheme's totals recomputed from its entries (the ledger check and its test). */
  async ledgerSums(schemeId: number): Promise<Record<Exclude<LedgerBucket, 'available'>, number>> {
    const { rows } = await this.db.query<{ bucket: string; total: string }>(sql`
      SELECT bucket, sum(delta) AS total FROM (
        SELECT to_bucket AS bucket, amount_fen AS delta FROM voucher_ledger_entries WHERE scheme_id = ${schemeId}
        UNION ALL SELECT from_bucket, -amount_fen FROM voucher_ledger_entries WHERE scheme_id = ${schemeId}) m
      WHERE bucket <> 'available' GROUP BY bucket`);
    const out = { allocated: 0, reserved: 0, redeemed: 0, paid: 0 };
    for (const r of rows) out[r.bucket as keyof typeof out] = num(r.total);
    return out;
  }

  /** Entries per day and bucket, for the ledger chart. */
  async ledgerDaily(schemeId: number): Promise<{ day: string; from: LedgerBucket; to: LedgerBucket; amountFen: number }[]> {
    const { rows } = await this.db.query<{ day: string; from_bucket: LedgerBucket; to_bucket: LedgerBucket; total: string }>(sql`
      SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, from_bucket, to_bucket, sum(amount_fen) AS total
      FROM voucher_ledger_entries WHERE scheme_id = ${schemeId} GROUP BY 1, 2, 3 ORDER BY 1`);
    return rows.map((r) => ({ day: r.day, from: r.from_bucket, to: r.to_bucket, amountFen: num(r.total) }));
  }

  // ---------------------------------------------------------------- vouchers
  async usedThisYear(schemeId: number, holderOrgId: number, year: number): Promise<number> {
    const { rows } = await this.db.query<{ total: string | null }>(sql`
      SELECT sum(amount_fen - CASE WHEN status IN ('expired', 'cancelled') THEN balance_fen ELSE 0 END) AS total FROM vouchers
      WHERE scheme_id = ${schemeId} AND holder_org_id = ${holderOrgId} AND issued_year = ${year}`);
    return num(rows[0]?.total ?? 0);
  }

  async insertVoucher(v: {
    schemeId: number;
    holderOrgId: number;
    amountFen: number;
    year: number;
    validUntil: string;
    applicationId: number | null;
    userId: number;
  }): Promise<number> {
    // the number is the id, so it is unique without a second round trip: KJQ2026000123
    const { rows } = await this.db.query<{ id: number }>(sql`
      WITH n AS (SELECT nextval('vouchers_id_seq') AS id)
      INSERT INTO vouchers (id, voucher_no, scheme_id, holder_org_id, application_id, amount_fen, balance_fen, issued_year, valid_until, issued_by)
      SELECT n.id, 'KJQ' || ${String(v.year)} || lpad(n.id::text, 6, '0'), ${v.schemeId}, ${v.holderOrgId}, ${v.applicationId}, ${v.amountFen},
        ${v.amountFen}, ${v.year}, ${v.validUntil}::date, ${v.userId} FROM n
      RETURNING id`);
    return num(rows[0].id);
  }

  async voucher(id: number, forUpdate = false): Promise<Voucher | null> {
    const { rows } = await this.db.query(sql`${VOUCHER} WHERE v.id = ${id} ${sql.raw(forUpdate ? 'FOR UPDATE OF v' : '')}`);
    return rows[0] ? toVoucher(rows[0]) : null;
  }

  async vouchers(where: Sql[], page: number, pageSize: number): Promise<{ items: Voucher[]; total: number }> {
    const w = sql.where(where);
    const { rows } = await this.db.query(sql`${VOUCHER} ${w} ORDER BY v.issued_at DESC, v.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
    const count = await this.db.query<{ n: string }>(sql`SELECT count(*) AS n FROM vouchers v ${w}`);
    return { items: rows.map(toVoucher), total: num(count.rows[0].n) };
  }

  /** Takes from (or, negative, gives back to) the voucher's unspent balance; false when it holds too little. */
  async adjustBalance(id: number, deltaFen: number): Promise<boolean> {
    const { rowCount } = await this.db.query(
      sql`UPDATE vouchers SET balance_fen = balance_fen + ${deltaFen} WHERE id = ${id} AND balance_fen + ${deltaFen} >= 0`,
    );
    return rowCount === 1;
  }

  /** Active vouchers past their last valid day (Beijing), locked for the expiry's move. */
  async dueToExpire(today: string, limit: number): Promise<{ id: number; schemeId: number; balanceFen: number }[]> {
    const { rows } = await this.db.query<{ id: number; scheme_id: number; balance_fen: string }>(sql`
      SELECT id, scheme_id, balance_fen FROM vouchers WHERE status = 'active' AND valid_until < ${today}::date ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`);
    return rows.map((r) => ({ id: num(r.id), schemeId: num(r.scheme_id), balanceFen: num(r.balance_fen) }));
  }

  /** Cancelled by an office: the balance stays as it was (it is what went back to the budget). */
  async markCancelled(id: number, reason: string, userId: number): Promise<void> {
    await this.db.query(
      sql`UPDATE vouchers SET status = 'cancelled', cancelled_at = now(), cancelled_by = ${userId}, cancel_reason = ${reason} WHERE id = ${id}`,
    );
  }

  async markExpired(id: number): Promise<void> {
    await this.db.query(sql`UPDATE vouchers SET status = 'expired', expired_at = now() WHERE id = ${id}`);
  }

  // ---------------------------------------------------------------- applications
  async insertApplication(a: {
    schemeId: number;
    holderOrgId: number;
    amountFen: number;
    purpose: string;
    checks: unknown;
    userId: number;
  }): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO voucher_applications (scheme_id, holder_org_id, amount_fen, purpose, eligibility, created_by)
      VALUES (${a.schemeId}, ${a.holderOrgId}, ${a.amountFen}, ${a.purpose}, ${JSON.stringify(a.checks)}, ${a.userId})
      ON CONFLICT (scheme_id, holder_org_id) WHERE status = 'submitted' DO NOTHING RETURNING id`);
    return rows[0] ? num(rows[0].id) : null;
  }

  async application(id: number, forUpdate = false): Promise<Application | null> {
    const { rows } = await this.db.query(sql`${APPLICATION} WHERE a.id = ${id} ${sql.raw(forUpdate ? 'FOR UPDATE OF a' : '')}`);
    return rows[0] ? toApplication(rows[0]) : null;
  }

  async applications(where: Sql[], page: number, pageSize: number): Promise<{ items: Application[]; total: number }> {
    const w = sql.where(where);
    const { rows } = await this.db.query(sql`${APPLICATION} ${w} ORDER BY a.created_at DESC, a.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
    const count = await this.db.query<{ n: string }>(sql`SELECT count(*) AS n FROM voucher_applications a ${orgJoin('h', sql.raw('a.holder_org_id'))} ${w}`);
    return { items: rows.map(toApplication), total: num(count.rows[0].n) };
  }

  async hasOpenApplication(schemeId: number, holderOrgId: number): Promise<boolean> {
    const { rows } = await this.db.query(
      sql`SELECT 1 FROM voucher_applications WHERE scheme_id = ${schemeId} AND holder_org_id = ${holderOrgId} AND status = 'submitted'`,
    );
    return rows.length > 0;
  }

  async decideApplication(id: number, status: 'approved' | 'rejected', reason: string | null, userId: number): Promise<void> {
    await this.db.query(
      sql`UPDATE voucher_applications SET status = ${status}, reason = ${reason}, decided_by = ${userId}, decided_at = now() WHERE id = ${id}`,
    );
  }
}
