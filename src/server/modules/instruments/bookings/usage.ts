/**
 * Actual use: the booker (or the owner's side) checks in — from 15 minutes before the start until
 * the end — and out; the owner records or corrects use after the fact. Completed use gives the work
 * hours and external service hours the sharing indicators count (event booking.usageRecorded).
 */
import type { Queryable } from '../../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../../platform/http/errors.ts';
import { recordHistory } from '../../../platform/history.ts';
import { publishEvent } from '../../../platform/events/outbox.ts';
import { actorOf, type CurrentUser } from '../../auth/index.ts';
import type { BookingRow } from './repository.ts';
import type { BookingStatus } from './schemas.ts';
import { mayCheckInOut, mayDecideBooking } from './policy.ts';
import { shanghaiTime, statusParam, workHours } from './rules.ts';
import type { BookingContext } from './context.ts';

/** The statuses whose actual use the owner may record or correct. */
const USAGE_RECORDABLE: BookingStatus[] = ['confirmed', 'in_use', 'completed', 'no_show'];

export async function checkIn(ctx: BookingContext, id: number, user: CurrentUser): Promise<void> {
  await usageStep(ctx, id, user, async (tx, b) => {
    const now = ctx.now().getTime();
    if (b.status !== 'confirmed') throw conflict('booking.notConfirmed', statusParam(b));
    if (now < b.start.getTime() - 15 * 60_000 || now >= b.end.getTime())
      throw conflict('booking.checkInWindow', { start: shanghaiTime(b.start), end: shanghaiTime(b.end) });
    await ctx.repo.with(tx).checkIn(id, user.id);
    return { action: 'checkIn' };
  });
}

export async function checkOut(ctx: BookingContext, id: number, user: CurrentUser): Promise<void> {
  await usageStep(ctx, id, user, async (tx, b) => {
    if (b.status !== 'in_use') throw conflict('booking.notInUse', statusParam(b));
    await ctx.repo.with(tx).checkOut(id, user.id);
    return { action: 'checkOut' };
  });
}

/** The owner records (or corrects) actual use after the fact. */
export async function recordUsage(ctx: BookingContext, id: number, actualStart: Date, actualEnd: Date, user: CurrentUser): Promise<void> {
  await usageStep(
    ctx,
    id,
    user,
    async (tx, b) => {
      if (!USAGE_RECORDABLE.includes(b.status)) throw conflict('booking.notConfirmed', statusParam(b));
      if (actualEnd.getTime() > ctx.now().getTime() + 5 * 60_000) throw invalid([{ path: 'actualEnd', key: 'booking.usageInFuture' }]);
      await ctx.repo.with(tx).recordUsage(id, USAGE_RECORDABLE, actualStart, actualEnd, user.id);
      return { action: 'usage' };
    },
    true,
  );
}

async function usageStep(
  ctx: BookingContext,
  id: number,
  user: CurrentUser,
  step: (tx: Queryable, b: BookingRow) => Promise<{ action: string }>,
  ownerOnly = false,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const b = await ctx.repo.with(tx).findById(id, true);
    if (!b) throw notFound('booking.notFound');
    if (!(ownerOnly ? mayDecideBooking(user, b) : mayCheckInOut(user, b))) throw forbidden(ownerOnly ? 'booking.notOwner' : 'booking.notYours');
    const r = await step(tx, b);
    const after = (await ctx.repo.with(tx).findById(id))!;
    await recordHistory(tx, {
      entityType: 'booking',
      entityId: id,
      action: r.action,
      actor: actorOf(user),
      before: { status: b.status, actualStart: b.actualStart, actualEnd: b.actualEnd },
      after: { status: after.status, actualStart: after.actualStart, actualEnd: after.actualEnd },
    });
    if (after.status === 'completed') {
      await publishEvent(tx, {
        type: 'booking.usageRecorded',
        aggregateType: 'booking',
        aggregateId: id,
        payload: {
          id,
          instrumentId: b.instrumentId,
          ownerOrgId: b.ownerOrgId,
          userOrgId: b.userOrgId,
          external: b.external,
          actualStart: after.actualStart,
          actualEnd: after.actualEnd,
          workHours: workHours(after),
          priceFen: after.priceFen,
        },
        actorId: user.id,
      });
    }
  });
}
