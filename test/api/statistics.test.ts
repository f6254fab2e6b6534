/**
 * The indicator system (issue 14, point 1–2) through the HTTP API: every target and baseline of the documents is
 * an indicator, computed figures equal counts made independently through the directory's own API and move when
 * the records do, offices enter the figures the platform cannot know, and only where they may.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, orgInput, startApp, uscc, type TestApp } from '../helpers/app.ts';
import { scheme, techSme } from '../helpers/vouchers.ts';

type Entry = { scope: string; year: number; indicator: string; value: number; category?: string };
const shared = JSON.parse(readFileSync(new URL('../../../shared/domain/targets.json', import.meta.url), 'utf8')) as { targets: Entry[]; baselines: Entry[] };

interface Indicator {
  id: number;
  indicator: string;
  scope: string;
  category: string | null;
  method: string;
  version: number;
  targets: { year: number; value: number }[];
  baselines: { year: number; value: number }[];
  latest: { value: number; period: string; origin: string } | null;
  progress: { year: number; percent: number | null; status: string }[];
  records: string | null;
}

describe.each(engines())('indicators on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(engine);
    await t.services.statistics.start();
  });
  afterAll(() => t.close());

  const all = async (): Promise<Indicator[]> => (await t.request({ url: '/api/v1/indicators' })).json().items;
  const find = (items: Indicator[], indicator: string, scope = 'chongqing', category: string | null = null) =>
    items.find((i) => i.indicator === indicator && i.scope === scope && i.category === category)!;
  /** the events delivered and the figures they move recounted: what the dispatcher does a second later */
  const settle = async () => {
    await t.services.events.drain();
    await t.services.statistics.service.settled();
  };
  const directoryTotal = async (query: string) => (await t.request({ url: `/api/v1/orgs?pageSize=1${query}`, role: 'admin' })).json().total as number;

  it('lists every target and baseline of the documents, keyed as targets.json keys them, readable by anyone', async () => {
    const items = await all();
    for (const e of shared.targets)
      expect(find(items, e.indicator, e.scope, e.category ?? null)?.targets, JSON.stringify(e)).toContainEqual(
        expect.objectContaining({ year: e.year, value: e.value }),
      );
    for (const e of shared.baselines)
      expect(find(items, e.indicator, e.scope, e.category ?? null)?.baselines, JSON.stringify(e)).toContainEqual(
        expect.objectContaining({ year: e.year, value: e.value }),
      );
    const keys = new Set([...shared.targets, ...shared.baselines].map((e) => `${e.indicator}|${e.scope}|${e.category ?? ''}`));
    // besides the documents' indicators, only the platform's own computed ones (vouchers: no document sets a target)
    const extra = items.filter((i) => !keys.has(`${i.indicator}|${i.scope}|${i.category ?? ''}`));
    expect(extra.map((i) => [i.indicator, i.method])).toEqual([
      ['vouchers_issued', 'computed'],
      ['vouchers_redeemed', 'computed'],
    ]);
    expect(items.length).toBe(keys.size + extra.length);
    // a second start adds nothing twice
    await t.services.statistics.service.seed();
    expect((await all()).length).toBe(keys.size + extra.length);
  });

  it('computes market entities, city-wide and by category, equal to the directory’s own counts, and follows new records', async () => {
    let items = await all();
    const city = find(items, 'market_entities');
    expect(city.method).toBe('computed');
    expect(city.latest).toMatchObject({ origin: 'computed', value: await directoryTotal('') });
    expect(find(items, 'market_entities', 'chongqing', 'rd').latest?.value).toBe(await directoryTotal('&category=rd'));
    expect(find(items, 'market_entities', 'chongqing', 'rd').records).toBe('/orgs?category=rd');

    const before = { city: city.latest!.value, rd: find(items, 'market_entities', 'chongqing', 'rd').latest!.value };
    for (const [i, district] of ['500103', '500106'].entries()) {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/orgs',
        role: 'admin',
        body: orgInput({ uscc: uscc(district), name: `重庆统计测试研发${i}有限公司`, categories: ['rd'], districtCode: district }),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    await settle();
    items = await all();
    expect(find(items, 'market_entities').latest?.value).toBe(before.city + 2);
    expect(find(items, 'market_entities', 'chongqing', 'rd').latest?.value).toBe(before.rd + 2);
    expect(find(items, 'market_entities').latest?.value).toBe(await directoryTotal(''));
    // 渝中区's plan counts its own district's organizations only
    expect(find(items, 'enterprises', 'district:500103').latest?.value).toBe(await directoryTotal('&district=500103'));
  });

  it('counts the innovation vouchers issued this year, in yuan, from the vouchers’ own figures (issue 11, point 7)', async () => {
    const before = find(await all(), 'vouchers_issued').latest?.value ?? 0;
    const holder = await techSme(t, 'stat-holder');
    const s = await scheme(t, { name: '统计测试创新券', budgetFen: 1_000_000_00 });
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/vouchers',
      role: 'admin',
      body: { schemeId: s.id, holderOrgId: holder.orgId, amountFen: 120_000_00 },
    });
    expect(res.statusCode, res.body).toBe(201);
    await settle();
    const issued = find(await all(), 'vouchers_issued');
    expect(issued).toMatchObject({ unit: 'yuan', method: 'computed', records: '/admin/vouchers' });
    expect(issued.latest?.value).toBe(before + 120_000);
  });

  it('counts only valid tech-SME recognitions as 科技型企业', async () => {
    const before = find(await all(), 'tech_enterprises').latest?.value ?? 0;
    const valid = [{ kind: 'tech_sme', validFrom: '2026-01-01', validTo: '2099-12-31', certificateNo: 'T1' }];
    const expired = [{ kind: 'tech_sme', validFrom: '2020-01-01', validTo: '2021-12-31', certificateNo: 'T2' }];
    for (const [i, recognitions] of [valid, expired].entries())
      expect(
        (await t.request({ method: 'POST', url: '/api/v1/orgs', role: 'admin', body: orgInput({ name: `重庆科技型统计${i}有限公司`, recognitions }) }))
          .statusCode,
      ).toBe(201);
    await settle();
    const after = find(await all(), 'tech_enterprises');
    expect(after.latest?.value).toBe(before + 1);
    expect(after.latest?.value).toBe(await directoryTotal('&recognition=tech_sme'));
    expect(after.baselines.map((b) => b.year)).toEqual([2020, 2022]);
  });

  it('lets the city enter a surveyed figure and shows its progress; a computed figure cannot be typed', async () => {
    const employees = find(await all(), 'employees');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/indicators/${employees.id}/values`,
      role: 'admin',
      body: { period: '2025', value: 300_000, note: '2025 年统计年报' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().latest).toMatchObject({ period: '2025', value: 300_000, origin: 'entered' });
    expect(res.json().progress).toEqual([{ year: 2025, target: 600_000, percent: 50, expected: 600_000, status: 'missed' }]);

    const city = find(await all(), 'market_entities');
    const refused = await t.request({ method: 'POST', url: `/api/v1/indicators/${city.id}/values`, role: 'admin', body: { period: '2025', value: 1 } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('自动计算');

    const future = await t.request({ method: 'POST', url: `/api/v1/indicators/${employees.id}/values`, role: 'admin', body: { period: '2099-Q1', value: 1 } });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0]).toMatchObject({ path: 'period' });
    expect(future.json().error.fields[0].message).toContain('统计期');
    const badMonth = await t.request({
      method: 'POST',
      url: `/api/v1/indicators/${employees.id}/values`,
      role: 'admin',
      body: { period: '2025-13', value: 1 },
    });
    expect(badMonth.statusCode).toBe(400);
    expect(badMonth.json().error.fields[0].message).toContain('统计期');
    const negative = await t.request({ method: 'POST', url: `/api/v1/indicators/${employees.id}/values`, role: 'admin', body: { period: '2025', value: -5 } });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.fields[0].message).toContain('数值');
    // nothing of the refused ones was kept
    expect((await t.request({ url: `/api/v1/indicators/${employees.id}/values` })).json().items).toHaveLength(1);

    const audit = (await t.request({ url: '/api/v1/audit?type=statistics.value_entered', role: 'admin' })).json();
    expect(audit.items[0]).toMatchObject({ type: 'statistics.value_entered', subjectId: String(employees.id) });
    const history = (await t.request({ url: `/api/v1/indicators/${employees.id}/history`, role: 'admin' })).json();
    expect(history.items.map((h: { action: string }) => h.action)).toContain('value_entered');
  });

  it('reads a year’s flow (revenue) against its own year only, a stock against the latest figure', async () => {
    const revenue = find(await all(), 'revenue');
    const later = await t.request({
      method: 'POST',
      url: `/api/v1/indicators/${revenue.id}/values`,
      role: 'admin',
      body: { period: '2026-Q1', value: 90_000_000_000 },
    });
    expect(later.json().latest).toMatchObject({ period: '2026-Q1' });
    // 2026's first quarter says nothing of 2025's revenue
    expect(later.json().progress).toEqual([expect.objectContaining({ year: 2025, status: 'no_value', percent: null })]);
    const own = await t.request({
      method: 'POST',
      url: `/api/v1/indicators/${revenue.id}/values`,
      role: 'admin',
      body: { period: '2025', value: 520_000_000_000 },
    });
    expect(own.json().latest).toMatchObject({ period: '2026-Q1' });
    expect(own.json().progress).toEqual([expect.objectContaining({ year: 2025, status: 'achieved', percent: 104 })]);
  });

  it('a district office enters and adds its own district’s indicators only; members enter none', async () => {
    const items = await all();
    const cityEmployees = find(items, 'employees');
    const yuzhongEmployees = find(items, 'employees', 'district:500103');
    expect(
      (await t.request({ method: 'POST', url: `/api/v1/indicators/${cityEmployees.id}/values`, role: 'district', body: { period: '2025', value: 1 } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.request({ method: 'POST', url: `/api/v1/indicators/${yuzhongEmployees.id}/values`, role: 'member', body: { period: '2025', value: 1 } }))
        .statusCode,
    ).toBe(403);
    const ok = await t.request({
      method: 'POST',
      url: `/api/v1/indicators/${yuzhongEmployees.id}/values`,
      role: 'district',
      body: { period: '2026-Q3', value: 64_000 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().latest).toMatchObject({ period: '2026-Q3', value: 64_000 });

    const own = {
      indicator: 'digital_service_firms',
      scope: 'district:500103',
      method: 'entered',
      nameZh: '数字服务企业',
      nameEn: 'Digital service firms',
      unit: 'count',
      targets: [{ year: 2027, value: 500 }],
    };
    const created = await t.request({ method: 'POST', url: '/api/v1/indicators', role: 'district', body: own });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ indicator: 'digital_service_firms', targets: [{ year: 2027, value: 500 }], latest: null });
    expect((await t.request({ method: 'POST', url: '/api/v1/indicators', role: 'district', body: own })).statusCode).toBe(409);
    expect((await t.request({ method: 'POST', url: '/api/v1/indicators', role: 'district', body: { ...own, scope: 'district:500106' } })).statusCode).toBe(403);
    const unknown = await t.request({ method: 'POST', url: '/api/v1/indicators', role: 'admin', body: { ...own, scope: 'district:500999' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].message).toContain('范围');
  });

  it('the city edits targets with a version; a stale version is refused and an unchanged save writes nothing', async () => {
    const think = find(await all(), 'think_tanks', 'chongqing', 'info');
    const res = await t.request({
      method: 'PATCH',
      url: `/api/v1/indicators/${think.id}`,
      role: 'admin',
      body: {
        version: think.version,
        targets: [
          { year: 2025, value: 30 },
          { year: 2027, value: 40 },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      version: think.version + 1,
      targets: [
        { year: 2025, value: 30 },
        { year: 2027, value: 40 },
      ],
    });
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/v1/indicators/${think.id}`,
      role: 'admin',
      body: { version: think.version, nameZh: '高水平智库（改）' },
    });
    expect(stale.statusCode).toBe(409);
    const same = await t.request({
      method: 'PATCH',
      url: `/api/v1/indicators/${think.id}`,
      role: 'admin',
      body: {
        version: think.version + 1,
        targets: [
          { year: 2025, value: 30 },
          { year: 2027, value: 40 },
        ],
      },
    });
    expect(same.json().version).toBe(think.version + 1);
    const dup = await t.request({
      method: 'PATCH',
      url: `/api/v1/indicators/${think.id}`,
      role: 'admin',
      body: {
        version: think.version + 1,
        targets: [
          { year: 2025, value: 1 },
          { year: 2025, value: 2 },
        ],
      },
    });
    expect(dup.statusCode).toBe(400);
    expect(
      (await t.request({ method: 'PATCH', url: `/api/v1/indicators/${think.id}`, role: 'district', body: { version: think.version + 1, nameZh: '智库' } }))
        .statusCode,
    ).toBe(403);
  });
});
