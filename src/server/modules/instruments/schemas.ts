/**
 * Shapes of the instrument catalogue as the API takes and gives them. One zod schema per shape
 * validates requests, documents them in OpenAPI and checks every response as it leaves. The coded
 * lists (kinds, sharing modes, price units, statuses, …) are each one `as const` tuple, used by the
 * server, the OpenAPI document and so the web's generated types. Every request field has a label
 * (messages.ts), so a bad value is reported as「仪器名称」至少 2 个字.
 * Money is integer fen; times are ISO 8601 with an offset (shown in Asia/Shanghai by the pages).
 */
import { z } from 'zod';
import { csvList, dateText, isRealDay, optionalText, patchFields, IdParam, queryDecimal, queryInt } from '../../platform/http/fields.ts';
import { labelled as l, whenFieldsValid } from '../../platform/http/validation.ts';
import { Timestamp } from '../../platform/http/contract.ts';

export const INSTRUMENT_KINDS = ['instrument', 'facility', 'compute'] as const;
export const SHARING_MODES = ['open', 'members', 'arrangement'] as const;
export const PRICE_UNITS = ['hour', 'sample', 'core_hour', 'gpu_hour'] as const;
export const INSTRUMENT_STATUSES = ['in_service', 'maintenance', 'retired'] as const;
/** A calendar exception: a blackout (closed) or an extra opening (open). */
export const EXCEPTION_KINDS = ['closed', 'open'] as const;
export const INSTRUMENT_SORTS = ['relevance', 'name', 'price', 'value', 'updated'] as const;

export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];
export type SharingMode = (typeof SHARING_MODES)[number];
export type PriceUnit = (typeof PRICE_UNITS)[number];
export type InstrumentStatus = (typeof INSTRUMENT_STATUSES)[number];

// ------------------------------------------------------------------ field shapes shared by the module

const clock = () => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'instrument.clock');
/** An instant with an explicit offset or Z, e.g. 2026-11-24T09:00:00+08:00. A fresh schema per field (each gets its own label). */
export const instant = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, { message: 'field.instant', abort: true })
    .refine(isRealInstant, 'field.instant')
    .transform((v) => new Date(v));

/** A day that exists (no 30 February: Date.parse would roll it over into March), a time of day, an offset within ±14 h. */
function isRealInstant(v: string): boolean {
  const [, y, mo, d, h, mi, s, oh] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?[^Z+-]*(?:Z|[+-](\d{2}))?/.exec(v) ?? [];
  return isRealDay(`${y}-${mo}-${d}`) && Number(h) <= 23 && Number(mi) <= 59 && Number(s ?? 0) <= 59 && Number(oh ?? 0) <= 14 && !Number.isNaN(Date.parse(v));
}
/** A positive id in the URL. */
export const idParam = (label: string) => l(IdParam, label);
export const IdParams = z.object({ id: idParam('instrument.label.id') });

/** One opening interval of a day, "09:00"–"18:00". */
const OpenInterval = z.tuple([clock(), clock()]).refine(([a, b]) => b > a, 'instrument.intervalOrder');
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

const fen = () => z.number().int().min(0).max(1e13);
const minutes = () =>
  z
    .number()
    .int()
    .min(5)
    .max(60 * 24 * 14);
const district = () => z.string().regex(/^\d{6}$/, 'field.unknownDistrict');
const L = (field: string) => `instrument.label.${field}`;

// ------------------------------------------------------------------ requests

