/**
 * Booking rules: the cart is all or nothing across items and owners; opening hours, blackouts,
 * notice, advance and length limits, sharing mode and training are checked per item with a message
 * naming the item; the database's exclusion constraint decides who gets a contested slot. Owners
 * approve or decline requests (a request holds its slot until it expires); prices are estimated in
 * the cart and fixed when the booking is confirmed. Usage gives work hours and external service hours.
 */
import crypto from 'node:crypto';
import type { Database, Queryable } from '../../../platform/db/database.ts';
import { sql } from '../../../platform/db/sql.ts';
import { AppError, conflict, forbidden, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { recordHistory } from '../../../platform/history.ts';
import { publishEvent } from '../../../platform/events/outbox.ts';
import type { CurrentUser } from '../../auth/index.ts';
import { notify, type NotificationKind } from '../../notifications/index.ts';
import { BookingRepository, type BookingRow } from './repository.ts';
import { InstrumentRepository, type Instrument } from '../repository.ts';
import { withinOpeningTime } from '../catalogue/availability-sql.ts';
import { estimatePrice } from '../pricing.ts';
import { mayManage, sharingAdmits } from '../service.ts';
import { actorOf } from '../../auth/index.ts';
import type { BookingListQuery, BookingStatus, CartItem } from '../schemas.ts';

export interface BookingRules {
  /** how long an unanswered request holds its slot */
  pendingTtlHours: number;
  /** after this many minutes past the start without a check-in, a booking is a no-show and its slot free */
  noShowGraceMinutes: number;
  /** how long before the start the reminder goes out */
  reminderHours: number;
}

export interface QuoteItem {
  instrumentId: number;
  instrumentName: string | null;
  ownerName: string | null;
  start: Date;
  end: Date;
  hours: number;
  quantity: number;
  unit: string | null;
  unitPriceFen: number;
  estimatedFen: number;
  external: boolean;
  needsApproval: boolean;
  problems: FieldError[];
}

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
/** The reminder lead for a booking confirmed after the normal lead had begun (see tick). */
const SHORT_REMINDER_LEAD_HOURS = 2;

export const shanghaiTime = (d: Date) => SHANGHAI.format(d).replace(/\//g, '-');

export class BookingService {
  readonly repo: BookingRepository;
  private readonly instruments: InstrumentRepository;

  constructor(
    private readonly db: Database,
    private readonly rules: BookingRules,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repo = new BookingRepository(db);
    this.instruments = new InstrumentRepository(db);
  }

  // ---------------------------------------------------------------- the cart

  /** Checks every item against its instrument's rules and prices it; books nothing. */
  async quote(items: (CartItem | Omit<CartItem, 'purpose'>)[], user: CurrentUser): Promise<{ items: QuoteItem[]; totalFen: number }> {
    const instruments = new Map((await this.instruments.findByIds([...new Set(items.map((i) => i.instrumentId))])).map((i) => [i.id, i]));
    const out: QuoteItem[] = [];
    for (const [index, item] of items.entries()) {
      const instrument = instruments.get(item.instrumentId);
      const problems = await this.problemsOf(item, index, instrument, user);
      const external = !!instrument && user.orgId !== instrument.ownerOrgId;
      const quantity = instrument?.priceUnit === 'hour' ? 1 : item.quantity;
      const est = instrument ? estimatePrice(instrument, item.start, item.end, quantity, !external) : null;
      out.push({
        instrumentId: item.instrumentId,
        instrumentName: instrument?.name ?? null,
        ownerName: instrument?.ownerName ?? null,
        start: item.start,
        end: item.end,
        hours: est?.hours ?? 0,
        quantity,
        unit: instrument?.priceUnit ?? null,
        unitPriceFen: est?.unitPriceFen ?? 0,
        estimatedFen: est?.estimatedFen ?? 0,
        external,
        needsApproval: !!instrument && needsApproval(instrument, user),
        problems,
      });
    }
    return { items: out, totalFen: out.reduce((s, i) => s + i.estimatedFen, 0) };
  }

  /** Books every item or none. Rule problems → 400 naming each item; a taken slot → 409 naming each item. */
  async book(items: CartItem[], user: CurrentUser): Promise<{ cartId: string; items: BookingRow[] }> {
    const quote = await this.quote(items, user);
    const problems = quote.items.flatMap((q) => q.problems);
    if (problems.length) throw invalid(problems);
    const instruments = new Map((await this.instruments.findByIds(items.map((i) => i.instrumentId))).map((i) => [i.id, i]));
    const cartId = crypto.randomUUID();
    const now = this.now();
    const ids = await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const expired = await repo.expireStale([...instruments.keys()]);
      await this.notifyExpired(tx, expired);
      const ids: number[] = [];
      const taken: FieldError[] = [];
      for (const [index, item] of items.entries()) {
        const instrument = instruments.get(item.instrumentId)!;
        const q = quote.items[index];
        const pending = q.needsApproval;
        const expiresAt = pending ? new Date(Math.min(now.getTime() + this.rules.pendingTtlHours * 3600_000, item.start.getTime())) : null;
        const id = await repo.insertUnlessTaken({
          cartId,
          instrumentId: instrument.id,
          ownerOrgId: instrument.ownerOrgId,
          userId: user.id,
          userOrgId: user.orgId,
          start: item.start,
          end: item.end,
          quantity: q.quantity,
          purpose: item.purpose,
          status: pending ? 'pending' : 'confirmed',
          external: q.external,
          estimatedFen: q.estimatedFen,
          priceFen: pending ? null : q.estimatedFen,
          expiresAt,
        });
        if (id == null) taken.push({ path: `items.${index}.start`, key: 'booking.slotTaken', params: { instrument: instrument.name, start: shanghaiTime(item.start), end: shanghaiTime(item.end) } });
        else ids.push(id);
      }
      // all or nothing: throwing rolls back the items already inserted
      if (taken.length) throw new AppError(409, 'booking_conflict', 'booking.conflict', { count: taken.length }, taken);
      for (const [index, id] of ids.entries()) {
        const instrument = instruments.get(items[index].instrumentId)!;
        const status = quote.items[index].needsApproval ? 'pending' : 'confirmed';
        await recordHistory(tx, { entityType: 'booking', entityId: id, action: 'create', actor: actorOf(user), before: null, after: { status, instrumentId: instrument.id, start: items[index].start, end: items[index].end, cartId } });
        await publishEvent(tx, { type: status === 'pending' ? 'booking.requested' : 'booking.confirmed', aggregateType: 'booking', aggregateId: id, payload: { id, cartId, instrumentId: instrument.id, ownerOrgId: instrument.ownerOrgId, userOrgId: user.orgId, start: items[index].start, end: items[index].end, external: quote.items[index].external, estimatedFen: quote.items[index].estimatedFen }, actorId: user.id });
        await notify(tx, await repo.orgMembers(instrument.ownerOrgId), 'booking.requested', id, { instrument: instrument.name, user: user.displayName, start: shanghaiTime(items[index].start), end: shanghaiTime(items[index].end), status });
      }
      return ids;
    });
    return { cartId, items: await this.repo.findByIds(ids) };
  }

  private async problemsOf(item: CartItem | Omit<CartItem, 'purpose'>, index: number, instrument: Instrument | undefined, user: CurrentUser): Promise<FieldError[]> {
    const at = (field: string, key: string, params: Record<string, unknown> = {}): FieldError => ({ path: `items.${index}.${field}`, key, params });
    if (!instrument) return [at('instrumentId', 'booking.noInstrument', { id: item.instrumentId })];
    const name = instrument.name;
    if (instrument.status !== 'in_service') return [at('instrumentId', `booking.status.${instrument.status}`, { instrument: name })];
    if (!sharingAdmits(user, instrument)) return [at('instrumentId', 'booking.membersOnly', { instrument: name, owner: instrument.ownerName })];
    const out: FieldError[] = [];
    if (instrument.needsTraining && user.orgId !== instrument.ownerOrgId && !(await this.instruments.isQualified(instrument.id, user.id))) {
      out.push(at('instrumentId', 'booking.needsTraining', { instrument: name, owner: instrument.ownerName }));
    }
    const now = this.now();
    const minutes = (item.end.getTime() - item.start.getTime()) / 60_000;
    if (item.start.getTime() < now.getTime()) out.push(at('start', 'booking.inPast', { instrument: name }));
    else if (item.start.getTime() < now.getTime() + instrument.noticeHours * 3600_000) out.push(at('start', 'booking.notice', { instrument: name, hours: instrument.noticeHours }));
    if (item.start.getTime() > now.getTime() + instrument.maxAdvanceDays * 86400_000) out.push(at('start', 'booking.tooFarAhead', { instrument: name, days: instrument.maxAdvanceDays }));
    if (minutes < instrument.minBookingMinutes) out.push(at('end', 'booking.tooShort', { instrument: name, minutes: instrument.minBookingMinutes }));
    if (minutes > instrument.maxBookingMinutes) out.push(at('end', 'booking.tooLong', { instrument: name, hours: round2(instrument.maxBookingMinutes / 60) }));
    if (minutes <= 14 * 24 * 60) {
      const open = await withinOpeningTime(this.db, instrument.id, item.start, item.end);
      if (!open.inside) {
        out.push(open.blackout !== null ? at('start', 'booking.blackout', { instrument: name, reason: open.blackout || '—' }) : at('start', 'booking.outsideHours', { instrument: name }));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- decisions

  async approve(id: number, reason: string | undefined, user: CurrentUser): Promise<BookingRow> {
    return this.decide(id, user, async (tx, b) => {
      if (b.expiresAt && b.expiresAt.getTime() <= this.now().getTime()) {
        await this.repo.with(tx).transition(id, ['pending'], 'expired', sql`expires_at = expires_at`);
        return { refused: conflict('booking.expiredNow') };
      }
      const instrument = (await this.instruments.with(tx).findById(b.instrumentId))!;
      // the price is fixed now, at the prices in force at approval
      const price = estimatePrice(instrument, b.start, b.end, b.quantity, !b.external).estimatedFen;
      const ok = await this.repo.with(tx).transition(id, ['pending'], 'confirmed', sql`price_fen = ${price}, decided_by = ${user.id}, decided_at = now(), decision_reason = ${reason ?? null}`);
      return ok ? { action: 'approve', to: 'confirmed', notifyKind: 'booking.approved', params: { price: yuan(price) } } : { refused: null };
    });
  }

  async decline(id: number, reason: string, user: CurrentUser): Promise<BookingRow> {
    return this.decide(id, user, async (tx) => {
      const ok = await this.repo.with(tx).transition(id, ['pending'], 'declined', sql`decided_by = ${user.id}, decided_at = now(), decision_reason = ${reason}`);
      return ok ? { action: 'decline', to: 'declined', notifyKind: 'booking.declined', params: { reason } } : { refused: null };
    });
  }

  /** Owner-side decisions: the owner's members or a city admin, on a pending request. */
  private async decide(
    id: number,
    user: CurrentUser,
    change: (tx: Queryable, b: BookingRow) => Promise<{ action: string; to: BookingStatus; notifyKind: NotificationKind; params: Record<string, unknown> } | { refused: AppError | null }>,
  ): Promise<BookingRow> {
    await this.db.transaction(async (tx) => {
      const b = await this.repo.with(tx).findById(id, true);
      if (!b) throw notFound('booking.notFound');
      if (!mayManage(user, b.ownerOrgId)) throw forbidden('booking.notOwner');
      if (b.status !== 'pending') throw conflict('booking.notPending', { statusKey: `booking.statusName.${b.status}` });
      const result = await change(tx, b);
      if ('refused' in result) {
        if (result.refused) throw result.refused;
        throw conflict('booking.notPending', { statusKey: `booking.statusName.${b.status}` });
      }
      await recordHistory(tx, { entityType: 'booking', entityId: id, action: result.action, actor: actorOf(user), before: { status: b.status }, after: { status: result.to, ...result.params } });
      await publishEvent(tx, { type: `booking.${result.to}`, aggregateType: 'booking', aggregateId: id, payload: { id, instrumentId: b.instrumentId, ownerOrgId: b.ownerOrgId, ...result.params }, actorId: user.id });
      await notify(tx, [b.userId], result.notifyKind, id, { instrument: b.instrumentName, start: shanghaiTime(b.start), end: shanghaiTime(b.end), ...result.params });
    });
    return this.get(id, user);
  }

  async cancel(id: number, reason: string | undefined, user: CurrentUser): Promise<BookingRow> {
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const b = await repo.findById(id, true);
      if (!b) throw notFound('booking.notFound');
      const isBooker = b.userId === user.id;
      const isOwner = mayManage(user, b.ownerOrgId);
      if (!isBooker && !isOwner) throw forbidden('booking.notYours');
      if (!['pending', 'confirmed'].includes(b.status)) throw conflict('booking.notCancellable', { statusKey: `booking.statusName.${b.status}` });
      const now = this.now().getTime();
      if (b.end.getTime() <= now) throw conflict('booking.alreadyOver');
      if (!isOwner) {
        // the booker's own rule: a confirmed slot can be given back only with the owner's notice
        if (b.status === 'confirmed' && b.start.getTime() - now < b.cancelNoticeHours * 3600_000) {
          throw conflict('booking.cancelTooLate', { hours: b.cancelNoticeHours });
        }
      } else if (!isBooker && !reason) {
        throw invalid([{ path: 'reason', key: 'booking.reasonRequired' }]);
      }
      await repo.transition(id, ['pending', 'confirmed'], 'cancelled', sql`cancelled_by = ${user.id}, cancelled_at = now(), cancel_reason = ${reason ?? null}`);
      await recordHistory(tx, { entityType: 'booking', entityId: id, action: 'cancel', actor: actorOf(user), before: { status: b.status }, after: { status: 'cancelled', reason: reason ?? null } });
      await publishEvent(tx, { type: 'booking.cancelled', aggregateType: 'booking', aggregateId: id, payload: { id, instrumentId: b.instrumentId, byOwner: !isBooker }, actorId: user.id });
      const recipients = isBooker ? await repo.orgMembers(b.ownerOrgId) : [b.userId];
      await notify(tx, recipients.filter((u) => u !== user.id), 'booking.cancelled', id, { instrument: b.instrumentName, start: shanghaiTime(b.start), end: shanghaiTime(b.end), by: user.displayName, reason: reason || '—' });
    });
    return this.get(id, user);
  }

  // ---------------------------------------------------------------- usage

  /** The user (or the owner) checks in: from 15 minutes before the start until the end. */
  async checkIn(id: number, user: CurrentUser): Promise<BookingRow> {
    return this.usageStep(id, user, async (tx, b) => {
      const now = this.now().getTime();
      if (b.status !== 'confirmed') throw conflict('booking.notConfirmed', { statusKey: `booking.statusName.${b.status}` });
      if (now < b.start.getTime() - 15 * 60_000 || now >= b.end.getTime()) throw conflict('booking.checkInWindow', { start: shanghaiTime(b.start), end: shanghaiTime(b.end) });
      await this.repo.with(tx).transition(id, ['confirmed'], 'in_use', sql`actual_start = now(), usage_recorded_by = ${user.id}`);
      return { action: 'checkIn', to: 'in_use' };
    });
  }

  async checkOut(id: number, user: CurrentUser): Promise<BookingRow> {
    return this.usageStep(id, user, async (tx, b) => {
      if (b.status !== 'in_use') throw conflict('booking.notInUse', { statusKey: `booking.statusName.${b.status}` });
      await this.repo.with(tx).transition(id, ['in_use'], 'completed', sql`actual_end = greatest(now(), actual_start + interval '1 minute'), usage_recorded_by = ${user.id}`);
      return { action: 'checkOut', to: 'completed' };
    });
  }

  /** The owner records (or corrects) actual use after the fact. */
  async recordUsage(id: number, actualStart: Date, actualEnd: Date, user: CurrentUser): Promise<BookingRow> {
    return this.usageStep(
      id,
      user,
      async (tx, b) => {
        if (!['confirmed', 'in_use', 'completed', 'no_show'].includes(b.status)) throw conflict('booking.notConfirmed', { statusKey: `booking.statusName.${b.status}` });
        if (actualEnd.getTime() > this.now().getTime() + 5 * 60_000) throw invalid([{ path: 'actualEnd', key: 'booking.usageInFuture' }]);
        await this.repo.with(tx).transition(id, ['confirmed', 'in_use', 'completed', 'no_show'], 'completed', sql`actual_start = ${actualStart}, actual_end = ${actualEnd}, usage_recorded_by = ${user.id}`);
        return { action: 'usage', to: 'completed', extra: { actualStart, actualEnd } };
      },
      true,
    );
  }

  private async usageStep(
    id: number,
    user: CurrentUser,
    step: (tx: Queryable, b: BookingRow) => Promise<{ action: string; to: BookingStatus; extra?: Record<string, unknown> }>,
    ownerOnly = false,
  ): Promise<BookingRow> {
    await this.db.transaction(async (tx) => {
      const b = await this.repo.with(tx).findById(id, true);
      if (!b) throw notFound('booking.notFound');
      const isOwner = mayManage(user, b.ownerOrgId);
      if (!isOwner && (ownerOnly || b.userId !== user.id)) throw forbidden(ownerOnly ? 'booking.notOwner' : 'booking.notYours');
      const r = await step(tx, b);
      const after = (await this.repo.with(tx).findById(id))!;
      await recordHistory(tx, { entityType: 'booking', entityId: id, action: r.action, actor: actorOf(user), before: { status: b.status, actualStart: b.actualStart, actualEnd: b.actualEnd }, after: { status: after.status, actualStart: after.actualStart, actualEnd: after.actualEnd } });
      if (after.status === 'completed') {
        await publishEvent(tx, { type: 'booking.usageRecorded', aggregateType: 'booking', aggregateId: id, payload: { id, instrumentId: b.instrumentId, ownerOrgId: b.ownerOrgId, userOrgId: b.userOrgId, external: b.external, actualStart: after.actualStart, actualEnd: after.actualEnd, workHours: workHours(after), priceFen: after.priceFen }, actorId: user.id });
      }
    });
    return this.get(id, user);
  }

  // ---------------------------------------------------------------- reading

  async get(id: number, user: CurrentUser): Promise<BookingRow> {
    const b = await this.repo.findById(id);
    if (!b) throw notFound('booking.notFound');
    // least privilege: the booker, the owner's members and city admins (mayManage); a booking names its user
    if (b.userId !== user.id && !mayManage(user, b.ownerOrgId)) throw forbidden('booking.notYours');
    return b;
  }

  async list(q: BookingListQuery, user: CurrentUser): Promise<{ items: BookingRow[]; total: number; page: number; pageSize: number }> {
    const f = { statuses: q.status, instrumentId: q.instrumentId, from: q.from, to: q.to } as Parameters<BookingRepository['list']>[0];
    if (q.scope === 'mine') f.userId = user.id;
    else if (q.scope === 'owner') {
      if (user.role === 'org_member') f.ownerOrgId = user.orgId!;
      else if (user.role !== 'admin') throw forbidden();
    } else if (user.role !== 'admin') throw forbidden();
    // an inbox reads soonest first; one's own history, latest first
    const order = q.scope === 'owner' && q.status?.every((s) => s === 'pending' || s === 'confirmed') ? 'asc' : 'desc';
    const { items, total } = await this.repo.list(f, q.pageSize, (q.page - 1) * q.pageSize, order);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  // ---------------------------------------------------------------- time-driven steps (jobs)

  private async notifyExpired(tx: Queryable, expired: { id: number; userId: number; instrumentId: number }[]): Promise<void> {
    for (const e of expired) {
      await publishEvent(tx, { type: 'booking.expired', aggregateType: 'booking', aggregateId: e.id, payload: { id: e.id, instrumentId: e.instrumentId } });
      await notify(tx, [e.userId], 'booking.expired', e.id, {});
    }
  }

  /** Expires unanswered requests, marks no-shows (freeing their slots), sends reminders. Safe to run in many processes. */
  async tick(): Promise<{ expired: number; noShows: number; reminders: number }> {
    return this.db.transaction(async (tx) => {
      const expired = await this.repo.with(tx).expireStale([]);
      await this.notifyExpired(tx, expired);
      const noShows = await tx.query<{ id: number; user_id: number; instrument_id: number }>(sql`
        UPDATE bookings SET status = 'no_show', updated_at = now(), version = version + 1
        WHERE id IN (SELECT id FROM bookings WHERE status = 'confirmed' AND actual_start IS NULL
                       AND lower(during) + make_interval(mins => ${this.rules.noShowGraceMinutes}) <= now()
                       AND lower(during) > now() - interval '30 days' FOR UPDATE SKIP LOCKED)
        RETURNING id, user_id, instrument_id`);
      for (const n of noShows.rows) {
        await publishEvent(tx, { type: 'booking.noShow', aggregateType: 'booking', aggregateId: n.id, payload: { id: n.id, instrumentId: n.instrument_id } });
        await notify(tx, [n.user_id], 'booking.noShow', n.id, {});
      }
      // Reminders: `lead` ahead (BOOKING_REMINDER_HOURS) for a booking confirmed before then. One confirmed later —
      // booked at 17:00 for 09:00 tomorrow — has just been told of its confirmation, so a reminder at once (as
      // there was) only repeats it with a misleading "即将开始" 16 hours ahead: it is reminded SHORT_LEAD ahead
      // instead, unless it was confirmed even later than that. Leads are seconds: make_interval's hours are whole.
      const lead = this.rules.reminderHours * 3600;
      const short = Math.min(lead, SHORT_REMINDER_LEAD_HOURS * 3600);
      const due = await tx.query<{ id: number; user_id: number; name: string; start: Date; end: Date }>(sql`
        UPDATE bookings b SET reminder_sent_at = now()
        FROM instruments i
        WHERE i.id = b.instrument_id AND b.id IN (
          SELECT id FROM bookings WHERE status = 'confirmed' AND reminder_sent_at IS NULL AND lower(during) > now()
            AND ((lower(during) <= now() + make_interval(secs => ${lead}) AND coalesce(decided_at, created_at) <= lower(during) - make_interval(secs => ${lead}))
              OR (lower(during) <= now() + make_interval(secs => ${short}) AND coalesce(decided_at, created_at) <= lower(during) - make_interval(secs => ${short})))
            FOR UPDATE SKIP LOCKED)
        RETURNING b.id, b.user_id, i.name, lower(b.during) AS start, upper(b.during) AS "end"`);
      for (const r of due.rows) await notify(tx, [r.user_id], 'booking.reminder', r.id, { instrument: r.name, start: shanghaiTime(r.start), end: shanghaiTime(r.end) });
      return { expired: expired.length, noShows: noShows.rows.length, reminders: due.rows.length };
    });
  }
}

/** Requests for these need the owner's approval. */
export function needsApproval(instrument: Instrument, user: CurrentUser): boolean {
  if (instrument.sharingMode === 'arrangement') return true;
  return instrument.needsApproval && user.orgId !== instrument.ownerOrgId;
}

export function workHours(b: Pick<BookingRow, 'actualStart' | 'actualEnd'>): number | null {
  if (!b.actualStart || !b.actualEnd) return null;
  return round2((b.actualEnd.getTime() - b.actualStart.getTime()) / 3600_000);
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const yuan = (fen: number) => (fen / 100).toFixed(2);

