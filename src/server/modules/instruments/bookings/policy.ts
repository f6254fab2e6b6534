/**
 * Who may do what with a booking, in one place, built on the instruments' policy (and so on auth's
 * shared predicates):
 *   - a booking names its user: it is seen by the booker and the instrument's managers (the owner's
 *     members, the city administrator), nobody else — not a district office;
 *   - the managers decide requests, record actual use and cancel (with a reason); the booker cancels
 *     their own within the owner's notice, and checks in and out;
 *   - lists: one's own bookings for anyone; an organization's member sees those of its instruments;
 *     the city administrator sees them all.
 */
import { actsFor, isAdmin, type CurrentUser } from '../../auth/index.ts';
import { mayManageInstrument } from '../policy.ts';
import type { BookingScope, BookingStatus } from './schemas.ts';

type BookingRef = { ownerOrgId: number; userId: number };

export const isBooker = (user: CurrentUser | null, b: BookingRef): boolean => !!user && b.userId === user.id;

/** The instrument's managers act on the owner's side of a booking. */
export const managesBooking = (user: CurrentUser | null, b: { ownerOrgId: number }): boolean => mayManageInstrument(user, b);

export const maySeeBooking = (user: CurrentUser | null, b: BookingRef): boolean => isBooker(user, b) || managesBooking(user, b);

/** Approve or decline a request; record actual use. */
export const mayDecideBooking = (user: CurrentUser | null, b: BookingRef): boolean => managesBooking(user, b);

export const mayCancelBooking = (user: CurrentUser | null, b: BookingRef): boolean => isBooker(user, b) || managesBooking(user, b);

/** Check in and out: the booker, or the owner's side for them. */
export const mayCheckInOut = (user: CurrentUser | null, b: BookingRef): boolean => isBooker(user, b) || managesBooking(user, b);

/**
 * Which bookings a list of the scope covers for the user: `{ userId }`, `{ ownerOrgId }`, `{}` for all,
 * or null when the user may not list that scope.
 */
export function listScope(user: CurrentUser, scope: BookingScope): { userId?: number; ownerOrgId?: number } | null {
  if (scope === 'mine') return { userId: user.id };
  if (scope === 'owner' && actsFor(user, user.orgId)) return { ownerOrgId: user.orgId! };
  return isAdmin(user) ? {} : null;
}

/** What the viewer may do next with the booking, for the pages to offer only possible actions. */
export function bookingActions(b: BookingRef & { status: BookingStatus; start: Date; end: Date; cancelNoticeHours: number }, viewer: CurrentUser, now: Date) {
  const owner = managesBooking(viewer, b);
  const mine = isBooker(viewer, b);
  const t = now.getTime();
  const cancellable = (b.status === 'pending' || b.status === 'confirmed') && b.end.getTime() > t;
  return {
    approve: owner && b.status === 'pending',
    decline: owner && b.status === 'pending',
    cancel: cancellable && (owner || (mine && (b.status === 'pending' || b.start.getTime() - t >= b.cancelNoticeHours * 3600_000))),
    checkIn: (mine || owner) && b.status === 'confirmed' && t >= b.start.getTime() - 15 * 60_000 && t < b.end.getTime(),
    checkOut: (mine || owner) && b.status === 'in_use',
    recordUsage: owner && ['confirmed', 'in_use', 'completed', 'no_show'].includes(b.status) && b.start.getTime() <= t,
  };
}
