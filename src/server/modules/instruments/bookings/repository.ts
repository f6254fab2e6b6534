/**
 * SQL of bookings. The exclusion constraint bookings_no_overlap is what refuses a double booking;
 * inserts use ON CONFLICT DO NOTHING so a taken slot comes back as "no row" (which item of the cart
 * it was is then known) instead of an error that would abort the transaction.
 */
import { sql, type Sql } from '../../../platform/db/sql.ts';
import type { Queryable } from '../../../platform/db/database.ts';
import type { BookingStatus } from '../schemas.ts';

export interface BookingRow {
  id: number;
  cartId: string;
  instrumentId: number;
  instrumentName: string;
  priceUnit: string;
  ownerOrgId: number;
  ownerName: string;
  userId: number;
  userName: string;
  userOrgId: number | null;
  userOrgName: string | null;
  start: Date;
  end: Date;
  quantity: number;
  purpose: string;
  status: BookingStatus;
  external: boolean;
  estimatedFen: number;
  priceFen: number | null;
  expiresAt: Date | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  actualStart: Date | null;
  actualEnd: Date | null;
  cancelNoticeHours: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const COLUMNS = sql.raw(`b.id, b.cart_id AS "cartId", b.instrument_id AS "instrumentId", i.name AS "instrumentName", i.price_unit AS "priceUnit",
  b.owner_org_id AS "ownerOrgId", oo.name AS "ownerName", b.user_id AS "userId", u.display_name AS "userName",
  b.user_org_id AS "userOrgId", uo.name AS "userOrgName", lower(b.during) AS start, upper(b.during) AS "end", b.quantity, b.purpose,
  b.status, b.external, b.estimated_fen AS "estimatedFen", b.price_fen AS "priceFen", b.expires_at AS "expiresAt",
  b.decided_at AS "decidedAt", b.decision_reason AS "decisionReason", b.cancelled_at AS "cancelledAt", b.cancel_reason AS "cancelReason",
  b.actual_start AS "actualStart", b.actual_end AS "actualEnd", i.cancel_notice_hours AS "cancelNoticeHours",
  b.created_at AS "createdAt", b.updated_at AS "updatedAt", b.version`);
const FROM = sql.raw(`bookings b JOIN instruments i ON i.id = b.instrument_id JOIN orgs oo ON oo.id = b.owner_org_id
  JOIN users u ON u.id = b.user_id LEFT JOIN orgs uo ON uo.id = b.user_org_id`);

export interface NewBooking {
  cartId: string;
  instrumentId: number;
  ownerOrgId: number;
  userId: number;
  userOrgId: number | null;
  start: Date;
  end: Date;
  quantity: number;
  purpose: string;
  status: 'pending' | 'confirmed';
  external: boolean;
  estimatedFen: number;
  priceFen: number | null;
  expiresAt: Date | null;
}

export interface BookingFilter {
  userId?: number;
  ownerOrgId?: number;
  statuses?: string[];
  instrumentId?: number;
  from?: Date;
  to?: Date;
}

export class BookingRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): BookingRepository {
    return new BookingRepository(tx);
  }

  /** Inserts unless the slot is taken; returns the new id, or null when another booking holds the slot. */
  async insertUnlessTaken(b: NewBooking): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO bookings (cart_id, instrument_id, owner_org_id, user_id, user_org_id, during, quantity, purpose, status, external, estimated_fen, price_fen, expires_at)
      VALUES (${b.cartId}::uuid, ${b.instrumentId}, ${b.ownerOrgId}, ${b.userId}, ${b.userOrgId}, tstzrange(${b.start}, ${b.end}), ${b.quantity}, ${b.purpose},
              ${b.status}, ${b.external}, ${b.estimatedFen}, ${b.priceFen}, ${b.expiresAt})
      ON CONFLICT DO NOTHING RETURNING id`);
    return rows[0]?.id ?? null;
  }

  /** Unanswered requests past their time stop holding their slot (before a new booking needs it). */
  async expireStale(instrumentIds: number[]): Promise<{ id: number; userId: number; instrumentId: number }[]> {
    const { rows } = await this.db.query<{ id: number; userId: number; instrumentId: number }>(sql`
      UPDATE bookings SET status = 'expired', updated_at = now(), version = version + 1
      WHERE status = 'pending' AND expires_at <= now() ${instrumentIds.length ? sql`AND instrument_id = ANY(${instrumentIds}::bigint[])` : sql``}
      RETURNING id, user_id AS "userId", instrument_id AS "instrumentId"`);
    return rows;
  }

  async findById(id: number, forUpdate = false): Promise<BookingRow | null> {
    const { rows } = await this.db.query<BookingRow>(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE b.id = ${id} ${forUpdate ? sql`FOR UPDATE OF b` : sql``}`);
    return rows[0] ?? null;
  }

  async findByIds(ids: number[]): Promise<BookingRow[]> {
    if (!ids.length) return [];
    const { rows } = await this.db.query<BookingRow>(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE b.id = ANY(${ids}::bigint[]) ORDER BY b.id`);
    return rows;
  }

  private where(f: BookingFilter): Sql {
    const c: Sql[] = [];
    if (f.userId) c.push(sql`b.user_id = ${f.userId}`);
    if (f.ownerOrgId) c.push(sql`b.owner_org_id = ${f.ownerOrgId}`);
    if (f.statuses?.length) c.push(sql`b.status = ANY(${f.statuses}::text[])`);
    if (f.instrumentId) c.push(sql`b.instrument_id = ${f.instrumentId}`);
    if (f.from) c.push(sql`upper(b.during) > ${f.from}`);
    if (f.to) c.push(sql`lower(b.during) < ${f.to}`);
    return sql.where(c);
  }

  async list(f: BookingFilter, limit: number, offset: number, order: 'asc' | 'desc'): Promise<{ items: BookingRow[]; total: number }> {
    const where = this.where(f);
    const [items, count] = await Promise.all([
      this.db.query<BookingRow>(sql`SELECT ${COLUMNS} FROM ${FROM} ${where} ORDER BY lower(b.during) ${sql.raw(order === 'asc' ? 'ASC' : 'DESC')}, b.id LIMIT ${limit} OFFSET ${offset}`),
      this.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM bookings b ${where}`),
    ]);
    return { items: items.rows, total: count.rows[0].n };
  }

  /** Moves a booking from one of `from` to `to` with the given column changes; null when its status was not in `from`. */
  async transition(id: number, from: BookingStatus[], to: BookingStatus, set: Sql): Promise<boolean> {
    const r = await this.db.query(sql`
      UPDATE bookings SET status = ${to}, ${set}, version = version + 1, updated_at = now()
      WHERE id = ${id} AND status = ANY(${from}::text[])`);
    return r.rowCount > 0;
  }

  /** Users who act for an organization (its members): they receive the owner's notifications. */
  async orgMembers(orgId: number): Promise<number[]> {
    const { rows } = await this.db.query<{ id: number }>(sql`SELECT id FROM users WHERE org_id = ${orgId} AND role = 'org_member' AND disabled_at IS NULL`);
    return rows.map((r) => r.id);
  }
}
