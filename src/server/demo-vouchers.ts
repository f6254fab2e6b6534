/**
 * Demo vouchers (issue 11), through the same services users go through: a city scheme and a co-funded 渝中区 one;
 * vouchers for a few 科技型中小企业 (the demo member's organization among them); orders of the demo member paid in
 * part by a voucher, and their claims in every state; and orders in every state of their own. The one shortcut: a claim shown "notice ended" has its
 * notice back-dated, so the console has a batch to make on the first day. And instrument hours settled the same way: the demo member's
 * completed bookings of the last days — one paid half by voucher and claimed, one with the voucher applied and not yet paid, and the
 * rest waiting in "my bookings" for the member to press 结算 / 用创新券支付.
 */
import type { CurrentUser } from './modules/auth/index.ts';
import type { Services } from './app.ts';
import type { Database } from './platform/db/database.ts';
import { seedDemoUsedBookings } from './modules/instruments/index.ts';
import { seedDemoOrders } from './modules/orders/index.ts';
import { SchemeInput } from './modules/vouchers/index.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const YEAR_MS = 365 * 86400_000;
const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
const actingFor = (orgId: number): CurrentUser => ({ id: 0, username: 'demo', displayName: '演示数据', role: 'org_member', orgId, districtCode: null });

type ClaimTarget = 'submitted' | 'returned' | 'in_notice' | 'notice_ended' | 'batched' | 'paid' | 'rejected';
const TARGETS: ClaimTarget[] = ['paid', 'batched', 'submitted', 'returned', 'in_notice', 'rejected', 'notice_ended'];

