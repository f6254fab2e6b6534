/**
 * An instrument hour is paid, and claimed, as a service is (issue 11, points 2 and 5): a completed booking by
 * another organization opens an order of kind instrument_booking at the booking's price; the holder pays half
 * with a voucher under the same checkout rules (a related provider refused), the invoice and proof of payment
 * are recorded on the order, and the provider's claim is assembled from it — the booking's usage record
 * standing as the deliverable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { at, createInstrument, item, ownerOrg } from '../helpers/instruments.ts';
import { orgWithMember } from '../helpers/market.ts';
import { orderSteps, PDF } from '../helpers/orders.ts';
import { scheme, techSme } from '../helpers/vouchers.ts';

describe.each(engines())('instrument bookings settled through orders on %s', (engine) => {
  let t: TestApp;
  let lab: Awaited<ReturnType<typeof ownerOrg>>;
  let buyer: Awaited<ReturnType<typeof techSme>>;
  let steps: ReturnType<typeof orderSteps>;
  let instrumentId: number;
  let schemeId: number;
  const as = (who: { cookie: string }) => ({ headers: { cookie: who.cookie } });
  const ok = <R extends { statusCode: number; body: string }>(res: R, what: string): R => {
    if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return res;
  };
  const upload = async (orderId: number, purpose: string, who: { cookie: string }) => {
    const boundary = '----kftbooking';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="付款凭证.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/orders/${orderId}/files?purpose=${purpose}`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: who.cookie },
    });
    return ok(res, 'upload').json().id as number;
  };
  /** A booking by the member, approved by the lab (when it needs to be), then used 3 hours yesterday (recorded by the lab): completed. */
  const usedBooking = async (who: { cookie: string }, day: number): Promise<number> => {
    const res = ok(
      await t.request({ method: 'POST', url: '/api/v1/bookings', ...as(who), body: { items: [item(instrumentId, at(day, '09:00'), at(day, '12:00'))] } }),
      'book',
    );
    const id = res.json().items[0].id as number;
    // the owner's own members are confirmed at once; outsiders wait for the owner's approval
    if (res.json().items[0].status === 'pending')
      ok(await t.request({ method: 'POST', url: `/api/v1/bookings/${id}/approve`, ...as(lab), body: {} }), 'approve');
    // the slot is moved into the past, as if the days had gone by (bookings are only ever made ahead)
    const start = new Date(Date.now() - (day + 2) * 86400_000);
    await t.db.query(sql`UPDATE bookings SET during = tstzrange(${start}, ${new Date(start.getTime() + 3 * 3600_000)}) WHERE id = ${id}`);
    const usage = { actualStart: start.toISOString(), actualEnd: new Date(start.getTime() + 3 * 3600_000).toISOString() };
    ok(await t.request({ method: 'POST', url: `/api/v1/bookings/${id}/usage`, ...as(lab), body: usage }), 'usage');
    return id;
  };

  beforeAll(async () => {
    t = await startApp(engine);
    steps = orderSteps(t);
    lab = await ownerOrg(t, `blab_${engine}`, '重庆大学分析测试中心');
    buyer = await techSme(t, `bbuyer_${engine}`, { districtCode: '500103' });
    // 2,000 元 an hour for outsiders: three hours are 6,000 元
    instrumentId = await createInstrument(t, lab.orgId, { name: '场发射扫描电子显微镜', priceExternalFen: 200_000 });
    schemeId = (await scheme(t, { name: '2026 年度创新券（仪器共享）', budgetFen: 1_000_000_00 })).id;
  });
  afterAll(() => t.close());

  it('settles a completed booking through an order paid half by voucher, and the claim is assembled from it', async () => {
    // not before the use is completed
    const pending = ok(
      await t.request({ method: 'POST', url: '/api/v1/bookings', ...as(buyer), body: { items: [item(instrumentId, at(5, '14:00'), at(5, '15:00'))] } }),
      'book',
    );
    const early = await t.request({ method: 'POST', url: `/api/v1/bookings/${pending.json().items[0].id}/order`, ...as(buyer) });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('该预约当前为“待审核”，使用完成（已记录机时）后才能结算。');

    const bookingId = await usedBooking(buyer, 2);
    // only the booker: the lab and another organization's member are told it does not exist
    const rival = await orgWithMember(t, `brival_${engine}`, { name: '重庆另一家科技有限公司' });
    for (const who of [lab, rival]) expect((await t.request({ method: 'POST', url: `/api/v1/bookings/${bookingId}/order`, ...as(who) })).statusCode).toBe(404);

    const opened = await t.request({ method: 'POST', url: `/api/v1/bookings/${bookingId}/order`, ...as(buyer) });
    expect(opened.statusCode).toBe(201);
    const order = opened.json();
    expect(order).toMatchObject({
      kind: 'instrument_booking',
      bookingId,
      serviceId: null,
      status: 'accepted',
      title: '仪器机时：场发射扫描电子显微镜',
      categoryCode: 'testing',
      buyer: { orgId: buyer.orgId },
      provider: { orgId: lab.orgId, name: '重庆大学分析测试中心' },
      payment: { totalFen: 6_000_00, voucherFen: 0, payableFen: 6_000_00 },
      quote: { totalFen: 6_000_00, lines: [{ quantity: 1, unitFen: 6_000_00, name: expect.stringContaining('3 小时') }] },
      contractPdfUrl: `/api/v1/orders/${order.id}/contract.pdf`,
      can: { uploadPaymentProof: true, pay: true, accept: false, invoice: false },
    });
    // asking again finds the same order; the history and the audit trail keep the opening
    const again = await t.request({ method: 'POST', url: `/api/v1/bookings/${bookingId}/order`, ...as(buyer) });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(order.id);
    const history = (await t.request({ url: `/api/v1/orders/${order.id}/history`, ...as(buyer) })).json().items;
    expect(history[0]).toMatchObject({ action: 'settleBooking', after: { status: 'accepted', bookingId, totalFen: 6_000_00 } });
    const audit = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE type = 'order.settleBooking' AND subject_id = ${String(order.id)}`,
    );
    expect(audit.rows[0].n).toBe(1);

    // checkout: the same options and rules as a service order — half of the contract
    const v = ok(
      await t.request({ method: 'POST', url: '/api/v1/vouchers', role: 'admin', body: { schemeId, holderOrgId: buyer.orgId, amountFen: 10_000_00 } }),
      'issue',
    ).json();
    const options = (await t.request({ url: `/api/v1/orders/${order.id}/voucher`, ...as(buyer) })).json();
    expect(options.options).toEqual([expect.objectContaining({ usable: true, shareFen: 3_000_00, payableFen: 3_000_00 })]);
    const applied = await steps.post(`/api/v1/orders/${order.id}/voucher`, buyer, { voucherId: v.id });
    expect(applied.json().applied).toEqual({ voucherId: v.id, voucherFen: 3_000_00, payableFen: 3_000_00 });

    // invoice by the lab, proof of payment by the buyer, paid: recorded on the order as for a service
    ok(await steps.post(`/api/v1/orders/${order.id}/invoice`, lab, { invoiceNo: '50002026120100' }), 'invoice');
    const proof = await upload(order.id, 'payment_proof', buyer);
    ok(await steps.post(`/api/v1/orders/${order.id}/payment`, buyer, { fileId: proof }), 'payment');

    const claim = await steps.post('/api/v1/voucher-claims', lab, { orderId: order.id });
    expect(claim.statusCode).toBe(201);
    expect(claim.json()).toMatchObject({
      status: 'submitted',
      amountFen: 3_000_00,
      holder: { orgId: buyer.orgId },
      provider: { orgId: lab.orgId },
      evidence: {
        orderNo: order.orderNo,
        invoiceNo: '50002026120100',
        totalFen: 6_000_00,
        voucherFen: 3_000_00,
        contract: { url: `/api/v1/orders/${order.id}/contract.pdf` },
        paymentProof: { url: `/api/v1/orders/${order.id}/files/${proof}` },
        deliverables: [{ name: `仪器使用记录（预约 #${bookingId}）`, url: `/api/v1/bookings/${bookingId}` }],
      },
    });
    const ledger = (await t.request({ url: `/api/v1/voucher-schemes/${schemeId}` })).json().ledger;
    expect(ledger).toMatchObject({ allocatedFen: 7_000_00, reservedFen: 3_000_00 });
  });

  it('refuses a voucher on a booking of a related provider, and settles no booking within one organization', async () => {
    // the lab is a subsidiary of the holder: the instrument hour is refused as a service would be
    const parent = await techSme(t, `bparent_${engine}`, { districtCode: '500103' });
    const rel = await t.request({
      method: 'POST',
      url: `/api/v1/orgs/${parent.orgId}/relations`,
      role: 'admin',
      body: { kind: 'parent_of', toOrgId: lab.orgId },
    });
    expect(rel.statusCode).toBe(201);
    const v = ok(
      await t.request({ method: 'POST', url: '/api/v1/vouchers', role: 'admin', body: { schemeId, holderOrgId: parent.orgId, amountFen: 5_000_00 } }),
      'issue',
    ).json();
    const bookingId = await usedBooking(parent, 4);
    const order = ok(await t.request({ method: 'POST', url: `/api/v1/bookings/${bookingId}/order`, ...as(parent) }), 'open').json();
    const refused = await steps.post(`/api/v1/orders/${order.id}/voucher`, parent, { voucherId: v.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('服务机构是持券机构的子公司，属于关联方，不能使用创新券。');
    expect((await t.request({ url: `/api/v1/vouchers/${v.id}`, ...as(parent) })).json().balanceFen).toBe(5_000_00);

    // the lab's own member using the lab's instrument: nothing to settle across organizations
    const own = await usedBooking(lab, 6);
    const internal = await t.request({ method: 'POST', url: `/api/v1/bookings/${own}/order`, ...as(lab) });
    expect(internal.statusCode).toBe(409);
    expect(internal.json().error.message).toBe('本单位成员使用本单位仪器不需结算；只有其他单位的预约可结算。');
  });
});
