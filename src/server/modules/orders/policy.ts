/**
 * Who may do what with an order: its two organizations act (each its own steps), the offices read
 * (the city everywhere, a district its district's orders), nobody else knows the order exists.
 */
import { actsFor, administersDistrict, isAdmin, isDistrictAdmin, type CurrentUser } from '../auth/index.ts';
import type { Order, OrderSide, OrderStatus } from './schemas.ts';

type Parties = Pick<Order, 'buyerOrgId' | 'providerOrgId' | 'districtCode'>;

/** The side the user acts for, or null. */
export function orderSide(o: Parties, user: CurrentUser | null): OrderSide | null {
  if (actsFor(user, o.buyerOrgId)) return 'buyer';
  if (actsFor(user, o.providerOrgId)) return 'provider';
  return null;
}

/** The two parties, the city office, and the office of the order's district. */
export const mayReadOrder = (user: CurrentUser | null, o: Parties): boolean => orderSide(o, user) != null || administersDistrict(user, o.districtCode);

/** A signed-in member of an organization may order for it. */
export const mayOrder = (user: CurrentUser | null): boolean => user?.role === 'org_member' && user.orgId != null;

/** Whose orders a list shows. */
export function orderScope(user: CurrentUser, role?: OrderSide): { all: true } | { districtCode: string } | { orgId: number; role?: OrderSide } {
  if (isAdmin(user)) return { all: true };
  if (isDistrictAdmin(user) && user.districtCode) return { districtCode: user.districtCode };
  return { orgId: user.orgId ?? -1, role };
}

/** The state machine: from which states each step may be taken, and by which side. */
export const STEPS = {
  quote: { side: 'provider', from: ['requested', 'quoted'] },
  confirm: { side: 'buyer', from: ['quoted'] },
  cancel: { side: 'either', from: ['requested', 'quoted'] },
  uploadContract: { side: 'either', from: ['confirmed', 'delivered', 'disputed', 'accepted'] },
  addMilestone: { side: 'provider', from: ['confirmed', 'delivered', 'disputed'] },
  completeMilestone: { side: 'provider', from: ['confirmed', 'delivered', 'disputed'] },
  uploadDeliverable: { side: 'provider', from: ['confirmed', 'disputed'] },
  deliver: { side: 'provider', from: ['confirmed', 'disputed'] },
  accept: { side: 'buyer', from: ['delivered'] },
  dispute: { side: 'buyer', from: ['delivered'] },
  invoice: { side: 'provider', from: ['confirmed', 'delivered', 'disputed', 'accepted', 'paid'] },
  uploadPaymentProof: { side: 'buyer', from: ['accepted'] },
  pay: { side: 'buyer', from: ['accepted'] },
  rate: { side: 'either', from: ['accepted', 'paid'] },
  message: { side: 'either', from: ['requested', 'quoted', 'confirmed', 'delivered', 'accepted', 'disputed', 'paid'] },
} as const satisfies Record<string, { side: OrderSide | 'either'; from: readonly OrderStatus[] }>;
export type OrderStep = keyof typeof STEPS;

export const sideMayTake = (step: OrderStep, side: OrderSide | null): boolean => side != null && (STEPS[step].side === 'either' || STEPS[step].side === side);
export const stateAllows = (step: OrderStep, status: OrderStatus): boolean => (STEPS[step].from as readonly OrderStatus[]).includes(status);

/** The voucher share may change while the order is not yet paid (nor cancelled). */
export const voucherShareOpen = (status: OrderStatus): boolean => status !== 'paid' && status !== 'cancelled';
