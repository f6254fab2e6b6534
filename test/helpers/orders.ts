/** Services and orders walked through their steps over HTTP, for the tests that build on an order (vouchers). */
import type { TestApp } from './app.ts';

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
type Who = { cookie: string };

/** A published catalogue service of the provider (by the city admin, naming the provider). */
export async function catalogueService(t: TestApp, providerOrgId: number, over: Record<string, unknown> = {}): Promise<number> {
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/services',
    role: 'admin',
    body: {
      providerOrgId,
      title: '新材料力学性能检测',
      categoryCode: 'testing',
      description: '依据国家标准开展拉伸、弯曲、冲击等力学性能检测，出具检测报告。',
      deliverables: '检测报告',
      pricingMode: 'quote',
      turnaroundDays: 7,
      ...over,
    },
  });
  if (res.statusCode !== 201) throw new Error(`service: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

export function orderSteps(t: TestApp) {
  const post = (url: string, who: Who, body?: unknown) =>
    t.request({ method: 'POST', url, headers: { cookie: who.cookie }, ...(body !== undefined ? { body } : {}) });
  const upload = async (url: string, who: Who, filename: string) => {
    const boundary = '----kftvoucher';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.request({ method: 'POST', url, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: who.cookie } });
    if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
    return res.json().id as number;
  };
  const ok = async (p: ReturnType<typeof post>, what: string) => {
    const res = await p;
    if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return res;
  };
  return {
    post,
    /** requested → quoted (one line of unitFen) → confirmed; returns the order id */
    async confirmed(buyer: Who, provider: Who, serviceId: number, unitFen = 80_000_00): Promise<number> {
      const id = (await ok(post('/api/v1/orders', buyer, { serviceId, requirement: '请对我司新型合金材料开展力学性能检测并出具报告。' }), 'order')).json().id;
      await ok(post(`/api/v1/orders/${id}/quote`, provider, { lines: [{ name: '力学性能检测', quantity: 1, unitFen }], taxFen: 0 }), 'quote');
      await ok(post(`/api/v1/orders/${id}/confirm`, buyer), 'confirm');
      return id;
    },
    /** confirmed → delivered → accepted → invoiced → paid */
    async paid(id: number, buyer: Who, provider: Who): Promise<void> {
      const file = await upload(`/api/v1/orders/${id}/files?purpose=deliverable`, provider, '检测报告.pdf');
      await ok(post(`/api/v1/orders/${id}/deliver`, provider, { note: '交付检测报告', fileIds: [file] }), 'deliver');
      await ok(post(`/api/v1/orders/${id}/accept`, buyer), 'accept');
      await ok(post(`/api/v1/orders/${id}/invoice`, provider, { invoiceNo: `5000${id}2026` }), 'invoice');
      const proof = await upload(`/api/v1/orders/${id}/files?purpose=payment_proof`, buyer, '付款凭证.pdf');
      await ok(post(`/api/v1/orders/${id}/payment`, buyer, { fileId: proof }), 'payment');
    },
  };
}
