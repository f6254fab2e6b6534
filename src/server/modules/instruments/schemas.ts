/**
 * Shapes of the shared-instruments API: instruments, the booking cart, decisions, usage and the
 * sharing indicators. One zod schema per shape validates requests and documents them in OpenAPI.
 * Money is integer fen; times are ISO 8601 with an offset (shown in Asia/Shanghai by the pages).
 */
import { z } from 'zod';
import { csvList, dateText, optionalText, patchFields } from '../../platform/http/fields.ts';

export const INSTRUMENT_KINDS = ['instrument', 'facility', 'compute'] as const;
export const SHARING_MODES = ['open', 'members', 'arrangement'] as const;
export const PRICE_UNITS = ['hour', 'sample', 'core_hour', 'gpu_hour'] as const;
export const INSTRUMENT_STATUSES = ['in_service', 'maintenance', 'retired'] as const;
export const BOOKING_STATUSES = ['pending', 'confirmed', 'in_use', 'completed', 'declined', 'cancelled', 'expired', 'no_show'] as const;
/** Statuses that hold a slot (mirrors the WHERE of the exclusion constraint bookings_no_overlap). */
export const HOLDING_STATUSES = ['pending', 'confirmed', 'in_use', 'completed'] as const;

export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];
export type SharingMode = (typeof SHARING_MODES)[number];
export type PriceUnit = (typeof PRICE_UNITS)[number];
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'instrument.clock');
/** An instant with an explicit offset or Z, e.g. 2026-11-24T09:00:00+08:00. */
export const Instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, 'field.instant')
  .refine((v) => !Number.isNaN(Date.parse(v)), 'field.instant')
  .transform((v) => new Date(v));

/** One opening interval of a day, "09:00"–"18:00". */
const OpenInterval = z.tuple([clock, clock]).refine(([a, b]) => b > a, 'instrument.intervalOrder');
/** Weekly template: seven lists of intervals, Monday first. */
export const WeeklyHours = z
  .array(z.array(OpenInterval).max(6))
  .length(7, 'instrument.weekLength')
  .superRefine((week, ctx) => {
    week.forEach((day, d) => {
      const sorted = [...day].sort((x, y) => x[0].localeCompare(y[0]));
      for (let i = 1; i < sorted.length; i++) {
        if (sorted[i][0] < sorted[i - 1][1]) ctx.addIssue({ code: 'custom', message: 'instrument.intervalOverlap', path: [d] });
      }
    });
  });

const fen = z.number().int().min(0).max(1e13);

const instrumentFields = {
  ownerOrgId: z.number().int().positive().optional(),
  name: z.string().trim().min(2).max(120),
  model: optionalText(100),
  manufacturer: optionalText(100),
  classCode: z.string().min(1).max(32),
  kind: z.enum(INSTRUMENT_KINDS),
  originalValueFen: fen.nullable().optional(),
  purchaseDate: dateText.nullable().optional(),
  districtCode: z.string().regex(/^\d{6}$/, 'field.unknownDistrict').nullable().optional(),
  address: optionalText(200),
  room: optionalText(50),
  specifications: optionalText(5000),
  capabilities: optionalText(5000),
  sampleRequirements: optionalText(2000),
  sharingMode: z.enum(SHARING_MODES),
  priceUnit: z.enum(PRICE_UNITS),
  priceInternalFen: fen,
  priceExternalFen: fen,
  offPeakPriceFen: fen.nullable().optional(),
  peakStart: clock.nullable().optional(),
  peakEnd: clock.nullable().optional(),
  openingHours: WeeklyHours,
  minBookingMinutes: z.number().int().min(5).max(60 * 24 * 14).default(30),
  maxBookingMinutes: z.number().int().min(5).max(60 * 24 * 14).default(480),
  noticeHours: z.number().int().min(0).max(24 * 60).default(0),
  maxAdvanceDays: z.number().int().min(1).max(730).default(90),
  cancelNoticeHours: z.number().int().min(0).max(24 * 30).default(24),
  needsApproval: z.boolean().default(true),
  needsTraining: z.boolean().default(false),
  status: z.enum(INSTRUMENT_STATUSES).default('in_service'),
  contactName: optionalText(50),
  contactPhone: optionalText(30),
};

function refineInstrument(v: Partial<Record<keyof typeof instrumentFields, unknown>>, ctx: z.RefinementCtx) {
  if (typeof v.minBookingMinutes === 'number' && typeof v.maxBookingMinutes === 'number' && v.maxBookingMinutes < v.minBookingMinutes) {
    ctx.addIssue({ code: 'custom', message: 'instrument.lengthOrder', path: ['maxBookingMinutes'] });
  }
  if (v.offPeakPriceFen != null && (!v.peakStart || !v.peakEnd)) {
    ctx.addIssue({ code: 'custom', message: 'instrument.peakWindow', path: ['peakStart'] });
  }
  if (v.peakStart && v.peakEnd && String(v.peakEnd) <= String(v.peakStart)) {
    ctx.addIssue({ code: 'custom', message: 'instrument.intervalOrder', path: ['peakEnd'] });
  }
  if (v.priceUnit === 'sample' && v.offPeakPriceFen != null) {
    ctx.addIssue({ code: 'custom', message: 'instrument.offPeakPerSample', path: ['offPeakPriceFen'] });
  }
}

export const InstrumentInput = z.object(instrumentFields).superRefine(refineInstrument);
export type InstrumentInput = z.output<typeof InstrumentInput>;

