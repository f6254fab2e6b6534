/** Shapes of the sharing indicators (共享指标) as the API takes and gives them. */
import { z } from 'zod';
import { IdParam, queryInt } from '../../../platform/http/fields.ts';
import { labelled as l, whenFieldsValid } from '../../../platform/http/validation.ts';
import { Timestamp } from '../../../platform/http/contract.ts';
import { instant } from '../schemas.ts';

/** What the indicators are grouped by. */
export const STATS_GROUPS = ['instrument', 'owner', 'district'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

const L = (field: string) => `stats.label.${field}`;

export const StatsQuery = z
  .object({
    groupBy: l(z.enum(STATS_GROUPS), L('groupBy')).default('instrument'),
    from: l(instant(), L('from')),
    to: l(instant(), L('to')),
    district: l(z.string().regex(/^\d{6}$/, 'field.unknownDistrict'), L('district')).optional(),
    owner: l(IdParam, L('owner')).optional(),
    limit: l(queryInt(1, 100000), L('limit')).default(500),
  })
  .refine((q) => q.to > q.from, { message: 'instrument.windowOrder', path: ['to'], ...whenFieldsValid })
  .refine((q) => q.to.getTime() - q.from.getTime() <= 3 * 366 * 86400_000, {
    message: 'instrument.windowTooLong',
    path: ['to'],
    params: { days: 1098 },
    ...whenFieldsValid,
  });
export type StatsQuery = z.output<typeof StatsQuery>;

const figures = {
  instruments: z.number().int(),
  openingHours: z.number(),
  bookedHours: z.number(),
  workHours: z.number().meta({ description: '有效工作机时: recorded actual use' }),
  externalHours: z.number().meta({ description: '对外服务机时: actual use by other organizations than the owner' }),
  utilisation: z.number().nullable().meta({ description: 'work ÷ opening hours' }),
  sharingRate: z.number().nullable().meta({ description: 'external ÷ work hours' }),
  outsideOrgs: z.number().int(),
  incomeFen: z.number(),
  workHoursPerInstrumentYear: z.number(),
  externalHoursPerInstrumentYear: z.number(),
};

export const StatsFiguresView = z.object(figures).meta({ id: 'SharingFigures' });
export const StatsRowView = z
  .object({ key: z.string(), name: z.string(), districtCode: z.string().nullable(), ...figures })
  .meta({ id: 'SharingIndicatorRow' });
export type StatsRowView = z.infer<typeof StatsRowView>;

export const StatsView = z
  .object({
    groupBy: z.enum(STATS_GROUPS),
    from: Timestamp,
    to: Timestamp,
    years: z.number(),
    national: z
      .object({ workHoursPerYear: z.number(), externalHoursPerYear: z.number(), year: z.number().int() })
      .meta({ description: 'national averages per instrument and year' }),
    totals: StatsFiguresView,
    total: z.number().int().meta({ description: 'how many groups there are (rows holds the first `limit`)' }),
    rows: z.array(StatsRowView),
  })
  .meta({ id: 'SharingIndicators' });
export type StatsView = z.infer<typeof StatsView>;
