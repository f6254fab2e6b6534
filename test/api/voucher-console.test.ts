/**
 * The offices' console around vouchers (issue 11 leftovers): the objections to a claim with their contact (the
 * reviewing office only), a notice whose period ended labelled as ended, each side's claims on its own wallet page.
 */
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
});
