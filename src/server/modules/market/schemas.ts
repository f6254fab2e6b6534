/**
 * Shapes of the technology-market API: achievements (科技成果), demands (技术需求), experts (专家库),
 * search, match feedback and deals. Money is integer fen; field codes are editable reference data
 * checked by the services against the database.
 */
import { z } from 'zod';
import { csvList, dateText, emailText, optionalText, patchFields, phoneText } from '../../platform/http/fields.ts';

export const MATURITIES = ['research', 'small_pilot', 'pilot', 'industrial'] as const; // 研发 / 小试 / 中试 / 产业化
export const IP_TYPES = ['invention', 'utility_model', 'design', 'software_copyright'] as const;
export const TRANSFER_MODES = ['transfer', 'license', 'equity', 'joint_development'] as const; // 转让 / 许可 / 作价入股 / 合作开发
export const COOPERATION_MODES = [...TRANSFER_MODES, 'consulting', 'commissioned'] as const; // + 技术咨询 / 委托研发
export const LISTING_STATUSES = ['draft', 'in_review', 'published', 'closed'] as const;
export const TECH_MANAGER_GRADES = ['junior', 'intermediate', 'senior'] as const;
export const MATCH_KINDS = ['achievement', 'expert', 'provider', 'instrument'] as const;
export const VERDICTS = ['relevant', 'not_relevant', 'contacted'] as const;
export const DEAL_STATUSES = ['inquiry', 'negotiating', 'agreed', 'withdrawn'] as const;
export const SEARCH_KINDS = ['achievement', 'demand', 'expert', 'org', 'instrument'] as const;

export type Maturity = (typeof MATURITIES)[number];
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export type MatchKind = (typeof MATCH_KINDS)[number];
export type Verdict = (typeof VERDICTS)[number];
export type SearchKind = (typeof SEARCH_KINDS)[number];

const fen = z.number().int().min(0).max(1e14);
const fieldCode = z.string().min(1).max(32);
const keywords = z.array(z.string().trim().min(1).max(40)).max(20);

// ------------------------------------------------------------------ achievements

const IpItem = z.object({
  type: z.enum(IP_TYPES),
  // 发明专利 ZL202310123456.7, 软著 2023SR0123456: checked for shape only, the registries are not ours
  number: z.string().trim().min(4, 'market.ipNumber').max(40).regex(/^[A-Za-z0-9.\-/ ]+$/, 'market.ipNumber'),
});

const achievementFields = {
  ownerOrgId: z.number().int().positive().optional(),
  title: z.string().trim().min(4).max(200),
  abstract: z.string().trim().min(20, 'market.abstractShort').max(5000),
  keywords,
  disciplineCode: fieldCode.nullable().optional(),
  industryCode: fieldCode.nullable().optional(),
  maturity: z.enum(MATURITIES),
  trl: z.number().int().min(1).max(9).nullable().optional(),
  ip: z.array(IpItem).max(50).default([]),
  transferModes: z.array(z.enum(TRANSFER_MODES)).min(1, 'market.transferModeRequired').max(TRANSFER_MODES.length),
  priceNegotiable: z.boolean().default(true),
  priceMinFen: fen.nullable().optional(),
  priceMaxFen: fen.nullable().optional(),
  inventorIds: z.array(z.number().int().positive()).max(30).default([]),
};

function refinePrice(v: { priceNegotiable?: unknown; priceMinFen?: unknown; priceMaxFen?: unknown }, ctx: z.RefinementCtx) {
  if (v.priceNegotiable === false && v.priceMinFen == null && v.priceMaxFen == null) ctx.addIssue({ code: 'custom', message: 'market.priceRequired', path: ['priceMinFen'] });
  if (typeof v.priceMinFen === 'number' && typeof v.priceMaxFen === 'number' && v.priceMaxFen < v.priceMinFen) ctx.addIssue({ code: 'custom', message: 'market.priceOrder', path: ['priceMaxFen'] });
}

export const AchievementInput = z.object(achievementFields).superRefine(refinePrice);
export type AchievementInput = z.output<typeof AchievementInput>;
export const AchievementPatch = z
  .object({ ...patchFields(achievementFields), version: z.number().int().positive().optional() })
  .superRefine(refinePrice) as unknown as z.ZodType<Partial<AchievementInput> & { version?: number }>;
export type AchievementPatch = Partial<AchievementInput> & { version?: number };

// ------------------------------------------------------------------ demands

const demandFields = {
  orgId: z.number().int().positive().optional(),
  title: z.string().trim().min(4).max(200),
  description: z.string().trim().min(20, 'market.descriptionShort').max(5000),
  industryCode: fieldCode.nullable().optional(),
  disciplineCode: fieldCode.nullable().optional(),
  maturityNeeded: z.enum(MATURITIES).nullable().optional(),
  budgetNegotiable: z.boolean().default(true),
  budgetFen: fen.nullable().optional(),
  deadline: dateText.nullable().optional(),
  cooperationModes: z.array(z.enum(COOPERATION_MODES)).min(1, 'market.cooperationModeRequired').max(COOPERATION_MODES.length),
  districtCode: z.string().regex(/^\d{6}$/, 'field.unknownDistrict').nullable().optional(),
  contactName: optionalText(50),
  contactPhone: phoneText,
};

function refineBudget(v: { budgetNegotiable?: unknown; budgetFen?: unknown }, ctx: z.RefinementCtx) {
  if (v.budgetNegotiable === false && v.budgetFen == null) ctx.addIssue({ code: 'custom', message: 'market.budgetRequired', path: ['budgetFen'] });
}

