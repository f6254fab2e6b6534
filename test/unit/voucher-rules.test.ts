/** The voucher's intricate rules without a database: eligibility over facts, and every checkout refusal. */
import { describe, expect, it } from 'vitest';
import '../../src/server/modules/vouchers/messages.ts';
import { translate } from '../../src/server/platform/http/i18n.ts';
import { DEFAULT_ELIGIBILITY, evaluate, isTeam, type OrgFacts } from '../../src/server/modules/vouchers/eligibility.ts';
import { type CheckoutFacts, maxShare, refusal } from '../../src/server/modules/vouchers/checkout/rules.ts';
import { validUntilFor } from '../../src/server/modules/vouchers/dates.ts';
import type { Scheme, Voucher } from '../../src/server/modules/vouchers/repository.ts';

const facts = (over: Partial<OrgFacts> = {}): OrgFacts => ({
  kinds: ['enterprise'],
  recognitions: [],
  employees: 10,
  districtCode: '500103',
  incubated: false,
  ...over,
});

describe('eligibility as data', () => {
  it('qualifies a tech SME, or an incubated team of at least 3, and says why not', () => {
    expect(evaluate(DEFAULT_ELIGIBILITY, facts({ recognitions: [{ kind: 'tech_sme', validTo: '2099-01-01' }] })).eligible).toBe(true);
    expect(evaluate(DEFAULT_ELIGIBILITY, facts({ incubated: true, employees: 3 })).eligible).toBe(true);
    const two = evaluate(DEFAULT_ELIGIBILITY, facts({ incubated: true, employees: 2 }));
    expect(two.eligible).toBe(false);
    expect(two.checks.map((c) => [translate('zh-CN', c.key, c.params), c.met])).toEqual([
      ['持有有效的科技型中小企业认定', false],
      ['在已登记的孵化载体内孵化', true],
      ['人数不少于 3 人（名录登记 2 人）', false],
    ]);
    expect(isTeam(facts({ incubated: true }))).toBe(true);
    expect(isTeam(facts({ incubated: true, recognitions: [{ kind: 'tech_sme', validTo: null }] }))).toBe(false);
  });

  it('combines all and any, districts and org kinds', () => {
    const rule = {
      all: [
        { fact: 'orgKind' as const, kind: 'enterprise' as const },
        { fact: 'district' as const, codes: ['500112'] },
      ],
    };
    expect(evaluate(rule, facts()).eligible).toBe(false);
    expect(evaluate(rule, facts({ districtCode: '500112' })).eligible).toBe(true);
  });

  it('ends a validity on the day before the same date, months later (month ends clamp)', () => {
    expect(validUntilFor('2026-12-01', 12)).toBe('2027-11-30');
    expect(validUntilFor('2026-01-31', 1)).toBe('2026-02-27');
    expect(validUntilFor('2026-03-15', 6)).toBe('2026-09-14');
  });
});

const scheme = (over: Partial<Scheme> = {}): Scheme =>
  ({
    id: 1,
    maxSharePct: 50,
    excludedKinds: ['statutory_inspection', 'commercial_inspection', 'mandatory_testing', 'batch_testing'],
    eligibleCategories: [],
    eligibleProviderIds: [],
    ...over,
  }) as Scheme;
const voucher = (over: Partial<Voucher> = {}): Voucher =>
  ({ id: 9, holderOrgId: 1, balanceFen: 100_000_00, status: 'active', validUntil: '2027-06-30', ...over }) as Voucher;
const checkout = (over: Partial<CheckoutFacts> = {}): CheckoutFacts => ({
  order: {
    id: 5,
    orderNo: 'FW1',
    title: '检测',
    buyerOrgId: 1,
    providerOrgId: 2,
    kind: 'service',
    serviceId: 3,
    bookingId: null,
    categoryCode: 'testing',
    restrictedKind: null,
    status: 'confirmed',
    totalFen: 80_000_00,
    voucherId: null,
    voucherFen: 0,
  },
  voucher: voucher(),
  scheme: scheme(),
  related: null,
  today: '2026-12-01',
  ...over,
});
const why = (f: CheckoutFacts) => {
  const r = refusal(f);
  return r && translate('zh-CN', r.key, r.params);
};

describe('a voucher at checkout', () => {
  it('pays at most the scheme’s share of the contract and the voucher’s balance', () => {
    expect(refusal(checkout())).toBeNull();
    expect(maxShare(checkout())).toBe(40_000_00);
    expect(maxShare(checkout({ voucher: voucher({ balanceFen: 12_345 }) }))).toBe(12_345);
    expect(maxShare(checkout({ scheme: scheme({ maxSharePct: 30 }) }))).toBe(24_000_00);
  });

  it('is refused, with the reason, for each rule', () => {
    expect(why(checkout({ related: 'same_org' }))).toBe('不能用创新券购买本机构提供的服务。');
    expect(why(checkout({ related: 'parent' }))).toBe('服务机构是持券机构的子公司，属于关联方，不能使用创新券。');
    expect(why(checkout({ related: 'subsidiary' }))).toBe('服务机构是持券机构的母公司，属于关联方，不能使用创新券。');
    expect(why(checkout({ related: 'shared_legal_representative' }))).toBe('服务机构与持券机构的法定代表人相同，属于关联方，不能使用创新券。');
    const base = checkout();
    expect(why({ ...base, order: { ...base.order, restrictedKind: 'statutory_inspection' } })).toBe('法定检验不在创新券支持范围内。');
    expect(why({ ...base, order: { ...base.order, restrictedKind: 'batch_testing' } })).toBe('批量检测不在创新券支持范围内。');
    expect(why(checkout({ voucher: voucher({ validUntil: '2026-11-30' }) }))).toBe('该创新券已过期（有效期至 2026-11-30）。');
    expect(why(checkout({ voucher: voucher({ status: 'expired' }) }))).toBe('该创新券已过期（有效期至 2027-06-30）。');
    expect(why(checkout({ voucher: voucher({ holderOrgId: 77 }) }))).toBe('这张创新券不属于本订单的购买方，创新券不得转让。');
    expect(why(checkout({ scheme: scheme({ eligibleCategories: ['rd'] }) }))).toBe('该服务类别不在本方案支持的范围内。');
    expect(why(checkout({ scheme: scheme({ eligibleProviderIds: [99] }) }))).toBe('该服务机构不在本方案登记的服务机构名单中。');
    // a scheme that does support a kind lets it through
    expect(why({ ...base, scheme: scheme({ excludedKinds: [] }), order: { ...base.order, restrictedKind: 'batch_testing' } })).toBeNull();
  });
});
