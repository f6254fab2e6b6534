/** Vouchers as a viewer sees them: checks in the request's language, and what the viewer may do (`can`). */
import { type Locale, translate } from '../../platform/http/i18n.ts';
import type { CurrentUser } from '../auth/index.ts';
import type { Check, Rule } from './eligibility.ts';
import type { EligibilityItem } from './service.ts';
import { mayManageScheme } from './policy.ts';
import type { Application, Scheme, Voucher } from './repository.ts';

const checkText = (c: Check, locale: Locale) => ({ text: translate(locale, c.key, c.params), met: c.met });

/** The rule tree in words, one line per alternative: "持有有效的科技型中小企业认定" / "在孵 且 人数不少于 3 人". */
export function describeRule(rule: Rule, locale: Locale): string[] {
  const sentence = (r: Rule): string => {
    if ('all' in r) return r.all.map(sentence).join(translate(locale, 'voucher.rule.and'));
    if ('any' in r) return r.any.map(sentence).join(translate(locale, 'voucher.rule.or'));
    return translate(locale, `${ruleKey(r)}.describe`, ruleParams(r));
  };
  return 'any' in rule ? rule.any.map(sentence) : [sentence(rule)];
}
const ruleKey = (r: Rule) => ('fact' in r ? `voucher.rule.${r.fact === 'employees' ? 'employees' : r.fact}` : 'voucher.rule');
function ruleParams(r: Rule): Record<string, unknown> {
  if (!('fact' in r)) return {};
  if (r.fact === 'recognition') return { kindKey: `voucher.recognition.${r.kind}` };
  if (r.fact === 'orgKind') return { kindKey: `voucher.orgKind.${r.kind}` };
  if (r.fact === 'employees') return { min: r.min ?? 0, max: r.max ?? '∞' };
  if (r.fact === 'district') return { count: r.codes.length };
  return {};
}

export const ledgerOf = (s: Scheme) => ({
  budgetFen: s.budgetFen,
  availableFen: s.budgetFen - s.allocatedFen - s.reservedFen - s.redeemedFen - s.paidFen,
  allocatedFen: s.allocatedFen,
  reservedFen: s.reservedFen,
  redeemedFen: s.redeemedFen,
  paidFen: s.paidFen,
});

export function presentScheme(s: Scheme, viewer: CurrentUser | null, locale: Locale) {
  const manages = mayManageScheme(viewer, s);
  return {
    id: s.id,
    name: s.name,
    districtCode: s.districtCode,
    description: s.description,
    eligibility: s.eligibility,
    eligibilityText: describeRule(s.eligibility, locale),
    maxSharePct: s.maxSharePct,
    yearlyCapFen: s.yearlyCapFen,
    teamYearlyCapFen: s.teamYearlyCapFen,
    validityMonths: s.validityMonths,
    eligibleCategories: s.eligibleCategories,
    eligibleProviderIds: s.eligibleProviderIds,
    excludedKinds: s.excludedKinds as never,
    citySharePct: s.citySharePct,
    noticeDays: s.noticeDays,
    status: s.status,
    ledger: ledgerOf(s),
    voucherCount: s.voucherCount,
    createdAt: s.createdAt,
    version: s.version,
    can: { edit: manages, issue: manages && s.status === 'open' },
  };
}

export const presentVoucher = (v: Voucher, viewer: CurrentUser | null) => ({
  id: v.id,
  voucherNo: v.voucherNo,
  scheme: { id: v.schemeId, name: v.schemeName, maxSharePct: v.maxSharePct },
  holder: { orgId: v.holderOrgId, name: v.holderName },
  amountFen: v.amountFen,
  balanceFen: v.status === 'active' ? v.balanceFen : 0,
  status: v.status,
  validUntil: v.validUntil,
  issuedAt: v.issuedAt,
  applicationId: v.applicationId,
  cancelReason: v.cancelReason,
  cancelledAt: v.cancelledAt,
  can: { cancel: v.status === 'active' && mayManageScheme(viewer, { districtCode: v.schemeDistrict }) },
});

export const presentApplication = (a: Application, viewer: CurrentUser, locale: Locale, schemeDistrict: string | null) => ({
  id: a.id,
  scheme: { id: a.schemeId, name: a.schemeName },
  holder: { orgId: a.holderOrgId, name: a.holderName, districtCode: a.holderDistrict },
  amountFen: a.amountFen,
  purpose: a.purpose,
  status: a.status,
  checks: a.checks.map((c) => checkText(c, locale)),
  reason: a.reason,
  voucherId: a.voucherId,
  createdAt: a.createdAt,
  decidedAt: a.decidedAt,
  can: { decide: a.status === 'submitted' && mayManageScheme(viewer, { districtCode: schemeDistrict }) },
});

export const presentEligibility = (orgId: number, items: EligibilityItem[], locale: Locale) => ({
  orgId,
  items: items.map((i) => ({
    scheme: { id: i.scheme.id, name: i.scheme.name, maxSharePct: i.scheme.maxSharePct },
    eligible: i.verdict.eligible,
    checks: i.verdict.checks.map((c) => checkText(c, locale)),
    capFen: i.capFen,
    usedThisYearFen: i.usedThisYearFen,
    openApplication: i.openApplication,
  })),
});
