import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { createInstrument, ownerOrg } from '../helpers/instruments.ts';

function serviceInput(over: Record<string, unknown> = {}) {
  return {
    title: '金属材料力学性能检测',
    categoryCode: 'testing',
    subcategory: '材料检测',
    description: '拉伸、弯曲、冲击、硬度等力学性能检测',
    deliverables: 'CMA 检测报告',
    pricingMode: 'fixed',
    priceFen: 1_200_000,
    turnaroundDays: 5,
    qualifications: [
      { kind: 'CMA', number: '222012345678', validTo: '2099-12-31' },
      { kind: 'CNAS', number: 'L12345', validTo: '2020-01-01' },
    ],
    ...over,
  };
}

describe.each(engines())('service catalogue on %s', (engine) => {
  let t: TestApp;
  let provider: Awaited<ReturnType<typeof ownerOrg>>;
  let other: Awaited<ReturnType<typeof ownerOrg>>;
  beforeAll(async () => {
    t = await startApp(engine);
    provider = await ownerOrg(t, 'svc-provider', '重庆检验检测研究院');
    other = await ownerOrg(t, 'svc-other', '重庆另一检测公司');
  });
  afterAll(() => t.close());

  const create = async (over: Record<string, unknown> = {}, cookie = provider.cookie) =>
    t.request({ method: 'POST', url: '/api/v1/services', headers: { cookie }, body: serviceInput(over) });

  it('lets a provider member publish a service for their own organization, with audit and a view for the viewer', async () => {
    const res = await create();
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({
      providerOrgId: provider.orgId,
      providerName: '重庆检验检测研究院',
      categoryCode: 'testing',
      categoryName: '检验检测认证服务',
      pricingMode: 'fixed',
      priceFen: 1_200_000,
      priceMinFen: null,
      priceMaxFen: null,
      districtCode: '500103',
      restrictedKind: null,
      status: 'published',
      version: 1,
      can: { edit: true },
    });
    expect(s.qualifications).toEqual([
      { kind: 'CMA', number: '222012345678', validTo: '2099-12-31', valid: true },
      { kind: 'CNAS', number: 'L12345', validTo: '2020-01-01', valid: false },
    ]);
    const anonymous = await t.request({ url: `/api/v1/services/${s.id}` });
    expect(anonymous.json().can).toEqual({ edit: false });
    const audit = await t.request({ url: `/api/v1/audit?type=service.created`, role: 'admin' });
    expect(audit.statusCode).toBe(200);
    expect(JSON.stringify(audit.json())).toContain(`"${s.id}"`);
    // the face other modules call
    expect(await t.services.services.get(s.id)).toEqual({
      id: s.id,
      providerOrgId: provider.orgId,
      title: '金属材料力学性能检测',
      categoryCode: 'testing',
      restrictedKind: null,
      pricingMode: 'fixed',
      priceFen: 1_200_000,
      priceMinFen: null,
      priceMaxFen: null,
      districtCode: '500103',
      status: 'published',
    });
    expect(await t.services.services.get(999_999)).toBeNull();
    expect((await t.services.services.summaries([s.id, 999_999, s.id])).map((x) => x.id)).toEqual([s.id]);
  });

  it('refuses each bad field by its label in Chinese, and stores nothing', async () => {
    const before = (await t.request({ url: '/api/v1/services?pageSize=1' })).json().total;
    const bad = await create({
      title: 'x',
      pricingMode: 'range',
      priceFen: undefined,
      priceMinFen: 500_000,
      turnaroundDays: 0,
      qualifications: [{ kind: 'ISO', number: '1', validTo: '2026-02-30' }],
      restrictedKind: 'whatever',
    });
    expect(bad.statusCode).toBe(400);
    const messages = Object.fromEntries(bad.json().error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(messages.title).toContain('服务名称');
    expect(messages.turnaroundDays).toContain('服务周期');
    expect(messages['qualifications.0.kind']).toContain('资质类型');
    expect(messages['qualifications.0.number']).toContain('资质证书编号');
    expect(messages['qualifications.0.validTo']).toContain('资质有效期至');
    expect(messages.restrictedKind).toContain('限制类别');
    // the mode's price rules run once every field is well-formed
    const missing = await create({ pricingMode: 'range', priceFen: undefined, priceMinFen: 500_000 });
    expect(missing.json().error.fields).toEqual([{ path: 'priceMaxFen', message: expect.stringContaining('「最高价格」') }]);
    const fixed = await create({ priceFen: null });
    expect(fixed.json().error.fields).toEqual([{ path: 'priceFen', message: expect.stringContaining('「价格」') }]);
    const order = await create({ pricingMode: 'range', priceFen: undefined, priceMinFen: 500_000, priceMaxFen: 100_000 });
    expect(order.json().error.fields).toEqual([{ path: 'priceMaxFen', message: expect.stringContaining('最高价格不能低于最低价格') }]);
    const unknown = await create({ categoryCode: 'nope', districtCode: '999999' });
    expect(unknown.statusCode).toBe(400);
    const paths = unknown.json().error.fields.map((f: { path: string; message: string }) => `${f.path}: ${f.message}`);
    expect(paths).toEqual(expect.arrayContaining([expect.stringContaining('categoryCode: 未知的服务类别：nope'), expect.stringContaining('districtCode')]));
    const en = await t.request({
      method: 'POST',
      url: '/api/v1/services',
      headers: { cookie: provider.cookie },
      lang: 'en',
      body: serviceInput({ title: 'x' }),
    });
    expect(en.json().error.fields[0].message).toContain('Service name');
    expect((await t.request({ url: '/api/v1/services?pageSize=1' })).json().total).toBe(before);
  });

  it('keeps only the price fields of the mode: a range stores min and max, a quote none', async () => {
    const range = await create({ title: '电磁兼容测试', pricingMode: 'range', priceFen: 999, priceMinFen: 800_000, priceMaxFen: 1_500_000 });
    expect(range.json()).toMatchObject({ pricingMode: 'range', priceFen: null, priceMinFen: 800_000, priceMaxFen: 1_500_000 });
    const quote = await create({ title: '失效分析', pricingMode: 'quote', priceFen: 5 });
    expect(quote.json()).toMatchObject({ pricingMode: 'quote', priceFen: null, priceMinFen: null, priceMaxFen: null });
    // a patch to fixed without a price is refused naming the price
    const patch = await t.request({
      method: 'PATCH',
      url: `/api/v1/services/${quote.json().id}`,
      headers: { cookie: provider.cookie },
      body: { pricingMode: 'fixed' },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.fields[0].path).toBe('priceFen');
  });

  it('permissions: anonymous cannot create, another organization cannot edit, the admin names the provider', async () => {
    const anonymous = await t.request({ method: 'POST', url: '/api/v1/services', body: serviceInput() });
    expect(anonymous.statusCode).toBe(401);
    const foreign = await create({ providerOrgId: provider.orgId }, other.cookie);
    expect(foreign.statusCode).toBe(403);
    const district = await t.request({ method: 'POST', url: '/api/v1/services', role: 'district', body: serviceInput({ providerOrgId: provider.orgId }) });
    expect(district.statusCode).toBe(403);
    const id = (await create({ title: '硬度检测' })).json().id;
    const edit = await t.request({ method: 'PATCH', url: `/api/v1/services/${id}`, headers: { cookie: other.cookie }, body: { title: '改名' } });
    expect(edit.statusCode).toBe(403);
    const admin = await t.request({
      method: 'POST',
      url: '/api/v1/services',
      role: 'admin',
      body: serviceInput({ providerOrgId: other.orgId, title: '管理员代发服务' }),
    });
    expect(admin.statusCode).toBe(201);
    expect(admin.json().providerOrgId).toBe(other.orgId);
    const adminNoProvider = await t.request({ method: 'POST', url: '/api/v1/services', role: 'admin', body: serviceInput() });
    expect(adminNoProvider.statusCode).toBe(400);
  });

  it('refuses an edit on a stale version with 409, and a withdrawn service leaves the catalogue', async () => {
    const id = (await create({ title: '盐雾腐蚀试验' })).json().id;
    const first = await t.request({
      method: 'PATCH',
      url: `/api/v1/services/${id}`,
      headers: { cookie: provider.cookie },
      body: { priceFen: 50_000, version: 1 },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, priceFen: 50_000 });
    const stale = await t.request({ method: 'PATCH', url: `/api/v1/services/${id}`, headers: { cookie: provider.cookie }, body: { priceFen: 1, version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('当前版本 2');
    const found = async () => (await t.request({ url: `/api/v1/services?q=${encodeURIComponent('盐雾腐蚀')}` })).json().items.map((s: { id: number }) => s.id);
    expect(await found()).toContain(id);
    const withdraw = await t.request({
      method: 'PATCH',
      url: `/api/v1/services/${id}`,
      headers: { cookie: provider.cookie },
      body: { status: 'withdrawn', version: 2 },
    });
    expect(withdraw.json()).toMatchObject({ status: 'withdrawn', version: 3 });
    expect(await found()).not.toContain(id);
    const audit = await t.request({ url: `/api/v1/audit?type=service.withdrawn`, role: 'admin' });
    expect(JSON.stringify(audit.json())).toContain(`"${id}"`);
    // the provider still sees its own withdrawn service when listing itself
    const own = await t.request({ url: `/api/v1/services?providerOrgId=${provider.orgId}&pageSize=100`, headers: { cookie: provider.cookie } });
    expect(own.json().items.map((s: { id: number }) => s.id)).toContain(id);
  });

  it('searches with the Chinese pipeline (traditional finds simplified), filters and facets', async () => {
    await create({ title: '环境空气质量检测服务', districtCode: '500106' }, other.cookie);
    await create({ title: '专利申请代理', categoryCode: 'ip', pricingMode: 'quote', priceFen: undefined, qualifications: [] }, other.cookie);
    const trad = await t.request({ url: `/api/v1/services?q=${encodeURIComponent('環境空氣質量檢測')}` });
    expect(trad.statusCode).toBe(200);
    expect(trad.json().items.map((s: { title: string }) => s.title)).toContain('环境空气质量检测服务');
    const all = (await t.request({ url: '/api/v1/services?pageSize=100' })).json();
    const testing = all.facets.category.find((f: { code: string }) => f.code === 'testing').count;
    expect(all.facets.category.find((f: { code: string }) => f.code === 'ip').count).toBe(1);
    expect(all.facets.district.find((f: { code: string }) => f.code === '500106').count).toBe(1);
    expect(testing + 1).toBe(all.total);
    const byCategory = (await t.request({ url: '/api/v1/services?category=ip' })).json();
    expect(byCategory.items.map((s: { title: string }) => s.title)).toEqual(['专利申请代理']);
    const byDistrict = (await t.request({ url: '/api/v1/services?district=500106' })).json();
    expect(byDistrict.total).toBe(1);
    const byMode = (await t.request({ url: '/api/v1/services?pricingMode=quote' })).json();
    expect(byMode.items.every((s: { pricingMode: string }) => s.pricingMode === 'quote')).toBe(true);
    const byProvider = (await t.request({ url: `/api/v1/services?providerOrgId=${other.orgId}` })).json();
    expect(byProvider.items.every((s: { providerOrgId: number }) => s.providerOrgId === other.orgId)).toBe(true);
    const badQuery = await t.request({ url: '/api/v1/services?pageSize=0' });
    expect(badQuery.statusCode).toBe(400);
  });

  it('shows a provider storefront with its services, instruments and achievements', async () => {
    await create({ title: '店铺展示服务' });
    await createInstrument(t, provider.orgId, { name: '万能材料试验机', classCode: 'physical' });
    const achievement = await t.request({
      method: 'POST',
      url: '/api/v1/achievements',
      headers: { cookie: provider.cookie },
      body: {
        title: '高强钢焊接接头疲劳评估方法',
        abstract: '一种焊接接头疲劳寿命评估方法，适用于桥梁钢结构与起重机械的焊缝检测。',
        keywords: ['疲劳'],
        maturity: 'pilot',
        transferModes: ['license'],
      },
    });
    expect(achievement.statusCode).toBe(201);
    const published = await t.request({ method: 'POST', url: `/api/v1/achievements/${achievement.json().id}/publish`, headers: { cookie: provider.cookie } });
    expect(published.statusCode).toBe(200);
    const res = await t.request({ url: `/api/v1/providers/${provider.orgId}/storefront` });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.org).toMatchObject({ id: provider.orgId, name: '重庆检验检测研究院' });
    expect(s.services.map((x: { title: string }) => x.title)).toContain('店铺展示服务');
    expect(s.services.every((x: { providerOrgId: number; status: string }) => x.providerOrgId === provider.orgId && x.status === 'published')).toBe(true);
    expect(s.instruments.items.map((i: { name: string }) => i.name)).toContain('万能材料试验机');
    expect(s.achievements.items.map((a: { title: string }) => a.title)).toEqual(['高强钢焊接接头疲劳评估方法']);
    expect((await t.request({ url: '/api/v1/providers/999999/storefront' })).statusCode).toBe(404);
  });
});
