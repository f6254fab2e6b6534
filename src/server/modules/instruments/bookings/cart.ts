/**
 * The cart: all or nothing across items and owners. Opening hours, blackouts, notice, advance and
 * length limits, sharing mode and training are checked per item with a message naming the item; the
 * database's exclusion constraint decides who gets a contested slot. Prices are estimated here and
 * fixed when a booking is confirmed.
 */
import crypto from 'node:crypto';
import { AppError, invalid, type FieldError } from '../../../platform/http/errors.ts';
import { recordHistory } from '../../../platform/history.ts';
import { publishEvent } from '../../../platform/events/outbox.ts';
import { actorOf, type CurrentUser } from '../../auth/index.ts';
import { notify } from '../../notifications/index.ts';
import type { Instrument } from '../repository.ts';
import { estimatePrice } from '../pricing.ts';
import { isInternalUser, sharingAdmits } from '../policy.ts';
import type { PriceUnit } from '../schemas.ts';
import type { BookingRow } from './repository.ts';
import type { CartItem } from './schemas.ts';
import { needsApproval, round2, shanghaiTime } from './rules.ts';
import { notifyExpired, type BookingContext } from './context.ts';

export interface QuoteItem {
  instrumentId: number;
  instrumentName: string | null;
  ownerName: string | null;
  start: Date;
  end: Date;
  hours: number;
  quantity: number;
  unit: PriceUnit | null;
  unitPriceFen: number;
  estimatedFen: number;
  external: boolean;
  needsApproval: boolean;
  problems: FieldError[];
}

/** Checks every item against its instrument's rules and prices it; books nothing. */
export async function quote(
  ctx: BookingContext,
  items: (CartItem | Omit<CartItem, 'purpose'>)[],
  user: CurrentUser,
): Promise<{ items: QuoteItem[]; totalFen: number }> {
  const instruments = new Map((await ctx.instruments.findByIds([...new Set(items.map((i) => i.instrumentId))])).map((i) => [i.id, i]));
  const out: QuoteItem[] = [];
  for (const [index, item] of items.entries()) {
    const instrument = instruments.get(item.instrumentId);
    const problems = await problemsOf(ctx, item, index, instrument, user);
    const external = !!instrument && !isInternalUser(user, instrument);
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
export async function book(ctx: BookingContext, items: CartItem[], user: CurrentUser): Promise<{ cartId: string; items: BookingRow[] }> {
  const priced = await quote(ctx, items, user);
  const problems = priced.items.flatMap((q) => q.problems);
  if (problems.length) throw invalid(problems);
  const instruments = new Map((await ctx.instruments.findByIds(items.map((i) => i.instrumentId))).map((i) => [i.id, i]));
  const cartId = crypto.randomUUID();
  const now = ctx.now();
  const ids = await ctx.db.transaction(async (tx) => {
    const repo = ctx.repo.with(tx);
    const expired = await repo.expireStale([...instruments.keys()]);
    await notifyExpired(tx, expired);
    const ids: number[] = [];
    const taken: FieldError[] = [];
    for (const [index, item] of items.entries()) {
      const instrument = instruments.get(item.instrumentId)!;
      const q = priced.items[index];
      const pending = q.needsApproval;
      const expiresAt = pending ? new Date(Math.min(now.getTime() + ctx.rules.pendingTtlHours * 3600_000, item.start.getTime())) : null;
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
      if (id == null)
        taken.push({
          path: `items.${index}.start`,
          key: 'booking.slotTaken',
          params: { instrument: instrument.name, start: shanghaiTime(item.start), end: shanghaiTime(item.end) },
        });
      else ids.push(id);
    }
    // all or nothing: throwing rolls back the items already inserted
    if (taken.length) throw new AppError(409, 'booking_conflict', 'booking.conflict', { count: taken.length }, taken);
    for (const [index, id] of ids.entries()) {
      const instrument = instruments.get(items[index].instrumentId)!;
      const status = priced.items[index].needsApproval ? 'pending' : 'confirmed';
      await recordHistory(tx, {
        entityType: 'booking',
        entityId: id,
        action: 'create',
        actor: actorOf(user),
        before: null,
        after: { status, instrumentId: instrument.id, start: items[index].start, end: items[index].end, cartId },
      });
      await publishEvent(tx, {
        type: status === 'pending' ? 'booking.requested' : 'booking.confirmed',
        aggregateType: 'booking',
        aggregateId: id,
        payload: {
          id,
          cartId,
          instrumentId: instrument.id,
          ownerOrgId: instrument.ownerOrgId,
          userOrgId: user.orgId,
          start: items[index].start,
          end: items[index].end,
          external: priced.items[index].external,
          estimatedFen: priced.items[index].estimatedFen,
        },
        actorId: user.id,
      });
      await notify(tx, await ctx.auth.orgMemberIds(instrument.ownerOrgId, tx), 'booking.requested', id, {
        instrument: instrument.name,
        user: user.displayName,
        start: shanghaiTime(items[index].start),
        end: shanghaiTime(items[index].end),
        status,
      });
    }
    return ids;
  });
  return { cartId, items: await ctx.repo.findByIds(ids) };
}

async function problemsOf(
  ctx: BookingContext,
  item: CartItem | Omit<CartItem, 'purpose'>,
  index: number,
  instrument: Instrument | undefined,
  user: CurrentUser,
): Promise<FieldError[]> {
  const at = (field: string, key: string, params: Record<string, unknown> = {}): FieldError => ({ path: `items.${index}.${field}`, key, params });
  if (!instrument) return [at('instrumentId', 'booking.noInstrument', { id: item.instrumentId })];
  const name = instrument.name;
  if (instrument.status !== 'in_service') return [at('instrumentId', `booking.status.${instrument.status}`, { instrument: name })];
  if (!sharingAdmits(user, instrument)) return [at('instrumentId', 'booking.membersOnly', { instrument: name, owner: instrument.ownerName })];
  const out: FieldError[] = [];
  if (instrument.needsTraining && !isInternalUser(user, instrument) && !(await ctx.instruments.isQualified(instrument.id, user.id))) {
    out.push(at('instrumentId', 'booking.needsTraining', { instrument: name, owner: instrument.ownerName }));
  }
  const now = ctx.now();
  const minutes = (item.end.getTime() - item.start.getTime()) / 60_000;
  if (item.start.getTime() < now.getTime()) out.push(at('start', 'booking.inPast', { instrument: name }));
  else if (item.start.getTime() < now.getTime() + instrument.noticeHours * 3600_000)
    out.push(at('start', 'booking.notice', { instrument: name, hours: instrument.noticeHours }));
  if (item.start.getTime() > now.getTime() + instrument.maxAdvanceDays * 86400_000)
    out.push(at('start', 'booking.tooFarAhead', { instrument: name, days: instrument.maxAdvanceDays }));
  if (minutes < instrument.minBookingMinutes) out.push(at('end', 'booking.tooShort', { instrument: name, minutes: instrument.minBookingMinutes }));
  if (minutes > instrument.maxBookingMinutes) out.push(at('end', 'booking.tooLong', { instrument: name, hours: round2(instrument.maxBookingMinutes / 60) }));
  if (minutes <= 14 * 24 * 60) {
    const open = await ctx.catalogue.withinOpeningTime(instrument.id, item.start, item.end);
    if (!open.inside) {
      out.push(
        open.blackout !== null
          ? at('start', 'booking.blackout', { instrument: name, reason: open.blackout || '—' })
          : at('start', 'booking.outsideHours', { instrument: name }),
      );
    }
  }
  return out;
}
