import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { plainOrg, scheme, techSme } from '../helpers/vouchers.ts';

describe.each(engines())('voucher schemes and issue on %s', (engine) => {
  let t: TestApp;
  let sme: Awaited<ReturnType<typeof techSme>>;
  beforeAll(async () => {
    t = await startApp(engine);
    sme = await techSme(t, 'sme');
  });
  afterAll(() => t.close());

  it('creates a scheme from a name and a budget, every other rule at its RULES.md default', async () => {
    const s = await scheme(t, { name: '2026 年度科技创新券', budgetFen: 1_000_000_00 });
    expect(s).toMatchObject({
      maxSharePct: 50,
      yearlyCapFen: 300_000_00,
      teamYearlyCapFen: 100_000_00,
      noticeDays: 7,
      citySharePct: 100,
      districtCode: null,
      status: 'open',
      excludedKinds: ['statutory_inspection', 'commercial_inspection', 'mandatory_testing', 'batch_testing'],
      ledger: { budgetFen: 1_000_000_00, availableFen: 1_000_000_00, allocatedFen: 0, reservedFen: 0, redeemedFen: 0, paidFen: 0 },
    });
    expect(s.eligibilityText).toEqual(['持有有效的科技型中小企业认定', '在已登记的孵化载体内孵化的创业团队，且人数不少于 3 人']);
    const got = await t.request({ url: `/api/v1/voucher-schemes/${s.id}` });
    expect(got.json().ledger.availableFen).toBe(1_000_000_00);
  });

  it('names each bad field by its label and lets only the offices configure schemes', async () => {
    const bad = await t.request({ method: 'POST', url: '/api/v1/voucher-schemes', role: 'admin', body: { name: '券', budgetFen: -5, maxSharePct: 120 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { path: 'name', message: '「方案名称」至少 2 个字（现有 1 个）。' },
      { path: 'budgetFen', message: '「预算总额」应大于 0。' },
      { path: 'maxSharePct', message: '「抵扣比例上限」不能大于 100。' },
    ]);
    expect((await t.request({ url: '/api/v1/voucher-schemes' })).json().items.some((x: { name: string }) => x.name === '券')).toBe(false);
    expect((await t.request({ method: 'POST', url: '/api/v1/voucher-schemes', role: 'member', body: { name: '会员的方案', budgetFen: 100 } })).statusCode).toBe(
      403,
    );
    const city = await t.request({
      method: 'POST',
      url: '/api/v1/voucher-schemes',
      role: 'district',
      body: { name: '市级方案', budgetFen: 100, districtCode: null },
    });
    expect(city.statusCode).toBe(403);
    // a district admin's scheme is its district's, co-funded half and half by default
    const district = await t.request({
      method: 'POST',
      url: '/api/v1/voucher-schemes',
      role: 'district',
      body: { name: '渝中区配套创新券', budgetFen: 100_000_00 },
    });
    expect(district.statusCode).toBe(201);
    expect(district.json()).toMatchObject({ districtCode: '500103', citySharePct: 50 });
  });

  it('issues to an eligible holder, refuses the ineligible, the yearly cap and an over-budget issue with 409', async () => {
    const s = await scheme(t, { name: '小额方案', budgetFen: 500_000_00, yearlyCapFen: 200_000_00 });
    const issue = (holderOrgId: number, amountFen: number) =>
      t.request({ method: 'POST', url: '/api/v1/vouchers', role: 'admin', body: { schemeId: s.id, holderOrgId, amountFen } });
    const ok = await issue(sme.orgId, 150_000_00);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ voucherNo: expect.stringMatching(/^KJQ\d{4}\d{6}$/), amountFen: 150_000_00, balanceFen: 150_000_00, status: 'active' });
    expect(ok.json().validUntil > new Date().toISOString().slice(0, 10)).toBe(true);
    const cap = await issue(sme.orgId, 60_000_00);
    expect(cap.statusCode).toBe(409);
    expect(cap.json().error.message).toBe('超过年度上限：每家机构每年最多 200000 元，今年还可发放 50000 元。');
    const nobody = await plainOrg(t, '重庆无认定贸易有限公司');
    const refused = await issue(nobody.id, 10_000_00);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('“重庆无认定贸易有限公司”不符合该方案的申领条件。');
    const lapsed = await techSme(t, 'lapsed', { recognitions: [{ kind: 'tech_sme', validFrom: '2020-01-01', validTo: '2021-12-31' }] });
    expect((await issue(lapsed.orgId, 10_000_00)).statusCode).toBe(409);
    const other = await techSme(t, 'other');
    const other2 = await techSme(t, 'other2');
    expect((await issue(other.orgId, 200_000_00)).statusCode).toBe(201);
    const over = await issue(other2.orgId, 150_000_01);
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toBe('方案预算不足：可用余额 150000 元。');
    const after = (await t.request({ url: `/api/v1/voucher-schemes/${s.id}` })).json();
    expect(after.ledger).toMatchObject({ allocatedFen: 350_000_00, availableFen: 150_000_00 });
    // the member sees its own wallet, not the others'
    const wallet = (await t.request({ url: '/api/v1/vouchers', headers: { cookie: sme.cookie } })).json();
    expect(wallet.items.map((v: { holder: { orgId: number } }) => v.holder.orgId)).toEqual([sme.orgId]);
    const foreign = await t.request({ url: `/api/v1/vouchers/${ok.json().id}`, headers: { cookie: other.cookie } });
    expect(foreign.statusCode).toBe(404);
  });

  it('shows a member why it qualifies or not, and an approved application issues the voucher', async () => {
    const s = await scheme(t, { name: '申领方案', budgetFen: 100_000_00 });
    const plain = await techSme(t, 'plainmember', { recognitions: [] });
    const why = (await t.request({ url: '/api/v1/voucher-eligibility', headers: { cookie: plain.cookie } })).json();
    const item = why.items.find((i: { scheme: { id: number } }) => i.scheme.id === s.id);
    expect(item.eligible).toBe(false);
    expect(item.checks).toEqual([
      { text: '持有有效的科技型中小企业认定', met: false },
      { text: '在已登记的孵化载体内孵化', met: false },
      { text: '人数不少于 3 人（名录登记 40 人）', met: true },
    ]);
    const no = await t.request({
      method: 'POST',
      url: '/api/v1/voucher-applications',
      headers: { cookie: plain.cookie },
      body: { schemeId: s.id, amountFen: 50_000_00, purpose: '委托开展新材料性能检测服务' },
    });
    expect(no.statusCode).toBe(409);

    const applied = await t.request({
      method: 'POST',
      url: '/api/v1/voucher-applications',
      headers: { cookie: sme.cookie },
      body: { schemeId: s.id, amountFen: 50_000_00, purpose: '委托开展新材料性能检测服务' },
    });
    expect(applied.statusCode).toBe(201);
    expect(applied.json().checks).toEqual([{ text: '持有有效的科技型中小企业认定', met: true }]);
    const twice = await t.request({
      method: 'POST',
      url: '/api/v1/voucher-applications',
      headers: { cookie: sme.cookie },
      body: { schemeId: s.id, amountFen: 10_000_00, purpose: '再次申领同一方案的创新券' },
    });
    expect(twice.json().error.message).toBe('本机构已有该方案的待审核申领，请等待审核结果。');
    const noReason = await t.request({
      method: 'POST',
      url: `/api/v1/voucher-applications/${applied.json().id}/decision`,
      role: 'admin',
      body: { decision: 'reject' },
    });
    expect(noReason.json().error.fields[0]).toMatchObject({ path: 'reason', message: expect.stringContaining('不予通过时请填写理由') });
    const approved = await t.request({
      method: 'POST',
      url: `/api/v1/voucher-applications/${applied.json().id}/decision`,
      role: 'admin',
      body: { decision: 'approve', amountFen: 40_000_00 },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', voucherId: expect.any(Number) });
    const v = (await t.request({ url: `/api/v1/vouchers/${approved.json().voucherId}`, headers: { cookie: sme.cookie } })).json();
    expect(v).toMatchObject({ amountFen: 40_000_00, applicationId: applied.json().id });
    const again = await t.request({
      method: 'POST',
      url: `/api/v1/voucher-applications/${applied.json().id}/decision`,
      role: 'admin',
      body: { decision: 'approve' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('returns what an expired voucher did not spend to the budget', async () => {
    const s = await scheme(t, { name: '到期方案', budgetFen: 100_000_00 });
    const holder = await techSme(t, 'expiring');
    const v = (
      await t.request({ method: 'POST', url: '/api/v1/vouchers', role: 'admin', body: { schemeId: s.id, holderOrgId: holder.orgId, amountFen: 30_000_00 } })
    ).json();
    expect((await t.request({ url: `/api/v1/voucher-schemes/${s.id}` })).json().ledger.availableFen).toBe(70_000_00);
    const later = Date.parse(`${v.validUntil}T12:00:00+08:00`) + 86400_000;
    expect(await t.services.vouchers.expireDue(later)).toBeGreaterThanOrEqual(1);
    const after = (await t.request({ url: `/api/v1/voucher-schemes/${s.id}` })).json().ledger;
    expect(after).toMatchObject({ availableFen: 100_000_00, allocatedFen: 0 });
    expect((await t.request({ url: `/api/v1/vouchers/${v.id}`, role: 'admin' })).json()).toMatchObject({ status: 'expired', balanceFen: 0 });
  });

  it('never issues past the budget by a fen under 1,000 simultaneous issues, and the ledger adds up', async () => {
    const amount = 1_000_00;
    const s = await scheme(t, { name: '并发方案', budgetFen: 500 * amount + 99 });
    const holders = await Promise.all(Array.from({ length: 10 }, (_, i) => techSme(t, `race${i}`)));
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        t.request({ method: 'POST', url: '/api/v1/vouchers', role: 'admin', body: { schemeId: s.id, holderOrgId: holders[i % 10].orgId, amountFen: amount } }),
      ),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(500);
    expect(codes.filter((c) => c === 409)).toHaveLength(500);
    const ledger = (await t.request({ url: `/api/v1/voucher-schemes/${s.id}` })).json().ledger;
    expect(ledger).toMatchObject({ allocatedFen: 500 * amount, availableFen: 99 });
    const issued = await t.db.query<{ n: string; total: string }>(sql`SELECT count(*) AS n, sum(amount_fen) AS total FROM vouchers WHERE scheme_id = ${s.id}`);
    expect(Number(issued.rows[0].n)).toBe(500);
    expect(Number(issued.rows[0].total)).toBe(500 * amount);
    expect(await t.services.vouchers.repo.ledgerSums(s.id)).toEqual({ allocated: 500 * amount, reserved: 0, redeemed: 0, paid: 0 });
  }, 240_000);
});