export const InstrumentPatch = z
  .object({ ...patchFields(instrumentFields), version: z.number().int().positive().optional() })
  .superRefine(refineInstrument as (v: unknown, ctx: z.RefinementCtx) => void) as unknown as z.ZodType<Partial<InstrumentInput> & { version?: number }>;
export type InstrumentPatch = Partial<InstrumentInput> & { version?: number };

const csv = csvList;

export const InstrumentListQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    class: csv(z.string().max(32)),
    district: csv(z.string().regex(/^\d{6}$/, 'field.unknownDistrict')),
    owner: z.coerce.number().int().positive().optional(),
    kind: csv(z.enum(INSTRUMENT_KINDS)),
    sharingMode: csv(z.enum(SHARING_MODES)),
    status: csv(z.enum(INSTRUMENT_STATUSES)),
    priceMin: z.coerce.number().int().min(0).optional(),
    priceMax: z.coerce.number().int().min(0).optional(),
    freeFrom: Instant.optional(),
    freeTo: Instant.optional(),
    minHours: z.coerce.number().min(0.25).max(24 * 14).optional(),
    sort: z.enum(['relevance', 'name', 'price', 'value', 'updated']).optional(),
    page: z.coerce.number().int().min(1).max(10000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .superRefine((q, ctx) => {
    if ((q.freeFrom && !q.freeTo) || (!q.freeFrom && q.freeTo)) ctx.addIssue({ code: 'custom', message: 'instrument.freeWindowBoth', path: [q.freeFrom ? 'freeTo' : 'freeFrom'] });
    if (q.freeFrom && q.freeTo && q.freeTo <= q.freeFrom) ctx.addIssue({ code: 'custom', message: 'instrument.windowOrder', path: ['freeTo'] });
    if (q.freeFrom && q.freeTo && q.freeTo.getTime() - q.freeFrom.getTime() > 31 * 86400_000) ctx.addIssue({ code: 'custom', message: 'instrument.windowTooLong', path: ['freeTo'], params: { days: 31 } });
    if (q.minHours && !q.freeFrom) ctx.addIssue({ code: 'custom', message: 'instrument.minHoursNeedsWindow', path: ['minHours'] });
    if (q.priceMin != null && q.priceMax != null && q.priceMax < q.priceMin) ctx.addIssue({ code: 'custom', message: 'instrument.priceOrder', path: ['priceMax'] });
  });
export type InstrumentListQuery = z.output<typeof InstrumentListQuery>;

export const AvailabilityQuery = z
  .object({ from: Instant, to: Instant })
  .refine((q) => q.to > q.from, { message: 'instrument.windowOrder', path: ['to'] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= 62 * 86400_000, { message: 'instrument.windowTooLong', path: ['to'], params: { days: 62 } });

export const ExceptionInput = z
  .object({ kind: z.enum(['closed', 'open']), start: Instant, end: Instant, reason: optionalText(200) })
  .refine((e) => e.end > e.start, { message: 'instrument.windowOrder', path: ['end'] });
export type ExceptionInput = z.output<typeof ExceptionInput>;

// ------------------------------------------------------------------ bookings

const cartItemFields = {
  instrumentId: z.number().int().positive(),
  start: Instant,
  end: Instant,
  /** samples for per-sample prices, cores or GPUs for compute; 1 otherwise */
  quantity: z.number().int().min(1).max(10000).default(1),
  purpose: z.string().trim().min(2, 'booking.purposeRequired').max(500),
};
const endAfterStart = { message: 'booking.endBeforeStart', path: ['end'] };
export const CartItem = z.object(cartItemFields).refine((i) => i.end > i.start, endAfterStart);
export type CartItem = z.output<typeof CartItem>;

export const CartInput = z.object({ items: z.array(CartItem).min(1, 'booking.emptyCart').max(20) });
export const QuoteInput = z.object({
  items: z
    .array(z.object({ ...cartItemFields, purpose: z.string().max(500).default('') }).refine((i) => i.end > i.start, endAfterStart))
    .min(1, 'booking.emptyCart')
    .max(20),
});

export const DecisionInput = z.object({ reason: z.string().trim().max(500).optional() });
export const DeclineInput = z.object({ reason: z.string().trim().min(2, 'booking.reasonRequired').max(500) });
export const CancelInput = z.object({ reason: z.string().trim().max(500).optional() });
export const UsageInput = z
  .object({ actualStart: Instant, actualEnd: Instant })
  .refine((u) => u.actualEnd > u.actualStart, { message: 'booking.endBeforeStart', path: ['actualEnd'] });

export const BookingListQuery = z.object({
  scope: z.enum(['mine', 'owner', 'all']).default('mine'),
  status: csv(z.enum(BOOKING_STATUSES)),
  instrumentId: z.coerce.number().int().positive().optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type BookingListQuery = z.output<typeof BookingListQuery>;

export const StatsQuery = z
  .object({
    groupBy: z.enum(['instrument', 'owner', 'district']).default('instrument'),
    from: Instant,
    to: Instant,
    district: z.string().regex(/^\d{6}$/, 'field.unknownDistrict').optional(),
    owner: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(100000).default(500),
  })
  .refine((q) => q.to > q.from, { message: 'instrument.windowOrder', path: ['to'] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= 3 * 366 * 86400_000, { message: 'instrument.windowTooLong', path: ['to'], params: { days: 1098 } });
export type StatsQuery = z.output<typeof StatsQuery>;

export const ClassInput = z.object({ nameZh: z.string().trim().min(2).max(50), nameEn: z.string().trim().min(2).max(100), sortOrder: z.number().int().min(0).max(1000).optional() });
