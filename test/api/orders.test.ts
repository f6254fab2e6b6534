import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { orgWithMember } from '../helpers/market.ts';
import { readPdf } from '../helpers/pdf.ts';
import { seedDemoOrders, type ServiceSummary } from '../../src/server/modules/orders/index.ts';

/** A published catalogue service of the provider (created through the services API), or withdrawn with status. */
async function testService(t: TestApp, providerOrgId: number, over: Partial<ServiceSummary> = {}): Promise<number> {
  const body = {
    providerOrgId,
    title: over.title ?? '材料成分检测与分析报告',
    categoryCode: over.categoryCode ?? 'testing',
    description: '依据国家标准开展材料成分检测，出具检测报告。',
    deliverables: '检测报告',
    ...(over.priceFen ? { pricingMode: 'fixed', priceFen: over.priceFen } : { pricingMode: 'quote' }),
    turnaroundDays: 7,
    ...(over.districtCode ? { districtCode: over.districtCode } : {}),
  };
  const res = await t.request({ method: 'POST', url: '/api/v1/services', role: 'admin', body });
  if (res.statusCode !== 201) throw new Error(`service: ${res.statusCode} ${res.body}`);
  const id: number = res.json().id;
  if (over.status === 'withdrawn') {
    const w = await t.request({ method: 'PATCH', url: `/api/v1/services/${id}`, role: 'admin', body: { status: 'withdrawn', version: res.json().version } });
    if (w.statusCode !== 200) throw new Error(`withdraw: ${w.statusCode} ${w.body}`);
  }
  return id;
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
function multipart(filename: string, content: Buffer) {
  const boundary = '----kftorder';
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(engines())('service orders on %s', (engine) => {
  let t: TestApp;
  let buyer: Awaited<ReturnType<typeof orgWithMember>>;
  let provider: Awaited<ReturnType<typeof orgWithMember>>;
  let stranger: Awaited<ReturnType<typeof orgWithMember>>;
  let serviceId: number;
  beforeAll(async () => {
    t = await startApp(engine);
    buyer = await orgWithMember(t, `buyer_${engine}`, { name: '重庆长川动力电池有限公司', kinds: ['enterprise'], categories: [], districtCode: '500112' });
    provider = await orgWithMember(t, `prov_${engine}`, { name: '重庆市计量质量检测研究院', districtCode: '500103' });
    stranger = await orgWithMember(t, `other_${engine}`, { name: '重庆另一家检测有限公司' });
    serviceId = await testService(t, provider.orgId);
  });
  afterAll(() => t.close());

  const as = (who: { cookie: string }) => ({ headers: { cookie: who.cookie } });
  const post = (url: string, who: { cookie: string }, body?: unknown) =>
    t.request({ method: 'POST', url, ...as(who), ...(body !== undefined ? { body } : {}) });
  const get = (url: string, who: { cookie: string }) => t.request({ url, ...as(who) });
  const upload = (url: string, who: { cookie: string }, filename: string, content: Buffer) => {
    const m = multipart(filename, content);
    return t.request({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, cookie: who.cookie } });
  };
  const expectState = async (res: Awaited<ReturnType<typeof post>>, message: string) => {
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(message);
  };
  const quote = {
    lines: [
      { name: '成分检测', quantity: 3, unitFen: 120_000 },
      { name: '检测报告', quantity: 1, unitFen: 50_000 },
    ],
    taxRate: 0.06,
    taxFen: 24_600,
    note: '含加急',
  };

  it('refuses orders for unknown, withdrawn and own services, and from offices', async () => {
    expect((await post('/api/v1/orders', buyer, { serviceId: 999_999_999, requirement: '请检测我司电池正极材料的成分' })).statusCode).toBe(404);
    const withdrawn = await testService(t, provider.orgId, { status: 'withdrawn', title: '已下架的检测服务' });
    const w = await post('/api/v1/orders', buyer, { serviceId: withdrawn, requirement: '请检测我司电池正极材料的成分' });
    expect(w.statusCode).toBe(409);
    expect(w.json().error.message).toBe('服务“已下架的检测服务”已下架，不能下单。');
    const own = await post('/api/v1/orders', provider, { serviceId, requirement: '自己订购自己的检测服务' });
    expect(own.statusCode).toBe(409);
    expect(own.json().error.message).toBe('不能订购本机构提供的服务。');
    expect(
      (await t.request({ method: 'POST', url: '/api/v1/orders', role: 'admin', body: { serviceId, requirement: '管理员下单测试一下下' } })).statusCode,
    ).toBe(403);
    const short = await post('/api/v1/orders', buyer, { serviceId, requirement: '太短' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields).toEqual([{ path: 'requirement', message: '请描述服务需求（至少 10 个字）。' }]);
  });

  it('goes request → quote → confirm → deliver → dispute → deliver → accept → invoice → payment → rate, each step by its side and in its state', async () => {
    const created = await post('/api/v1/orders', buyer, { serviceId, requirement: '请检测我司电池正极材料的成分，出具 CMA 报告。' });
    expect(created.statusCode).toBe(201);
    const o = created.json();
    expect(o).toMatchObject({
      status: 'requested',
      title: '材料成分检测与分析报告',
      categoryCode: 'testing',
      buyer: { orgId: buyer.orgId },
      provider: { orgId: provider.orgId },
      mySide: 'buyer',
      payment: { totalFen: 0, voucherFen: 0, payableFen: 0, voucherId: null },
    });
    expect(o.orderNo).toMatch(/^FW\d{8}-\d{6}$/);
    expect(o.can).toMatchObject({ quote: false, confirm: false, cancel: true, message: true });
    const id = o.id;
    const u = (p: string) => `/api/v1/orders/${id}/${p}`;

    // quote: provider only, total computed by the server
    const byBuyer = await post(u('quote'), buyer, quote);
    expect(byBuyer.statusCode).toBe(403);
    expect(byBuyer.json().error.message).toBe('只有服务提供方可以报价。');
    await expectState(await post(u('confirm'), buyer), '订单当前状态为“待报价”，不能确认报价。');
    const quoted = await post(u('quote'), provider, { ...quote, lines: [...quote.lines], totalFen: 1 });
    expect(quoted.statusCode).toBe(200);
    expect(quoted.json()).toMatchObject({
      status: 'quoted',
      quote: { subtotalFen: 410_000, taxFen: 24_600, totalFen: 434_600, lines: [{ amountFen: 360_000 }, { amountFen: 50_000 }] },
      payment: { totalFen: 434_600, payableFen: 434_600 },
      can: { quote: true, confirm: false },
    });
    expect((await get(`/api/v1/orders/${id}`, buyer)).json().can).toMatchObject({ confirm: true, quote: false, deliver: false });
    const badQuote = await post(u('quote'), provider, { lines: [], taxFen: -1 });
    expect(badQuote.statusCode).toBe(400);
    expect(
      badQuote
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['lines', 'taxFen']);

    const past = await post(u('quote'), provider, { ...quote, validUntil: '2020-01-01' });
    expect(past.json().error.fields).toEqual([{ path: 'validUntil', message: '报价有效期不能早于今天。' }]);
    await t.db.query(sql`UPDATE orders SET quote = jsonb_set(quote, '{validUntil}', '"2020-01-01"') WHERE id = ${id}`);
    await expectState(await post(u('confirm'), buyer), '报价已于 2020-01-01 过期，请服务方重新报价。');
    expect((await post(u('quote'), provider, { ...quote, validUntil: '2099-12-31' })).json().quote.validUntil).toBe('2099-12-31');
    expect((await post(u('confirm'), provider)).statusCode).toBe(403);
    expect((await post(u('confirm'), buyer)).json()).toMatchObject({ status: 'confirmed' });
    await expectState(await post(u('quote'), provider, quote), '订单当前状态为“已确认”，不能报价。');
    await expectState(await post(u('cancel'), buyer, { reason: '不想要了' }), '订单当前状态为“已确认”，不能取消订单。');
    await expectState(await post(u('accept'), buyer), '订单当前状态为“已确认”，不能验收。');

    // contract: generated in Chinese, read back by poppler; an upload is judged by its bytes
    const pdf = await get(u('contract.pdf'), buyer);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = readPdf(pdf.rawPayload).pages.join('\n');
    expect(text).toContain('技术服务合同');
    expect(text).toContain('重庆长川动力电池有限公司');
    expect(text).toContain('重庆市计量质量检测研究院');
    expect(text).toContain('4,346.00');
    expect(text).toContain('成分检测');
    const fake = await upload(u('contract'), buyer, 'contract.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(fake.statusCode).toBe(400);
    expect((await upload(u('contract'), stranger, 'contract.pdf', PDF)).statusCode).toBe(404);
    const withContract = await upload(u('contract'), buyer, '合同.pdf', PDF);
    expect(withContract.statusCode).toBe(200);
    expect(withContract.json().contract).toMatchObject({ filename: '合同.pdf' });

    // milestones
    expect((await post(u('milestones'), buyer, { title: '采样' })).statusCode).toBe(403);
    const ms = (await post(u('milestones'), provider, { title: '采样完成', dueOn: '2026-12-20' })).json();
    expect(ms.milestones).toMatchObject([{ title: '采样完成', dueOn: '2026-12-20', doneAt: null }]);
    const done = await post(u(`milestones/${ms.milestones[0].id}/done`), provider);
    expect(done.json().milestones[0].doneAt).not.toBeNull();
    await expectState(await post(u(`milestones/${ms.milestones[0].id}/done`), provider), '该里程碑已完成。');

    // deliver with a file, dispute, deliver again, accept
    expect((await upload(`${u('files')}?purpose=deliverable`, buyer, 'r.pdf', PDF)).statusCode).toBe(403);
    const file = await upload(`${u('files')}?purpose=deliverable`, provider, '检测报告.pdf', PDF);
    expect(file.statusCode).toBe(201);
    expect((await post(u('deliver'), buyer, { note: '交付', fileIds: [] })).statusCode).toBe(403);
    const delivered = await post(u('deliver'), provider, { note: '首次交付检测报告', fileIds: [file.json().id] });
    expect(delivered.json()).toMatchObject({ status: 'delivered', deliverables: [{ round: 1, files: [{ filename: '检测报告.pdf' }] }] });
    await expectState(await post(u('deliver'), provider, { note: '再交一次' }), '订单当前状态为“已交付”，不能交付。');
    expect((await post(u('dispute'), provider, { reason: '自己提异议' })).statusCode).toBe(403);
    const noReason = await post(u('dispute'), buyer, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual([{ path: 'reason', message: '请填写理由（至少 2 个字）。' }]);
    expect((await post(u('dispute'), buyer, { reason: '报告缺少原始数据' })).json()).toMatchObject({ status: 'disputed', disputeReason: '报告缺少原始数据' });
    await expectState(await post(u('accept'), buyer), '订单当前状态为“有异议”，不能验收。');
    const again = await post(u('deliver'), provider, { note: '补充原始数据后再次交付' });
    expect(again.json()).toMatchObject({ status: 'delivered', disputeReason: null });
    expect(again.json().deliverables.map((d: { round: number }) => d.round)).toEqual([1, 2]);
    await expectState(await post(u('rate'), buyer, { rating: 5 }), '订单当前状态为“已交付”，不能评价。');
    await expectState(await post(u('payment'), buyer, { fileId: file.json().id }), '订单当前状态为“已交付”，不能登记付款。');
    expect((await post(u('accept'), provider)).statusCode).toBe(403);
    expect((await post(u('accept'), buyer)).json()).toMatchObject({ status: 'accepted', can: { pay: true, uploadPaymentProof: true, rate: true } });

    // invoice, payment
    expect((await post(u('invoice'), buyer, { invoiceNo: '26500000000012345678' })).statusCode).toBe(403);
    const badInvoice = await post(u('invoice'), provider, { invoiceNo: '发票' });
    expect(badInvoice.json().error.fields).toEqual([{ path: 'invoiceNo', message: '发票号码为 8–30 位数字或字母。' }]);
    expect((await post(u('invoice'), provider, { invoiceNo: '26500000000012345678' })).json().invoiceNo).toBe('26500000000012345678');
    const notProof = await post(u('payment'), buyer, { fileId: file.json().id });
    expect(notProof.statusCode).toBe(400); // a deliverable is not a proof of payment
    const proof = await upload(`${u('files')}?purpose=payment_proof`, buyer, '付款凭证.pdf', PDF);
    expect(proof.statusCode).toBe(201);
    expect((await post(u('payment'), provider, { fileId: proof.json().id })).statusCode).toBe(403);
    const paid = await post(u('payment'), buyer, { fileId: proof.json().id });
    expect(paid.json()).toMatchObject({ status: 'paid', paymentProof: { filename: '付款凭证.pdf' } });
    expect(paid.json().paidAt).not.toBeNull();
    await expectState(await post(u('payment'), buyer, { fileId: proof.json().id }), '订单当前状态为“已付款”，不能登记付款。');

    // ratings, once each
    expect((await post(u('rate'), buyer, { rating: 5, comment: '专业' })).json().ratings).toMatchObject({
      byBuyer: { rating: 5, comment: '专业' },
      byProvider: null,
    });
    await expectState(await post(u('rate'), buyer, { rating: 4 }), '您已评价过该订单。');
    const both = await post(u('rate'), provider, { rating: 4 });
    expect(both.json().ratings.byProvider).toMatchObject({ rating: 4 });
    expect(both.json().can.rate).toBe(false);

    // history, audit, events, the file back
    const history = (await get(u('history'), buyer)).json();
    expect(history.items.map((h: { action: string }) => h.action).reverse()).toEqual([
      'request',
      'quote',
      'quote',
      'confirm',
      'uploadContract',
      'addMilestone',
      'completeMilestone',
      'deliver',
      'dispute',
      'deliver',
      'accept',
      'invoice',
      'pay',
      'rate',
      'rate',
    ]);
    const back = await get(`/api/v1/orders/${id}/files/${proof.json().id}`, provider);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(PDF)).toBe(true);
    const audit = (await t.request({ url: '/api/v1/audit?type=order.pay', role: 'admin' })).json().items[0];
    expect(audit).toMatchObject({
      typeLabel: '订单：登记付款',
      subjectType: 'order',
      subjectId: String(id),
      detail: { orderNo: o.orderNo, side: 'buyer', from: 'accepted', to: 'paid', totalFen: 434_600, voucherFen: 0 },
    });
    expect((await t.request({ url: '/api/v1/audit?type=order.dispute', role: 'district' })).json().items[0]).toMatchObject({
      detail: { reason: '报告缺少原始数据' },
    });
    const { rows } = await t.db.query<{ type: string }>(
      sql`SELECT type FROM outbox_events WHERE aggregate_type = 'order' AND aggregate_id = ${String(id)} ORDER BY id`,
    );
    expect(rows.map((r) => r.type)).toEqual(expect.arrayContaining(['order.requested', 'order.accepted', 'order.paid', 'order.disputed']));

    // the vouchers' face: the claim is assembled from the order
    const evidence = await t.services.orders.claimEvidence(id);
    expect(evidence).toMatchObject({
      orderNo: o.orderNo,
      invoiceNo: '26500000000012345678',
      contract: { fileId: withContract.json().contract.id },
      paymentProof: { fileId: proof.json().id },
      deliverables: [{ name: '检测报告.pdf', url: `/api/v1/orders/${id}/files/${file.json().id}` }],
      totalFen: 434_600,
      voucherFen: 0,
    });
    expect(evidence!.acceptedAt).toBeInstanceOf(Date);
    await expect(t.db.transaction((tx) => t.services.orders.setVoucherShare(tx, id, { voucherId: 1, voucherFen: 100 }))).rejects.toMatchObject({ status: 409 });
  });

  it('lets the vouchers module set a share in its transaction, within the total and before payment', async () => {
    const id = (await post('/api/v1/orders', buyer, { serviceId, requirement: '第二单：检测电解液的杂质含量。' })).json().id;
    await post(`/api/v1/orders/${id}/quote`, provider, { lines: [{ name: '杂质检测', quantity: 2, unitFen: 100_000 }], taxFen: 0 });
    await expect(t.db.transaction((tx) => t.services.orders.setVoucherShare(tx, id, { voucherId: 7, voucherFen: 200_001 }))).rejects.toMatchObject({
      status: 409,
    });
    const s = await t.db.transaction((tx) => t.services.orders.setVoucherShare(tx, id, { voucherId: 7, voucherFen: 100_000 }));
    expect(s).toMatchObject({
      voucherId: 7,
      voucherFen: 100_000,
      totalFen: 200_000,
      buyerOrgId: buyer.orgId,
      providerOrgId: provider.orgId,
      serviceId,
      categoryCode: 'testing',
    });
    expect((await get(`/api/v1/orders/${id}`, buyer)).json().payment).toEqual({ totalFen: 200_000, voucherFen: 100_000, payableFen: 100_000, voucherId: 7 });
    // a requote below the voucher share is refused; a rolled-back transaction leaves the order as it was
    await expectState(
      await post(`/api/v1/orders/${id}/quote`, provider, { lines: [{ name: '杂质检测', quantity: 1, unitFen: 50_000 }], taxFen: 0 }),
      '创新券抵扣金额不能超过订单总额。',
    );
    await t.db
      .transaction(async (tx) => {
        await t.services.orders.setVoucherShare(tx, id, null);
        throw new Error('rollback');
      })
      .catch(() => {});
    expect((await t.services.orders.get(id))!.voucherFen).toBe(100_000);
    await t.db.transaction((tx) => t.services.orders.setVoucherShare(tx, id, null));
    expect(await t.services.orders.get(id)).toMatchObject({ voucherId: null, voucherFen: 0 });
    // cancel before confirm, by either side, with a reason
    expect((await post(`/api/v1/orders/${id}/cancel`, stranger, { reason: '不相干' })).statusCode).toBe(404);
    expect((await post(`/api/v1/orders/${id}/cancel`, provider, { reason: '排期已满' })).json()).toMatchObject({
      status: 'cancelled',
      cancelReason: '排期已满',
    });
    await expectState(await post(`/api/v1/orders/${id}/confirm`, buyer), '订单当前状态为“已取消”，不能确认报价。');
    await expect(t.db.transaction((tx) => t.services.orders.setVoucherShare(tx, id, { voucherId: 7, voucherFen: 1 }))).rejects.toMatchObject({ status: 409 });
  });

  it('keeps an order to its parties and offices, and lists by role and status', async () => {
    const id = (await post('/api/v1/orders', buyer, { serviceId, requirement: '第三单：检测隔膜的孔隙率与厚度。' })).json().id;
    // another organization: the order does not exist for it
    expect((await get(`/api/v1/orders/${id}`, stranger)).statusCode).toBe(404);
    expect((await get(`/api/v1/orders/${id}/messages`, stranger)).statusCode).toBe(404);
    expect((await post(`/api/v1/orders/${id}/quote`, stranger, quote)).statusCode).toBe(404);
    expect((await get(`/api/v1/orders?role=buyer`, stranger)).json().total).toBe(0);
    // the offices read (the district of the service: 渝中区) but do not act
    expect((await t.request({ url: `/api/v1/orders/${id}`, role: 'admin' })).json().can.quote).toBe(false);
    expect((await t.request({ url: `/api/v1/orders/${id}`, role: 'district' })).statusCode).toBe(200);
    const office = await t.request({ method: 'POST', url: `/api/v1/orders/${id}/quote`, role: 'admin', body: quote });
    expect(office.statusCode).toBe(403);
    expect(office.json().error.message).toBe('只有订单双方可以操作，管理部门只能查看。');
    const elsewhere = await testService(t, provider.orgId, { districtCode: '500112', title: '江北区的服务' });
    const far = (await post('/api/v1/orders', buyer, { serviceId: elsewhere, requirement: '第四单：在江北区做一次检测。' })).json().id;
    expect((await t.request({ url: `/api/v1/orders/${far}`, role: 'district' })).statusCode).toBe(404);
    const districtList = (await t.request({ url: '/api/v1/orders?pageSize=100', role: 'district' })).json();
    expect(districtList.items.every((x: { districtCode: string }) => x.districtCode === '500103')).toBe(true);
    expect((await t.request({ url: '/api/v1/orders?pageSize=100', role: 'admin' })).json().items.map((x: { id: number }) => x.id)).toContain(far);

    const mine = (await get('/api/v1/orders?role=buyer&status=requested&pageSize=100', buyer)).json();
    expect(mine.items.map((x: { id: number }) => x.id)).toEqual(expect.arrayContaining([id, far]));
    expect(mine.items.every((x: { status: string; mySide: string }) => x.status === 'requested' && x.mySide === 'buyer')).toBe(true);
    expect((await get('/api/v1/orders?role=buyer', provider)).json().total).toBe(0);
    expect((await get('/api/v1/orders?role=provider&pageSize=100', provider)).json().items.map((x: { id: number }) => x.id)).toContain(id);
    expect((await get('/api/v1/orders?status=nope', buyer)).statusCode).toBe(400);

    // the thread
    expect((await post(`/api/v1/orders/${id}/messages`, buyer, { body: '请问多久出报告？' })).statusCode).toBe(201);
    const thread = (await post(`/api/v1/orders/${id}/messages`, provider, { body: '五个工作日。' })).json();
    const heard = (await get('/api/v1/notifications', provider)).json().items.map((n: { kind: string; link: string; title: string }) => [n.kind, n.link]);
    expect(heard).toContainEqual(['order.step', `/orders/${id}`]); // the request
    expect(heard).toContainEqual(['order.message', `/orders/${id}`]);
    const told = (await get('/api/v1/notifications', buyer))
      .json()
      .items.find((n: { kind: string; link: string }) => n.kind === 'order.message' && n.link === `/orders/${id}`);
    expect(told.body).toMatch(/^订单 FW\d{8}-\d{6}（材料成分检测与分析报告）有对方的新留言。$/);
    expect(thread.items.map((m: { body: string; side: string }) => [m.side, m.body])).toEqual([
      ['buyer', '请问多久出报告？'],
      ['provider', '五个工作日。'],
    ]);
    expect((await post(`/api/v1/orders/${id}/messages`, stranger, { body: '插话' })).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: `/api/v1/orders/${id}/messages`, role: 'admin', body: { body: '管理员插话' } })).statusCode).toBe(403);
    expect((await get(`/api/v1/orders/${id}/messages`, buyer)).json().items).toHaveLength(2);
    expect((await t.request({ url: `/api/v1/orders/${id}/contract.pdf`, role: 'admin' })).statusCode).toBe(409); // not quoted yet
    const en = await t.request({ method: 'POST', url: `/api/v1/orders/${id}/accept`, headers: { cookie: buyer.cookie }, lang: 'en' });
    expect(en.json().error.message).toBe('The order is awaiting a quote; you cannot accept the delivery now.');
  });

  it('makes demo orders in every state through the same steps, deterministically', async () => {
    const a = (await t.services.services.get(await testService(t, provider.orgId, { title: '演示检测服务', priceFen: 800_000 })))!;
    const b = (await t.services.services.get(await testService(t, stranger.orgId, { title: '演示研发服务', categoryCode: 'rd' })))!;
    const made = await seedDemoOrders(t.services.orders, { services: [a, b], buyerOrgIds: [buyer.orgId, stranger.orgId] });
    for (const [status, ids] of Object.entries(made)) {
      expect(ids.length, status).toBe(2);
      for (const id of ids) expect((await t.services.orders.get(id))!.status).toBe(status);
    }
    const paid = await t.services.orders.claimEvidence(made.paid[0]);
    expect(paid).toMatchObject({ invoiceNo: expect.any(String), paymentProof: { fileId: expect.any(Number) }, deliverables: [{ name: '服务报告.pdf' }] });
    expect(paid!.totalFen).toBeGreaterThan(0);
  });
});
