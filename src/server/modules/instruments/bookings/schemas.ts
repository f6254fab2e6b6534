/**
 * Shapes of bookings as the API takes and gives them: the cart and its quote, decisions, usage, the
 * lists, the calendar feed. BOOKING_STATUSES is the one list of booking statuses (server, OpenAPI, web).
 */
import { z } from 'zod';
import { csvList, IdParam, queryInt } from '../../../platform/http/fields.ts';
import { labelled as l, whenFieldsValid } from '../../../platform/http/validation.ts';
import { FieldErrorView, Timestamp } from '../../../platform/http/contract.ts';
import { idParam, instant, PRICE_UNITS } from '../schemas.ts';

export const BOOKING_STATUSES = ['pending', 'confirmed', 'in_use', 'completed', 'declined', 'cancelled', 'expired', 'no_show'] as const;
/** Statuses that hold a slot (mirrors the WHERE of the exclusion constraint bookings_no_overlap). */
export const HOLDING_STATUSES = ['pending', 'confirmed', 'in_use', 'completed'] as const;
/** Whose bookings a list shows: the caller's own, those of the caller's organization's instruments, or all (city admin). */
export const BOOKING_SCOPES = ['mine', 'owner', 'all'] as const;

export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export type BookingScope = (typeof BOOKING_SCOPES)[number];

const L = (field: string) => `booking.label.${field}`;

// ------------------------------------------------------------------ requests

export const BookingIdParams = z.object({ id: idParam(L('id')) });

const itemFields = () => ({
  instrumentId: l(z.number().int().positive(), L('instrumentId')),
  start: l(instant(), L('start')),
  end: l(instant(), L('end')),
  /** samples for per-sample prices, cores or GPUs for compute; 1 otherwise */
  quantity: l(z.number().int().min(1).max(10000), L('quantity')).default(1),
});
const endAfterStart = { message: 'booking.endBeforeStart', path: ['end'] };
export const CartItem = z
  .object({ ...itemFields(), purpose: l(z.string().trim().min(2, 'booking.purposeRequired').max(500), L('purpose')) })
  .refine((i) => i.end > i.start, { ...endAfterStart, ...whenFieldsValid });
export type CartItem = z.output<typeof CartItem>;

export const CartInput = z.object({ items: l(z.array(CartItem).min(1, 'booking.emptyCart').max(20), L('items')) });
export const QuoteInput = z.object({
  items: l(
    z
      .array(
        z
          .object({ ...itemFields(), purpose: l(z.string().max(500), L('purpose')).default('') })
          .refine((i) => i.end > i.start, { ...endAfterStart, ...whenFieldsValid }),
      )
      .min(1, 'booking.emptyCart')
      .max(20),
    L('items'),
  ),
});

export const DecisionInput = z.object({ reason: l(z.string().trim().max(500), L('reason')).optional() });
export const DeclineInput = z.object({ reason: l(z.string().trim().min(2, 'booking.reasonRequired').max(500), L('reason')) });
export const CancelInput = z.object({ reason: l(z.string().trim().max(500), L('reason')).optional() });
export const UsageInput = z
  .object({ actualStart: l(instant(), L('actualStart')), actualEnd: l(instant(), L('actualEnd')) })
  .refine((u) => u.actualEnd > u.actualStart, { message: 'booking.endBeforeStart', path: ['actualEnd'], ...whenFieldsValid });

export const BookingListQuery = z.object({
  scope: l(z.enum(BOOKING_SCOPES), L('scope')).default('mine'),
  status: l(csvList(z.enum(BOOKING_STATUSES)), L('status')),
  instrumentId: l(IdParam, L('instrumentId')).optional(),
  from: l(instant(), L('from')).optional(),
  to: l(instant(), L('to')).optional(),
  page: l(queryInt(1, 10000), L('page')).default(1),
  pageSize: l(queryInt(1, 200), L('pageSize')).default(50),
});
export type BookingListQuery = z.output<typeof BookingListQuery>;

export const CalendarFeedQuery = z.object({ token: l(z.string().min(10).max(100), L('token')) });

// ------------------------------------------------------------------ responses

export const BookingStatusSchema = z.enum(BOOKING_STATUSES).meta({ id: 'BookingStatus' });

/** A booking as its booker and the instrument's managers see it, with what the viewer may do next. */
export const BookingView = z
  .object({
    id: z.number().int(),
    cartId: z.string(),
    instrumentId: z.number().int(),
    instrumentName: z.string(),
    ownerOrgId: z.number().int(),
    ownerName: z.string(),
    userId: z.number().int(),
    userName: z.string(),
    userOrgId: z.number().int().nullable(),
    userOrgName: z.string().nullable(),
    start: Timestamp,
    end: Timestamp,
    quantity: z.number().int(),
    purpose: z.string(),
    status: BookingStatusSchema,
    external: z.boolean().meta({ description: 'booked by a user of another organization than the owner' }),
    estimatedFen: z.number().int(),
    priceFen: z.number().int().nullable().meta({ description: 'fixed when the booking is confirmed' }),
    expiresAt: Timestamp.nullable(),
    decidedAt: Timestamp.nullable(),
    decisionReason: z.string().nullable(),
    cancelledAt: Timestamp.nullable(),
    cancelReason: z.string().nullable(),
    actualStart: Timestamp.nullable(),
    actualEnd: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
    unit: z.enum(PRICE_UNITS),
    workHours: z.number().nullable().meta({ description: 'actual use in hours, once recorded' }),
    can: z.object({
      approve: z.boolean(),
      decline: z.boolean(),
      cancel: z.boolean(),
      checkIn: z.boolean(),
      checkOut: z.boolean(),
      recordUsage: z.boolean(),
    }),
  })
  .meta({ id: 'Booking' });
export type BookingView = z.infer<typeof BookingView>;

export const BookingListView = z
  .object({ items: z.array(BookingView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'BookingList' });

export const CartBookedView = z.object({ cartId: z.string(), items: z.array(BookingView) }).meta({ id: 'BookedCart' });

export const QuoteItemView = z
  .object({
    instrumentId: z.number().int(),
    instrumentName: z.string().nullable(),
    ownerName: z.string().nullable(),
    start: Timestamp,
    end: Timestamp,
    hours: z.number(),
    quantity: z.number().int(),
    unit: z.enum(PRICE_UNITS).nullable(),
    unitPriceFen: z.number().int(),
    estimatedFen: z.number().int(),
    external: z.boolean(),
    needsApproval: z.boolean(),
    problems: z.array(FieldErrorView).meta({ description: "the item's broken rules, each a sentence in the caller's language" }),
  })
  .meta({ id: 'QuoteItem' });
export const QuoteView = z.object({ items: z.array(QuoteItemView), totalFen: z.number().int() }).meta({ id: 'Quote' });

export const CalendarTokenView = z.object({ url: z.string().meta({ description: 'the secret address of the feed; asking again replaces it' }) });
