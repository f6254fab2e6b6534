/**
 * Dashboards (issue 14, point 4) through the HTTP API: one request per view (the city, a district, a cluster), its
 * figures equal to the indicators' and the directory's own counts, kept current from events, and the workbook read
 * back with SheetJS (a reader that is not ours).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { engines, orgInput, startApp, uscc, type TestApp } from '../helpers/app.ts';

interface DashboardIndicator {
  id: number;
  indicator: string;
  scope: string;
  category: string | null;
  latest: { value: number } | null;
  progress: { year: number; target: number; status: string; percent: number | null }[];
  trend: { period: string; value: number }[];
}
interface Dashboard {
  scope: string;
  kind: string;
  nameZh: string;
  entities: number | null;
  indicators: DashboardIndicator[];
  categories: { code: string; entities: number; indicatorIds: number[] }[];
  districts: { code: string; entities: number }[];
  clusters: { id: string; entities: number; indicators: DashboardIndicator[] }[];
}

describe.each(engines())('dashboards on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(engine);
    for (const [i, [district, cluster]] of [
      ['500103', null],
      ['500103', null],
      ['500106', 'western-science-city'],
    ].entries()) {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/orgs',
        role: 'admin',
        body: orgInput({
          uscc: uscc(district!),
          name: `重庆看板测试${i}科技有限公司`,
          categories: i === 2 ? ['testing', 'rd'] : ['rd'],
          districtCode: district!,
          ...(cluster ? { clusterId: cluster } : {}),
        }),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    await t.services.statistics.start();
  });
  afterAll(() => t.close());

  const dashboard = async (scope: string, lang?: string): Promise<Dashboard> => {
    const res = await t.request({ url: `/api/v1/dashboards/${scope}`, ...(lang ? { lang } : {}) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const directory = async (query: string) => (await t.request({ url: `/api/v1/orgs?pageSize=1${query}`, role: 'admin' })).json();
  const settle = async () => {
    await t.services.events.drain();
    await t.services.statistics.service.settled();
  };

  it('gives the city’s dashboard in one request: its indicators with progress and trend, by category, by district, the clusters', async () => {
    const d = await dashboard('chongqing');
    expect(d).toMatchObject({ scope: 'chongqing', kind: 'city', nameZh: '重庆市' });
    const indicators = (await t.request({ url: '/api/v1/indicators?scope=chongqing' })).json().items as DashboardIndicator[];
    // every city indicator, with the same figures and progress as the indicator list
    expect(d.indicators.map((i) => i.id).sort()).toEqual(indicators.map((i) => i.id).sort());
    const entities = d.indicators.find((i) => i.indicator === 'market_entities' && !i.category)!;
    const listed = indicators.find((i) => i.id === entities.id)!;
    expect(entities.progress).toEqual(listed.progress);
    expect(entities.trend.at(-1)?.value).toBe(listed.latest!.value);
    const all = await directory('');
    expect(d.entities).toBe(all.total);
    // by category: the directory's own facets, and each category's indicators named
    for (const c of d.categories) {
      expect(c.entities, c.code).toBe(all.facets.category.find((f: { code: string }) => f.code === c.code)?.count ?? 0);
      for (const id of c.indicatorIds) expect(d.indicators.find((i) => i.id === id)?.category).toBe(c.code);
    }
    expect(d.categories.find((c) => c.code === 'rd')!.indicatorIds.length).toBeGreaterThan(0);
    // by district, under today's divisions, as the directory counts them
    expect(d.districts.find((x) => x.code === '500103')?.entities).toBe((await directory('&district=500103')).total);
    // the three clusters compared, each with its targets
    expect(d.clusters.map((c) => c.id).sort()).toEqual(['guangyang-bay', 'liangjiang-innovation-zone', 'western-science-city']);
    const west = d.clusters.find((c) => c.id === 'western-science-city')!;
    expect(west.entities).toBe((await directory('&cluster=western-science-city')).total);
    expect(west.entities).toBeGreaterThan(0);
    expect(west.indicators.map((i) => i.indicator).sort()).toEqual(['brand_institutions', 'municipal_or_above_institutions']);
  });

  it('gives 渝中区 its own dashboard with its 2027 targets, and a district without a plan its counts', async () => {
    const d = await dashboard('district:500103');
    expect(d).toMatchObject({ kind: 'district', nameZh: '渝中区', clusters: [] });
    expect(d.indicators.every((i) => i.scope === 'district:500103')).toBe(true);
    const targets2027 = d.indicators.flatMap((i) => i.progress.filter((p) => p.year === 2027).map((p) => [i.indicator, p.target]));
    expect(targets2027.sort()).toEqual(
      [
        ['core_space_area', 1000000],
        ['employees', 100000],
        ['enterprises', 7000],
        ['output', 100000000000],
      ].sort(),
    );
    const yz = await directory('&district=500103');
    expect(d.entities).toBe(yz.total);
    expect(d.indicators.find((i) => i.indicator === 'enterprises')!.latest?.value).toBe(yz.total);
    expect(d.categories.find((c) => c.code === 'rd')!.entities).toBe(yz.facets.category.find((f: { code: string }) => f.code === 'rd').count);
    // the map places the district among the city's
    expect(d.districts.length).toBeGreaterThan(1);

    const other = await dashboard('district:500106');
    expect(other.indicators).toEqual([]);
    expect(other.entities).toBe((await directory('&district=500106')).total);
  });

  it('is public, and refuses a malformed scope (400, the field named) or an unknown one (404)', async () => {
    // public, as the indicators are: the district office reads another district's dashboard too (docs/STATISTICS.md)
    expect((await t.request({ url: '/api/v1/dashboards/district:500106', role: 'district' })).statusCode).toBe(200);
    expect((await t.request({ url: '/api/v1/dashboards/cluster:guangyang-bay' })).statusCode).toBe(200);
    const bad = await t.request({ url: '/api/v1/dashboards/district:5001' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ path: 'params.scope' });
    expect(bad.json().error.fields[0].message).toContain('看板范围');
    const gone = await t.request({ url: '/api/v1/dashboards/district:500112' }); // 渝北区: merged into 两江新区
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.message).toContain('district:500112');
    expect((await t.request({ url: '/api/v1/dashboards/cluster:nowhere' })).statusCode).toBe(404);
  });

  it('follows the directory: a new organization moves the kept breakdowns after its event', async () => {
    const before = await dashboard('district:500103');
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/orgs',
      role: 'admin',
      body: orgInput({ uscc: uscc('500103'), name: '重庆看板新增检测有限公司', categories: ['testing'], districtCode: '500103' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    await settle();
    const after = await dashboard('district:500103');
    expect(after.entities).toBe(before.entities! + 1);
    expect(after.categories.find((c) => c.code === 'testing')!.entities).toBe(before.categories.find((c) => c.code === 'testing')!.entities + 1);
    const city = await dashboard('chongqing');
    expect(city.districts.find((x) => x.code === '500103')!.entities).toBe(after.entities);
  });

  it('exports every view as .xlsx with Chinese headers that another reader opens', async () => {
    const d = await dashboard('chongqing');
    const res = await t.request({ url: '/api/v1/dashboards/chongqing/xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(res.headers['content-disposition'] as string)).toContain('科技服务业监测看板-重庆市');
    const wb = XLSX.read(res.rawPayload, { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['指标进度', '历期趋势', '分类别', '分区县', '集聚区对比']);
    const rows = (name: string) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1 });
    const progress = rows('指标进度');
    expect(progress[0][0]).toBe('重庆市 科技服务业指标与目标进度');
    expect(progress[2]).toEqual(['指标', '单位', '最新值', '统计期', '数据来源', '目标年份', '目标值', '完成比例（%）', '按进度应达', '进度状态', '来源文件']);
    const entities = d.indicators.find((i) => i.indicator === 'market_entities' && !i.category)!;
    const line = progress.find((r) => r[0] === '科技服务业市场主体')!;
    expect(line.slice(0, 3)).toEqual(['科技服务业市场主体', '个', entities.latest!.value]);
    expect(line.slice(5, 7)).toEqual([2025, 56000]);
    expect(rows('分类别').find((r) => r[0] === '研究开发服务')?.[1]).toBe(d.categories.find((c) => c.code === 'rd')!.entities);
    expect(
      rows('分区县')
        .find((r) => r[1] === '500103')
        ?.slice(0, 3),
    ).toEqual(['渝中区', '500103', d.districts.find((x) => x.code === '500103')!.entities]);
    expect(rows('集聚区对比').filter((r) => r[2] === '品牌服务机构').length).toBe(3);
    expect(rows('历期趋势').length).toBeGreaterThan(3);

    const yz = XLSX.read((await t.request({ url: '/api/v1/dashboards/district:500103/xlsx' })).rawPayload, { type: 'buffer' });
    const yzRows = XLSX.utils.sheet_to_json<unknown[]>(yz.Sheets.指标进度, { header: 1 });
    expect(yzRows.some((r) => r[5] === 2027)).toBe(true);
    expect(yz.SheetNames).not.toContain('集聚区对比');

    const english = XLSX.read((await t.request({ url: '/api/v1/dashboards/chongqing/xlsx', lang: 'en' })).rawPayload, { type: 'buffer' });
    expect(english.SheetNames[0]).toBe('Progress');
    expect(XLSX.utils.sheet_to_json<unknown[]>(english.Sheets.Progress, { header: 1 })[2][0]).toBe('Indicator');
  });
});
