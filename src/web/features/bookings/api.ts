/** The bookings' queries and writes: quotes, the cart's submission, booking lists and the actions on a booking. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type BookingStatus = Schemas['BookingStatus'];
export type BookingItems = paths['/api/v1/bookings']['post']['requestBody']['content']['application/json']['items'];
export type BookingListQuery = NonNullable<paths['/api/v1/bookings']['get']['parameters']['query']>;
/** Whose bookings a list shows: mine (as the booker) or my organization's instruments' (as the owner) */
export type BookingSide = Exclude<NonNullable<BookingListQuery['scope']>, 'all'>;
/** The actions on a booking: the last segment of its routes POST /bookings/{id}/<action>. */
export type BookingAction = Exclude<keyof paths extends infer P ? (P extends `/api/v1/bookings/{id}/${infer A}` ? A : never) : never, 'order'>;

export type Booking = Schemas['Booking'];
export type BookingList = Schemas['BookingList'];

export const bookingKeys = { all: ['bookings'] as const };

/**
 * The price and the rule problems of items not booked yet (POST /bookings/quote books nothing). The last estimate
 * stays on screen while the next is worked out.
 */
export const quoteQuery = (items: BookingItems) =>
  queryOptions({
    queryKey: ['bookings', 'quote', items],
    queryFn: () => unwrap(api.POST('/api/v1/bookings/quote', { body: { items } })),
    placeholderData: keepPreviousData,
  });

/** Books every item or none. */
export const submitBookings = (items: BookingItems) => unwrap(api.POST('/api/v1/bookings', { body: { items } }));

export const bookingListQuery = (query: BookingListQuery) =>
  queryOptions({
    queryKey: ['bookings', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/bookings', { params: { query } })),
    placeholderData: keepPreviousData,
  });

/** An action on one booking; the answer is the booking as it now stands. */
export function actOnBooking(id: number, action: BookingAction, body: Record<string, unknown> = {}) {
  return unwrap(api.POST(`/api/v1/bookings/{id}/${action}` as '/api/v1/bookings/{id}/approve', { params: { path: { id } }, body: body as never }));
}

/** Opens (or finds again) the order that settles a completed booking: it is paid, and a voucher applied, on the order page. */
export const settleBooking = (id: number) => unwrap(api.POST('/api/v1/bookings/{id}/order', { params: { path: { id } } }));

/** A private calendar feed address for my bookings (webcal). */
export const makeCalendarFeed = () => unwrap(api.POST('/api/v1/me/calendar-token'));
