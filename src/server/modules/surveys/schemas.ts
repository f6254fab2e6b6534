/**
 * Surveys (统计调查制度) as the API takes and gives them: report forms (fields as data, versions), rounds (a period,
 * a form version, a population from the directory, a deadline), filings (values, draft → submitted → returned /
 * accepted) and the progress an office watches.
 */
import { z } from 'zod';
import { Timestamp } from '../../platform/http/contract.ts';
import { dateText, IdParam, queryInt } from '../../platform/http/fields.ts';
import { labelled as l } from '../../platform/http/validation.ts';
import { ORG_KINDS } from '../reference/index.ts';
import { FIELD_TYPES, PREFILL_SOURCES } from './definition.ts';

export const ROUND_FREQUENCIES = ['annual', 'quarterly', 'monthly'] as const;
export const FILING_STATUSES = ['pending', 'draft', 'submitted', 'returned', 'accepted'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];
export const REVIEW_DECISIONS = ['accept', 'return'] as const;

const L = (f: string) => `survey.label.${f}`;

export const IdParams = z.object({ id: IdParam });

// ---------------------------------------------------------------- forms

export const FieldView = z
  .object({
    name: z.string(),
    type: z.enum(FIELD_TYPES),
    labelZh: z.string(),
    labelEn: z.string(),
    hintZh: z.string().nullable().optional(),
    hintEn: z.string().nullable().optional(),
    unit: z.string().nullable().optional(),
    required: z.string().nullable().optional().meta({ description: "'yes' or an XLSForm expression" }),
    min: z.number().nullable().optional(),
    max: z.number().nullable().optional(),
    constraint: z.string().nullable().optional(),
    constraintMessageZh: z.string().nullable().optional(),
    constraintMessageEn: z.string().nullable().optional(),
    relevant: z.string().nullable().optional(),
    listName: z.string().nullable().optional(),
    indicator: z.string().nullable().optional(),
    prefill: z.enum(PREFILL_SOURCES).nullable().optional(),
  })
  .meta({ id: 'SurveyField' });

export const ChoiceView = z.object({ name: z.string(), labelZh: z.string(), labelEn: z.string() }).meta({ id: 'SurveyChoice' });

export const FormView = z
  .object({
    id: z.number().int(),
    code: z.string(),
    version: z.number().int(),
    titleZh: z.string(),
    titleEn: z.string(),
    origin: z.enum(['shipped', 'upload']),
    filename: z.string().nullable(),
    fields: z.array(FieldView),
    choices: z.record(z.string(), z.array(ChoiceView)),
    createdAt: Timestamp,
  })
  .meta({ id: 'SurveyForm' });
export type FormView = z.infer<typeof FormView>;
export const FormList = z.object({ items: z.array(FormView) });

// ---------------------------------------------------------------- rounds

const periodText = z.string().trim().max(7);

export const PopulationInput = z.object({
  kinds: l(z.array(z.enum(ORG_KINDS)).max(ORG_KINDS.length), L('kinds')).default([]),
  categories: l(z.array(z.string().max(32)).max(8), L('categories')).default([]),
  districts: l(z.array(z.string().regex(/^\d{6}$/, 'field.unknownDistrict')).max(60), L('districts')).default([]),
});

export const RoundInput = z.object({
  formId: l(z.number().int().min(1), L('form')),
  titleZh: l(z.string().trim().min(2).max(100), L('titleZh')),
  titleEn: l(z.string().trim().max(200).optional(), L('titleEn')),
  frequency: l(z.enum(ROUND_FREQUENCIES), L('frequency')),
  period: l(periodText, L('period')),
  deadline: l(dateText, L('deadline')),
  population: l(PopulationInput, L('population')).default({ kinds: [], categories: [], districts: [] }),
});
export type RoundInput = z.output<typeof RoundInput>;

export const StateCounts = z
  .object({
    pending: z.number().int(),
    draft: z.number().int(),
    submitted: z.number().int(),
    returned: z.number().int(),
    accepted: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'SurveyStateCounts' });

export const RoundView = z
  .object({
    id: z.number().int(),
    form: z.object({ id: z.number().int(), code: z.string(), version: z.number().int(), titleZh: z.string(), titleEn: z.string() }),
    titleZh: z.string(),
    titleEn: z.string(),
    frequency: z.enum(ROUND_FREQUENCIES),
    period: z.string(),
    districtCode: z.string().nullable().meta({ description: 'a district office’s round asks its district only; null: the city’s' }),
    population: z.object({ kinds: z.array(z.string()), categories: z.array(z.string()), districts: z.array(z.string()) }),
    deadline: z.string(),
    overdue: z.boolean().meta({ description: 'the deadline (Beijing time) has passed' }),
    counts: StateCounts,
    createdAt: Timestamp,
  })
  .meta({ id: 'SurveyRound' });
