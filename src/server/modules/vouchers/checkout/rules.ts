/**
 * Whether a voucher may pay part of an order, and how much (RULES.md): the holder pays with its own voucher, while
 * it is valid; never to a related provider (the same organization, a parent or subsidiary, a shared legal
 * representative); never for an excluded service (statutory, commercial, mandatory or batch testing), nor outside
 * the scheme's categories and providers; at most the scheme's share of the contract and the voucher's balance.
 * Pure: the caller gathers the facts, so every refusal is tested without a database.
 */
import type { RelatedReason } from '../../directory/index.ts';
import type { Scheme, Voucher } from '../repository.ts';
import type { OrderSummary } from '../orders-face.ts';

export type Refusal = { key: string; params?: Record<string, unknown> };

export interface CheckoutFacts {
  order: OrderSummary;
  voucher: Voucher;
  scheme: Scheme;
  related: RelatedReason | null;
  today: string;
}

/** The highest share this voucher may pay of this order, in fen. */
export const maxShare = (f: CheckoutFacts): number => Math.max(0, Math.min(Math.floor((f.order.totalFen * f.scheme.maxSharePct) / 100), f.voucher.balanceFen));

export function refusal(f: CheckoutFacts): Refusal | null {
  const { order, voucher, scheme } = f;
  if (voucher.holderOrgId !== order.buyerOrgId) return { key: 'voucher.notHolder' };
  if (voucher.status === 'cancelled') return { key: 'voucher.cancelled' };
  if (voucher.status === 'expired' || voucher.validUntil < f.today) return { key: 'voucher.expired', params: { date: voucher.validUntil } };
  if (f.related) return { key: `voucher.related.${f.related}` };
  if (order.restrictedKind && scheme.excludedKinds.includes(order.restrictedKind)) {
    return { key: 'voucher.excludedService', params: { kindKey: `voucher.excludedKind.${order.restrictedKind}` } };
  }
  if (scheme.eligibleCategories.length && !scheme.eligibleCategories.includes(order.categoryCode ?? '')) return { key: 'voucher.categoryNotEligible' };
  if (scheme.eligibleProviderIds.length && !scheme.eligibleProviderIds.includes(order.providerOrgId)) return { key: 'voucher.providerNotEligible' };
  if (voucher.balanceFen <= 0) return { key: 'voucher.noBalance' };
  if (order.totalFen <= 0) return { key: 'voucher.orderNotPriced' };
  return null;
}
