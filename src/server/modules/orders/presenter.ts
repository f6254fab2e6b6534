/** An order as its caller sees it: the parties' steps they may take now (`can`) and the payment split. */
import type { CurrentUser } from '../auth/index.ts';
import { contractPdfUrl, fileUrl } from './face.ts';
import { orderSide, sideMayTake, stateAllows, STEPS, type OrderStep } from './policy.ts';
import type { Deliverable, Milestone, Order, OrderFile, OrderMessage } from './schemas.ts';
import { OrderSteps } from './steps.ts';

export function presentOrderSummary(o: Order, viewer: CurrentUser | null) {
  return {
    id: o.id,
    orderNo: o.orderNo,
    kind: o.kind,
    serviceId: o.serviceId,
    bookingId: o.bookingId,
    title: o.title,
    categoryCode: o.categoryCode,
    restrictedKind: o.restrictedKind,
    status: o.status,
    buyer: { orgId: o.buyerOrgId, name: o.buyerName },
    provider: { orgId: o.providerOrgId, name: o.providerName },
    districtCode: o.districtCode,
    payment: { totalFen: o.totalFen, voucherFen: o.voucherFen, payableFen: o.totalFen - o.voucherFen, voucherId: o.voucherId },
    mySide: orderSide(o, viewer),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

export function presentOrder(d: { order: Order; files: OrderFile[]; milestones: Milestone[]; deliverables: Deliverable[] }, viewer: CurrentUser | null) {
  const o = d.order;
  const side = orderSide(o, viewer);
  const ref = (f: OrderFile) => ({ id: f.id, filename: f.filename, url: fileUrl(o.id, f.id), size: f.size, createdAt: f.createdAt });
  const byId = new Map(d.files.map((f) => [f.id, f]));
  const may = (step: OrderStep) => sideMayTake(step, side) && stateAllows(step, o.status);
  const can = Object.fromEntries((Object.keys(STEPS) as OrderStep[]).map((s) => [s, may(s)])) as Record<OrderStep, boolean>;
  can.rate = OrderSteps.mayRate(o, side);
  can.completeMilestone = can.completeMilestone && d.milestones.some((m) => !m.doneAt);
  can.invoice = can.invoice && !(o.status === 'paid' && o.invoiceNo);
  const contract = o.contractFileId ? byId.get(o.contractFileId) : undefined;
  const proof = o.paymentProofFileId ? byId.get(o.paymentProofFileId) : undefined;
  return {
    ...presentOrderSummary(o, viewer),
    requirement: o.requirement,
    quote: o.quote,
    contract: contract ? ref(contract) : null,
    contractPdfUrl: o.quote && o.status !== 'cancelled' ? contractPdfUrl(o.id) : null,
    invoiceNo: o.invoiceNo,
    paymentProof: proof ? ref(proof) : null,
    paidAt: o.paidAt,
    acceptedAt: o.acceptedAt,
    confirmedAt: o.confirmedAt,
    deliveredAt: o.deliveredAt,
    disputeReason: o.disputeReason,
    cancelReason: o.cancelReason,
    ratings: {
      byBuyer: o.buyerRating != null ? { rating: o.buyerRating, comment: o.buyerComment } : null,
      byProvider: o.providerRating != null ? { rating: o.providerRating, comment: o.providerComment } : null,
    },
    milestones: d.milestones,
    deliverables: d.deliverables.map((x) => ({
      id: x.id,
      round: x.round,
      note: x.note,
      files: x.fileIds.flatMap((fid) => (byId.get(fid) ? [ref(byId.get(fid)!)] : [])),
      createdAt: x.createdAt,
    })),
    files: d.files.map((f) => ({ ...ref(f), purpose: f.purpose })),
    can,
    version: o.version,
  };
}

export function presentOrderList(page: { items: Order[]; total: number; page: number; pageSize: number }, viewer: CurrentUser | null) {
  return { ...page, items: page.items.map((o) => presentOrderSummary(o, viewer)) };
}

export function presentMessages(d: { order: Order; items: OrderMessage[] }) {
  return {
    items: d.items.map((m) => ({
      id: m.id,
      body: m.body,
      createdAt: m.createdAt,
      authorName: m.authorName,
      side: m.authorOrgId === d.order.buyerOrgId ? ('buyer' as const) : m.authorOrgId === d.order.providerOrgId ? ('provider' as const) : null,
    })),
  };
}
