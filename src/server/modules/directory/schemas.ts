/**
 * Shapes of the directory API. One zod schema per shape validates requests, documents them in
 * OpenAPI and is reused by the import (a spreadsheet row is validated as an OrgInput).
 * Codes that are editable reference data (categories, districts, clusters) are checked by the
 * service against the database, not here.
 */
import { z } from 'zod';
import { ORG_KINDS, RECOGNITION_KINDS, REVENUE_BANDS } from '../reference/index.ts';
import { checkUscc, normalizeUscc } from './uscc.ts';
import { dateText, emailText, optionalText, phoneText } from '../../platform/http/fields.ts';


export const Uscc = z
  .string()
  .transform(normalizeUscc)
  .superRefine((code, ctx) => {
    const problem = checkUscc(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.key, params: 'params' in problem ? problem.params : {} });
  });


export const Recognition = z
  .object({
    kind: z.enum(RECOGNITION_KINDS),
    validFrom: dateText.nullable().optional(),
    validTo: dateText.nullable().optional(),
    certificateNo: optionalText(64),
  })
  .refine((r) => !r.validFrom || !r.validTo || r.validTo >= r.validFrom, { message: 'field.validRange', path: ['validTo'] });

const orgFields = {
  uscc: Uscc,
  name: z.string().trim().min(2).max(100),
  formerNames: z.array(z.string().trim().min(1).max(100)).max(20),
  kinds: z.array(z.enum(ORG_KINDS)).max(ORG_KINDS.length),
  categories: z.array(z.string().max(32)).max(8),
  districtCode: z.string().regex(/^\d{6}$/, 'field.unknownDistrict').nullable().optional(),
  clusterId: z.string().max(64).nullable().optional(),
  address: optionalText(200),
  contactPerson: optionalText(50),
  contactPhone: phoneText,
  contactEmail: emailText,
  foundedOn: dateText.nullable().optional(),
  employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  revenueBand: z.enum(REVENUE_BANDS).nullable().optional(),
  recognitions: z.array(Recognition).max(20),
  description: optionalText(5000),
  website: z
    .string()
    .trim()
    .refine((v) => v === '' || /^https?:\/\/[^\s.]+\.[^\s]+$/i.test(v), 'field.url')
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
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
  version: z.number().int().min(1).optional(),
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
  q: z.string().max(200).optional(),
  category: csv(z.string().max(32)),
  district: csv(z.string().max(6)),
  cluster: csv(z.string().max(64)),
  kind: csv(z.string().max(32)),
  recognition: csv(z.string().max(32)),
  sort: z.enum(SORTS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type OrgListQuery = z.output<typeof OrgListQuery>;

export interface OrgRecognition {
  kind: string;
  validFrom: string | null;
  validTo: string | null;
  certificateNo: string | null;
}

export interface Org {
  id: number;
  uscc: string;
  name: string;
  formerNames: string[];
  kinds: string[];
  categories: string[];
  districtCode: string | null;
  clusterId: string | null;
  address: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  foundedOn: string | null;
  employees: number | null;
  revenueBand: string | null;
  recognitions: OrgRecognition[];
  description: string | null;
  website: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
