/** The bookings' queries and writes: quotes, the cart's submission, booking lists and the actions on a booking. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrapAs, type FieldError } from '../../api/client';
import type { paths } from '../../api/schema';
import type { PriceUnit } from '../instruments/api';

export type BookingStatus = 'pending' | 'confirmed' | 'in_use' | 'completed' | 'declined' | 'cancelled' | 'expired' | 'no_show';
export type BookingItems = paths['/api/v1/bookings']['post']['requestBody']['content']['application/json']['items'];
export type BookingListQuery = NonNullable<paths['/api/v1/bookings']['get']['parameters']['query']>;
export type BookingAction = 'approve' | 'decline' | 'cancel' | 'check-in' | 'check-out' | 'usage';

// TODO(contract): generated type
export interface QuoteItem {
  instrumentId: number; instrumentName: string; ownerName: string; start: string; end: string; hours: number; quantity: number; unit: PriceUnit;
  unitPriceFen: number; estimatedFen: number; external: boolean; needsApproval: boolean; problems: FieldError[];
}
// TODO(contract): generated type
export interface Quote { items: QuoteItem[]; totalFen: number }
// TODO(contract): generated type
export interface Booking {
  id: number; cartId: string; instrumentId: number; instrumentName: string; ownerOrgId: number; ownerName: string; userId: number; userName: string;
  userOrgId: number | null; userOrgName: string | null; start: string; end: string; quantity: number; purpose: string; status: BookingStatus;
  external: boolean; estimatedFen: number; priceFen: number | null; expiresAt: string | null; decidedAt: string | null; decisionReason: string | null;
  cancelledAt: string | null; cancelReason: string | null; actualStart: string | null; actualEnd: string | null; workHours: number | null;
  createdAt: string; updatedAt?: string; version: number; unit?: PriceUnit;
  can: { approve: boolean; decline: boolean; cancel: boolean; checkIn: boolean; checkOut: boolean; recordUsage: boolean };
}
// TODO(contract): generated type
export interface BookingList { items: Booking[]; total: number; page: number; pageSize: number }

export const bookingKeys = { all: ['bookings'] as const };

/**
 * The price and the rule problems of items not booked yet (POST /bookings/quote books nothing). The last estimate
 * stays on screen while the next is worked out.
 */
export const quoteQuery = (items: BookingItems) => queryOptions({
  queryKey: ['bookings', 'quote', items],
  queryFn: () => unwrapAs<Quote>(api.POST('/api/v1/bookings/quote', { body: { items } })),
  placeholderData: keepPreviousData,
});

/** Books every item or none. */
export const submitBookings = (items: BookingItems) => unwrapAs<{ cartId: string; items: Booking[] }>(api.POST('/api/v1/bookings', { body: { items } }));

export const bookingListQuery = (query: BookingListQuery) => queryOptions({
  queryKey: ['bookings', 'list', query],
  queryFn: () => unwrapAs<BookingList>(api.GET('/api/v1/bookings', { params: { query } })),
  placeholderData: keepPreviousData,
});

/** An action on one booking; the answer is the booking as it now stands. */
export function actOnBooking(id: number, action: BookingAction, body: Record<string, unknown> = {}) {
  return unwrapAs<Booking>(api.POST(`/api/v1/bookings/{id}/${action}` as '/api/v1/bookings/{id}/approve', { params: { path: { id } }, body: body as never }));
}

/** A private calendar feed address for my bookings (webcal). */
export const makeCalendarFeed = () => unwrapAs<{ url: string }>(api.POST('/api/v1/me/calendar-token'));