export const DemandInput = z.object(demandFields).superRefine(refineBudget);
export type DemandInput = z.output<typeof DemandInput>;
export const DemandPatch = z
  .object({ ...patchFields(demandFields), version: z.number().int().positive().optional() })
  .superRefine(refineBudget) as unknown as z.ZodType<Partial<DemandInput> & { version?: number }>;
export type DemandPatch = Partial<DemandInput> & { version?: number };

// ------------------------------------------------------------------ experts

const expertFields = {
  name: z.string().trim().min(2).max(50),
  title: optionalText(50),
  affiliationOrgId: z.number().int().positive().nullable().optional(),
  affiliation: optionalText(100),
  fields: z.array(fieldCode).max(10).default([]),
  keywords: keywords.default([]),
  biography: optionalText(5000),
  consulting: z.boolean().default(false),
  consultingNote: optionalText(500),
  techManagerGrade: z.enum(TECH_MANAGER_GRADES).nullable().optional(),
  commissioner: z.boolean().default(false),
  districtCode: z.string().regex(/^\d{6}$/, 'field.unknownDistrict').nullable().optional(),
  phone: phoneText,
  email: emailText,
  status: z.enum(['active', 'inactive']).default('active'),
  /** admins may link the expert to an account; a member creating their own profile is linked to themself */
  userId: z.number().int().positive().nullable().optional(),
};
export const ExpertInput = z.object(expertFields);
export type ExpertInput = z.output<typeof ExpertInput>;
export const ExpertPatch = z.object({ ...patchFields(expertFields), version: z.number().int().positive().optional() }) as unknown as z.ZodType<Partial<ExpertInput> & { version?: number }>;
export type ExpertPatch = Partial<ExpertInput> & { version?: number };
export const ConsentInput = z.object({ contactVisible: z.boolean() });

// ------------------------------------------------------------------ lists and search

const page = {
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
const q = z.string().trim().max(200).optional();

export const AchievementListQuery = z.object({
  q,
  discipline: csvList(fieldCode),
  industry: csvList(fieldCode),
  maturity: csvList(z.enum(MATURITIES)),
  transferMode: csvList(z.enum(TRANSFER_MODES)),
  owner: z.coerce.number().int().positive().optional(),
  status: csvList(z.enum(LISTING_STATUSES)),
  sort: z.enum(['relevance', 'newest']).optional(),
  ...page,
});
export type AchievementListQuery = z.output<typeof AchievementListQuery>;

export const DemandListQuery = z.object({
  q,
  industry: csvList(fieldCode),
  discipline: csvList(fieldCode),
  district: csvList(z.string().regex(/^\d{6}$/, 'field.unknownDistrict')),
  cooperationMode: csvList(z.enum(COOPERATION_MODES)),
  owner: z.coerce.number().int().positive().optional(),
  status: csvList(z.enum(LISTING_STATUSES)),
  sort: z.enum(['relevance', 'newest']).optional(),
  ...page,
});
export type DemandListQuery = z.output<typeof DemandListQuery>;

const yesNo = z.enum(['true', 'false']).transform((v) => v === 'true').optional();
export const ExpertListQuery = z.object({
  q,
  field: csvList(fieldCode),
  techManagerGrade: csvList(z.enum(TECH_MANAGER_GRADES)),
  commissioner: yesNo,
  consulting: yesNo,
  affiliation: z.coerce.number().int().positive().optional(),
  ...page,
});
export type ExpertListQuery = z.output<typeof ExpertListQuery>;

export const SearchQuery = z.object({ q: z.string().trim().min(1, 'market.queryRequired').max(200), kind: z.enum(SEARCH_KINDS).optional(), ...page });
export type SearchQuery = z.output<typeof SearchQuery>;

// ------------------------------------------------------------------ matching, deals, reference

export const FeedbackInput = z.object({
  demandId: z.number().int().positive(),
  kind: z.enum(MATCH_KINDS),
  targetId: z.number().int().positive(),
  verdict: z.enum(VERDICTS).nullable(),
});
export type FeedbackInput = z.output<typeof FeedbackInput>;

const message = z.string().trim().min(2, 'deal.messageRequired').max(5000);
export const DealInput = z
  .object({ achievementId: z.number().int().positive().optional(), demandId: z.number().int().positive().optional(), message })
  .refine((d) => (d.achievementId == null) !== (d.demandId == null), { message: 'deal.subjectRequired', path: ['achievementId'] });
export type DealInput = z.output<typeof DealInput>;
export const DealMessageInput = z.object({ body: message });
export const WithdrawInput = z.object({ reason: z.string().trim().min(2, 'deal.reasonRequired').max(500) });
export const DealListQuery = z.object({ status: csvList(z.enum(DEAL_STATUSES)), ...page });
export const ReviewInput = z
  .object({ approve: z.boolean(), reason: z.string().trim().max(500).optional() })
  .refine((r) => r.approve || (r.reason?.length ?? 0) >= 2, { message: 'market.reviewReasonRequired', path: ['reason'] });

export const TechFieldInput = z.object({ name: z.string().trim().min(2).max(50), nameEn: z.string().trim().min(2).max(100) });
export const SynonymInput = z.object({ terms: z.array(z.string().trim().min(1).max(40)).min(2, 'market.synonymTooFew').max(20) });
