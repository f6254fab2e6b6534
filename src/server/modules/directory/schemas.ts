/**
 * Shapes of the directory API. One zod schema per shape validates requests, documents them in
 * OpenAPI and is reused by the import (a spreadsheet row is validated as an OrgInput).
 * Codes that are editable reference data (categories, districts, clusters) are checked by the
 * service against the database, not here.
 */
import { z } from 'zod';
import { ORG_KINDS, RECOGNITION_KINDS, REVENUE_BANDS } from '../reference/index.ts';
import { checkUscc, normalizeUscc } from './uscc.ts';
import { dateText, emailText, optionalText, phoneText, IdParam, queryInt } from '../../platform/http/fields.ts';
import { labelled as l } from '../../platform/http/validation.ts';
import { Timestamp } from '../../platform/http/contract.ts';

export const Uscc = z
  .string()
  .transform(normalizeUscc)
  .superRefine((code, ctx) => {
    const problem = checkUscc(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.key, params: 'params' in problem ? problem.params : {} });
  });

export const Recognition = z
  .object({
    kind: l(z.enum(RECOGNITION_KINDS), 'org.label.recognition.kind'),
    validFrom: l(dateText.nullable().optional(), 'org.label.recognition.validFrom'),
    validTo: l(dateText.nullable().optional(), 'org.label.recognition.validTo'),
    certificateNo: l(optionalText(64), 'org.label.recognition.certificateNo'),
  })
  .refine((r) => !r.validFrom || !r.validTo || r.validTo >= r.validFrom, { message: 'field.validRange', path: ['validTo'] });

const orgFields = {
  uscc: l(Uscc, 'org.label.uscc'),
  name: l(z.string().trim().min(2).max(100), 'org.label.name'),
  formerNames: l(z.array(z.string().trim().min(1).max(100)).max(20), 'org.label.formerNames'),
  kinds: l(z.array(z.enum(ORG_KINDS)).max(ORG_KINDS.length), 'org.label.kinds'),
  categories: l(z.array(z.string().max(32)).max(8), 'org.label.categories'),
  districtCode: l(
    z
      .string()
      .regex(/^\d{6}$/, 'field.unknownDistrict')
      .nullable()
      .optional(),
    'org.label.districtCode',
  ),
  clusterId: l(z.string().max(64).nullable().optional(), 'org.label.clusterId'),
  address: l(optionalText(200), 'org.label.address'),
  contactPerson: l(optionalText(50), 'org.label.contactPerson'),
  contactPhone: l(phoneText, 'org.label.contactPhone'),
  contactEmail: l(emailText, 'org.label.contactEmail'),
  foundedOn: l(dateText.nullable().optional(), 'org.label.foundedOn'),
  employees: l(z.number().int().min(0).max(10_000_000).nullable().optional(), 'org.label.employees'),
  revenueBand: l(z.enum(REVENUE_BANDS).nullable().optional(), 'org.label.revenueBand'),
  recognitions: l(z.array(Recognition).max(20), 'org.label.recognitions'),
  description: l(optionalText(5000), 'org.label.description'),
  website: l(
    z
      .string()
      .trim()
      .refine((v) => v === '' || /^https?:\/\/[^\s.]+\.[^\s]+$/i.test(v), 'field.url')
      .transform((v) => (v === '' ? null : v))
      .nullable()
      .optional(),
    'org.label.website',
  ),
};

/** Create: lists default to empty. */
export const OrgInput = z.object({
  ...orgFields,
  formerNames: orgFields.formerNames.default([]),
  kinds: orgFields.kinds.default([]),
  categories: orgFields.categories.default([]),
  recognitions: orgFields.recognitions.default([]),
});
export type OrgInput = z.output<typeof OrgInput>;

/** Edit: every field optional and without defaults, so an absent field keeps its value. */
export const OrgPatch = z.object({
  ...Object.fromEntries(Object.entries(orgFields).map(([k, v]) => [k, (v as z.ZodType).optional()])),
  /** optimistic concurrency: the version the editor started from */
  version: l(z.number().int().min(1).optional(), 'org.label.version'),
}) as unknown as z.ZodType<Partial<OrgInput> & { version?: number }>;
export type OrgPatch = Partial<OrgInput> & { version?: number };

const csv = (inner: z.ZodString) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(inner))
    .optional();

export const SORTS = ['relevance', 'name', 'updated', 'founded', 'employees'] as const;

export const OrgListQuery = z.object({
  q: l(z.string().max(200).optional(), 'org.label.q'),
  category: l(csv(z.string().max(32)), 'org.label.categories'),
  district: l(csv(z.string().max(6)), 'org.label.districtCode'),
  cluster: l(csv(z.string().max(64)), 'org.label.clusterId'),
  kind: l(csv(z.string().max(32)), 'org.label.kinds'),
  recognition: l(csv(z.string().max(32)), 'org.label.recognitions'),
  sort: l(z.enum(SORTS).optional(), 'org.label.sort'),
  order: l(z.enum(['asc', 'desc']).optional(), 'org.label.order'),
  page: l(queryInt(1, 100000).default(1), 'org.label.page'),
  pageSize: l(queryInt(1, 200).default(20), 'org.label.pageSize'),
});
export type OrgListQuery = z.output<typeof OrgListQuery>;

export const IdParams = z.object({ id: IdParam });

export const OrgRecognitionView = z.object({
  kind: z.enum(RECOGNITION_KINDS),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  certificateNo: z.string().nullable(),
});
export type OrgRecognition = z.infer<typeof OrgRecognitionView>;

/** An organization as stored. */
export const OrgRecord = z.object({
  id: z.number().int(),
  uscc: z.string(),
  name: z.string(),
  formerNames: z.array(z.string()),
  kinds: z.array(z.enum(ORG_KINDS)),
  categories: z.array(z.string()),
  districtCode: z.string().nullable(),
  clusterId: z.string().nullable(),
  address: z.string().nullable(),
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  foundedOn: z.string().nullable().meta({ description: 'YYYY-MM-DD' }),
  employees: z.number().int().nullable(),
  revenueBand: z.enum(REVENUE_BANDS).nullable(),
  recognitions: z.array(OrgRecognitionView),
  description: z.string().nullable(),
  website: z.string().nullable(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Org = z.infer<typeof OrgRecord>;

/** An organization as a caller sees it: contact details masked for the public (contactMasked). */
export const OrgView = OrgRecord.extend({ contactMasked: z.boolean() }).meta({ id: 'Org' });
export type OrgView = z.infer<typeof OrgView>;

const Facet = z.object({ code: z.string(), count: z.number().int() });
export const OrgListView = z
  .object({
    items: z.array(OrgView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    fuzzy: z.boolean().meta({ description: 'true when typo-tolerant matching found these, exact matching nothing' }),
    approximate: z.boolean().meta({ description: 'true when total is an estimate: the words match more than 1,000 organizations (pages write "约")' }),
    facetsApproximate: z.boolean().meta({ description: 'true when the facet counts are estimates from a sample of the matches' }),
    facets: z.object({ category: z.array(Facet), district: z.array(Facet) }),
  })
  .meta({ id: 'OrgList' });

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
  .meta({ id: 'HistoryEntry' });
export const HistoryView = z.object({ items: z.array(HistoryEntryView), total: z.number().int() });

export const SpreadsheetFormat = z.object({ format: l(z.enum(['xlsx', 'csv']).default('xlsx'), 'org.label.format') });