const instrumentFields = {
  ownerOrgId: l(z.number().int().positive(), L('ownerOrgId')).optional(),
  name: l(z.string().trim().min(2).max(120), L('name')),
  model: l(optionalText(100), L('model')),
  manufacturer: l(optionalText(100), L('manufacturer')),
  classCode: l(z.string().min(1).max(32), L('classCode')),
  kind: l(z.enum(INSTRUMENT_KINDS), L('kind')),
  originalValueFen: l(fen().nullable().optional(), L('originalValueFen')),
  purchaseDate: l(dateText.nullable().optional(), L('purchaseDate')),
  districtCode: l(district().nullable().optional(), L('districtCode')),
  address: l(optionalText(200), L('address')),
  room: l(optionalText(50), L('room')),
  specifications: l(optionalText(5000), L('specifications')),
  capabilities: l(optionalText(5000), L('capabilities')),
  sampleRequirements: l(optionalText(2000), L('sampleRequirements')),
  sharingMode: l(z.enum(SHARING_MODES), L('sharingMode')),
  priceUnit: l(z.enum(PRICE_UNITS), L('priceUnit')),
  priceInternalFen: l(fen(), L('priceInternalFen')),
  priceExternalFen: l(fen(), L('priceExternalFen')),
  offPeakPriceFen: l(fen().nullable().optional(), L('offPeakPriceFen')),
  peakStart: l(clock().nullable().optional(), L('peakStart')),
  peakEnd: l(clock().nullable().optional(), L('peakEnd')),
  openingHours: l(WeeklyHours, L('openingHours')),
  // labelled inside the default: a PATCH takes the field without its default (patchFields) and keeps the label
  minBookingMinutes: l(minutes(), L('minBookingMinutes')).default(30),
  maxBookingMinutes: l(minutes(), L('maxBookingMinutes')).default(480),
  noticeHours: l(
    z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    L('noticeHours'),
  ).default(0),
  maxAdvanceDays: l(z.number().int().min(1).max(730), L('maxAdvanceDays')).default(90),
  cancelNoticeHours: l(
    z
      .number()
      .int()
      .min(0)
      .max(24 * 30),
    L('cancelNoticeHours'),
  ).default(24),
  needsApproval: l(z.boolean(), L('needsApproval')).default(true),
  needsTraining: l(z.boolean(), L('needsTraining')).default(false),
  status: l(z.enum(INSTRUMENT_STATUSES), L('status')).default('in_service'),
  contactName: l(optionalText(50), L('contactName')),
  contactPhone: l(optionalText(30), L('contactPhone')),
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
  .object({ ...patchFields(instrumentFields), version: l(z.number().int().positive(), L('version')).optional() })
  .superRefine(refineInstrument as (v: unknown, ctx: z.RefinementCtx) => void) as unknown as z.ZodType<Partial<InstrumentInput> & { version?: number }>;
export type InstrumentPatch = Partial<InstrumentInput> & { version?: number };

export const InstrumentListQuery = z
  .object({
    q: l(z.string().trim().max(100), L('q')).optional(),
    class: l(csvList(z.string().max(32)), L('classCode')),
    district: l(csvList(district()), L('districtCode')),
    owner: l(IdParam, L('ownerOrgId')).optional(),
    kind: l(csvList(z.enum(INSTRUMENT_KINDS)), L('kind')),
    sharingMode: l(csvList(z.enum(SHARING_MODES)), L('sharingMode')),
    status: l(csvList(z.enum(INSTRUMENT_STATUSES)), L('status')),
    priceMin: l(queryInt(0), L('priceMin')).optional(),
    priceMax: l(queryInt(0), L('priceMax')).optional(),
    freeFrom: l(instant(), L('freeFrom')).optional(),
    freeTo: l(instant(), L('freeTo')).optional(),
    minHours: l(queryDecimal(0.25, 24 * 14), L('minHours')).optional(),
    sort: l(z.enum(INSTRUMENT_SORTS), L('sort')).optional(),
    page: l(queryInt(1, 10000), L('page')).default(1),
    pageSize: l(queryInt(1, 100), L('pageSize')).default(20),
  })
  .superRefine((q, ctx) => {
    if ((q.freeFrom && !q.freeTo) || (!q.freeFrom && q.freeTo))
      ctx.addIssue({ code: 'custom', message: 'instrument.freeWindowBoth', path: [q.freeFrom ? 'freeTo' : 'freeFrom'] });
    // the window's own checks only once both ends are dates (zod runs this even after a field failed)
    const window = q.freeFrom instanceof Date && q.freeTo instanceof Date;
    if (window && q.freeTo! <= q.freeFrom!) ctx.addIssue({ code: 'custom', message: 'instrument.windowOrder', path: ['freeTo'] });
    if (window && q.freeTo!.getTime() - q.freeFrom!.getTime() > 31 * 86400_000)
      ctx.addIssue({ code: 'custom', message: 'instrument.windowTooLong', path: ['freeTo'], params: { days: 31 } });
    if (q.minHours && !q.freeFrom) ctx.addIssue({ code: 'custom', message: 'instrument.minHoursNeedsWindow', path: ['minHours'] });
    if (q.priceMin != null && q.priceMax != null && q.priceMax < q.priceMin)
      ctx.addIssue({ code: 'custom', message: 'instrument.priceOrder', path: ['priceMax'] });
  });
export type InstrumentListQuery = z.output<typeof InstrumentListQuery>;

export const AvailabilityQuery = z
  .object({ from: l(instant(), L('from')), to: l(instant(), L('to')) })
  .refine((q) => q.to > q.from, { message: 'instrument.windowOrder', path: ['to'], ...whenFieldsValid })
  .refine((q) => q.to.getTime() - q.from.getTime() <= 62 * 86400_000, {
    message: 'instrument.windowTooLong',
    path: ['to'],
    params: { days: 62 },
    ...whenFieldsValid,
  });

export const ExceptionInput = z
  .object({
    kind: l(z.enum(EXCEPTION_KINDS), L('exceptionKind')),
    start: l(instant(), L('start')),
    end: l(instant(), L('end')),
    reason: l(optionalText(200), L('reason')),
  })
  .refine((e) => e.end > e.start, { message: 'instrument.windowOrder', path: ['end'], ...whenFieldsValid });
export type ExceptionInput = z.output<typeof ExceptionInput>;
export const ExceptionParams = IdParams.extend({ exceptionId: idParam(L('exceptionId')) });

export const QualificationInput = z.object({ username: l(z.string().trim().min(1).max(64), L('username')) });
export const QualificationParams = IdParams.extend({ userId: idParam(L('userId')) });
export const PhotoParams = IdParams.extend({ photoId: idParam(L('photoId')) });
export const PhotoIdParams = z.object({ id: idParam(L('photoId')) });

export const ClassInput = z.object({
  nameZh: l(z.string().trim().min(2).max(50), L('classNameZh')),
  nameEn: l(z.string().trim().min(2).max(100), L('classNameEn')),
  sortOrder: l(z.number().int().min(0).max(1000), L('classSortOrder')).optional(),
});
export const ClassParams = z.object({ code: l(z.string().regex(/^[a-z_]{2,32}$/), L('classCode')) });

// ------------------------------------------------------------------ responses

export const IntervalView = z.object({ start: Timestamp, end: Timestamp });
export type Interval = z.infer<typeof IntervalView>;
const text = () => z.string().nullable();

/** An instrument as every caller sees it (the contact masked for anonymous visitors, see presenter.ts). */
export const InstrumentView = z
  .object({
    id: z.number().int(),
    ownerOrgId: z.number().int(),
    ownerName: z.string(),
    name: z.string(),
    model: text(),
    manufacturer: text(),
    classCode: z.string(),
    className: z.string(),
    kind: z.enum(INSTRUMENT_KINDS),
    originalValueFen: z.number().int().nullable(),
    purchaseDate: z.string().nullable().meta({ description: 'YYYY-MM-DD' }),
    districtCode: text(),
    address: text(),
    room: text(),
    specifications: text(),
    capabilities: text(),
    sampleRequirements: text(),
    sharingMode: z.enum(SHARING_MODES),
    priceUnit: z.enum(PRICE_UNITS),
    priceInternalFen: z.number().int(),
    priceExternalFen: z.number().int(),
    offPeakPriceFen: z.number().int().nullable(),
    peakStart: z.string().nullable().meta({ description: 'HH:MM, Asia/Shanghai' }),
    peakEnd: z.string().nullable().meta({ description: 'HH:MM, Asia/Shanghai' }),
    openingHours: z.array(z.array(z.tuple([z.string(), z.string()]))).meta({ description: 'seven lists of [opens, closes] (HH:MM), Monday first' }),
    minBookingMinutes: z.number().int(),
    maxBookingMinutes: z.number().int(),
    noticeHours: z.number().int(),
    maxAdvanceDays: z.number().int(),
    cancelNoticeHours: z.number().int(),
    needsApproval: z.boolean(),
    needsTraining: z.boolean(),
    status: z.enum(INSTRUMENT_STATUSES),
    contactName: text(),
    contactPhone: text(),
    contactMasked: z.boolean().meta({ description: 'true when the contact is masked (anonymous visitor)' }),
    photoIds: z.array(z.number().int()),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    canManage: z.boolean().meta({ description: 'the viewer may edit it, its calendar, qualifications and photos' }),
    canBook: z.boolean().meta({ description: 'in service and its sharing mode admits the viewer' }),
  })
  .meta({ id: 'Instrument' });
export type InstrumentView = z.infer<typeof InstrumentView>;

export const InstrumentDetailView = InstrumentView.extend({
  qualified: z.boolean().meta({ description: 'the signed-in viewer may use it without (further) training' }),
}).meta({ id: 'InstrumentDetail' });

export const InstrumentListItemView = InstrumentView.extend({
  freeSlots: z.array(IntervalView).optional().meta({ description: 'with a free-time window: up to five bookable stretches of at least the asked length' }),
  longestFreeHours: z.number().optional(),
}).meta({ id: 'InstrumentListItem' });

const Facet = z.object({ code: z.string(), count: z.number().int() });
export const InstrumentListView = z
  .object({
    items: z.array(InstrumentListItemView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    fuzzy: z.boolean().meta({ description: 'true when typo-tolerant (pinyin) matching found these, exact matching nothing' }),
    facets: z.object({ class: z.array(Facet), district: z.array(Facet) }),
  })
  .meta({ id: 'InstrumentList' });

export const AvailabilityView = z
  .object({
    instrumentId: z.number().int(),
    from: Timestamp,
    to: Timestamp,
    open: z.array(IntervalView),
    closed: z.array(IntervalView.extend({ reason: text() })),
    busy: z.array(
      IntervalView.extend({
        status: z.string().meta({ description: 'a holding booking status: pending, confirmed, in_use, completed' }),
        mine: z.boolean(),
        bookingId: z.number().int().optional().meta({ description: "only on the viewer's own bookings" }),
      }),
    ),
    free: z.array(IntervalView).meta({ description: 'open, not taken, and bookable now (after the notice window, within the advance limit)' }),
  })
  .meta({ id: 'InstrumentAvailability' });

export const ExceptionView = z
  .object({ id: z.number().int(), kind: z.enum(EXCEPTION_KINDS), start: Timestamp, end: Timestamp, reason: text() })
  .meta({ id: 'InstrumentException' });
export const ExceptionListView = z.object({ items: z.array(ExceptionView) });

export const QualificationView = z
  .object({ userId: z.number().int(), username: z.string(), displayName: z.string(), grantedAt: Timestamp })
  .meta({ id: 'InstrumentQualification' });
export const QualificationListView = z.object({ items: z.array(QualificationView) });

export const PhotoCreatedView = z.object({ id: z.number().int() });

export const InstrumentClassView = z
  .object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), sortOrder: z.number().int() })
  .meta({ id: 'InstrumentClass' });
export const InstrumentClassListView = z.object({ items: z.array(InstrumentClassView) });

export const InstrumentHistoryView = z.object({
  items: z.array(
    z
      .object({
        id: z.number().int(),
        action: z.string(),
        actorId: z.number().int().nullable(),
        actorName: z.string().nullable(),
        at: Timestamp,
        before: z.record(z.string(), z.unknown()).nullable(),
        after: z.record(z.string(), z.unknown()).nullable(),
        changedFields: z.array(z.string()),
      })
      .meta({ id: 'InstrumentHistoryEntry' }),
  ),
  total: z.number().int(),
});

/** A delete's answer: 204 and no body (a null schema: the OpenAPI document lists no content). */
export const NoContent = z.null().describe('已删除 Deleted (no body)');
