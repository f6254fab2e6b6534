/**
 * Settling an instrument booking (仪器机时结算) through the order's payment record: "an instrument hour and a
 * service are paid, and claimed, the same way" (issue 11). The booker of a completed use by another
 * organization opens (or finds again) the booking's order; from then on it is an ordinary order in the accepted
 * state — the holder applies a voucher at checkout under the same rules, the provider records the invoice, the
 * buyer the proof of payment, and the redemption claim is assembled from it. The booking comes in through a
 * BookingLookup (the instruments module's face), so this module reads no instrument tables.
 */
import type { Database } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound } from '../../platform/http/errors.ts';
import { recordHistory } from '../../platform/history.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { actorOf, type CurrentUser } from '../auth/index.ts';
import { beijingDay, userRef } from './service.ts';
import type { OrderRepository } from './repository.ts';
import type { BookingLookup, BookingSummary, Quote } from './schemas.ts';

/**
 * The category an instrument hour counts in for a voucher scheme's eligible categories: shared large instruments
 * serve testing and analysis (检验检测认证 → 专业化技术服务 in RULES.md); a scheme that lists other categories
 * only refuses it with the usual "category not eligible".
 */
export const INSTRUMENT_CATEGORY = 'testing';

const UNIT_ZH: Record<string, string> = { hour: '机时', sample: '样品', core_hour: '核时', gpu_hour: 'GPU 卡时' };

const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The one quote line of a booking: its recorded use (or the booked slot) at the price fixed when it was confirmed. */
export function bookingQuote(b: BookingSummary): Quote {
  const from = b.actualStart ?? b.start;
  const to = b.actualEnd ?? b.end;
  const hours = b.workHours ?? Math.round(((b.end.getTime() - b.start.getTime()) / 3600_000) * 100) / 100;
  const what = b.unit === 'sample' ? `${b.quantity} 个样品` : `${hours} 小时`;
  return {
    lines: [
      {
        name: `${b.instrumentName} ${UNIT_ZH[b.unit] ?? '机时'}（${what}，${shanghai(from)}–${shanghai(to)}）`,
        quantity: 1,
        unitFen: b.amountFen,
        amountFen: b.amountFen,
      },
    ],
    subtotalFen: b.amountFen,
    taxFen: 0,
    totalFen: b.amountFen,
    note: '按预约确认时的价格结算（含税）。',
  };
}

export class BookingSettlement {
  constructor(
    private readonly db: Database,
    private readonly repo: OrderRepository,
    private readonly bookings: BookingLookup,
  ) {}

  /** The booking's order, opened now (created: true) or earlier; only the booker may, once the use is completed. */
  async open(bookingId: number, user: CurrentUser): Promise<{ id: number; created: boolean }> {
    const b = await this.bookings.settlement(bookingId);
    // a booking names its user: to anyone else it does not exist (as on the bookings' own routes)
    if (!b || b.userId !== user.id) throw notFound('order.bookingNotFound');
    const existing = await this.repo.findByBooking(bookingId);
    if (existing) return { id: existing, created: false };
    if (b.status !== 'completed') throw conflict('order.bookingNotCompleted', { statusKey: `booking.statusName.${b.status}` });
    if (!b.external || b.userOrgId == null || b.userOrgId === b.ownerOrgId || user.orgId !== b.userOrgId) throw conflict('order.bookingInternal');
    if (b.amountFen <= 0) throw conflict('order.bookingFree');
    const quote = bookingQuote(b);
    const title = `仪器机时：${b.instrumentName}`;
    const id = await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const orderNo = await repo.nextOrderNo(beijingDay());
      const id = await repo.insertForBooking({
        orderNo,
        bookingId,
        buyerOrgId: b.userOrgId!,
        providerOrgId: b.ownerOrgId,
        districtCode: b.districtCode,
        title,
        categoryCode: INSTRUMENT_CATEGORY,
        requirement: `预约 #${bookingId}：${b.purpose}`,
        quote,
        deliveredAt: b.actualEnd ?? b.end,
        createdBy: userRef(user),
      });
      if (id == null) return null; // opened by a second request at the same moment: that one's order stands
      const after = { status: 'accepted', orderNo, kind: 'instrument_booking', bookingId, totalFen: quote.totalFen };
      await recordHistory(tx, { entityType: 'order', entityId: id, action: 'settleBooking', actor: actorOf(user), before: null, after });
      await recordAudit(tx, {
        type: 'order.settleBooking',
        actor: user,
        districtCode: b.districtCode,
        subject: { type: 'order', id },
        detail: { orderNo, bookingId, providerOrgId: b.ownerOrgId, totalFen: quote.totalFen },
      });
      await publishEvent(tx, {
        type: 'order.booking_settled',
        aggregateType: 'order',
        aggregateId: id,
        payload: { id, orderNo, bookingId, buyerOrgId: b.userOrgId, providerOrgId: b.ownerOrgId, totalFen: quote.totalFen },
        actorId: userRef(user),
      });
      return id;
    });
    if (id != null) return { id, created: true };
    const raced = await this.repo.findByBooking(bookingId);
    if (raced == null) throw forbidden();
    return { id: raced, created: false };
  }
}
