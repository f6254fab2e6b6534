/**
 * The owner's decisions on a request (approve, decline) and cancelling. A request holds its slot
 * until it expires; the price is fixed at approval, at the prices then in force. Each step keeps its
 * history, emits its event and tells the other side, in one transaction.
 */
import type { Queryable } from '../../../platform/db/database.ts';
import { type AppError, conflict, forbidden, invalid, notFound } from '../../../platform/http/errors.ts';
import { recordHistory } from '../../../platform/history.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { publishEvent } from '../../../platform/events/outbox.ts';
import { actorOf, type CurrentUser } from '../../auth/index.ts';
import { notify, type NotificationKind } from '../../notifications/index.ts';
import { estimatePrice } from '../pricing.ts';
import type { BookingRow } from './repository.ts';
import type { BookingStatus } from './schemas.ts';
import { isBooker, managesBooking, mayCancelBooking, mayDecideBooking } from './policy.ts';
import { shanghaiTime, statusParam, yuan } from './rules.ts';
import type { BookingContext } from './context.ts';

type Decision = { action: string; to: BookingStatus; notifyKind: NotificationKind; params: Record<string, unknown> } | { refused: AppError | null };

export async function approve(ctx: BookingContext, id: number, reason: string | undefined, user: CurrentUser): Promise<void> {
  await decide(ctx, id, user, async (tx, b) => {
    if (b.expiresAt && b.expiresAt.getTime() <= ctx.now().getTime()) {
      await ctx.repo.with(tx).expire(id);
      return { refused: conflict('booking.expiredNow') };
    }
    const instrument = (await ctx.instruments.with(tx).findById(b.instrumentId))!;
    // the price is fixed now, at the prices in force at approval
    const price = estimatePrice(instrument, b.start, b.end, b.quantity, !b.external).estimatedFen;
    const ok = await ctx.repo.with(tx).confirm(id, price, user.id, reason ?? null);
    return ok ? { action: 'approve', to: 'confirmed', notifyKind: 'booking.approved', params: { price: yuan(price) } } : { refused: null };
  });
}

export async function decline(ctx: BookingContext, id: number, reason: string, user: CurrentUser): Promise<void> {
  await decide(ctx, id, user, async (tx) => {
    const ok = await ctx.repo.with(tx).decline(id, user.id, reason);
    return ok ? { action: 'decline', to: 'declined', notifyKind: 'booking.declined', params: { reason } } : { refused: null };
  });
}

/** Owner-side decisions: the owner's members or a city admin, on a pending request. */
async function decide(ctx: BookingContext, id: number, user: CurrentUser, change: (tx: Queryable, b: BookingRow) => Promise<Decision>): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const b = await ctx.repo.with(tx).findById(id, true);
    if (!b) throw notFound('booking.notFound');
    if (!mayDecideBooking(user, b)) throw forbidden('booking.notOwner');
    if (b.status !== 'pending') throw conflict('booking.notPending', statusParam(b));
    const result = await change(tx, b);
    if ('refused' in result) {
      if (result.refused) throw result.refused;
      throw conflict('booking.notPending', statusParam(b));
    }
    await recordHistory(tx, {
      entityType: 'booking',
      entityId: id,
      action: result.action,
      actor: actorOf(user),
      before: { status: b.status },
      after: { status: result.to, ...result.params },
    });
    await recordAudit(tx, {
      type: `instruments.booking_${result.action}`,
      actor: user,
      subject: { type: 'booking', id },
      detail: { instrumentId: b.instrumentId, instrument: b.instrumentName, from: b.status, to: result.to, ...result.params },
    });
    await publishEvent(tx, {
      type: `booking.${result.to}`,
      aggregateType: 'booking',
      aggregateId: id,
      payload: { id, instrumentId: b.instrumentId, ownerOrgId: b.ownerOrgId, ...result.params },
      actorId: user.id,
    });
    await notify(tx, [b.userId], result.notifyKind, id, {
      instrument: b.instrumentName,
      start: shanghaiTime(b.start),
      end: shanghaiTime(b.end),
      ...result.params,
    });
  });
}

/** The booker cancels within the owner's notice; the owner's side at any time before the end, with a reason. */
export async function cancel(ctx: BookingContext, id: number, reason: string | undefined, user: CurrentUser): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const repo = ctx.repo.with(tx);
    const b = await repo.findById(id, true);
    if (!b) throw notFound('booking.notFound');
    if (!mayCancelBooking(user, b)) throw forbidden('booking.notYours');
    const booker = isBooker(user, b);
    const owner = managesBooking(user, b);
    if (!['pending', 'confirmed'].includes(b.status)) throw conflict('booking.notCancellable', statusParam(b));
    const now = ctx.now().getTime();
    if (b.end.getTime() <= now) throw conflict('booking.alreadyOver');
    if (!owner) {
      // the booker's own rule: a confirmed slot can be given back only with the owner's notice
      if (b.status === 'confirmed' && b.start.getTime() - now < b.cancelNoticeHours * 3600_000) {
        throw conflict('booking.cancelTooLate', { hours: b.cancelNoticeHours });
      }
    } else if (!booker && !reason) {
      throw invalid([{ path: 'reason', key: 'booking.reasonRequired' }]);
    }
    await repo.cancel(id, user.id, reason ?? null);
    await recordHistory(tx, {
      entityType: 'booking',
      entityId: id,
      action: 'cancel',
      actor: actorOf(user),
      before: { status: b.status },
      after: { status: 'cancelled', reason: reason ?? null },
    });
    await recordAudit(tx, {
      type: 'instruments.booking_cancel',
      actor: user,
      subject: { type: 'booking', id },
      detail: { instrumentId: b.instrumentId, instrument: b.instrumentName, from: b.status, byOwner: !booker, reason: reason ?? null },
    });
    await publishEvent(tx, {
      type: 'booking.cancelled',
      aggregateType: 'booking',
      aggregateId: id,
      payload: { id, instrumentId: b.instrumentId, byOwner: !booker },
      actorId: user.id,
    });
    const recipients = booker ? await ctx.auth.orgMemberIds(b.ownerOrgId, tx) : [b.userId];
    await notify(
      tx,
      recipients.filter((u) => u !== user.id),
      'booking.cancelled',
      id,
      { instrument: b.instrumentName, start: shanghaiTime(b.start), end: shanghaiTime(b.end), by: user.displayName, reason: reason || '—' },
    );
  });
}
