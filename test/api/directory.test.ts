import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, orgInput, startApp, uscc, type TestApp } from '../helpers/app.ts';

describe.each(engines())('directory API on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(engine);
  });
  afterAll(async () => t?.close());

  const create = (over: Record<string, unknown> = {}, role: 'admin' | 'district' = 'admin') =>
    t.request({ method: 'POST', url: '/api/v1/orgs', role, body: orgInput(over) });

  it('creates an organization and reads it back', async () => {
    const res = await create({ name: '重庆博睿检测技术有限公司', recognitions: [{ kind: 'high_tech', validFrom: '2024-01-01', validTo: '2099-12-31' }] });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({ name: '重庆博睿检测技术有限公司', version: 1, categories: ['testing'] });
    const got = await t.request({ url: `/api/v1/orgs/${org.id}`, role: 'admin' });
    expect(got.json().recognitions).toEqual([{ kind: 'high_tech', validFrom: '2024-01-01', validTo: '2099-12-31', certificateNo: null }]);
  });

  it("names each bad field by its label in a sentence of the caller's language, never a library message", async () => {
    const body = { uscc: uscc(), name: '甲', kinds: ['mars_base'], employees: 'many', website: 'ftp:/x' };
    const zh = await t.request({ method: 'POST', url: '/api/v1/orgs', role: 'admin', body });
    expect(zh.statusCode).toBe(400);
    const zhFields = Object.fromEntries(zh.json().error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(zhFields).toMatchObject({
      name: '「机构名称」至少 2 个字（现有 1 个）。',
      employees: '「从业人员数」应为数字。',
      website: '网址格式不正确，应以 http:// 或 https:// 开头。',
    });
    expect(zhFields['kinds.0']).toMatch(/^「机构类型」不能是“mars_base”，可选：service_provider、enterprise/);
    const en = await t.request({ method: 'POST', url: '/api/v1/orgs', role: 'admin', body, lang: 'en' });
    const enFields = Object.fromEntries(en.json().error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(enFields).toMatchObject({ name: 'Organization name needs at least 2 characters (has 1).', employees: 'Employees must be a number.' });
    for (const message of [...Object.values(zhFields), ...Object.values(enFields)] as string[]) expect(message).not.toMatch(/[{}]|期望|Invalid input|expected/);
    // a query parameter is named by its label too
    const page = await t.request({ url: '/api/v1/orgs?pageSize=500' });
    expect(page.json().error.fields).toEqual([{ path: 'query.pageSize', message: '「每页条数」不能大于 200。' }]);
  });

  it('refuses a bad USCC naming the field and the reason, in Chinese and in English, and writes nothing', async () => {
    const before = (await t.request({ url: '/api/v1/orgs?pageSize=1' })).json().total;
    const zh = await create({ uscc: '91350100M000100Y44' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toMatchObject({
      code: 'validation_failed',
      fields: [{ path: 'uscc', message: '统一社会信用代码校验位错误：第 18 位应为“3”，实际为“4”。' }],
    });
    const en = await t.request({ method: 'POST', url: '/api/v1/orgs', role: 'admin', lang: 'en', body: orgInput({ uscc: '9135' }) });
    expect(en.json().error.fields[0]).toEqual({ path: 'uscc', message: 'A unified social credit code has 18 characters; this one has 4.' });
    const bad = await create({ categories: ['testing', 'astrology'], districtCode: '999999', contactEmail: 'not-mail' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['contactEmail']);
    const unknown = await create({ categories: ['testing', 'astrology'], districtCode: '999999' });
    expect(unknown.json().error.fields).toEqual([
      { path: 'categories.1', message: '未知的服务类别：astrology。' },
      { path: 'districtCode', message: '未知的区县代码：999999。' },
    ]);
    expect((await t.request({ url: '/api/v1/orgs?pageSize=1' })).json().total).toBe(before);
  });

  it('answers 409 for a duplicate USCC, also when many requests race', async () => {
    const code = uscc();
    expect((await create({ uscc: code })).statusCode).toBe(201);
    const dup = await create({ uscc: code, name: '另一家公司' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields[0].path).toBe('uscc');
    const racing = uscc();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => create({ uscc: racing, name: `竞争创建测试公司${i}` })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(7);
  });

  it('finds simplified names from traditional, full-width and typo queries, with facets', async () => {
    await create({ name: '重庆嘉陵知识产权代理有限公司', categories: ['ip'], districtCode: '500106', description: 'ISO9001 认证咨询与专利申请代理' });
    const q = async (query: string) => (await t.request({ url: `/api/v1/orgs?q=${encodeURIComponent(query)}` })).json();
    expect((await q('嘉陵知識產權')).items[0].name).toBe('重庆嘉陵知识产权代理有限公司');
    expect((await q('ＩＳＯ９００１')).items.map((o: { name: string }) => o.name)).toContain('重庆嘉陵知识产权代理有限公司');
    expect((await q('嘉陵知识产权代里')).items[0].name).toBe('重庆嘉陵知识产权代理有限公司'); // 代里: homophone typo
    const result = await q('知识产权');
    expect(result.facets.category).toContainEqual({ code: 'ip', count: expect.any(Number) });
    expect(result.facets.district).toContainEqual({ code: '500106', count: 1 });
    // a facet ignores its own filter (so other choices stay visible) but not the others
    const filtered = (await t.request({ url: `/api/v1/orgs?q=${encodeURIComponent('知识产权')}&district=500103` })).json();
    expect(filtered.total).toBe(0);
    expect(filtered.facets.district).toContainEqual({ code: '500106', count: 1 });
    expect(filtered.facets.category).toEqual([]);
  });

  it('rolls abolished districts up to their successor in filters and facets', async () => {
    const res = await create({ name: '重庆江北老城区检测有限公司', districtCode: '500105' });
    expect(res.statusCode).toBe(201);
    const list = (await t.request({ url: `/api/v1/orgs?district=500199&q=${encodeURIComponent('江北老城区')}` })).json();
    expect(list.items.map((o: { id: number }) => o.id)).toEqual([res.json().id]);
    expect(list.facets.district).toEqual([{ code: '500199', count: 1 }]);
  });

  it('lists a district most recently updated first, and puts organizations without a figure last when sorted by it', async () => {
    const made: number[] = [];
    for (const employees of [50, undefined, 200]) {
      const res = await create({ name: `重庆排序${made.length}号信息技术有限公司`, districtCode: '500110', categories: ['info'], employees });
      expect(res.statusCode).toBe(201);
      made.push(res.json().id);
    }
    const [fifty, none, twoHundred] = made;
    const touched = await t.request({ method: 'PATCH', url: `/api/v1/orgs/${fifty}`, role: 'admin', body: { address: '重庆市綦江区古南街道1号', version: 1 } });
    expect(touched.statusCode).toBe(200);
    const order = async (query: string) => {
      const res = await t.request({ url: `/api/v1/orgs?district=500110&category=info&pageSize=200${query}` });
      expect(res.statusCode).toBe(200);
      return res
        .json()
        .items.map((o: { id: number }) => o.id)
        .filter((id: number) => made.includes(id));
    };
    // the default: newest change first (the one district's index walk, or a sort, must agree)
    expect(await order('')).toEqual([fifty, twoHundred, none]);
    expect(await order('&sort=employees&order=desc')).toEqual([twoHundred, fifty, none]);
    expect(await order('&sort=employees&order=asc')).toEqual([fifty, twoHundred, none]);
  });

  it('filters by kind, category, recognition (only while valid) and pages with a total', async () => {
    await create({ name: '重庆过期资质检测有限公司', recognitions: [{ kind: 'tech_sme', validFrom: '2020-01-01', validTo: '2020-12-31' }] });
    await create({ name: '重庆有效资质检测有限公司', recognitions: [{ kind: 'tech_sme', validFrom: '2020-01-01', validTo: '2099-12-31' }] });
    const list = (await t.request({ url: '/api/v1/orgs?recognition=tech_sme&pageSize=50' })).json();
    const names = list.items.map((o: { name: string }) => o.name);
    expect(names).toContain('重庆有效资质检测有限公司');
    expect(names).not.toContain('重庆过期资质检测有限公司');
    const page1 = (await t.request({ url: '/api/v1/orgs?category=testing&pageSize=2&sort=name' })).json();
    const page2 = (await t.request({ url: '/api/v1/orgs?category=testing&pageSize=2&page=2&sort=name' })).json();
    expect(page1.total).toBe(page2.total);
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0].id).not.toBe(page2.items[0].id);
    const bad = await t.request({ url: '/api/v1/orgs?pageSize=1000&sort=price' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['query.pageSize', 'query.sort']);
  });

  it('masks contact data for anonymous visitors only', async () => {
    const id = (await create({ contactPhone: '13812345678', contactEmail: 'wang@example.cn', contactPerson: '王小明' })).json().id;
    const anon = (await t.request({ url: `/api/v1/orgs/${id}` })).json();
    expect(anon).toMatchObject({ contactPhone: '138****5678', contactEmail: 'w***@example.cn', contactPerson: '王**', contactMasked: true });
    const list = (await t.request({ url: `/api/v1/orgs?q=${encodeURIComponent('测试检测')}` })).json();
    expect(JSON.stringify(list)).not.toContain('13812345678');
    const member = (await t.request({ url: `/api/v1/orgs/${id}`, role: 'member' })).json();
    expect(member).toMatchObject({ contactPhone: '13812345678', contactEmail: 'wang@example.cn', contactMasked: false });
  });

  it('keeps every change with who, when, before and after; refuses stale versions; never loses a concurrent write', async () => {
    const org = (await create({ name: '重庆历史记录测试有限公司' })).json();
    const p1 = await t.request({ method: 'PATCH', url: `/api/v1/orgs/${org.id}`, role: 'admin', body: { name: '重庆历史记录测试股份有限公司', version: 1 } });
    expect(p1.statusCode).toBe(200);
    expect(p1.json().version).toBe(2);
    const stale = await t.request({ method: 'PATCH', url: `/api/v1/orgs/${org.id}`, role: 'admin', body: { address: '别处', version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('当前版本 2');
    // two editors change different fields at once, without versions: both changes survive
    await Promise.all([
      t.request({ method: 'PATCH', url: `/api/v1/orgs/${org.id}`, role: 'admin', body: { employees: 42 } }),
      t.request({ method: 'PATCH', url: `/api/v1/orgs/${org.id}`, role: 'admin', body: { website: 'https://history.example.cn' } }),
    ]);
    const now = (await t.request({ url: `/api/v1/orgs/${org.id}`, role: 'admin' })).json();
    expect(now).toMatchObject({ employees: 42, website: 'https://history.example.cn', version: 4 });
    const history = (await t.request({ url: `/api/v1/orgs/${org.id}/history`, role: 'admin' })).json();
    expect(history.items.map((h: { action: string }) => h.action)).toEqual(['update', 'update', 'update', 'create']);
    const rename = history.items[2];
    expect(rename).toMatchObject({ actorName: '管理员', changedFields: ['name'] });
    expect(rename.before.name).toBe('重庆历史记录测试有限公司');
    expect(rename.after.name).toBe('重庆历史记录测试股份有限公司');
    expect((await t.request({ url: `/api/v1/orgs/${org.id}/history` })).statusCode).toBe(401);
  });

  it('writes a domain event in the same transaction and delivers it once per subscriber', async () => {
    const seen: string[] = [];
    t.services.events.subscribe(`test-${engine}`, ['org.created', 'org.updated'], async (e) => {
      seen.push(`${e.type}:${(e.payload as { name?: string; after?: { name: string } }).name ?? (e.payload as { after: { name: string } }).after.name}`);
    });
    const org = (await create({ name: '重庆事件测试有限公司' })).json();
    await t.request({ method: 'PATCH', url: `/api/v1/orgs/${org.id}`, role: 'admin', body: { name: '重庆事件测试二有限公司' } });
    await create({ uscc: '91350100M000100Y44' }); // refused: no event
    // Delivery waits for every older transaction on the server to end (pg_snapshot_xmin is
    // server-wide), and other test files run in parallel against the same server: poll.
    await expect
      .poll(
        async () => {
          await t.services.events.drain();
          return seen.filter((s) => s.includes('事件测试'));
        },
        { timeout: 30_000, interval: 200 },
      )
      .toEqual(['org.created:重庆事件测试有限公司', 'org.updated:重庆事件测试二有限公司']);
    await t.services.events.drain();
    expect(seen.filter((s) => s.includes('事件测试'))).toHaveLength(2); // once, not again
  });
});
