/**
 * Innovation vouchers (科技创新券) as the API takes and gives them. Every default is RULES.md's (vouchers), and
 * every one is editable per scheme: the city's own 实施管理办法 was not found.
 */
import { z } from 'zod';
import { Timestamp } from '../../platform/http/contract.ts';
import { dateText, IdParam, optionalText, patchFields, queryInt } from '../../platform/http/fields.ts';
import { labelled as l } from '../../platform/http/validation.ts';
import { DEFAULT_ELIGIBILITY, RuleSchema } from './eligibility.ts';

export const VOUCHER_STATUSES = ['active', 'expired', 'cancelled'] as const;
export const APPLICATION_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export const SCHEME_STATUSES = ['open', 'closed'] as const;
/** the services a voucher never pays for (RULES.md): the same codes as a service's restrictedKind */
export const VOUCHER_EXCLUDED_KINDS = ['statutory_inspection', 'commercial_inspection', 'mandatory_testing', 'batch_testing'] as const;
/** the budget ledger: available → allocated (issued) → reserved (at checkout) → redeemed (claim approved) → paid */
export const LEDGER_BUCKETS = ['available', 'allocated', 'reserved', 'redeemed', 'paid'] as const;
export type LedgerBucket = (typeof LEDGER_BUCKETS)[number];
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const SCHEME_DEFAULTS = {
  maxSharePct: 50,
  yearlyCapFen: 300_000_00,
  teamYearlyCapFen: 100_000_00,
  validityMonths: 12,
  excludedKinds: [...VOUCHER_EXCLUDED_KINDS],
  citySharePct: 100,
  districtCitySharePct: 50,
  noticeDays: 7,
};

const L = (f: string) => `voucher.label.${f}`;
const fen = (label: string) => l(z.number().int().positive().max(1e14), label);
const pct = (label: string) => l(z.number().int().min(1).max(100), label);

const schemeFields = {
  name: l(z.string().trim().min(2).max(100), L('name')),
  budgetFen: fen(L('budgetFen')),
  districtCode: l(
    z
      .string()
      .regex(/^\d{6}$/, 'field.unknownDistrict')
      .nullable(),
    L('districtCode'),
  ),
  description: l(optionalText(2000), L('description')),
  eligibility: l(RuleSchema, L('eligibility')),
  maxSharePct: pct(L('maxSharePct')),
  yearlyCapFen: fen(L('yearlyCapFen')),
  teamYearlyCapFen: fen(L('teamYearlyCapFen')),
  validityMonths: l(z.number().int().min(1).max(36), L('validityMonths')),
  eligibleCategories: l(z.array(z.string().max(32)).max(30), L('eligibleCategories')),
  eligibleProviderIds: l(z.array(z.number().int().positive()).max(500), L('eligibleProviderIds')),
  excludedKinds: l(z.array(z.enum(VOUCHER_EXCLUDED_KINDS)).max(VOUCHER_EXCLUDED_KINDS.length), L('excludedKinds')),
  citySharePct: l(z.number().int().min(0).max(100), L('citySharePct')),
  noticeDays: l(z.number().int().min(1).max(60), L('noticeDays')),
};

/** `{ name, budgetFen }` is enough: every other field takes its RULES.md default. */
export const SchemeInput = z.object({
  name: schemeFields.name,
  budgetFen: schemeFields.budgetFen,
  districtCode: schemeFields.districtCode.optional(),
  description: schemeFields.description,
  eligibility: schemeFields.eligibility.default(DEFAULT_ELIGIBILITY),
  maxSharePct: schemeFields.maxSharePct.default(SCHEME_DEFAULTS.maxSharePct),
  yearlyCapFen: schemeFields.yearlyCapFen.default(SCHEME_DEFAULTS.yearlyCapFen),
  teamYearlyCapFen: schemeFields.teamYearlyCapFen.default(SCHEME_DEFAULTS.teamYearlyCapFen),
  validityMonths: schemeFields.validityMonths.default(SCHEME_DEFAULTS.validityMonths),
  eligibleCategories: schemeFields.eligibleCategories.default([]),
  eligibleProviderIds: schemeFields.eligibleProviderIds.default([]),
  excludedKinds: schemeFields.excludedKinds.default(SCHEME_DEFAULTS.excludedKinds),
  citySharePct: schemeFields.citySharePct.optional(),
  noticeDays: schemeFields.noticeDays.default(SCHEME_DEFAULTS.noticeDays),
});
export type SchemeInput = z.output<typeof SchemeInput>;

export const SchemePatch = z.object({
  ...patchFields(schemeFields),
  status: l(z.enum(SCHEME_STATUSES), L('status')).optional(),
  version: l(z.number().int().positive(), L('version')),
});
export type SchemePatch = z.output<typeof SchemePatch>;

export const IssueInput = z.object({
  schemeId: l(z.number().int().positive(), L('schemeId')),
  holderOrgId: l(z.number().int().positive(), L('holderOrgId')),
  amountFen: fen(L('amountFen')),
  validUntil: l(dateText.optional(), L('validUntil')),
});
export type IssueInput = z.output<typeof IssueInput>;

/** Cancelling a voucher: the office says why (the holder and the audit trail read it). */
export const CancelInput = z.object({ reason: l(z.string().trim().min(2, 'voucher.cancelReasonRequired').max(500), L('reason')) });
export type CancelInput = z.output<typeof CancelInput>;

