/**
 * Services (服务目录) as the API takes and gives them. The coded lists are `as const` tuples used by the
 * server, the OpenAPI document and the web alike. Every request field has a label (messages.ts), so a bad
 * value is reported as「服务名称」至少 2 个字. Money is integer fen; a pricing mode requires its own price
 * fields (fixed: priceFen; range: priceMinFen ≤ priceMaxFen; quote: none) and the others are dropped.
 */
import { z } from 'zod';
import { csvList, dateText, IdParam, optionalText, patchFields, queryInt } from '../../platform/http/fields.ts';
import { labelled as l } from '../../platform/http/validation.ts';
import { Timestamp } from '../../platform/http/contract.ts';

export const SERVICE_PRICING_MODES = ['fixed', 'range', 'quote'] as const;
/** The kinds of service a voucher may never pay for (RULES.md: statutory, commercial, mandatory and batch testing). */
export const SERVICE_RESTRICTED_KINDS = ['statutory_inspection', 'commercial_inspection', 'mandatory_testing', 'batch_testing'] as const;
export const SERVICE_STATUSES = ['published', 'withdrawn'] as const;
export const QUALIFICATION_KINDS = ['CMA', 'CNAS'] as const;

export type PricingMode = (typeof SERVICE_PRICING_MODES)[number];
export type RestrictedKind = (typeof SERVICE_RESTRICTED_KINDS)[number];
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

const L = (field: string) => `service.label.${field}`;
const fen = () => z.number().int().min(0).max(1e13);
const district = () => z.string().regex(/^\d{6}$/, 'field.unknownDistrict');

export const Qualification = z.object({
  kind: l(z.enum(QUALIFICATION_KINDS), L('qualificationKind')),
  number: l(z.string().trim().min(4).max(40), L('qualificationNumber')),
  validTo: l(dateText, L('qualificationValidTo')),
});
export type Qualification = z.output<typeof Qualification>;

const serviceFields = {
  providerOrgId: l(z.number().int().positive(), L('providerOrgId')).optional(),
  title: l(z.string().trim().min(2).max(120), L('title')),
  categoryCode: l(z.string().min(1).max(32), L('categoryCode')),
  subcategory: l(optionalText(60), L('subcategory')),
  description: l(optionalText(5000), L('description')),
  deliverables: l(optionalText(2000), L('deliverables')),
  pricingMode: l(z.enum(SERVICE_PRICING_MODES), L('pricingMode')),
  priceFen: l(fen().nullable().optional(), L('priceFen')),
  priceMinFen: l(fen().nullable().optional(), L('priceMinFen')),
  priceMaxFen: l(fen().nullable().optional(), L('priceMaxFen')),
  turnaroundDays: l(z.number().int().min(1).max(3650).nullable().optional(), L('turnaroundDays')),
  qualifications: l(z.array(Qualification).max(10), L('qualifications')).default([]),
  districtCode: l(district().nullable().optional(), L('districtCode')),
  restrictedKind: l(z.enum(SERVICE_RESTRICTED_KINDS).nullable().optional(), L('restrictedKind')),
};

type PriceFields = { pricingMode?: unknown; priceFen?: unknown; priceMinFen?: unknown; priceMaxFen?: unknown };

/** The price fields the mode requires; run on the merged record too (a PATCH may change the mode alone). */
export function priceProblems(v: PriceFields): { path: string; key: string }[] {
  const out: { path: string; key: string }[] = [];
  if (v.pricingMode === 'fixed' && v.priceFen == null) out.push({ path: 'priceFen', key: 'service.priceRequired' });
  if (v.pricingMode === 'range') {
    if (v.priceMinFen == null) out.push({ path: 'priceMinFen', key: 'service.priceRequired' });
    if (v.priceMaxFen == null) out.push({ path: 'priceMaxFen', key: 'service.priceRequired' });
    if (typeof v.priceMinFen === 'number' && typeof v.priceMaxFen === 'number' && v.priceMaxFen < v.priceMinFen)
      out.push({ path: 'priceMaxFen', key: 'service.priceOrder' });
  }
  return out;
}

function refinePrice(v: PriceFields, ctx: z.RefinementCtx) {
  for (const p of priceProblems(v)) ctx.addIssue({ code: 'custom', message: p.key, path: [p.path] });
}