export async function seedDemoVouchers(db: Database, services: Services, say: (line: string) => void): Promise<void> {
  if ((await services.vouchers.schemes()).length) return;
  const admin = await services.auth.userByUsername('demo-admin');
  const district = await services.auth.userByUsername('demo-district');
  const member = await services.auth.userByUsername('demo-member');
  if (!admin || !district || !member?.orgId) return;

  // holders: the demo member's organization and a few enterprises of 渝中区, each with a current recognition
  const today = Date.now();
  const recognised = { kind: 'tech_sme' as const, validFrom: day(today - 30 * 86400_000), validTo: day(today + YEAR_MS), certificateNo: null };
  const list = await services.directory.list({ q: undefined, kind: ['enterprise'], district: ['500103'], page: 1, pageSize: 6 } as never);
  const holderIds = [member.orgId, ...list.items.map((o) => o.id).filter((id) => id !== member.orgId)].slice(0, 5);
  for (const id of holderIds) {
    const org = await services.directory.get(id);
    if (org.recognitions.some((r) => r.kind === 'tech_sme' && (!r.validTo || r.validTo >= day(today)))) continue;
    await services.directory.update(
      id,
      { recognitions: [...org.recognitions.filter((r) => r.kind !== 'tech_sme'), recognised], version: org.version } as never,
      admin,
    );
  }

  // parsed as a request would be, so every rule takes its RULES.md default
  const city = await services.vouchers.createScheme(
    SchemeInput.parse({
      name: `${new Date(today).getUTCFullYear()} 年度重庆市科技创新券`,
      budgetFen: 20_000_000_00,
      description: '支持科技型中小企业和创业团队购买研发、检验检测、技术转移、知识产权等科技服务。',
    }),
    admin,
  );
  await services.vouchers.createScheme(SchemeInput.parse({ name: '渝中区科技创新券（市区共担）', budgetFen: 2_000_000_00 }), district);
  const wallet = new Map<number, number>();
  for (const [i, holderOrgId] of holderIds.entries()) {
    const v = await services.vouchers.issue({ schemeId: city.id, holderOrgId, amountFen: (i === 0 ? 200_000 : 50_000 + i * 10_000) * 100 }, admin);
    wallet.set(holderOrgId, v.id);
  }

  // orders of the demo member from providers it is not related to, each paid half by its voucher, then claimed
  const catalogue = await services.services.catalogue.list({ page: 1, pageSize: 40 } as never, null);
  const usable = catalogue.items.filter((s) => !s.restrictedKind && s.providerOrgId !== member.orgId && s.status === 'published');
  // orders in every state of the order's own life, for the order pages (no voucher on them)
  await seedDemoOrders(services.orders, { services: usable.slice(8, 24), buyerOrgIds: holderIds });
  const buyer = actingFor(member.orgId);
  const steps = services.orders.steps;
  const claims: { id: number; target: ClaimTarget }[] = [];
  for (const [i, target] of TARGETS.entries()) {
    const service = usable[i % Math.max(1, usable.length)];
    if (!service) break;
    const provider = actingFor(service.providerOrgId);
    const orderId = await services.orders.core.create(
      { serviceId: service.id, requirement: `演示需求：${service.title}，请按标准流程提供服务并出具报告。` },
      buyer,
    );
    const unitFen = (8_000 + i * 1_500) * 100;
    await steps.quote(orderId, { lines: [{ name: service.title, quantity: 1, unitFen }], taxRate: 0.06, taxFen: Math.round(unitFen * 0.06) }, provider);
    await steps.confirm(orderId, buyer);
    await steps.uploadContract(orderId, { filename: '技术服务合同.pdf', contentType: 'application/pdf', content: PDF }, buyer);
    await services.voucherCheckout.apply(orderId, { voucherId: wallet.get(member.orgId)! }, { ...buyer, id: member.id });
    const report = await steps.uploadFile(orderId, 'deliverable', { filename: '服务报告.pdf', contentType: 'application/pdf', content: PDF }, provider);
    await steps.deliver(orderId, { note: '已完成服务，附服务报告。', fileIds: [report] }, provider);
    await steps.accept(orderId, buyer);
    await steps.invoice(orderId, `5000262${String(100000 + i)}`, provider);
    const proof = await steps.uploadFile(orderId, 'payment_proof', { filename: '付款凭证.pdf', contentType: 'application/pdf', content: PDF }, buyer);
    await steps.pay(orderId, proof, buyer);
    const claim = await services.voucherClaims.submit(orderId, provider);
    claims.push({ id: claim.id, target });
  }
  const reviewer = async (id: number) => {
    const c = await services.voucherClaims.repo.find(id);
    return c?.districtCode === district.districtCode ? district : admin;
  };
  const ended = new Date(today - 86400_000);
  for (const { id, target } of claims) {
    if (target === 'submitted') continue;
    if (target === 'returned') {
      await services.voucherClaims.review(id, { decision: 'return', reason: '请补充服务报告的盖章页。' }, await reviewer(id));
      continue;
    }
    await services.voucherClaims.review(id, { decision: 'approve' }, await reviewer(id));
    if (target === 'rejected') await services.voucherClaims.reject(id, '公示期间收到异议，经核实服务未实际开展。', await reviewer(id));
    if (target === 'paid' || target === 'batched') await services.voucherClaims.endNoticeForDemo(id, ended);
    if (target === 'paid') {
      const batch = await services.voucherClaims.createBatch(admin);
      await services.voucherClaims.markPaid(batch.id, admin);
    }
    if (target === 'batched') await services.voucherClaims.createBatch(admin);
  }
  // last: a claim whose notice ended, waiting for the next batch
  for (const { id, target } of claims) if (target === 'notice_ended') await services.voucherClaims.endNoticeForDemo(id, ended);

  // instrument hours: opened as orders from the member's completed bookings, through the settlement users take
  const memberUser = { ...buyer, id: member.id };
  const used = await seedDemoUsedBookings(db, { id: member.id, orgId: member.orgId }, 4);
  for (const [i, bookingId] of used.slice(0, 2).entries()) {
    const { id: orderId } = await services.orders.bookingSettlement.open(bookingId, memberUser);
    await services.voucherCheckout.apply(orderId, { voucherId: wallet.get(member.orgId)! }, memberUser);
    if (i === 1) continue;
    const o = (await services.orders.get(orderId))!;
    const lab = actingFor(o.providerOrgId);
    await steps.invoice(orderId, `5000263${String(100000 + i)}`, lab);
    const proof = await steps.uploadFile(orderId, 'payment_proof', { filename: '付款凭证.pdf', contentType: 'application/pdf', content: PDF }, buyer);
    await steps.pay(orderId, proof, buyer);
    await services.voucherClaims.submit(orderId, lab);
  }
  say(
    `Loaded 2 voucher schemes, ${wallet.size} vouchers, ${claims.length} voucher claims in every state and ${used.length} used instrument bookings of demo-member (2 settled through orders).`,
  );
}
