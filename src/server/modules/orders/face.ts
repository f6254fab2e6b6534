/**
 * What the vouchers module asks of an order: its summary, the voucher share set in the caller's own
 * transaction (so the budget ledger and the order change together), and the evidence a claim is
 * assembled from — never typed again.
 */
import type { Queryable } from '../../platform/db/database.ts';
import { conflict, notFound } from '../../platform/http/errors.ts';
import { recordHistory } from '../../platform/history.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { voucherShareOpen } from './policy.ts';
import type { OrderRepository } from './repository.ts';
import type { Order, OrderKind, OrderStatus } from './schemas.ts';

export interface OrderSummary {
  id: number;
  orderNo: string;
  title: string;
  buyerOrgId: number;
  providerOrgId: number;
  kind: OrderKind;
  serviceId: number | null;
  bookingId: number | null;
  categoryCode: string;
  restrictedKind: string | null;
  districtCode: string | null;
  status: OrderStatus;
  totalFen: number;
  voucherId: number | null;
  voucherFen: number;
}

export interface ClaimEvidence {
  orderNo: string;
  contract: { fileId: number | null; url: string };
  invoiceNo: string | null;
  paymentProof: { fileId: number; url: string } | null;
  deliverables: { name: string; url: string }[];
  acceptedAt: Date | null;
  paidAt: Date | null;
  totalFen: number;
  voucherFen: number;
}

const summary = (o: Order): OrderSummary => ({
  id: o.id,
  orderNo: o.orderNo,
  title: o.title,
  buyerOrgId: o.buyerOrgId,
  providerOrgId: o.providerOrgId,
  kind: o.kind,
  serviceId: o.serviceId,
  bookingId: o.bookingId,
  categoryCode: o.categoryCode,
  restrictedKind: o.restrictedKind,
  districtCode: o.districtCode,
  status: o.status,
  totalFen: o.totalFen,
  voucherId: o.voucherId,
  voucherFen: o.voucherFen,
});

export const fileUrl = (orderId: number, fileId: number) => `/api/v1/orders/${orderId}/files/${fileId}`;
export const bookingUrl = (bookingId: number) => `/api/v1/bookings/${bookingId}`;
export const contractPdfUrl = (orderId: number) => `/api/v1/orders/${orderId}/contract.pdf`;

export class OrdersFace {
  constructor(private readonly repo: OrderRepository) {}

  async get(id: number, tx?: Queryable): Promise<OrderSummary | null> {
    const o = await (tx ? this.repo.with(tx) : this.repo).find(id);
    return o ? summary(o) : null;
  }

  /**
   * Sets (or clears, with null) the voucher's share of the order in the caller's transaction; the
   * order is locked. Refused once the order is paid or cancelled, and above the order's total.
   */
  async setVoucherShare(tx: Queryable, orderId: number, share: { voucherId: number; voucherFen: number } | null): Promise<OrderSummary> {
    const repo = this.repo.with(tx);
    const o = await repo.find(orderId, true);
    if (!o) throw notFound('order.notFound');
    if (!voucherShareOpen(o.status)) throw conflict('order.voucherClosed', { statusKey: `order.status.${o.status}` });
    const next = share ?? { voucherId: null, voucherFen: 0 };
    if (!Number.isSafeInteger(next.voucherFen) || next.voucherFen < 0 || next.voucherFen > o.totalFen) {
      throw conflict('order.voucherAboveTotal');
    }
    await repo.update(orderId, { voucher: next });
    const actor = { id: null, name: 'vouchers' };
    await recordHistory(tx, {
      entityType: 'order',
      entityId: orderId,
      action: 'voucher',
      actor,
      before: { voucherId: o.voucherId, voucherFen: o.voucherFen },
      after: { voucherId: next.voucherId, voucherFen: next.voucherFen, payableFen: o.totalFen - next.voucherFen },
    });
    await publishEvent(tx, {
      type: 'order.voucher_set',
      aggregateType: 'order',
      aggregateId: orderId,
      payload: { id: orderId, ...next },
    });
    return summary((await repo.find(orderId))!);
  }

  /** The claim's evidence, assembled from the order. */
  async claimEvidence(orderId: number, tx?: Queryable): Promise<ClaimEvidence | null> {
    const repo = tx ? this.repo.with(tx) : this.repo;
    const o = await repo.find(orderId);
    if (!o) return null;
    const [files, deliverables] = await Promise.all([repo.files(orderId), repo.deliverables(orderId)]);
    const byId = new Map(files.map((f) => [f.id, f]));
    return {
      orderNo: o.orderNo,
      contract: o.contractFileId ? { fileId: o.contractFileId, url: fileUrl(o.id, o.contractFileId) } : { fileId: null, url: contractPdfUrl(o.id) },
      invoiceNo: o.invoiceNo,
      paymentProof: o.paymentProofFileId ? { fileId: o.paymentProofFileId, url: fileUrl(o.id, o.paymentProofFileId) } : null,
      deliverables: [
        // an instrument hour's output is its recorded use: the booking's record stands as the deliverable
        ...(o.bookingId ? [{ name: `仪器使用记录（预约 #${o.bookingId}）`, url: bookingUrl(o.bookingId) }] : []),
        ...deliverables.flatMap((d) => d.fileIds.map((fid) => ({ name: byId.get(fid)?.filename ?? `#${fid}`, url: fileUrl(o.id, fid) }))),
      ],
      acceptedAt: o.acceptedAt,
      paidAt: o.paidAt,
      totalFen: o.totalFen,
      voucherFen: o.voucherFen,
    };
  }
}
