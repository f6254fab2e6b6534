/**
 * SQL of bookings. The exclusion constraint bookings_no_overlap is what refuses a double booking;
 * inserts use ON CONFLICT DO NOTHING so a taken slot comes back as "no row" (which item of the cart
 * it was is then known) instead of an error that would abort the transaction. Also the time-driven
 * steps (expiry, no-shows, reminders) and the users' calendar feeds.
 */
import { sql, type Sql } from '../../../platform/db/sql.ts';
import type { Queryable } from '../../../platform/db/database.ts';
import { orgJoin } from '../../directory/index.ts';
import { userJoin } from '../../auth/index.ts';
import type { PriceUnit } from '../schemas.ts';
import type { BookingStatus } from './schemas.ts';

export interface BookingRow {
  id: number;
  cartId: string;
  instrumentId: number;
  instrumentName: string;
  priceUnit: PriceUnit;
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
  /** the instrument's district: an order settling the booking is the district office's to read */
  districtCode: string | null;
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
  i.district_code AS "districtCode", b.created_at AS "createdAt", b.updated_at AS "updatedAt", b.version`);
// the owner's and the user's organization and the user's name through their owners' fragments
const FROM = sql`bookings b JOIN instruments i ON i.id = b.instrument_id ${orgJoin('oo', sql.raw('b.owner_org_id'))}
  ${userJoin('u', sql.raw('b.user_id'))} ${orgJoin('uo', sql.raw('b.user_org_id'), 'LEFT JOIN')}`;

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
      this.db.query<BookingRow>(
        sql`SELECT ${COLUMNS} FROM ${FROM} ${where} ORDER BY lower(b.during) ${sql.raw(order === 'asc' ? 'ASC' : 'DESC')}, b.id LIMIT ${limit} OFFSET ${offset}`,
      ),
      this.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM bookings b ${where}`),
    ]);
    return { items: items.rows, total: count.rows[0].n };
  }

  /** A request past its time, found while deciding it: expired (it no longer holds its slot). */
  expire(id: number): Promise<boolean> {
    return this.transition(id, ['pending'], 'expired', sql`expires_at = expires_at`);
  }

  /** Approves a request at the price fixed now. */
  confirm(id: number, priceFen: number, decidedBy: number, reason: string | null): Promise<boolean> {
    return this.transition(
      id,
      ['pending'],
      'confirmed',
      sql`price_fen = ${priceFen}, decided_by = ${decidedBy}, decided_at = now(), decision_reason = ${reason}`,
    );
  }

  decline(id: number, decidedBy: number, reason: string): Promise<boolean> {
    return this.transition(id, ['pending'], 'declined', sql`decided_by = ${decidedBy}, decided_at = now(), decision_reason = ${reason}`);
  }

  cancel(id: number, cancelledBy: number, reason: string | null): Promise<boolean> {
    return this.transition(id, ['pending', 'confirmed'], 'cancelled', sql`cancelled_by = ${cancelledBy}, cancelled_at = now(), cancel_reason = ${reason}`);
  }

  checkIn(id: number, by: number): Promise<boolean> {
    return this.transition(id, ['confirmed'], 'in_use', sql`actual_start = now(), usage_recorded_by = ${by}`);
  }

  /** Checks out now (at least a minute after the check-in). */
  checkOut(id: number, by: number): Promise<boolean> {
    return this.transition(id, ['in_use'], 'completed', sql`actual_end = greatest(now(), actual_start + interval '1 minute'), usage_recorded_by = ${by}`);
  }

  /** Records (or corrects) actual use after the fact. */
  recordUsage(id: number, from: BookingStatus[], actualStart: Date, actualEnd: Date, by: number): Promise<boolean> {
    return this.transition(id, from, 'completed', sql`actual_start = ${actualStart}, actual_end = ${actualEnd}, usage_recorded_by = ${by}`);
  }

  /** Moves a booking from one of `from` to `to` with the given column changes; false when its status was not in `from`. */
  private async transition(id: number, from: BookingStatus[], to: BookingStatus, set: Sql): Promise<boolean> {
    const r = await this.db.query(sql`
      UPDATE bookings SET status = ${to}, ${set}, version = version + 1, updated_at = now()
      WHERE id = ${id} AND status = ANY(${from}::text[])`);
    return r.rowCount > 0;
  }

  /** Confirmed bookings not checked in `graceMinutes` after their start become no-shows (their slots free). */
  async markNoShows(graceMinutes: number): Promise<{ id: number; userId: number; instrumentId: number }[]> {
    const { rows } = await this.db.query<{ id: number; userId: number; instrumentId: number }>(sql`
      UPDATE bookings SET status = 'no_show', updated_at = now(), version = version + 1
      WHERE id IN (SELECT id FROM bookings WHERE status = 'confirmed' AND actual_start IS NULL
                     AND lower(during) + make_interval(mins => ${graceMinutes}) <= now()
                     AND lower(during) > now() - interval '30 days' FOR UPDATE SKIP LOCKED)
      RETURNING id, user_id AS "userId", instrument_id AS "instrumentId"`);
    return rows;
  }

  /**
   * Marks as reminded, and returns, the confirmed bookings due a reminder: `leadSecs` ahead for one
   * confirmed before then, `shortSecs` ahead for one confirmed later (see BookingService.tick).
   */
  async takeDueReminders(leadSecs: number, shortSecs: number): Promise<{ id: number; userId: number; name: string; start: Date; end: Date }[]> {
    const { rows } = await this.db.query<{ id: number; userId: number; name: string; start: Date; end: Date }>(sql`
      UPDATE bookings b SET reminder_sent_at = now()
      FROM instruments i
      WHERE i.id = b.instrument_id AND b.id IN (
        SELECT id FROM bookings WHERE status = 'confirmed' AND reminder_sent_at IS NULL AND lower(during) > now()
          AND ((lower(during) <= now() + make_interval(secs => ${leadSecs}) AND coalesce(decided_at, created_at) <= lower(during) - make_interval(secs => ${leadSecs}))
            OR (lower(during) <= now() + make_interval(secs => ${shortSecs}) AND coalesce(decided_at, created_at) <= lower(during) - make_interval(secs => ${shortSecs})))
          FOR UPDATE SKIP LOCKED)
      RETURNING b.id, b.user_id AS "userId", i.name, lower(b.during) AS start, upper(b.during) AS "end"`);
    return rows;
  }

  // ---------------------------------------------------------------- calendar feeds

  /** Stores the hash of the user's feed token, replacing (revoking) the one before. */
  async saveFeedToken(tokenHash: string, userId: number): Promise<void> {
    await this.db.query(sql`INSERT INTO calendar_feeds (token_hash, user_id) VALUES (${tokenHash}, ${userId})
      ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`);
  }

  async feedUser(tokenHash: string): Promise<number | null> {
    const { rows } = await this.db.query<{ user_id: number }>(sql`SELECT user_id FROM calendar_feeds WHERE token_hash = ${tokenHash}`);
    return rows[0] ? Number(rows[0].user_id) : null;
  }

  /** The user's bookings for their feed: from 90 days back, the cancelled ones too (so calendars drop them). */
  async feedItems(userId: number): Promise<FeedItem[]> {
    const { rows } = await this.db.query<FeedItem>(sql`
      SELECT b.id, i.name, i.address, i.room, b.status, lower(b.during) AS start, upper(b.during) AS "end", b.updated_at AS updated, b.purpose
      FROM bookings b JOIN instruments i ON i.id = b.instrument_id
      WHERE b.user_id = ${userId} AND b.status IN ('pending','confirmed','in_use','completed','cancelled')
        AND upper(b.during) > now() - interval '90 days' ORDER BY lower(b.during) LIMIT 2000`);
    return rows;
  }
}

export interface FeedItem {
  id: number;
  name: string;
  address: string | null;
  room: string | null;
  status: BookingStatus;
  start: Date;
  end: Date;
  updated: Date;
  purpose: string;
}
