/**
 * The steps of an order after its request, each checked by OrderCore.step (side, state) and kept in
 * history, the audit trail and the outbox. Totals are computed here, never taken from the caller.
 */
import type { Queryable } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/http/errors.ts';
import type { CurrentUser } from '../auth/index.ts';
import { stateAllows } from './policy.ts';
import { beijingDay, type OrderCore, userRef } from './service.ts';
import type { Order, OrderFilePurpose, OrderMessage, OrderSide, Quote, QuoteInput } from './schemas.ts';

/** The quote with each line's amount, the subtotal and the total computed. */
export function computeQuote(input: QuoteInput): Quote {
  const lines = input.lines.map((l) => ({ name: l.name, quantity: l.quantity, unitFen: l.unitFen, amountFen: l.quantity * l.unitFen }));
  const subtotalFen = lines.reduce((s, l) => s + l.amountFen, 0);
  return {
    lines,
    ...(input.taxRate != null ? { taxRate: input.taxRate } : {}),
    subtotalFen,
    taxFen: input.taxFen,
    totalFen: subtotalFen + input.taxFen,
    note: input.note ?? '',
    ...(input.validUntil ? { validUntil: input.validUntil } : {}),
  };
}

export class OrderSteps {
  constructor(private readonly core: OrderCore) {}

  quote(id: number, input: QuoteInput, user: CurrentUser): Promise<Order> {
    return this.core.step(id, user, 'quote', async (o) => {
      const quote = computeQuote(input);
      if (!Number.isSafeInteger(quote.totalFen)) throw invalid([{ path: 'lines', key: 'order.totalTooLarge' }]);
      if (quote.totalFen < o.voucherFen) throw conflict('order.voucherAboveTotal');
      if (quote.validUntil && quote.validUntil < beijingDay()) throw invalid([{ path: 'validUntil', key: 'order.validUntilPast' }]);
      return {
        change: { status: 'quoted', quote, totalFen: quote.totalFen },
        after: { totalFen: quote.totalFen, taxFen: quote.taxFen, lines: quote.lines.length },
        event: 'order.quoted',
        detail: { totalFen: quote.totalFen },
      };
    });
  }

  confirm(id: number, user: CurrentUser): Promise<Order> {
    return this.core.step(id, user, 'confirm', async (o) => {
      // a quote is valid through its last day (Beijing time)
      if (o.quote?.validUntil && o.quote.validUntil < beijingDay()) throw conflict('order.quoteExpired', { date: o.quote.validUntil });
      return {
        change: { status: 'confirmed', confirmedAt: true },
        after: { totalFen: o.totalFen },
        event: 'order.confirmed',
        detail: { totalFen: o.totalFen },
      };
    });
  }

  cancel(id: number, reason: string, user: CurrentUser): Promise<Order> {
    return this.core.step(id, user, 'cancel', async () => ({
      change: { status: 'cancelled', cancelReason: reason, voucher: { voucherId: null, voucherFen: 0 } },
      after: { reason },
      event: 'order.cancelled',
      detail: { reason },
    }));
  }

  /** A file the caller uploads for a later step: a deliverable (provider) or a proof of payment (buyer). */
  async uploadFile(
    id: number,
    purpose: Exclude<OrderFilePurpose, 'contract'>,
    file: { filename: string; contentType: string; content: Buffer },
    user: CurrentUser,
  ): Promise<number> {
    const step = purpose === 'deliverable' ? 'uploadDeliverable' : 'uploadPaymentProof';
    return this.core.db.transaction(async (tx) => {
      const repo = this.core.repo.with(tx);
      this.core.check(await repo.find(id, true), user, step);
      return repo.insertFile(id, purpose, file, userRef(user));
    });
  }

  uploadContract(id: number, file: { filename: string; contentType: string; content: Buffer }, user: CurrentUser): Promise<Order> {
    return this.core.step(id, user, 'uploadContract', async (_o, _side, tx) => {
      const fileId = await this.core.repo.with(tx).insertFile(id, 'contract', file, userRef(user));
      return { change: { contractFileId: fileId }, after: { contractFileId: fileId, filename: file.filename }, event: 'order.contract_attached' };
    });
  }

  addMilestone(id: number, m: { title: string; dueOn?: string }, user: CurrentUser): Promise<Order> {
    return this.core.step(id, user, 'addMilestone', async (_o, _side, tx) => {
      const milestoneId = await this.core.repo.with(tx).addMilestone(id, m);
      return { change: {}, after: { milestoneId, title: m.title, dueOn: m.dueOn ?? null } };
    });
  }

