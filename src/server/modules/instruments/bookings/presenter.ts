/**
 * What the viewer sees of a booking: the booking with what they may do next (`can`, policy.ts), so
 * pages show only possible actions; a quote with each item's problems in the caller's language; the
 * user's iCalendar feed with status names from the messages.
 */
import type { CurrentUser } from '../../auth/index.ts';
import { translate, type Locale } from '../../../platform/http/i18n.ts';
import { translateFields } from '../../../platform/http/validation.ts';
import { icsCalendar } from '../calendar.ts';
import type { BookingRow, FeedItem } from './repository.ts';
import type { QuoteItem } from './cart.ts';
import type { BookingView } from './schemas.ts';
import { bookingActions } from './policy.ts';
import { workHours } from './rules.ts';

export function presentBooking(b: BookingRow, viewer: CurrentUser, now = new Date()): BookingView {
  const { cancelNoticeHours: _notice, priceUnit, ...rest } = b;
  return { ...rest, unit: priceUnit, workHours: workHours(b), can: bookingActions(b, viewer, now) };
}

export function presentQuote(q: { items: QuoteItem[]; totalFen: number }, locale: Locale) {
  return { ...q, items: q.items.map((i) => ({ ...i, problems: translateFields(i.problems, locale) })) };
}

/** The user's bookings as an iCalendar feed: tentative while pending, cancelled ones marked so calendars drop them. */
export function presentFeed(items: FeedItem[], locale: Locale): string {
  return icsCalendar(
    translate(locale, 'booking.feed.name'),
    items.map((b) => ({
      uid: `booking-${b.id}@kefutong`,
      start: b.start,
      end: b.end,
      summary: translate(locale, 'booking.feed.summary', { instrument: b.name, statusKey: `booking.statusName.${b.status}` }),
      description: b.purpose,
      location: [b.address, b.room].filter(Boolean).join(' ') || undefined,
      status: b.status === 'cancelled' ? ('CANCELLED' as const) : b.status === 'pending' ? ('TENTATIVE' as const) : ('CONFIRMED' as const),
      updated: b.updated,
    })),
  );
}
