/**
 * A voucher through an order (issue 11): applied at checkout within the rules, the claim assembled from the order,
 * reviewed by the holder's district, on public notice, in a payment batch exported as xlsx, paid — and the ledger
 * exact at every step.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { orgWithMember } from '../helpers/market.ts';
import { catalogueService, orderSteps } from '../helpers/orders.ts';
import { scheme, techSme } from '../helpers/vouchers.ts';

describe.each(engines())('vouchers on orders and their claims on %s', (engine) => {
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
  const ledger = async () => (await t.request({ url: `/api/v1/voucher-schemes/${schemeId}` })).json().ledger;

  beforeAll(async () => {
    t = await startApp(engine);
    steps = orderSteps(t);
    buyer = await techSme(t, `vbuyer_${engine}`, { districtCode: '500103' });
    provider = await orgWithMember(t, `vprov_${engine}`, { name: '重庆市材料检测研究院有限公司', districtCode: '500103' });
    rival = await orgWithMember(t, `vrival_${engine}`, { name: '重庆另一家检测服务有限公司', districtCode: '500103' });
    schemeId = (await scheme(t, { name: '2026 年度创新券', budgetFen: 10_000_000_00 })).id;
    serviceId = await catalogueService(t, provider.orgId);
  });
  afterAll(() => t.close());

  it('pays half of an order with a voucher, assembles the claim from the order and takes it through review, notice, batch and payment', async () => {
    const v = await issue(buyer.orgId, 100_000_00);
    const orderId = await steps.confirmed(buyer, provider, serviceId, 80_000_00);
    const options = (await t.request({ url: `/api/v1/orders/${orderId}/voucher`, headers: { cookie: buyer.cookie } })).json();
    expect(options.options).toEqual([expect.objectContaining({ usable: true, reason: null, shareFen: 40_000_00, payableFen: 40_000_00 })]);
    const tooMuch = await steps.post(`/api/v1/orders/${orderId}/voucher`, buyer, { voucherId: v.id, shareFen: 40_000_01 });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.fields[0].message).toBe('抵扣金额最多 40000 元（合同金额的 50% 且不超过券面余额）。');
    const applied = await steps.post(`/api/v1/orders/${orderId}/voucher`, buyer, { voucherId: v.id });
    expect(applied.statusCode).toBe(200);
    expect(applied.json().applied).toEqual({ voucherId: v.id, voucherFen: 40_000_00, payableFen: 40_000_00 });
    const order = (await t.request({ url: `/api/v1/orders/${orderId}`, headers: { cookie: buyer.cookie } })).json();
    expect(order.payment).toMatchObject({ totalFen: 80_000_00, voucherFen: 40_000_00, payableFen: 40_000_00, voucherId: v.id });
    expect(await ledger()).toMatchObject({ allocatedFen: 60_000_00, reservedFen: 40_000_00 });
    expect((await t.request({ url: `/api/v1/vouchers/${v.id}`, headers: { cookie: buyer.cookie } })).json().balanceFen).toBe(60_000_00);

    // not before the order is paid; then assembled from the order, nothing typed
    const early = await steps.post('/api/v1/voucher-claims', provider, { orderId });
    expect(early.json().error.message).toBe('订单验收并付款后才能提交兑付。');
    await steps.paid(orderId, buyer, provider);
    expect((await steps.post('/api/v1/voucher-claims', buyer, { orderId })).statusCode).toBe(403);
    const claim = await steps.post('/api/v1/voucher-claims', provider, { orderId });
    expect(claim.statusCode).toBe(201);
    const c = claim.json();
    expect(c).toMatchObject({
      status: 'submitted',
      amountFen: 40_000_00,
      holder: { orgId: buyer.orgId },
      provider: { orgId: provider.orgId },
      districtCode: '500103',
      evidence: {
        orderNo: order.orderNo,
        title: '新材料力学性能检测',
        invoiceNo: `5000${orderId}2026`,
        totalFen: 80_000_00,
        voucherFen: 40_000_00,
        contract: { url: `/api/v1/orders/${orderId}/contract.pdf` },
        paymentProof: { url: expect.stringMatching(new RegExp(`^/api/v1/orders/${orderId}/files/\\d+$`)) },
        deliverables: [{ name: '检测报告.pdf', url: expect.any(String) }],
      },
    });
    expect(c.claimNo).toMatch(/^DF\d{8}\d{6}$/);
    expect((await steps.post('/api/v1/voucher-claims', provider, { orderId })).json().error.message).toBe('该订单已提交兑付。');
    expect((await t.request({ method: 'DELETE', url: `/api/v1/orders/${orderId}/voucher`, headers: { cookie: buyer.cookie } })).statusCode).toBe(409);

    // review: returned with a reason, resubmitted, approved by the holder's district office
    const noReason = await t.request({ method: 'POST', url: `/api/v1/voucher-claims/${c.id}/review`, role: 'district', body: { decision: 'return' } });
    expect(noReason.json().error.fields[0]).toMatchObject({ path: 'reason' });
    const returned = await t.request({
      method: 'POST',
      url: `/api/v1/voucher-claims/${c.id}/review`,
      role: 'district',
      body: { decision: 'return', reason: '请补充检测报告的 CMA 章页' },
    });
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '请补充检测报告的 CMA 章页', can: { resubmit: false } });
    expect((await t.request({ url: `/api/v1/voucher-claims/${c.id}`, headers: { cookie: provider.cookie } })).json().can.resubmit).toBe(true);
    expect((await steps.post(`/api/v1/voucher-claims/${c.id}/resubmit`, provider)).json().status).toBe('submitted');
    const approved = await t.request({ method: 'POST', url: `/api/v1/voucher-claims/${c.id}/review`, role: 'district', body: { decision: 'approve' } });
    expect(approved.json().status).toBe('in_notice');
    const until = Date.parse(approved.json().noticeUntil);
    expect(Math.round((until - Date.now()) / 86400_000)).toBe(7);
    expect(await ledger()).toMatchObject({ reservedFen: 0, redeemedFen: 40_000_00 });

    // the public notice, without personal data, and its objection form
    const notice = (await t.request({ url: '/api/v1/voucher-notices' })).json().items.find((n: { id: number }) => n.id === c.id);
    expect(notice).toMatchObject({
      holderName: expect.stringContaining('vbuyer'),
      providerName: '重庆市材料检测研究院有限公司',
      title: '新材料力学性能检测',
      amountFen: 40_000_00,
    });
    expect(JSON.stringify(notice)).not.toMatch(/invoice|contact/i);
    const objection = await t.request({
      method: 'POST',
      url: `/api/v1/voucher-notices/${c.id}/objections`,
      body: { name: '王五', contact: '13900001111', reason: '该检测服务实际未在本年度开展。' },
    });
    expect(objection.statusCode).toBe(201);
    const shortObjection = await t.request({
      method: 'POST',
      url: `/api/v1/voucher-notices/${c.id}/objections`,
      body: { name: '王五', contact: '139', reason: '不对' },
    });
    expect(shortObjection.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['contact', 'reason']);

    // a batch takes only claims whose notice ended; the finance office's xlsx reads back
    expect((await t.request({ method: 'POST', url: '/api/v1/voucher-payment-batches', role: 'admin', body: {} })).json().error.message).toBe(
      '没有公示期满、待拨付的兑付申请。',
    );
    expect((await t.request({ method: 'POST', url: '/api/v1/voucher-payment-batches', role: 'district', body: {} })).statusCode).toBe(403);
    const admin = { id: 1, username: 'admin', displayName: '管理员', role: 'admin' as const, orgId: null, districtCode: null };
    const batch = await t.services.voucherClaims.createBatch(admin, undefined, new Date(until + 1000));
    expect(batch).toMatchObject({ status: 'open', totalFen: 40_000_00, claimCount: 1 });
    const xlsx = await t.request({ url: `/api/v1/voucher-payment-batches/${batch.id}/export`, role: 'admin' });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1).map((x) => String(x ?? '')));
    });
    expect(rows[0][0]).toBe(`科技创新券拨付清单 ${batch.batchNo}`);
    expect(rows[1][0]).toBe('共 1 笔，合计 40000.00 元（市级承担 40000.00 元，区县承担 0.00 元）');
    expect(rows[2]).toEqual([
      '序号',
      '兑付单号',
      '服务机构',
      '持券机构',
      '创新券编号',
      '订单号',
      '服务项目',
      '合同金额（元）',
      '兑付金额（元）',
      '市级承担（元）',
      '区县承担（元）',
      '承担区县',
      '发票号码',
      '公示截止',
    ]);
    // a city scheme under the default split: the city pays it all, no district
    expect(rows[3].slice(0, 13)).toEqual([
      '1',
      c.claimNo,
      '重庆市材料检测研究院有限公司',
      expect.stringContaining('vbuyer'),
      v.voucherNo,
      order.orderNo,
      '新材料力学性能检测',
      '80000',
      '40000',
      '40000',
      '0',
      '—',
      `5000${orderId}2026`,
    ]);

    const paid = await t.request({ method: 'POST', url: `/api/v1/voucher-payment-batches/${batch.id}/paid`, role: 'admin' });
    expect(paid.json().status).toBe('paid');
    expect((await t.request({ url: `/api/v1/voucher-claims/${c.id}`, headers: { cookie: provider.cookie } })).json().status).toBe('paid');
    expect(await ledger()).toMatchObject({ allocatedFen: 60_000_00, reservedFen: 0, redeemedFen: 0, paidFen: 40_000_00 });
    expect(await t.services.vouchers.repo.ledgerSums(schemeId)).toEqual({ allocated: 60_000_00, reserved: 0, redeemed: 0, paid: 40_000_00 });
    expect((await t.request({ method: 'POST', url: `/api/v1/voucher-payment-batches/${batch.id}/paid`, role: 'admin' })).statusCode).toBe(409);

    // who sees the claim: the two parties and the offices of the holder's district, no other provider
    expect((await t.request({ url: `/api/v1/voucher-claims/${c.id}`, headers: { cookie: rival.cookie } })).statusCode).toBe(404);
    expect((await t.request({ url: '/api/v1/voucher-claims', headers: { cookie: rival.cookie } })).json().items).toEqual([]);
    expect((await t.request({ url: `/api/v1/voucher-claims/${c.id}`, role: 'district' })).statusCode).toBe(200);
  });

  it('shows a district office only the claims of its district’s holders, and lets only it (or the city) review them', async () => {
    // a holder in 江北区 (500105): the 渝中区 office neither sees nor reviews its claim
    const north = await techSme(t, `vnorth_${engine}`, { districtCode: '500105' });
    const v = await issue(north.orgId, 20_000_00);
    const orderId = await steps.confirmed(north, provider, serviceId, 10_000_00);
    expect((await steps.post(`/api/v1/orders/${orderId}/voucher`, north, { voucherId: v.id })).statusCode).toBe(200);
    await steps.paid(orderId, north, provider);
    const c = (await steps.post('/api/v1/voucher-claims', provider, { orderId })).json();
    expect(c.districtCode).toBe('500105');
    expect((await t.request({ url: `/api/v1/voucher-claims/${c.id}`, role: 'district' })).statusCode).toBe(404);
    const listed = (await t.request({ url: '/api/v1/voucher-claims?pageSize=100', role: 'district' })).json().items;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((x: { districtCode: string }) => x.districtCode === '500103')).toBe(true);
    expect(
      (await t.request({ method: 'POST', url: `/api/v1/voucher-claims/${c.id}/review`, role: 'district', body: { decision: 'approve' } })).statusCode,
    ).toBe(404);
    expect(
      (await t.request({ method: 'POST', url: `/api/v1/voucher-claims/${c.id}/review`, role: 'admin', body: { decision: 'approve' } })).json().status,
    ).toBe('in_notice');
  });

  it('refuses a voucher with its reason: related provider, excluded service, expired, someone else’s', async () => {
    const refused = async (who: { cookie: string }, orderId: number, voucherId: number) => {
      const res = await steps.post(`/api/v1/orders/${orderId}/voucher`, who, { voucherId });
      expect(res.statusCode).toBe(409);
      return res.json().error.message;
    };
    const v = await issue(buyer.orgId, 50_000_00);
    // a subsidiary of the buyer provides the service
    const child = await orgWithMember(t, `vchild_${engine}`, { name: '重庆子公司检测有限公司', districtCode: '500103' });
    const rel = await t.request({
      method: 'POST',
      url: `/api/v1/orgs/${buyer.orgId}/relations`,
      role: 'admin',
      body: { kind: 'parent_of', toOrgId: child.orgId },
    });
    expect(rel.statusCode).toBe(201);
    const childOrder = await steps.confirmed(buyer, child, await catalogueService(t, child.orgId));
    expect(await refused(buyer, childOrder, v.id)).toBe('服务机构是持券机构的子公司，属于关联方，不能使用创新券。');
    const options = (await t.request({ url: `/api/v1/orders/${childOrder}/voucher`, headers: { cookie: buyer.cookie } })).json();
    expect(options.options.find((o: { voucher: { id: number } }) => o.voucher.id === v.id)).toMatchObject({
      usable: false,
      shareFen: 0,
      reason: expect.stringContaining('关联方'),
    });
    // the same legal representative
    const twin = await orgWithMember(t, `vtwin_${engine}`, { name: '重庆同一法人检测有限公司', districtCode: '500103' });
    for (const orgId of [buyer.orgId, twin.orgId]) {
      const r = await t.request({ method: 'PUT', url: `/api/v1/orgs/${orgId}/legal-representative`, role: 'admin', body: { legalRepresentative: '赵六' } });
      expect(r.statusCode).toBe(200);
    }
    const twinOrder = await steps.confirmed(buyer, twin, await catalogueService(t, twin.orgId));
    expect(await refused(buyer, twinOrder, v.id)).toBe('服务机构与持券机构的法定代表人相同，属于关联方，不能使用创新券。');
    // a statutory inspection
    const statutory = await catalogueService(t, provider.orgId, { title: '压力容器定期检验', restrictedKind: 'statutory_inspection' });
    const statutoryOrder = await steps.confirmed(buyer, provider, statutory);
    expect(await refused(buyer, statutoryOrder, v.id)).toBe('法定检验不在创新券支持范围内。');
    // someone else's voucher
    const other = await techSme(t, `vother_${engine}`);
    const otherVoucher = await issue(other.orgId, 10_000_00);
    const ordinary = await steps.confirmed(buyer, provider, serviceId);
    expect(await refused(buyer, ordinary, otherVoucher.id)).toBe('这张创新券不属于本订单的购买方，创新券不得转让。');
    // expired: past its last day, expiry returned it to the budget
    const short = await issue(buyer.orgId, 10_000_00, { validUntil: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) });
    await t.services.vouchers.expireDue(Date.now() + 2 * 86400_000);
    expect(await refused(buyer, ordinary, short.id)).toBe(`该创新券已过期（有效期至 ${short.validUntil}）。`);
    // nothing moved for any refusal
    expect((await t.request({ url: `/api/v1/vouchers/${v.id}`, headers: { cookie: buyer.cookie } })).json().balanceFen).toBe(50_000_00);
    // and the same voucher works on an ordinary order, once
    expect((await steps.post(`/api/v1/orders/${ordinary}/voucher`, buyer, { voucherId: v.id })).statusCode).toBe(200);
    expect((await steps.post(`/api/v1/orders/${ordinary}/voucher`, buyer, { voucherId: v.id })).json().error.message).toBe(
      '该订单已使用创新券，每个订单限用一张。',
    );
    // taken off before payment, it goes back whole
    expect((await t.request({ method: 'DELETE', url: `/api/v1/orders/${ordinary}/voucher`, headers: { cookie: buyer.cookie } })).statusCode).toBe(200);
    expect((await t.request({ url: `/api/v1/vouchers/${v.id}`, headers: { cookie: buyer.cookie } })).json().balanceFen).toBe(50_000_00);
  });

  it('gives the share of a voucher that expired while on an order back to the budget when it is taken off', async () => {
    const v = await issue(buyer.orgId, 10_000_00, { validUntil: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) });
    const orderId = await steps.confirmed(buyer, provider, serviceId, 10_000_00);
    expect((await steps.post(`/api/v1/orders/${orderId}/voucher`, buyer, { voucherId: v.id })).statusCode).toBe(200);
    const before = await ledger();
    await t.services.vouchers.expireDue(Date.now() + 2 * 86400_000);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/orders/${orderId}/voucher`, headers: { cookie: buyer.cookie } })).statusCode).toBe(200);
    const after = await ledger();
    // expiry returned the unspent 5,000 yuan; taking it off returns the reserved 5,000 yuan, to the budget, not the voucher
    expect(after.availableFen - before.availableFen).toBe(10_000_00);
    expect(after.reservedFen - before.reservedFen).toBe(-5_000_00);
    expect(after.allocatedFen - before.allocatedFen).toBe(-5_000_00);
  });

  it('never spends a voucher twice when many orders apply it at once', async () => {
    const v = await issue(buyer.orgId, 40_000_00);
    const orders = await Promise.all(Array.from({ length: 8 }, () => steps.confirmed(buyer, provider, serviceId, 20_000_00)));
    const before = await ledger();
    const answers = await Promise.all(orders.map((id) => steps.post(`/api/v1/orders/${id}/voucher`, buyer, { voucherId: v.id })));
    // each order may take 10,000 yuan (50% of 20,000): the 40,000-yuan voucher pays four of them
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(4);
    expect((await t.request({ url: `/api/v1/vouchers/${v.id}`, headers: { cookie: buyer.cookie } })).json().balanceFen).toBe(0);
    const after = await ledger();
    expect(after.reservedFen - before.reservedFen).toBe(40_000_00);
    expect(after.allocatedFen - before.allocatedFen).toBe(-40_000_00);
  }, 120_000);
});
