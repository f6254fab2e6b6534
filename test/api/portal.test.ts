/**
 * The portal's front page and its notices (issue 14, point 6) through the HTTP API: the front page in one request
 * (headline figures against the 2025 targets, the bulletin's empty slot, notices, the newest listings), and the
 * offices' notices — who may post, change and take down which, validation, history and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, PASSWORD, startApp, type TestApp } from '../helpers/app.ts';

describe.each(engines())('portal on %s', (engine) => {
  let t: TestApp;
  let otherDistrict: string; // a district admin of 沙坪坝区 (500106)
  beforeAll(async () => {
    t = await startApp(engine);
    await t.services.statistics.start();
    await t.services.auth.createUser({ username: 'spb', password: PASSWORD, role: 'district_admin', displayName: '沙坪坝区管理员', districtCode: '500106' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'spb', password: PASSWORD } });
    const c = res.cookies.find((x) => x.name === 'kft_session')!;
    otherDistrict = `${c.name}=${c.value}`;
  });
  afterAll(() => t.close());

  const post = (body: unknown, role?: 'admin' | 'district' | 'member', lang?: string) =>
    t.request({ method: 'POST', url: '/api/v1/notices', ...(role ? { role } : {}), body, ...(lang ? { lang } : {}) });

  it('gives the front page in one request: the 2025 headline figures as the indicators have them, no bulletin yet', async () => {
    const res = await t.request({ url: '/api/v1/portal/front' });
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.headline.map((h: { indicator: string }) => h.indicator)).toEqual([
      'market_entities',
      'employees',
      'revenue',
      'tech_contract_turnover',
      'technology_managers',
      'new_above_scale_enterprises',
    ]);
    const indicators = (await t.request({ url: '/api/v1/indicators?scope=chongqing' })).json().items;
    for (const h of f.headline) {
      const i = indicators.find((x: { id: number }) => x.id === h.id);
      const p = i.progress.find((x: { year: number }) => x.year === 2025);
      expect(h, h.indicator).toMatchObject({ target: p.target, percent: p.percent, status: p.status, value: i.latest?.value ?? null });
    }
    expect(f.headline[0].target).toBe(56000);
    expect(f.headline[0].value).toBe((await t.request({ url: '/api/v1/orgs?pageSize=1' })).json().total);
    // the bulletins are not built yet: an empty slot, no made-up content
    expect(f.bulletin).toBeNull();
    expect(Array.isArray(f.achievements) && Array.isArray(f.demands) && Array.isArray(f.instruments)).toBe(true);
  });

  it('serves anonymous visitors the front page from the response cache, and shows a figure entered since at once', async () => {
    const first = await t.request({ url: '/api/v1/portal/front' });
    const again = await t.request({ url: '/api/v1/portal/front' });
    expect(again.headers['x-cache']).toBe('hit');
    expect(again.body).toBe(first.body);
    const employees = first.json().headline.find((h: { indicator: string }) => h.indicator === 'employees');
    const entered = await t.request({
      method: 'POST',
      url: `/api/v1/indicators/${employees.id}/values`,
      role: 'admin',
      body: { period: '2024', value: 123_456 },
    });
    expect(entered.statusCode, entered.body).toBe(200);
    const after = await t.request({ url: '/api/v1/portal/front' });
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.json().headline.find((h: { indicator: string }) => h.indicator === 'employees').value).toBe(entered.json().latest.value);
  });

  it('lets the city office post a city-wide notice and a district office one for its district; shows them on the front page at once', async () => {
    const city = await post(
      { title: '关于开展2026年度科技服务业统计调查的通知', body: '各区县科技主管部门：请于 3 月底前完成填报。', link: '/statistics' },
      'admin',
    );
    expect(city.statusCode, city.body).toBe(201);
    expect(city.json()).toMatchObject({ districtCode: null, version: 1, can: { edit: true }, link: '/statistics' });
    const yz = await post({ title: '渝中区科创服务业政策宣讲会', body: '定于下周三举行。' }, 'district');
    expect(yz.statusCode, yz.body).toBe(201);
    expect(yz.json()).toMatchObject({ districtCode: '500103', link: null });

    const front = (await t.request({ url: '/api/v1/portal/front' })).json();
    expect(front.notices.map((n: { id: number }) => n.id).slice(0, 2)).toEqual([yz.json().id, city.json().id]);
    // anonymous readers see them, and may edit none
    expect(front.notices.every((n: { can: { edit: boolean } }) => !n.can.edit)).toBe(true);
    const listed = (await t.request({ url: '/api/v1/notices?district=500103' })).json();
    expect(listed.items.map((n: { id: number }) => n.id)).toEqual([yz.json().id]);

    const audit = (await t.request({ url: '/api/v1/audit?type=portal.notice_posted', role: 'admin' })).json();
    expect(audit.items.filter((a: { type: string }) => a.type === 'portal.notice_posted').length).toBeGreaterThanOrEqual(2);
  });

  it('lets an office change and take down only its own notices (the city office any)', async () => {
    const yz = (await post({ title: '渝中区科技服务机构座谈会', body: '请各机构派员参加。' }, 'district')).json();
    const city = (await post({ title: '全市科技服务业发展大会', body: '会议安排另行通知。' }, 'admin')).json();
    // another district's office: neither the city's nor 渝中区's
    const foreign = await t.request({
      method: 'PATCH',
      url: `/api/v1/notices/${yz.id}`,
      headers: { cookie: otherDistrict },
      body: { title: '改标题', version: 1 },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toContain('本部门');
    expect((await t.request({ method: 'PATCH', url: `/api/v1/notices/${city.id}`, role: 'district', body: { title: '改标题', version: 1 } })).statusCode).toBe(
      403,
    );
    expect((await t.request({ method: 'DELETE', url: `/api/v1/notices/${city.id}`, role: 'district' })).statusCode).toBe(403);
    // an organization's member posts nothing; anonymous callers must sign in
    expect((await post({ title: '机构通知', body: '正文' }, 'member')).statusCode).toBe(403);
    expect((await post({ title: '匿名通知', body: '正文' })).statusCode).toBe(401);

    const changed = await t.request({
      method: 'PATCH',
      url: `/api/v1/notices/${yz.id}`,
      role: 'district',
      body: { title: '渝中区科技服务机构座谈会（改期）', version: 1 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ title: '渝中区科技服务机构座谈会（改期）', version: 2, body: '请各机构派员参加。' });
    const stale = await t.request({ method: 'PATCH', url: `/api/v1/notices/${yz.id}`, role: 'admin', body: { body: '过期版本', version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect((await t.request({ url: `/api/v1/notices/${yz.id}` })).json().body).toBe('请各机构派员参加。');

    const front = async () => (await t.request({ url: '/api/v1/portal/front' })).json().notices.map((n: { id: number }) => n.id);
    expect(await front()).toContain(yz.id);
    // the city office takes down a district's notice; it leaves the front page at once
    expect((await t.request({ method: 'DELETE', url: `/api/v1/notices/${yz.id}`, role: 'admin' })).statusCode).toBe(200);
    expect((await t.request({ url: `/api/v1/notices/${yz.id}` })).statusCode).toBe(404);
    expect(await front()).not.toContain(yz.id);
    const audit = (await t.request({ url: '/api/v1/audit?type=portal.notice_deleted', role: 'admin' })).json();
    expect(audit.items.some((a: { subjectId: string }) => a.subjectId === String(yz.id))).toBe(true);
  });

  it('refuses a bad notice with the field named, in both languages, and stores nothing', async () => {
    const before = (await t.request({ url: '/api/v1/notices' })).json().total;
    const short = await post({ title: '短', body: '正文' }, 'admin');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields).toEqual([expect.objectContaining({ path: 'title', message: expect.stringContaining('标题') })]);
    const empty = await post({ title: '一则通知', body: '   ' }, 'admin');
    expect(empty.json().error.fields[0]).toMatchObject({ path: 'body', message: expect.stringContaining('正文') });
    const outside = await post({ title: '一则通知', body: '正文', link: 'https://example.com/x' }, 'admin', 'en');
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0]).toMatchObject({ path: 'link', message: expect.stringContaining('"Link"') });
    const long = await post({ title: '一则通知', body: '字'.repeat(5001) }, 'admin');
    expect(long.json().error.fields[0].message).toContain('5000');
    expect((await t.request({ url: '/api/v1/notices' })).json().total).toBe(before);
    expect((await t.request({ url: '/api/v1/notices/999999' })).statusCode).toBe(404);
  });
});