  completeMilestone(id: number, milestoneId: number, user: CurrentUser): Promise<Order> {
    return this.core.step(id, user, 'completeMilestone', async (_o, _side, tx) => {
      const r = await this.core.repo.with(tx).completeMilestone(id, milestoneId);
      if (r === 'missing') throw notFound('order.milestoneNotFound');
      if (r === 'already') throw conflict('order.milestoneDone');
      return { change: {}, after: { milestoneId } };
    });
  }

  deliver(id: number, d: { note: string; fileIds: number[] }, user: CurrentUser): Promise<Order> {
    return this.core.step(id, user, 'deliver', async (_o, _side, tx) => {
      const repo = this.core.repo.with(tx);
      const files = await repo.files(id);
      const bad = d.fileIds.findIndex((f) => !files.some((x) => x.id === f && x.purpose === 'deliverable'));
      if (bad >= 0) throw invalid([{ path: `fileIds.${bad}`, key: 'order.fileNotOfOrder' }]);
      const round = await repo.addDeliverable(id, d, userRef(user));
      return {
        change: { status: 'delivered', deliveredAt: true, disputeReason: null },
        after: { round, files: d.fileIds.length },
        event: 'order.delivered',
        detail: { round },
      };
    });
  }

  accept(id: number, user: CurrentUser): Promise<Order> {
    return this.core.step(id, user, 'accept', async (o) => ({
      change: { status: 'accepted', acceptedAt: true },
      after: { totalFen: o.totalFen },
      event: 'order.accepted',
    }));
  }

  dispute(id: number, reason: string, user: CurrentUser): Promise<Order> {
    return this.core.step(id, user, 'dispute', async () => ({
      change: { status: 'disputed', disputeReason: reason },
      after: { reason },
      event: 'order.disputed',
      detail: { reason },
    }));
  }

  invoice(id: number, invoiceNo: string, user: CurrentUser): Promise<Order> {
    return this.core.step(id, user, 'invoice', async (o) => {
      if (o.status === 'paid' && o.invoiceNo) throw conflict('order.invoiceFixed');
      return { change: { invoiceNo }, after: { invoiceNo }, event: 'order.invoiced', detail: { invoiceNo, before: o.invoiceNo } };
    });
  }

  /** The buyer's proof of payment: the order is paid (it must have been accepted). */
  pay(id: number, fileId: number, user: CurrentUser): Promise<Order> {
    return this.core.step(id, user, 'pay', async (o, _side, tx) => {
      const files = await this.core.repo.with(tx).files(id);
      if (!files.some((f) => f.id === fileId && f.purpose === 'payment_proof')) throw invalid([{ path: 'fileId', key: 'order.fileNotOfOrder' }]);
      return {
        change: { status: 'paid', paidAt: true, paymentProofFileId: fileId },
        after: { paymentProofFileId: fileId, payableFen: o.totalFen - o.voucherFen, voucherFen: o.voucherFen },
        event: 'order.paid',
        detail: { totalFen: o.totalFen, voucherFen: o.voucherFen },
      };
    });
  }

  rate(id: number, r: { rating: number; comment?: string }, user: CurrentUser): Promise<Order> {
    return this.core.step(id, user, 'rate', async (o, side) => {
      const value = { rating: r.rating, comment: r.comment || null };
      if (side === 'buyer') {
        if (o.buyerRating != null) throw conflict('order.alreadyRated');
        return { change: { buyerRating: value }, after: { by: side, rating: r.rating }, event: 'order.rated' };
      }
      if (o.providerRating != null) throw conflict('order.alreadyRated');
      return { change: { providerRating: value }, after: { by: side, rating: r.rating }, event: 'order.rated' };
    });
  }

  async messages(id: number, user: CurrentUser): Promise<{ order: Order; items: OrderMessage[] }> {
    const order = await this.core.read(id, user);
    return { order, items: await this.core.repo.messages(id) };
  }

  /** A message in the order's thread, from either side (the offices read). */
  async postMessage(id: number, body: string, user: CurrentUser) {
    await this.core.db.transaction(async (tx: Queryable) => {
      const repo = this.core.repo.with(tx);
      const { order, side } = this.core.check(await repo.find(id, true), user, 'message');
      await repo.addMessage(id, { authorId: userRef(user), authorOrgId: user.orgId, body });
      await this.core.tellOther(tx, order, side, 'message', 'order.message');
    });
    return this.messages(id, user);
  }

  /** Whether the side may rate now (once each). */
  static mayRate(o: Order, side: OrderSide | null): boolean {
    if (!side || !stateAllows('rate', o.status)) return false;
    return side === 'buyer' ? o.buyerRating == null : o.providerRating == null;
  }
}
