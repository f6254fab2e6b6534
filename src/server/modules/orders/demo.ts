/**
 * Demo orders in every state, driven through the same steps a user takes (so history, audit and
 * events are as real), deterministic from the services and buyers given. Called by bootstrap (the
 * integrator wires it) with the catalogue's summaries and the buying organizations' ids.
 */
import type { CurrentUser } from '../auth/index.ts';
import { OrderCore } from './service.ts';
import { OrderSteps } from './steps.ts';
import { ORDER_STATUSES, type OrderStatus, type ServiceSummary } from './schemas.ts';

/** The smallest valid PDF: the demo's contracts and proofs of payment. */
const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const member = (orgId: number): CurrentUser => ({ id: 0, username: 'demo', displayName: '演示数据', role: 'org_member', orgId, districtCode: null });

/**
 * One order per (service, state) pair until `count` orders exist, each state in turn: requested,
 * quoted, confirmed, delivered, accepted, disputed, paid, cancelled. Returns the ids by state.
 */
export async function seedDemoOrders(
  orders: { core: OrderCore },
  input: { services: ServiceSummary[]; buyerOrgIds: number[]; count?: number },
): Promise<Record<OrderStatus, number[]>> {
  const byId = new Map(input.services.map((s) => [s.id, s]));
  const core = new OrderCore(orders.core.db, { get: async (id) => byId.get(id) ?? null }, null);
  const steps = new OrderSteps(core);
  const out = Object.fromEntries(ORDER_STATUSES.map((s) => [s, [] as number[]])) as Record<OrderStatus, number[]>;
  const services = input.services.filter((s) => s.status === 'published');
  const count = input.count ?? ORDER_STATUSES.length * 2;
  for (let i = 0; i < count && services.length; i++) {
    const service = services[i % services.length];
    const buyerOrgId = input.buyerOrgIds.filter((b) => b !== service.providerOrgId)[i % Math.max(1, input.buyerOrgIds.length - 1)];
    if (buyerOrgId == null) continue;
    const target = ORDER_STATUSES[i % ORDER_STATUSES.length];
    const buyer = member(buyerOrgId);
    const provider = member(service.providerOrgId);
    const id = await core.create({ serviceId: service.id, requirement: `演示需求：${service.title}，请按标准流程提供服务并出具报告。` }, buyer);
    out[target].push(id);
    if (target === 'requested') continue;
    if (target === 'cancelled') {
      await steps.cancel(id, '需求调整，暂不采购', buyer);
      continue;
    }
    const unit = service.priceFen ?? service.priceMinFen ?? 500_000 + (i % 5) * 100_000;
    await steps.quote(
      id,
      { lines: [{ name: service.title, quantity: 1 + (i % 3), unitFen: unit }], taxRate: 0.06, taxFen: Math.round(unit * (1 + (i % 3)) * 0.06) },
      provider,
    );
    if (target === 'quoted') continue;
    await steps.confirm(id, buyer);
    await steps.uploadContract(id, { filename: '技术服务合同.pdf', contentType: 'application/pdf', content: DEMO_PDF }, buyer);
    if (target === 'confirmed') continue;
    await steps.addMilestone(id, { title: '提交阶段成果' }, provider);
    const fileId = await steps.uploadFile(id, 'deliverable', { filename: '服务报告.pdf', contentType: 'application/pdf', content: DEMO_PDF }, provider);
    await steps.deliver(id, { note: '已完成服务，附服务报告。', fileIds: [fileId] }, provider);
    if (target === 'delivered') continue;
    if (target === 'disputed') {
      await steps.dispute(id, '报告缺少原始数据，请补充。', buyer);
      continue;
    }
    await steps.accept(id, buyer);
    await steps.invoice(id, `2650000${String(10000 + i).padStart(8, '0')}`.slice(0, 20), provider);
    if (target === 'accepted') continue;
    const proof = await steps.uploadFile(id, 'payment_proof', { filename: '付款凭证.pdf', contentType: 'application/pdf', content: DEMO_PDF }, buyer);
    await steps.pay(id, proof, buyer);
    await steps.rate(id, { rating: 5, comment: '服务专业，交付及时。' }, buyer);
    await steps.rate(id, { rating: 5, comment: '需求清晰，付款及时。' }, provider);
  }
  return out;
}
