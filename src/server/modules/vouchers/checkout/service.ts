/**
 * The checkout (抵扣): the holder applies a voucher to an order whose price is agreed and not yet paid. The share
 * leaves the voucher's balance and moves on the scheme's ledger (allocated → reserved) in the same transaction
 * that writes it on the order; taking it off moves it back. The order then shows the share and the remainder.
 */
import type { Database } from '../../../platform/db/database.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { publishEvent } from '../../../platform/events/outbox.ts';
import { actsFor, type CurrentUser } from '../../auth/index.ts';
import { sql } from '../../../platform/db/sql.ts';
import { beijingToday } from '../dates.ts';
import type { DirectoryFace } from '../facts.ts';
import { PAYABLE_STATES, type OrderSummary, type OrdersFace } from '../orders-face.ts';
import type { Voucher, VoucherRepository } from '../repository.ts';
import { type CheckoutFacts, maxShare, refusal } from './rules.ts';
import { UseRepository } from './repository.ts';

export interface VoucherOption {
  voucher: Voucher;
  refusal: { key: string; params?: Record<string, unknown> } | null;
  shareFen: number;
}

export class CheckoutService {
  readonly uses: UseRepository;

  constructor(
    private readonly db: Database,
    private readonly repo: VoucherRepository,
    private readonly orders: OrdersFace,
    private readonly directory: DirectoryFace,
  ) {
    this.uses = new UseRepository(db);
  }

  private async buyersOrder(orderId: number, user: CurrentUser): Promise<OrderSummary> {
    const order = await this.orders.get(orderId);
    if (!order) throw notFound('voucher.orderNotFound');
    if (!actsFor(user, order.buyerOrgId)) throw forbidden('voucher.buyerOnly');
    return order;
  }

  private async facts(order: OrderSummary, voucher: Voucher): Promise<CheckoutFacts> {
    const scheme = (await this.repo.scheme(voucher.schemeId))!;
    return { order, voucher, scheme, related: await this.directory.relations.related(voucher.holderOrgId, order.providerOrgId), today: beijingToday() };
  }

  /** The buyer's active vouchers for this order: each usable or refused with its reason, and the share it would pay. */
  async options(orderId: number, user: CurrentUser): Promise<{ order: OrderSummary; options: VoucherOption[] }> {
    const order = await this.buyersOrder(orderId, user);
    const { items } = await this.repo.vouchers([sql`v.holder_org_id = ${order.buyerOrgId}`, sql`v.status = 'active'`], 1, 50);
    const options: VoucherOption[] = [];
    for (const v of items) {
      const f = await this.facts(order, v);
      const no = refusal(f);
      options.push({ voucher: v, refusal: no, shareFen: no ? 0 : maxShare(f) });
    }
    return { order, options };
  }

  async apply(orderId: number, input: { voucherId: number; shareFen?: number }, user: CurrentUser): Promise<void> {
    const order = await this.buyersOrder(orderId, user);
    if (!PAYABLE_STATES.includes(order.status)) throw conflict('voucher.orderNotPayable');
    const voucher = await this.repo.voucher(input.voucherId);
    if (!voucher) throw invalid([{ path: 'voucherId', key: 'voucher.notFound' }]);
    const facts = await this.facts(order, voucher);
    const no = refusal(facts);
    if (no) throw new AppError(409, 'voucher_refused', no.key, no.params ?? {});
    const max = maxShare(facts);
    const share = input.shareFen ?? max;
    if (share > max) throw invalid([{ path: 'shareFen', key: 'voucher.shareTooHigh', params: { max: max / 100, pct: facts.scheme.maxSharePct } }]);
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const locked = await repo.voucher(voucher.id, true); // the voucher's row: two orders spending it take turns
      if (locked?.status !== 'active') throw conflict('voucher.expired', { date: voucher.validUntil });
      if (!(await repo.adjustBalance(voucher.id, -share))) throw conflict('voucher.noBalance');
      const useId = await this.uses
        .with(tx)
        .insert({ voucherId: voucher.id, orderId, providerOrgId: order.providerOrgId, categoryCode: order.categoryCode, shareFen: share, userId: user.id });
      if (useId == null) throw conflict('voucher.orderHasVoucher');
      if (
        !(await repo.move({
          schemeId: voucher.schemeId,
          from: 'allocated',
          to: 'reserved',
          amountFen: share,
          voucherId: voucher.id,
          orderId,
          reason: 'checkout',
          actorId: user.id,
        }))
      ) {
        throw conflict('voucher.noBalance');
      }
      await this.orders.setVoucherShare(tx, orderId, { voucherId: voucher.id, voucherFen: share });
      await publishEvent(tx, {
        type: 'voucher.applied',
        aggregateType: 'voucher',
        aggregateId: voucher.id,
        payload: { voucherId: voucher.id, orderId, shareFen: share, schemeId: voucher.schemeId },
        actorId: user.id,
      });
      await recordAudit(tx, {
        type: 'voucher.applied_to_order',
        actor: user,
        subject: { type: 'voucher', id: voucher.id },
        detail: { orderId, shareFen: share },
      });
    });
  }

  /** Takes the voucher off an order not yet paid: the share goes back to the voucher and the ledger. */
  async remove(orderId: number, user: CurrentUser): Promise<void> {
    const order = await this.buyersOrder(orderId, user);
    if (!PAYABLE_STATES.includes(order.status)) throw conflict('voucher.orderNotPayable');
    await this.db.transaction(async (tx) => {
      const use = await this.uses.with(tx).forOrder(orderId, true);
      if (!use) throw notFound('voucher.orderHasNoVoucher');
      if (use.status !== 'reserved') throw conflict('voucher.claimed');
      const repo = this.repo.with(tx);
      const v = (await repo.voucher(use.voucherId, true))!;
      await this.uses.with(tx).setStatus(use.id, 'released');
      // a voucher that expired meanwhile takes nothing back: its share returns to the budget, as expiry would have
      const live = v.status === 'active';
      if (live) await repo.adjustBalance(use.voucherId, use.shareFen);
      await repo.move({
        schemeId: v.schemeId,
        from: 'reserved',
        to: live ? 'allocated' : 'available',
        amountFen: use.shareFen,
        voucherId: v.id,
        orderId,
        reason: 'checkout_removed',
        actorId: user.id,
      });
      await this.orders.setVoucherShare(tx, orderId, null);
      await recordAudit(tx, {
        type: 'voucher.removed_from_order',
        actor: user,
        subject: { type: 'voucher', id: v.id },
        detail: { orderId, shareFen: use.shareFen },
      });
    });
  }
}
