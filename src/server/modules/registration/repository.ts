/** SQL on org_claims (the claims) and org_invitations (invitations/… has its own file). */
import { sql } from '../../platform/db/sql.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { userJoin } from '../auth/index.ts';
import type { ClaimStatus, ClaimView } from './schemas.ts';

interface ClaimRow {
  id: number;
  user_id: number;
  uscc: string;
  org_name: string;
  district_code: string;
  contact_name: string;
  email: string;
  phone: string | null;
  username: string;
  org_id: number | null;
  status: ClaimStatus;
  reason: string | null;
  reviewer_name: string | null;
  created_at: Date;
  email_verified_at: Date | null;
  decided_at: Date | null;
}

export type Claim = ClaimView & { userId: number };

const toClaim = (r: ClaimRow): Claim => ({
  id: Number(r.id),
  userId: Number(r.user_id),
  uscc: r.uscc,
  orgName: r.org_name,
  districtCode: r.district_code,
  contactName: r.contact_name,
  email: r.email,
  phone: r.phone,
  username: r.username,
  orgId: r.org_id == null ? null : Number(r.org_id),
  status: r.status,
  reason: r.reason,
  reviewerName: r.reviewer_name,
  createdAt: r.created_at,
  emailVerifiedAt: r.email_verified_at,
  decidedAt: r.decided_at,
});

const SELECT = sql`
  SELECT c.*, u.username, r.display_name AS reviewer_name
  FROM org_claims c ${userJoin('u', sql.raw('c.user_id'))} ${userJoin('r', sql.raw('c.reviewer_id'), 'LEFT JOIN')}`;

export class ClaimRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): ClaimRepository {
    return new ClaimRepository(tx);
  }

  async insert(c: {
    userId: number;
    uscc: string;
    orgName: string;
    districtCode: string;
    contactName: string;
    email: string;
    phone: string | null;
    orgId: number | null;
  }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO org_claims (user_id, uscc, org_name, district_code, contact_name, email, phone, org_id)
      VALUES (${c.userId}, ${c.uscc}, ${c.orgName}, ${c.districtCode}, ${c.contactName}, ${c.email}, ${c.phone}, ${c.orgId})
      RETURNING id`);
    return Number(rows[0].id);
  }

  async byId(id: number, lock = false): Promise<Claim | null> {
    // FOR UPDATE OF c: two reviewers deciding at once take turns, and the second sees the first's decision
    const { rows } = await this.db.query<ClaimRow>(sql`${SELECT} WHERE c.id = ${id} ${lock ? sql`FOR UPDATE OF c` : sql.raw('')}`);
    return rows[0] ? toClaim(rows[0]) : null;
  }

  async latestOfUser(userId: number): Promise<Claim | null> {
    const { rows } = await this.db.query<ClaimRow>(sql`${SELECT} WHERE c.user_id = ${userId} ORDER BY c.id DESC LIMIT 1`);
    return rows[0] ? toClaim(rows[0]) : null;
  }

  async openForUscc(uscc: string): Promise<boolean> {
    const { rows } = await this.db.query(sql`SELECT 1 FROM org_claims WHERE uscc = ${uscc} AND status IN ('awaiting_email', 'pending')`);
    return rows.length > 0;
  }

  async list(f: { status?: ClaimStatus; district?: string | null }, page: { limit: number; offset: number }): Promise<{ items: Claim[]; total: number }> {
    const w = sql.join([sql`TRUE`, ...(f.status ? [sql`c.status = ${f.status}`] : []), ...(f.district ? [sql`c.district_code = ${f.district}`] : [])], ' AND ');
    const [count, rows] = await Promise.all([
      this.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM org_claims c WHERE ${w}`),
      this.db.query<ClaimRow>(sql`${SELECT} WHERE ${w} ORDER BY c.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`),
    ]);
    return { total: count.rows[0].n, items: rows.rows.map(toClaim) };
  }

  async markEmailVerified(id: number): Promise<void> {
    await this.db.query(sql`UPDATE org_claims SET status = 'pending', email_verified_at = now() WHERE id = ${id} AND status = 'awaiting_email'`);
  }

  async decide(id: number, d: { status: 'confirmed' | 'rejected'; reviewerId: number; reason: string | null; orgId: number | null }): Promise<void> {
    await this.db.query(sql`
      UPDATE org_claims SET status = ${d.status}, reviewer_id = ${d.reviewerId}, reason = ${d.reason},
             org_id = coalesce(${d.orgId}::bigint, org_id), decided_at = now()
      WHERE id = ${id}`);
  }
}
