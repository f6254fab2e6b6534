/**
 * The indicator system (指标体系) as the API takes and gives it. An indicator is keyed as targets.json keys it:
 * `indicator` (a code), `scope` (chongqing, district:<code>, cluster:<id>) and `category` (one of the eight, or none).
 */
import { z } from 'zod';
import { Timestamp } from '../../platform/http/contract.ts';
import { IdParam, optionalText } from '../../platform/http/fields.ts';
import { labelled as l } from '../../platform/http/validation.ts';
import targets from './data/targets.json' with { type: 'json' };

export const CATEGORY_CODES = targets.categories.map((c) => c.code);
export const INDICATOR_UNITS = ['count', 'people', 'yuan', 'm2', 'person-times', 'percent'] as const;
export const INDICATOR_METHODS = ['computed', 'surveyed', 'entered'] as const;
export const VALUE_ORIGINS = ['computed', 'surveyed', 'entered'] as const;
export const PROGRESS_STATUSES = ['achieved', 'on_track', 'behind', 'missed', 'unknown', 'no_value'] as const;

const L = (f: string) => `indicator.label.${f}`;

const year = l(z.number().int().min(2000).max(2100), L('year'));
const amount = l(z.number().min(0).max(1e16), L('value'));
const YearValue = z.object({ year, value: amount, source: l(optionalText(20), L('source')) });
const yearList = (label: string) =>
  l(z.array(YearValue).max(20), L(label)).refine((list) => new Set(list.map((t) => t.year)).size === list.length, {
    message: 'indicator.duplicateYear',
  });

const indicatorCode = l(
  z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,63}$/, 'indicator.codeFormat'),
  L('indicator'),
);
const scope = l(
  z
    .string()
    .trim()
    .regex(/^(chongqing|district:[0-9]{6}|cluster:[a-z0-9-]{1,64})$/, 'indicator.scopeFormat'),
  L('scope'),
);
const category = l(z.enum(CATEGORY_CODES as [string, ...string[]]), L('category'));

const editable = {
  nameZh: l(z.string().trim().min(2).max(100), L('nameZh')),
  nameEn: l(z.string().trim().min(2).max(200), L('nameEn')),
  definitionZh: l(z.string().trim().max(1000), L('definitionZh')).optional(),
  definitionEn: l(z.string().trim().max(1000), L('definitionEn')).optional(),
  unit: l(z.enum(INDICATOR_UNITS), L('unit')),
  targets: yearList('targets').optional(),
  baselines: yearList('baselines').optional(),
};

/** A district's own plan adds indicators; a computed one needs a source in code, so a new one is surveyed or entered. */
export const IndicatorInput = z.object({
  indicator: indicatorCode,
  scope,
  category: category.nullable().optional(),
  method: l(z.enum(['surveyed', 'entered']), L('method')),
  source: l(optionalText(20), L('source')),
  ...editable,
});
export type IndicatorInput = z.output<typeof IndicatorInput>;

export const IndicatorPatch = z.object({
  nameZh: editable.nameZh.optional(),
  nameEn: editable.nameEn.optional(),
  definitionZh: editable.definitionZh,
  definitionEn: editable.definitionEn,
  unit: editable.unit.optional(),
  targets: editable.targets,
  baselines: editable.baselines,
  version: l(z.number().int().positive(), L('version')),
});
export type IndicatorPatch = z.output<typeof IndicatorPatch>;

export const ValueInput = z.object({
  period: l(
    z
      .string()
      .trim()
      .regex(/^[0-9]{4}(-Q[1-4]|-[01][0-9])?$/, 'indicator.periodFormat'),
    L('period'),
  ),
  value: amount,
  note: l(optionalText(500), L('note')),
});
export type ValueInput = z.output<typeof ValueInput>;

export const IndicatorListQuery = z.object({
  scope: scope.optional(),
  category: category.optional(),
  indicator: indicatorCode.optional(),
  method: l(z.enum(INDICATOR_METHODS), L('method')).optional(),
});
export type IndicatorListQuery = z.output<typeof IndicatorListQuery>;

export const IdParams = z.object({ id: IdParam });

const YearValueView = z.object({ year: z.number().int(), value: z.number(), source: z.string().nullable() });
export const ValueView = z
  .object({
    period: z.string(),
    asOf: z.string().meta({ description: 'the last day of the period (YYYY-MM-DD); for a computed figure of the current month, the day it was computed' }),
    value: z.number(),
    origin: z.enum(VALUE_ORIGINS),
    note: z.string().nullable(),
    recordedAt: Timestamp,
  })
  .meta({ id: 'IndicatorValue' });
export type ValueView = z.infer<typeof ValueView>;

export const ProgressView = z
  .object({
    year: z.number().int(),
    target: z.number(),
    percent: z.number().nullable(),
    expected: z.number().nullable().meta({ description: 'what the straight path from the baseline expects by the latest value’s date' }),
    status: z.enum(PROGRESS_STATUSES),
  })
  .meta({ id: 'IndicatorProgress' });

export const IndicatorView = z
  .object({
    id: z.number().int(),
    indicator: z.string(),
    scope: z.string(),
    category: z.string().nullable(),
    nameZh: z.string(),
    nameEn: z.string(),
    definitionZh: z.string(),
    definitionEn: z.string(),
    unit: z.enum(INDICATOR_UNITS),
    method: z.enum(INDICATOR_METHODS),
    source: z.string().nullable(),
    version: z.number().int(),
    targets: z.array(YearValueView),
    baselines: z.array(YearValueView),
    latest: ValueView.nullable(),
    progress: z.array(ProgressView),
    records: z.string().nullable().meta({ description: 'a web path listing the records a computed figure counts' }),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Indicator' });
export type IndicatorView = z.infer<typeof IndicatorView>;

export const IndicatorList = z.object({ items: z.array(IndicatorView), total: z.number().int() });
export const ValueList = z.object({ items: z.array(ValueView) });

export const HistoryEntryView = z
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
  .meta({ id: 'IndicatorHistoryEntry' });
export const HistoryView = z.object({ items: z.array(HistoryEntryView) });
