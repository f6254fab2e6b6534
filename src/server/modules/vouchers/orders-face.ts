/**
 * What the vouchers module needs of an order (the orders module's face, wired in app.ts): the order's parties,
 * service and totals; its voucher share, written in our transaction; and the evidence a claim is assembled from.
 */
import type { Queryable } from '../../platform/db/database.ts';

export interface OrderSummary {
  id: number;
  orderNo: string;
  title: string;
  buyerOrgId: number;
  providerOrgId: number;
  /** what the order is of: a catalogue service, or a completed instrument booking — paid and claimed the same way */
  kind: string;
  serviceId: number | null;
  bookingId: number | null;
  categoryCode: string | null;
  restrictedKind: string | null;
  status: string;
  totalFen: number;
  voucherId: number | null;
  voucherFen: number;
}

export interface ClaimEvidence {
  orderNo: string;
  contract: { fileId?: number | null; url: string | null } | null;
  invoiceNo: string | null;
  paymentProof: { fileId?: number | null; url: string | null } | null;
  deliverables: { name: string; url: string | null }[];
  acceptedAt: Date | string | null;
  paidAt: Date | string | null;
  totalFen: number;
  voucherFen: number;
}

export interface OrdersFace {
  get(id: number): Promise<OrderSummary | null>;
  setVoucherShare(tx: Queryable, orderId: number, share: { voucherId: number; voucherFen: number } | null): Promise<unknown>;
  claimEvidence(orderId: number): Promise<ClaimEvidence | null>;
}

/** The order states in which a voucher may be applied or taken off: the price is agreed, the bill not yet paid. */
export const PAYABLE_STATES = ['confirmed', 'delivered', 'disputed', 'accepted'];