export const ServiceInput = z.object(serviceFields).superRefine(refinePrice);
export type ServiceInput = z.output<typeof ServiceInput>;

export const ServicePatch = z
  .object({
    ...patchFields(serviceFields),
    status: l(z.enum(SERVICE_STATUSES), L('status')).optional(),
    version: l(z.number().int().positive(), L('version')).optional(),
  })
  .superRefine((v, ctx) => {
    // only when the patch names the mode: otherwise the merged record is checked by the service
    if (v.pricingMode) refinePrice(v, ctx);
  });
export type ServicePatch = z.output<typeof ServicePatch>;

export const ServiceListQuery = z.object({
  q: l(z.string().trim().max(100), L('q')).optional(),
  category: l(csvList(z.string().max(32)), L('categoryCode')),
  district: l(csvList(district()), L('districtCode')),
  pricingMode: l(csvList(z.enum(SERVICE_PRICING_MODES)), L('pricingMode')),
  providerOrgId: l(IdParam, L('providerOrgId')).optional(),
  page: l(queryInt(1, 10000), L('page')).default(1),
  pageSize: l(queryInt(1, 100), L('pageSize')).default(20),
});
export type ServiceListQuery = z.output<typeof ServiceListQuery>;

export const IdParams = z.object({ id: l(IdParam, L('id')) });
export const OrgIdParams = z.object({ orgId: l(IdParam, L('providerOrgId')) });

// ------------------------------------------------------------------ responses

const PricingModeSchema = z.enum(SERVICE_PRICING_MODES).meta({ description: 'fixed 固定价, range 价格区间, quote 面议' });
const RestrictedKindSchema = z.enum(SERVICE_RESTRICTED_KINDS).meta({
  description:
    'statutory_inspection 法定检验, commercial_inspection 商业检验, mandatory_testing 强制检测, batch_testing 批量检测: a voucher never pays for these',
});

export const QualificationView = z
  .object({
    kind: z.enum(QUALIFICATION_KINDS),
    number: z.string(),
    validTo: z.string(),
    valid: z.boolean().meta({ description: 'validTo is today or later (Beijing time)' }),
  })
  .meta({ id: 'ServiceQualification' });

export const ServiceView = z
  .object({
    id: z.number().int(),
    providerOrgId: z.number().int(),
    providerName: z.string(),
    title: z.string(),
    categoryCode: z.string(),
    categoryName: z.string(),
    subcategory: z.string().nullable(),
    description: z.string().nullable(),
    deliverables: z.string().nullable(),
    pricingMode: PricingModeSchema,
    priceFen: z.number().int().nullable(),
    priceMinFen: z.number().int().nullable(),
    priceMaxFen: z.number().int().nullable(),
    turnaroundDays: z.number().int().nullable(),
    qualifications: z.array(QualificationView),
    districtCode: z.string().nullable(),
    restrictedKind: RestrictedKindSchema.nullable(),
    status: z.enum(SERVICE_STATUSES),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    can: z.object({ edit: z.boolean() }),
  })
  .meta({ id: 'Service', description: '服务 A service a provider publishes in the catalogue' });

const Facet = z.object({ code: z.string(), count: z.number().int() });
export const ServiceListView = z
  .object({
    items: z.array(ServiceView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    fuzzy: z.boolean().meta({ description: 'true when typo-tolerant (pinyin) matching found these, exact matching nothing' }),
    facets: z.object({ category: z.array(Facet), district: z.array(Facet) }),
  })
  .meta({ id: 'ServiceList' });

const StorefrontInstrument = z.object({
  id: z.number().int(),
  name: z.string(),
  className: z.string(),
  priceUnit: z.string(),
  priceExternalFen: z.number().int(),
  status: z.string(),
});
const StorefrontAchievement = z.object({ id: z.number().int(), title: z.string(), summary: z.string().nullable() });

export const StorefrontView = z
  .object({
    org: z.object({
      id: z.number().int(),
      name: z.string(),
      description: z.string().nullable(),
      districtCode: z.string().nullable(),
      categories: z.array(z.string()),
    }),
    services: z.array(ServiceView),
    instruments: z.object({ items: z.array(StorefrontInstrument), total: z.number().int() }),
    achievements: z.object({ items: z.array(StorefrontAchievement), total: z.number().int() }),
  })
  .meta({ id: 'ProviderStorefront', description: '机构店铺 A provider’s services, instruments and achievements' });
