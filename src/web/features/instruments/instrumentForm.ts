/** The instrument form's values ⇄ the API's InstrumentBody: money in yuan on the form, fen on the wire; empty text sent as null */
import type { InstrumentBody } from './api';
import { toFen } from '../../lib/time';

export const MONEY = ['originalValueFen', 'priceInternalFen', 'priceExternalFen', 'offPeakPriceFen'] as const;
const TEXT = [
  'model',
  'manufacturer',
  'address',
  'room',
  'specifications',
  'capabilities',
  'sampleRequirements',
  'contactName',
  'contactPhone',
  'purchaseDate',
  'districtCode',
  'peakStart',
  'peakEnd',
] as const;
const FIELDS = new Set([
  'ownerOrgId',
  'name',
  'classCode',
  'kind',
  'sharingMode',
  'priceUnit',
  'openingHours',
  'minBookingMinutes',
  'maxBookingMinutes',
  'noticeHours',
  'maxAdvanceDays',
  'cancelNoticeHours',
  'needsApproval',
  'needsTraining',
  'status',
  ...MONEY,
  ...TEXT,
]);

export type Values = Omit<InstrumentBody, (typeof MONEY)[number]> & Record<(typeof MONEY)[number], number | null | undefined>;

export const DEFAULTS: Partial<Values> = {
  kind: 'instrument',
  sharingMode: 'open',
  priceUnit: 'hour',
  status: 'in_service',
  needsApproval: true,
  needsTraining: false,
  minBookingMinutes: 30,
  maxBookingMinutes: 480,
  noticeHours: 0,
  maxAdvanceDays: 90,
  cancelNoticeHours: 24,
  openingHours: [0, 1, 2, 3, 4, 5, 6].map((d) =>
    d < 5
      ? [
          ['09:00', '12:00'],
          ['13:30', '17:30'],
        ]
      : [],
  ) as InstrumentBody['openingHours'],
};

export function toBody(v: Values): InstrumentBody {
  const body: Record<string, unknown> = { ...v };
  for (const k of MONEY) body[k] = toFen(v[k] ?? null);
  for (const k of TEXT) body[k] = typeof v[k] === 'string' ? (v[k] as string).trim() || null : (v[k] ?? null);
  body.name = v.name.trim();
  if (body.ownerOrgId == null) delete body.ownerOrgId;
  return body as unknown as InstrumentBody;
}

/** API path "openingHours.2.0" → form field "openingHours"; "priceExternalFen" → itself. */
export function formField(path: string): string | null {
  const head = path.split('.')[0];
  return FIELDS.has(head) ? head : null;
}

/** The form's column spans: two a row, three a row from sm up */
export const col = { xs: 24, md: 12 };
export const col3 = { xs: 24, sm: 12, md: 8 };
