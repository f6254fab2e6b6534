/**
 * Statistical bulletins (统计信息发布, issue 14 point 5) through the HTTP API: an office composes a draft from
 * indicators and text, previews the figures the indicators hold now, publishes a numbered version whose figures are
 * frozen (they stay when an indicator moves later), with its PDF and xlsx read back by readers that are not ours;
 * a correction is a new version under the same number; who may see and compose what; bad input named by its label;
 * the front page shows the latest bulletin at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, PASSWORD, startApp, type TestApp } from '../helpers/app.ts';
import { readPdf } from '../helpers/pdf.ts';

type Indicator = { id: number; indicator: string; scope: string; method: string; nameZh: string; latest: { value: number; period: string } | null };

/** the Beijing year now: a number's year is the year of its first publication */
const beijingYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const grouped = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

describe.each(engines())('bulletins on %s', (engine) => {
  let t: TestApp;
  let city: Indicator[];
  let employees: Indicator;
  let yuzhong: Indicator; // one of 渝中区's own indicators an office enters
  let spbCookie: string; // a district admin of 沙坪坝区 (500106)
  beforeAll(async () => {
    t = await startApp(engine);
    await t.services.statistics.start();
    city = (await t.request({ url: '/api/v1/indicators?scope=chongqing' })).json().items;
    employees = city.find((i) => i.indicator === 'employees')!;
    const district: Indicator[] = (await t.request({ url: '/api/v1/indicators?scope=district:500103' })).json().items;
    yuzhong = district.find((i) => i.method !== 'computed')!;
    await t.services.auth.createUser({ username: 'spb', password: PASSWORD, role: 'district_admin', displayName: '沙坪坝区管理员', districtCode: '500106' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'spb', password: PASSWORD } });
    const c = res.cookies.find((x) => x.name === 'kft_session')!;
    spbCookie = `${c.name}=${c.value}`;
  }, 120_000);
  afterAll(() => t.close());

  const enter = async (i: Indicator, period: string, value: number) => {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/indicators/${i.id}/values`,
      role: i.scope === 'chongqing' ? 'admin' : 'district',
      body: { period, value },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const draft = (over: Record<string, unknown> = {}, role: 'admin' | 'district' | 'member' = 'admin', lang?: string) =>
    t.request({
      method: 'POST',
      url: '/api/v1/bulletins',
      role,
      ...(lang ? { lang } : {}),
      body: {
        scope: 'chongqing',
        period: '2025',
        title: '2025年重庆市科技服务业统计公报',
        lead: '2025年，全市科技服务业持续较快发展。',
        sections: [{ heading: '从业人员', body: '全市科技服务业从业人员稳步增长。' }],
        indicatorIds: [employees.id],
        ...over,
      },
    });
  const publish = (id: number, version: number, correctionNote?: string, role: 'admin' | 'district' = 'admin') =>
    t.request({ method: 'POST', url: `/api/v1/bulletins/${id}/publish`, role, body: { version, ...(correctionNote ? { correctionNote } : {}) } });

  it('composes a draft that only its offices see, previews the figures as the indicators hold them now', async () => {
    await enter(employees, '2024', 310_000);
    const res = await draft();
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    expect(b).toMatchObject({ status: 'draft', number: null, latestVersion: 0, published: null, versions: [], can: { edit: true, publish: true } });
    expect(b.draft).toMatchObject({ title: '2025年重庆市科技服务业统计公报', indicatorIds: [employees.id], pending: true, version: 1 });

    // a draft is not public: not listed, not found; a district office of another scope does not see it either
    expect((await t.request({ url: `/api/v1/bulletins/${b.id}` })).statusCode).toBe(404);
    expect((await t.request({ url: `/api/v1/bulletins/${b.id}`, role: 'district' })).statusCode).toBe(404);
    expect((await t.request({ url: '/api/v1/bulletins' })).json().items.map((x: { id: number }) => x.id)).not.toContain(b.id);
    expect((await t.request({ url: '/api/v1/bulletins/workbench', role: 'admin' })).json().items.map((x: { id: number }) => x.id)).toContain(b.id);
    expect((await t.request({ url: '/api/v1/bulletins/workbench', role: 'district' })).json().items.map((x: { id: number }) => x.id)).not.toContain(b.id);

    const preview = await t.request({ url: `/api/v1/bulletins/${b.id}/preview`, role: 'admin' });
    expect(preview.statusCode, preview.body).toBe(200);
    const now = (await t.request({ url: `/api/v1/indicators/${employees.id}` })).json();
    const p = now.progress.find((x: { year: number }) => x.year >= 2025);
    expect(preview.json().figures).toEqual([
      expect.objectContaining({
        indicatorId: employees.id,
        value: now.latest.value,
        period: now.latest.period,
        method: now.method,
        target: { year: p.year, value: p.target, percent: p.percent, status: p.status },
      }),
    ]);
    expect(preview.json().figures[0].value).toBe(310_000);
    expect((await t.request({ url: `/api/v1/bulletins/${b.id}/preview`, role: 'district' })).statusCode).toBe(403);
  });

  it('keeps composing to the offices: an enterprise member cannot, a district office only for its district', async () => {
    const member = await draft({}, 'member');
    expect(member.statusCode).toBe(403);
    expect(member.json().error.message).toContain('科技主管部门');
    expect((await t.request({ url: '/api/v1/bulletins/workbench', role: 'member' })).statusCode).toBe(403);
    expect((await t.request({ url: '/api/v1/bulletins/workbench' })).statusCode).toBe(401);
    const anonymous = await t.request({
      method: 'POST',
      url: '/api/v1/bulletins',
      body: { scope: 'chongqing', period: '2025', title: '匿名者的公报', indicatorIds: [employees.id] },
    });
    expect(anonymous.statusCode).toBe(401);
    // a district office: not the city's bulletin, not another district's
    expect((await draft({}, 'district')).statusCode).toBe(403);
    expect((await draft({ scope: 'district:500106', indicatorIds: [yuzhong.id] }, 'district')).statusCode).toBe(403);
    const before = (await t.request({ url: '/api/v1/bulletins/workbench', role: 'admin' })).json().total;
    const spb = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bulletins',
      headers: { cookie: spbCookie },
      payload: { scope: 'district:500103', period: '2025', title: '渝中区统计公报', indicatorIds: [yuzhong.id] },
    });
    expect(spb.statusCode).toBe(403);
    expect((await t.request({ url: '/api/v1/bulletins/workbench', role: 'admin' })).json().total).toBe(before);
  });

  it('names the field of bad input by its label, in the caller’s language, and keeps nothing', async () => {
    const before = (await t.request({ url: '/api/v1/bulletins/workbench', role: 'admin' })).json().total;
    const short = await draft({ title: '公报', indicatorIds: [] });
    expect(short.statusCode).toBe(400);
    const fields = short.json().error.fields as { path: string; message: string }[];
    expect(fields.find((f) => f.path === 'title')?.message).toContain('「标题」');
    expect(fields.find((f) => f.path === 'indicatorIds')?.message).toContain('「指标」');
    const period = await draft({ period: '2025年' }, 'admin', 'en');
    expect(period.statusCode).toBe(400);
    expect(period.json().error.fields[0]).toMatchObject({ path: 'period' });
    expect(period.json().error.fields[0].message).toContain('“Period”');
    // a district's indicator in the city's bulletin, an indicator that does not exist
    const outside = await draft({ indicatorIds: [employees.id, yuzhong.id, 99_999_999] });
    expect(outside.statusCode).toBe(400);
    const named = outside.json().error.fields as { path: string; message: string }[];
    expect(named.map((f) => f.path)).toEqual(['indicatorIds.1', 'indicatorIds.2']);
    expect(named[0].message).toContain(yuzhong.nameZh);
    expect(named[1].message).toContain('99999999');
    // hostile input: 4xx, never 500
    for (const body of [
      { scope: "chongqing'; DROP TABLE bulletins;--" },
      { sections: [{ heading: 'x'.repeat(101), body: 'y' }] },
      { indicatorIds: ['1'] },
      { title: '\u0000标题测试' },
    ]) {
      const res = await draft(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await t.request({ url: '/api/v1/bulletins/workbench', role: 'admin' })).json().total).toBe(before);
  });

  let published: { id: number; number: string };
  it('publishes a numbered version with its figures frozen: a later change to an indicator leaves it as published', async () => {
    const created = (await draft({ title: '2025年全市科技服务业发展统计公报' })).json();
    const res = await publish(created.id, created.draft.version);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    const year = beijingYear();
    expect(b.number).toMatch(new RegExp(`^渝科服统〔${year}〕\\d+号$`));
    expect(b).toMatchObject({ status: 'published', latestVersion: 1, versions: [{ version: 1, correctionNote: null }] });
    expect(b.published).toMatchObject({ version: 1, number: b.number, title: '2025年全市科技服务业发展统计公报', correctionNote: null });
    expect(b.published.figures[0]).toMatchObject({ indicatorId: employees.id, value: 310_000, period: '2024' });
    published = { id: b.id, number: b.number };

    // the next city bulletin of the year takes the next number; a district's has its own sequence
    const second = (await draft({ title: '2025年第二期统计信息' })).json();
    const n2 = (await publish(second.id, second.draft.version)).json().number;
    expect(Number(n2.match(/〕(\d+)号/)[1])).toBe(Number(b.number.match(/〕(\d+)号/)[1]) + 1);
    const yz = await draft({ scope: 'district:500103', title: '渝中区2025年科技服务业统计信息', indicatorIds: [yuzhong.id, employees.id] }, 'district');
    expect(yz.statusCode, yz.body).toBe(201);
    const yzPublished = await publish(yz.json().id, yz.json().draft.version, undefined, 'district');
    expect(yzPublished.statusCode, yzPublished.body).toBe(200);
    expect(yzPublished.json().number).toBe(`渝中科服统〔${year}〕1号`);

    // the public reads it; the figures stay as published when the indicator moves
    await enter(employees, '2025', 333_333);
    const read = await t.request({ url: `/api/v1/bulletins/${b.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json().draft).toBeNull();
    expect(read.json().can).toEqual({ edit: false, publish: false });
    expect(read.json().published.figures[0]).toMatchObject({ value: 310_000, period: '2024' });
    expect((await t.request({ url: `/api/v1/bulletins/${b.id}/preview`, role: 'admin' })).json().figures[0]).toMatchObject({ value: 333_333, period: '2025' });
    const list = (await t.request({ url: '/api/v1/bulletins' })).json();
    expect(list.items.map((x: { id: number }) => x.id)).toEqual(expect.arrayContaining([b.id, second.id, yz.json().id]));
    expect((await t.request({ url: '/api/v1/bulletins?scope=district:500103' })).json().items.map((x: { id: number }) => x.id)).toEqual([yz.json().id]);

    // the database holds the immutability too: a version cannot be changed or removed
    await expect(t.db.query(sql`UPDATE bulletin_versions SET title = 'x' WHERE bulletin_id = ${b.id}`)).rejects.toThrow(/immutable/);
    await expect(t.db.query(sql`DELETE FROM bulletin_versions WHERE bulletin_id = ${b.id}`)).rejects.toThrow(/immutable/);
  });

  it('gives parallel publications distinct consecutive numbers, and one bulletin published twice at once one version', async () => {
    const drafts = await Promise.all([1, 2, 3, 4].map(async (n) => (await draft({ title: `并行发布的公报第${n}期` })).json()));
    const results = await Promise.all(drafts.map((d) => publish(d.id, d.draft.version)));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const seqs = results.map((r) => Number(r.json().number.match(/〕(\d+)号/)[1])).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(4);
    expect(seqs[3] - seqs[0]).toBe(3);

    const once = (await draft({ title: '同时发布两次的公报' })).json();
    const twice = await Promise.all([publish(once.id, once.draft.version), publish(once.id, once.draft.version)]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const read = (await t.request({ url: `/api/v1/bulletins/${once.id}` })).json();
    expect(read.versions).toHaveLength(1);
  });

  it('gives the PDF (title, number, figures, chart) and the xlsx as published, read back by other readers', async () => {
    const pdf = await t.request({ url: `/api/v1/bulletins/${published.id}/versions/1/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('.pdf');
    const text = readPdf(pdf.rawPayload).pages.join('\n');
    expect(text).toContain('2025年全市科技服务业发展统计公报');
    expect(text).toContain(published.number);
    expect(text).toContain(grouped(310_000));
    expect(text).toContain('目标完成进度');
    expect(text).not.toContain(grouped(333_333));

    const xlsx = await t.request({ url: `/api/v1/bulletins/${published.id}/versions/1/xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = XLSX.read(xlsx.rawPayload, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.指标数据, { header: 1 });
    expect(rows[0][0]).toBe('2025年全市科技服务业发展统计公报');
    expect(String(rows[1][0])).toContain(published.number);
    expect(rows[3][0]).toBe('指标 Indicator');
    const row = rows.find((r) => r[10] === 'employees')!;
    expect(row[0]).toBe(employees.nameZh);
    expect(row[1]).toBe(310_000);
    expect(row[3]).toBe('2024');
    expect((await t.request({ url: `/api/v1/bulletins/${published.id}/versions/9/pdf` })).statusCode).toBe(404);
  });

  it('corrects a published bulletin as a new version under the same number; the first version stays readable', async () => {
    let b = (await t.request({ url: `/api/v1/bulletins/${published.id}`, role: 'admin' })).json();
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/bulletins/${b.id}`,
      role: 'admin',
      body: { title: '2025年全市科技服务业发展统计公报（修订）', version: b.draft.version },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    b = patched.json();
    expect(b.draft).toMatchObject({ pending: true });
    // the public still reads version 1 while the correction is prepared
    expect((await t.request({ url: `/api/v1/bulletins/${b.id}` })).json().published.title).toBe('2025年全市科技服务业发展统计公报');

    const noNote = await publish(b.id, b.draft.version);
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.fields[0]).toMatchObject({ path: 'correctionNote' });
    expect(noNote.json().error.fields[0].message).toContain('「更正说明」');
    const stale = await publish(b.id, b.draft.version - 1, '更正标题并更新从业人员数据。');
    expect(stale.statusCode).toBe(409);
    const res = await publish(b.id, b.draft.version, '更正标题并更新从业人员数据。');
    expect(res.statusCode, res.body).toBe(200);
    const v2 = res.json();
    expect(v2).toMatchObject({ number: published.number, latestVersion: 2 });
    expect(v2.versions.map((v: { version: number; correctionNote: string | null }) => [v.version, v.correctionNote])).toEqual([
      [1, null],
      [2, '更正标题并更新从业人员数据。'],
    ]);
    expect(v2.published).toMatchObject({ version: 2, title: '2025年全市科技服务业发展统计公报（修订）' });
    expect(v2.published.figures[0]).toMatchObject({ value: 333_333, period: '2025' });

    const v1 = (await t.request({ url: `/api/v1/bulletins/${b.id}/versions/1` })).json();
    expect(v1).toMatchObject({ version: 1, number: published.number, title: '2025年全市科技服务业发展统计公报', correctionNote: null });
    expect(v1.figures[0].value).toBe(310_000);
    const v1Text = readPdf((await t.request({ url: v1.pdf })).rawPayload).pages.join('\n');
    expect(v1Text).not.toContain('修订');
    const v2Text = readPdf((await t.request({ url: v2.published.pdf })).rawPayload).pages.join('\n');
    expect(v2Text).toContain('更正说明：更正标题并更新从业人员数据。');
    expect(v2Text).toContain(published.number);
    expect(v2Text).toContain(grouped(333_333));

    // a first publication takes no correction note
    const fresh = (await draft({ title: '不应带更正说明的公报' })).json();
    const wrongNote = await publish(fresh.id, fresh.draft.version, '没有可更正的内容');
    expect(wrongNote.statusCode).toBe(400);
    expect(wrongNote.json().error.fields[0]).toMatchObject({ path: 'correctionNote' });
    expect((await t.request({ url: `/api/v1/bulletins/${fresh.id}`, role: 'admin' })).json().status).toBe('draft');
  });

  it('records every creation, publication and correction in the audit trail, and publishes an event per publication', async () => {
    const res = await t.request({ url: `/api/v1/audit?typePrefix=statistics.bulletin&subjectType=bulletin&subjectId=${published.id}`, role: 'admin' });
    expect(res.statusCode, res.body).toBe(200);
    const types = res.json().items.map((e: { type: string }) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['statistics.bulletin_created', 'statistics.bulletin_published', 'statistics.bulletin_updated', 'statistics.bulletin_corrected']),
    );
    const corrected = res.json().items.find((e: { type: string }) => e.type === 'statistics.bulletin_corrected');
    expect(corrected.detail).toMatchObject({ number: published.number, version: 2 });
    // and an outbox event per publication (webhooks: the administrators' subscriptions)
    const { rows } = await t.db.query<{ type: string; payload: { number: string; version: number } }>(
      sql`SELECT type, payload FROM outbox_events WHERE aggregate_type = 'bulletin' AND aggregate_id = ${String(published.id)} ORDER BY id`,
    );
    expect(rows.map((r) => [r.type, r.payload.number, r.payload.version])).toEqual([
      ['bulletin.published', published.number, 1],
      ['bulletin.corrected', published.number, 2],
    ]);
    // 渝中区's office sees its own bulletin's entries
    const yz = await t.request({ url: '/api/v1/audit?type=statistics.bulletin_published', role: 'district' });
    expect(yz.statusCode, yz.body).toBe(200);
    expect(yz.json().items.every((e: { districtCode: string }) => e.districtCode === '500103')).toBe(true);
    expect(yz.json().items.length).toBeGreaterThan(0);
  });

  it('shows the latest bulletin on the front page at once, and a draft’s edit leaves the cached front page alone', async () => {
    const first = await t.request({ url: '/api/v1/portal/front' });
    expect(first.statusCode).toBe(200);
    const latest = (await t.request({ url: '/api/v1/bulletins?pageSize=1' })).json().items[0];
    expect(first.json().bulletin).toMatchObject({ id: latest.id, number: latest.number, title: latest.title, period: latest.period });
    expect((await t.request({ url: '/api/v1/portal/front' })).headers['x-cache']).toBe('hit');

    const next = (await draft({ title: '2026年第一季度统计信息', period: '2026-Q1' })).json();
    await t.request({ method: 'PATCH', url: `/api/v1/bulletins/${next.id}`, role: 'admin', body: { lead: '一季度开局良好。', version: next.draft.version } });
    expect((await t.request({ url: '/api/v1/portal/front' })).headers['x-cache']).toBe('hit');

    const now = (await t.request({ url: `/api/v1/bulletins/${next.id}`, role: 'admin' })).json();
    const done = await publish(next.id, now.draft.version);
    expect(done.statusCode, done.body).toBe(200);
    const after = await t.request({ url: '/api/v1/portal/front' });
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.json().bulletin).toMatchObject({ id: next.id, number: done.json().number, title: '2026年第一季度统计信息', period: '2026-Q1', version: 1 });
  });
});
