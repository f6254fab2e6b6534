/**
 * The offices' console around vouchers (issue 11 leftovers): the objections to a claim with their contact (the
 * reviewing office only), a notice whose period ended labelled as ended, each side's claims on its own wallet page.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { orgWithMember } from '../helpers/market.ts';
import { catalogueService, orderSteps } from '../helpers/orders.ts';
import { scheme, techSme } from '../helpers/vouchers.ts';

describe.each(engines())('the voucher console on %s', (engine) => {
  let t: TestApp;
  let buyer: Awaited<ReturnType<typeof techSme>>;
  let provider: Awaited<ReturnType<typeof orgWithMember>>;
  let rival: Awaited<ReturnType<typeof orgWithMember>>;
  let steps: ReturnType<typeof orderSteps>;
  let schemeId: number;
  let serviceId: number;
  const issue = async (holderOrgId: number, amountFen: number, over: Record<string, unknown> = {}) => {
    const res = await t.request({ method: 'POST', url: '/api/v1/vouchers', role: 'admin', body: { schemeId, holderOrgId, amountFen, ...over } });
    if (res.statusCode !== 201) throw new Error(`issue: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const ledger = async (id = schemeId) => (await t.request({ url: `/api/v1/voucher-schemes/${id}` })).json().ledger;
  /** a paid order of `holder` half paid by a fresh voucher, and the provider's claim on it */
  const claimOf = async (holder: { orgId: number; cookie: string }, totalFen = 10_000_00) => {
    const v = await issue(holder.orgId, totalFen);
    const orderId = await steps.confirmed(holder, provider, serviceId, totalFen);
    expect((await steps.post(`/api/v1/orders/${orderId}/voucher`, holder, { voucherId: v.id })).statusCode).toBe(200);
    await steps.paid(orderId, holder, provider);
    const res = await steps.post('/api/v1/voucher-claims', provider, { orderId });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const approve = async (id: number, role: 'admin' | 'district' = 'district') => {
    const res = await t.request({ method: 'POST', url: `/api/v1/voucher-claims/${id}/review`, role, body: { decision: 'approve' } });
    expect(res.json().status).toBe('in_notice');
    return res.json();
  };

  beforeAll(async () => {
    t = await startApp(engine);
    steps = orderSteps(t);
    buyer = await techSme(t, `cbuyer_${engine}`, { districtCode: '500103' });
    provider = await orgWithMember(t, `cprov_${engine}`, { name: '重庆市计量质量检测研究院有限公司', districtCode: '500103' });
    rival = await orgWithMember(t, `crival_${engine}`, { name: '重庆第三方检测有限公司', districtCode: '500103' });
    schemeId = (await scheme(t, { name: '2026 年度创新券（控制台）', budgetFen: 1_000_000_00 })).id;
    serviceId = await catalogueService(t, provider.orgId);
  });
  afterAll(() => t.close());

  it('shows the objections to a claim, with the contact, to its reviewing office only; the public never sees the contact', async () => {
    const c = await approve((await claimOf(buyer)).id);
    const objection = { name: '李四', contact: '13800002222', reason: '该服务机构并未完成合同约定的全部检测项目。' };
    expect((await t.request({ method: 'POST', url: `/api/v1/voucher-notices/${c.id}/objections`, body: objection })).statusCode).toBe(201);

    for (const role of ['district', 'admin'] as const) {
      const res = await t.request({ url: `/api/v1/voucher-claims/${c.id}/objections`, role });
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([expect.objectContaining({ ...objection, id: expect.any(Number), createdAt: expect.any(String) })]);
    }
    // the claim tells the office it may look, and the parties that they may not
    expect((await t.request({ url: `/api/v1/voucher-claims/${c.id}`, role: 'district' })).json()).toMatchObject({
      objections: 1,
      can: { seeObjections: true },
    });
    expect((await t.request({ url: `/api/v1/voucher-claims/${c.id}`, headers: { cookie: provider.cookie } })).json().can.seeObjections).toBe(false);

    // the two parties see the claim but not who objected; another provider does not even see the claim; nor does the public
    for (const who of [provider, buyer]) {
      const res = await t.request({ url: `/api/v1/voucher-claims/${c.id}/objections`, headers: { cookie: who.cookie } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('公示异议及异议人的联系方式仅审核该兑付申请的科技部门可见。');
    }
    expect((await t.request({ url: `/api/v1/voucher-claims/${c.id}/objections`, headers: { cookie: rival.cookie } })).statusCode).toBe(404);
    expect((await t.request({ url: `/api/v1/voucher-claims/${c.id}/objections` })).statusCode).toBe(401);
    const notices = (await t.request({ url: '/api/v1/voucher-notices' })).json().items;
    expect(notices.find((n: { id: number }) => n.id === c.id)).toMatchObject({ state: 'open' });
    expect(JSON.stringify(notices)).not.toContain('13800002222');

    // a district office sees only its district's claims' objections
    const north = await techSme(t, `cnorth_${engine}`, { districtCode: '500105' });
    const far = await approve((await claimOf(north)).id, 'admin');
    expect((await t.request({ url: `/api/v1/voucher-claims/${far.id}/objections`, role: 'district' })).statusCode).toBe(404);
    expect((await t.request({ url: `/api/v1/voucher-claims/${far.id}/objections`, role: 'admin' })).json().items).toEqual([]);
  });

  it('labels a notice whose period ended as ended, on the public page and in the console, and takes no more objections', async () => {
    const c = await approve((await claimOf(buyer)).id);
    expect(c.noticeState).toBe('open');
    await t.services.voucherClaims.endNoticeForDemo(c.id, new Date(Date.now() - 60_000));
    const notice = (await t.request({ url: '/api/v1/voucher-notices' })).json().items.find((n: { id: number }) => n.id === c.id);
    expect(notice).toMatchObject({ state: 'ended' });
    const seen = (await t.request({ url: `/api/v1/voucher-claims/${c.id}`, role: 'district' })).json();
    expect(seen).toMatchObject({ status: 'in_notice', noticeState: 'ended' });
    const late = await t.request({
      method: 'POST',
      url: `/api/v1/voucher-notices/${c.id}/objections`,
      body: { name: '王五', contact: '13900001111', reason: '公示期满之后才看到这条公示。' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('公示期已结束，不再受理异议。');
    // a claim not yet approved has no notice state, and is not on the public page
    const fresh = await claimOf(buyer);
    expect(fresh.noticeState).toBeNull();
    expect((await t.request({ url: '/api/v1/voucher-notices' })).json().items.some((n: { id: number }) => n.id === fresh.id)).toBe(false);
  });

  it('lists each side its own claims: the holder those filed on its vouchers, the provider those it filed, nobody else any', async () => {
    const holder = await techSme(t, `cholder_${engine}`, { districtCode: '500103' });
    const c = await claimOf(holder, 30_000_00);
    const ids = async (who: { cookie: string }, side?: string) =>
      (await t.request({ url: `/api/v1/voucher-claims?pageSize=100${side ? `&side=${side}` : ''}`, headers: { cookie: who.cookie } }))
        .json()
        .items.map((x: { id: number }) => x.id);
    const mine = (await t.request({ url: '/api/v1/voucher-claims?side=holder', headers: { cookie: holder.cookie } })).json().items;
    expect(mine).toEqual([
      expect.objectContaining({
        id: c.id,
        status: 'submitted',
        amountFen: 15_000_00,
        holder: expect.objectContaining({ orgId: holder.orgId }),
        provider: { orgId: provider.orgId, name: '重庆市计量质量检测研究院有限公司' },
        evidence: expect.objectContaining({ totalFen: 30_000_00, voucherFen: 15_000_00 }),
      }),
    ]);
    expect(await ids(holder)).toEqual([c.id]);
    // the holder files no claim: as provider it has none; the provider's side has it, the holder's side of the provider none
    expect(await ids(holder, 'provider')).toEqual([]);
    expect(await ids(provider, 'provider')).toContain(c.id);
    expect(await ids(provider, 'holder')).toEqual([]);
    // neither another provider nor another holder sees it
    expect(await ids(rival)).toEqual([]);
    expect(await ids(buyer)).not.toContain(c.id);
    const bad = await t.request({ url: '/api/v1/voucher-claims?side=both', headers: { cookie: holder.cookie } });
    expect(bad.statusCode).toBe(400);
  });

  it('edits a scheme: its office only, with its version, never a budget below what is committed; every change in the audit trail', async () => {
    const s = await scheme(t, { name: '可修改的方案', budgetFen: 100_000_00 });
    const holder = await techSme(t, `cedit_${engine}`, { districtCode: '500103' });
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/vouchers',
      role: 'admin',
      body: { schemeId: s.id, holderOrgId: holder.orgId, amountFen: 60_000_00 },
    });
    expect(res.statusCode).toBe(201);
    const patch = (role: 'admin' | 'district' | 'member', body: Record<string, unknown>) =>
      t.request({ method: 'PATCH', url: `/api/v1/voucher-schemes/${s.id}`, role, body });

    // a district office does not edit a city scheme; nor does a member
    expect((await patch('district', { version: 1, maxSharePct: 40 })).statusCode).toBe(403);
    expect((await patch('member', { version: 1, maxSharePct: 40 })).statusCode).toBe(403);
    // below what is issued: refused, naming the field, and nothing changes
    const low = await patch('admin', { version: 1, budgetFen: 50_000_00, maxSharePct: 40 });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.fields).toEqual([expect.objectContaining({ path: 'budgetFen', message: expect.stringContaining('预算总额') })]);
    expect(low.json().error.fields[0].message).toContain('60000');
    expect((await t.request({ url: `/api/v1/voucher-schemes/${s.id}` })).json()).toMatchObject({
      maxSharePct: 50,
      version: 1,
      ledger: { budgetFen: 100_000_00 },
    });
    // down to exactly what is committed, with other rules
    const ok = await patch('admin', { version: 1, name: '可修改的方案（调整）', budgetFen: 60_000_00, maxSharePct: 40, citySharePct: 70, noticeDays: 10 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      name: '可修改的方案（调整）',
      maxSharePct: 40,
      citySharePct: 70,
      noticeDays: 10,
      version: 2,
      ledger: { budgetFen: 60_000_00, availableFen: 0, allocatedFen: 60_000_00 },
    });
    // a stale version is a conflict
    expect((await patch('admin', { version: 1, noticeDays: 5 })).statusCode).toBe(409);
    const audit = (await t.request({ url: '/api/v1/audit?type=voucher.scheme_updated', role: 'admin' })).json().items;
    expect(audit.some((e: { subjectId: string }) => e.subjectId === String(s.id))).toBe(true);
  });

  it('cancels a voucher with a reason: its office only; the unused balance goes back to the budget, the share on an order stays', async () => {
    const holder = await techSme(t, `ccancel_${engine}`, { districtCode: '500103' });
    const v = await issue(holder.orgId, 20_000_00);
    expect(v.can.cancel).toBe(true);
    const orderId = await steps.confirmed(holder, provider, serviceId, 10_000_00);
    expect((await steps.post(`/api/v1/orders/${orderId}/voucher`, holder, { voucherId: v.id })).statusCode).toBe(200);
    const before = await ledger();
    const cancel = (who: { role?: 'admin' | 'district'; cookie?: string }, body: Record<string, unknown>) =>
      t.request({
        method: 'POST',
        url: `/api/v1/vouchers/${v.id}/cancel`,
        ...(who.role ? { role: who.role } : { headers: { cookie: who.cookie! } }),
        body,
      });

    // the reason is required; the holder, a district office (of a city scheme) and strangers may not
    const bare = await cancel({ role: 'admin' }, { reason: ' ' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields).toEqual([expect.objectContaining({ path: 'reason', message: '作废创新券时请填写理由。' })]);
    expect((await cancel({ cookie: holder.cookie }, { reason: '自行放弃' })).statusCode).toBe(403);
    expect((await t.request({ url: `/api/v1/vouchers/${v.id}`, headers: { cookie: holder.cookie } })).json().can.cancel).toBe(false);
    expect((await cancel({ role: 'district' }, { reason: '区县作废' })).statusCode).toBe(403);
    expect((await cancel({ cookie: rival.cookie }, { reason: '他人作废' })).statusCode).toBe(404);
    expect(await ledger()).toEqual(before);

    const done = await cancel({ role: 'admin' }, { reason: '企业已注销，收回未使用额度' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'cancelled', balanceFen: 0, cancelReason: '企业已注销，收回未使用额度', can: { cancel: false } });
    // the unused 15,000 yuan went back to the budget; the 5,000 yuan on the order stays reserved
    const after = await ledger();
    expect(after.availableFen - before.availableFen).toBe(15_000_00);
    expect(after.allocatedFen - before.allocatedFen).toBe(-15_000_00);
    expect(after.reservedFen).toBe(before.reservedFen);
    const sums = await t.services.vouchers.repo.ledgerSums(schemeId);
    expect(sums).toEqual({ allocated: after.allocatedFen, reserved: after.reservedFen, redeemed: after.redeemedFen, paid: after.paidFen });
    expect((await cancel({ role: 'admin' }, { reason: '再次作废' })).json().error.message).toBe('该创新券已过期或已作废，不能再作废。');
    const audit = (await t.request({ url: '/api/v1/audit?type=voucher.cancelled', role: 'admin' })).json().items;
    expect(audit.find((e: { subjectId: string }) => e.subjectId === String(v.id))).toBeTruthy();

    // a cancelled voucher pays nothing more; taken off the order, its share goes back to the budget, not to the voucher
    const another = await steps.confirmed(holder, provider, serviceId, 10_000_00);
    const refused = await steps.post(`/api/v1/orders/${another}/voucher`, holder, { voucherId: v.id });
    expect(refused.json().error.message).toBe('该创新券已作废。');
    expect((await t.request({ method: 'DELETE', url: `/api/v1/orders/${orderId}/voucher`, headers: { cookie: holder.cookie } })).statusCode).toBe(200);
    const off = await ledger();
    expect(off.availableFen - before.availableFen).toBe(20_000_00);
    expect(off.reservedFen - before.reservedFen).toBe(-5_000_00);
  });

  it('splits each claim of a payment batch between the city and the district by the scheme’s share, fixed in the batch and its xlsx', async () => {
    // a district's co-funded scheme (the default: city 50%) and a city scheme set to city 70%
    const districtScheme = await t.request({
      method: 'POST',
      url: '/api/v1/voucher-schemes',
      role: 'district',
      body: { name: '渝中区创新券', budgetFen: 100_000_00 },
    });
    expect(districtScheme.json()).toMatchObject({ districtCode: '500103', citySharePct: 50 });
    const cityScheme = await scheme(t, { name: '市级创新券（七三分担）', budgetFen: 100_000_00, citySharePct: 70 });
    const holder = await techSme(t, `csplit_${engine}`, { districtCode: '500103' });
    const paidClaim = async (sid: number, role: 'admin' | 'district', totalFen: number) => {
      const v = await t.request({ method: 'POST', url: '/api/v1/vouchers', role, body: { schemeId: sid, holderOrgId: holder.orgId, amountFen: totalFen } });
      expect(v.statusCode).toBe(201);
      const orderId = await steps.confirmed(holder, provider, serviceId, totalFen);
      expect((await steps.post(`/api/v1/orders/${orderId}/voucher`, holder, { voucherId: v.json().id })).statusCode).toBe(200);
      await steps.paid(orderId, holder, provider);
      const c = (await steps.post('/api/v1/voucher-claims', provider, { orderId })).json();
      await approve(c.id);
      await t.services.voucherClaims.endNoticeForDemo(c.id, new Date(Date.now() - 60_000));
      return c;
    };
    // 3,333.33 yuan at 50%: the odd fen goes to the city, and the parts add up exactly
    const a = await paidClaim(districtScheme.json().id, 'district', 6_666_66);
    const b = await paidClaim(cityScheme.id, 'admin', 20_000_00);
    expect(a.shares).toMatchObject({ cityFen: 1_666_67, districtFen: 1_666_66, districtCode: '500103', fixed: false });

    const batchA = (
      await t.request({ method: 'POST', url: '/api/v1/voucher-payment-batches', role: 'admin', body: { schemeId: districtScheme.json().id } })
    ).json();
    const batchB = (await t.request({ method: 'POST', url: '/api/v1/voucher-payment-batches', role: 'admin', body: { schemeId: cityScheme.id } })).json();
    expect(batchA).toMatchObject({ totalFen: 3_333_33, cityFen: 1_666_67, districtFen: 1_666_66, claimCount: 1 });
    expect(batchB).toMatchObject({ totalFen: 10_000_00, cityFen: 7_000_00, districtFen: 3_000_00 });
    // the split is fixed in the batch: changing the scheme afterwards does not rewrite it
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/voucher-schemes/${cityScheme.id}`,
      role: 'admin',
      body: { version: cityScheme.version, citySharePct: 100 },
    });
    expect(patched.statusCode).toBe(200);
    const detail = (await t.request({ url: `/api/v1/voucher-payment-batches/${batchB.id}`, role: 'admin' })).json();
    expect(detail).toMatchObject({ cityFen: 7_000_00, districtFen: 3_000_00 });
    expect(detail.claims).toEqual([
      expect.objectContaining({ id: b.id, shares: { cityFen: 7_000_00, districtFen: 3_000_00, districtCode: '500103', districtName: '渝中区', fixed: true } }),
    ]);

    // the finance office's xlsx, read back by ExcelJS
    const xlsx = await t.request({ url: `/api/v1/voucher-payment-batches/${batchA.id}/export`, role: 'admin' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1).map((x) => String(x ?? '')));
    });
    expect(rows[1][0]).toBe('共 1 笔，合计 3333.33 元（市级承担 1666.67 元，区县承担 1666.66 元）');
    const col = (h: string) => rows[2].indexOf(h);
    expect(rows[3][col('兑付金额（元）')]).toBe('3333.33');
    expect(rows[3][col('市级承担（元）')]).toBe('1666.67');
    expect(rows[3][col('区县承担（元）')]).toBe('1666.66');
    expect(rows[3][col('承担区县')]).toBe('渝中区');
  });
});