export type RoundView = z.infer<typeof RoundView>;
export const RoundList = z.object({ items: z.array(RoundView) });

export const ProgressView = z
  .object({
    round: RoundView,
    districts: z.array(StateCounts.extend({ districtCode: z.string().nullable(), nameZh: z.string(), nameEn: z.string() })),
  })
  .meta({ id: 'SurveyRoundProgress' });

export const ChaseView = z
  .object({
    sentAt: Timestamp,
    orgs: z.number().int().meta({ description: 'organizations of the late list reminded' }),
    recipients: z.number().int().meta({ description: 'their members notified (in-app, and by email where they have an address)' }),
  })
  .meta({ id: 'SurveyChase' });

export const LateList = z.object({
  chase: ChaseView.nullable().meta({ description: 'this office’s 催报 of today, if it chased already (once a day)' }),
  items: z.array(
    z.object({
      filingId: z.number().int(),
      orgId: z.number().int(),
      orgName: z.string(),
      districtCode: z.string().nullable(),
      status: z.enum(FILING_STATUSES),
    }),
  ),
});

// ---------------------------------------------------------------- bulk filing

export const BulkResult = z
  .object({
    filed: z.number().int(),
    items: z.array(z.object({ row: z.number().int(), filingId: z.number().int(), orgId: z.number().int(), orgName: z.string() })),
  })
  .meta({ id: 'SurveyBulkResult' });

// ---------------------------------------------------------------- filings

const cellValue = z.union([z.number(), z.string().max(500), z.null()]);

export const FilingInput = z.object({
  values: l(z.record(z.string().max(64), cellValue), L('values')),
  confirmations: l(z.record(z.string().max(64), z.string().trim().max(500)), L('confirmations')).default({}),
  version: l(z.number().int().min(1), L('version')),
});
export type FilingInput = z.output<typeof FilingInput>;

export const ReviewInput = z.object({
  decision: l(z.enum(REVIEW_DECISIONS), L('decision')),
  reason: l(z.string().trim().max(500).optional(), L('reason')),
  version: l(z.number().int().min(1), L('version')),
});
export type ReviewInput = z.output<typeof ReviewInput>;

export const FilingListQuery = z.object({
  round: l(queryInt(1).optional(), L('round')),
  status: l(z.enum(FILING_STATUSES).optional(), L('status')),
  page: l(queryInt(1, 100000).default(1), L('page')),
  pageSize: l(queryInt(1, 200).default(50), L('pageSize')),
});
export type FilingListQuery = z.output<typeof FilingListQuery>;

const filingFields = {
  id: z.number().int(),
  round: z.object({
    id: z.number().int(),
    titleZh: z.string(),
    titleEn: z.string(),
    period: z.string(),
    deadline: z.string(),
    overdue: z.boolean(),
    formId: z.number().int(),
  }),
  orgId: z.number().int(),
  orgName: z.string(),
  districtCode: z.string().nullable(),
  status: z.enum(FILING_STATUSES),
  reason: z.string().nullable(),
  version: z.number().int(),
  submittedAt: Timestamp.nullable(),
  decidedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
  can: z.object({ edit: z.boolean(), review: z.boolean() }),
};

export const FilingSummary = z.object(filingFields).meta({ id: 'SurveyFilingSummary' });
export const FilingList = z.object({ items: z.array(FilingSummary), total: z.number().int() });

export const FilingView = z
  .object({
    ...filingFields,
    values: z.record(z.string(), cellValue),
    confirmations: z.record(z.string(), z.string()),
    prefilled: z.boolean().meta({ description: 'the values shown are a prefill (profile, last period), not yet saved' }),
    last: z
      .object({ period: z.string(), values: z.record(z.string(), cellValue) })
      .nullable()
      .meta({ description: 'the organization’s accepted filing of the same form for the period before' }),
    form: FormView,
  })
  .meta({ id: 'SurveyFiling' });
export type FilingView = z.infer<typeof FilingView>;

export const HistoryView = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      action: z.string(),
      actorId: z.number().int().nullable(),
      actorName: z.string().nullable(),
      at: Timestamp,
      before: z.record(z.string(), z.unknown()).nullable(),
      after: z.record(z.string(), z.unknown()).nullable(),
      changedFields: z.array(z.string()),
    }),
  ),
});