export const ApplicationInput = z.object({
  schemeId: l(z.number().int().positive(), L('schemeId')),
  amountFen: fen(L('amountFen')),
  purpose: l(z.string().trim().min(10, 'voucher.purposeShort').max(2000), L('purpose')),
});
export type ApplicationInput = z.output<typeof ApplicationInput>;

export const DecisionInput = z
  .object({
    decision: l(z.enum(['approve', 'reject']), L('decision')),
    amountFen: fen(L('amountFen')).optional(),
    reason: l(optionalText(500), L('reason')),
  })
  .refine((d) => d.decision === 'approve' || (d.reason ?? '').length >= 2, { message: 'voucher.reasonRequired', path: ['reason'] });
export type DecisionInput = z.output<typeof DecisionInput>;

export const IdParams = z.object({ id: IdParam });
const page = { page: queryInt(1, 10_000).default(1), pageSize: queryInt(1, 100).default(20) };
export const VoucherListQuery = z.object({
  schemeId: queryInt(1).optional(),
  holderOrgId: queryInt(1).optional(),
  status: z.enum(VOUCHER_STATUSES).optional(),
  ...page,
});
export const ApplicationListQuery = z.object({ schemeId: queryInt(1).optional(), status: z.enum(APPLICATION_STATUSES).optional(), ...page });
export const EligibilityQuery = z.object({ orgId: queryInt(1).optional() });

// ------------------------------------------------------------------ responses

export const LedgerView = z
  .object({
    budgetFen: z.number().int(),
    availableFen: z.number().int(),
    allocatedFen: z.number().int().meta({ description: 'issued on vouchers, not yet applied to an order' }),
    reservedFen: z.number().int().meta({ description: 'applied to orders, not yet approved on a claim' }),
    redeemedFen: z.number().int().meta({ description: 'approved claims, not yet paid' }),
    paidFen: z.number().int(),
  })
  .meta({ id: 'VoucherLedger' });

export const SchemeView = z
  .object({
    id: z.number().int(),
    name: z.string(),
    districtCode: z.string().nullable(),
    description: z.string().nullable(),
    eligibility: z.unknown().meta({ description: 'the rule tree (all / any of facts: recognition, orgKind, employees, district, incubated)' }),
    eligibilityText: z.array(z.string()),
    maxSharePct: z.number().int(),
    yearlyCapFen: z.number().int(),
    teamYearlyCapFen: z.number().int(),
    validityMonths: z.number().int(),
    eligibleCategories: z.array(z.string()),
    eligibleProviderIds: z.array(z.number().int()),
    excludedKinds: z.array(z.enum(VOUCHER_EXCLUDED_KINDS)),
    citySharePct: z.number().int(),
    noticeDays: z.number().int(),
    status: z.enum(SCHEME_STATUSES),
    ledger: LedgerView,
    voucherCount: z.number().int(),
    createdAt: Timestamp,
    version: z.number().int(),
    can: z.object({ edit: z.boolean(), issue: z.boolean() }),
  })
  .meta({ id: 'VoucherScheme' });
export const SchemeListView = z.object({ items: z.array(SchemeView) });

export const VoucherView = z
  .object({
    id: z.number().int(),
    voucherNo: z.string(),
    scheme: z.object({ id: z.number().int(), name: z.string(), maxSharePct: z.number().int() }),
    holder: z.object({ orgId: z.number().int(), name: z.string() }),
    amountFen: z.number().int(),
    balanceFen: z.number().int().meta({ description: 'not yet applied to an order' }),
    status: z.enum(VOUCHER_STATUSES),
    validUntil: z.string(),
    issuedAt: Timestamp,
    applicationId: z.number().int().nullable(),
    cancelReason: z.string().nullable(),
    cancelledAt: Timestamp.nullable(),
    can: z.object({ cancel: z.boolean() }),
  })
  .meta({ id: 'Voucher' });
export const VoucherListView = z.object({ items: z.array(VoucherView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const CheckView = z.object({ text: z.string(), met: z.boolean() });
export const ApplicationView = z
  .object({
    id: z.number().int(),
    scheme: z.object({ id: z.number().int(), name: z.string() }),
    holder: z.object({ orgId: z.number().int(), name: z.string(), districtCode: z.string().nullable() }),
    amountFen: z.number().int(),
    purpose: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    checks: z.array(CheckView),
    reason: z.string().nullable(),
    voucherId: z.number().int().nullable(),
    createdAt: Timestamp,
    decidedAt: Timestamp.nullable(),
    can: z.object({ decide: z.boolean() }),
  })
  .meta({ id: 'VoucherApplication' });
export const ApplicationListView = z.object({ items: z.array(ApplicationView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const EligibilityView = z
  .object({
    orgId: z.number().int(),
    items: z.array(
      z.object({
        scheme: z.object({ id: z.number().int(), name: z.string(), maxSharePct: z.number().int() }),
        eligible: z.boolean(),
        checks: z.array(CheckView),
        capFen: z.number().int().meta({ description: 'the yearly cap that applies to this holder' }),
        usedThisYearFen: z.number().int(),
        openApplication: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'VoucherEligibility' });
