/**
 * The portal's front page and the dashboards (issue 14, points 4 and 6) as their readers meet them: anyone opens
 * the front page and sees the city's headline figures against the 2025 targets, the offices' notices, the newest
 * listings and a way into each service; a district office posts, changes and takes down its notice there; the
 * dashboards show the city, 渝中区 with its 2027 targets and a cluster, and export to .xlsx.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { expect, test } from './fixtures';
import { login, shot } from './helpers';

const DISTRICT = { username: 'demo-district', password: 'demo-kefutong' };
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('the front page shows the headline figures against the 2025 targets, the newest listings and the way into each service', async ({ page }) => {
  const fronts: string[] = [];
  page.on('request', (r) => r.url().includes('/api/v1/portal/front') && fronts.push(r.url()));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '重庆市科技服务业公共服务平台' })).toBeVisible();
  const figures = page.getByTestId('headline-figure');
  await expect(figures).toHaveCount(6);
  const entities = figures.and(page.locator('[data-indicator="market_entities"]'));
  await expect(entities).toContainText('科技服务业市场主体');
  await expect(entities).toContainText('2025 年目标 56,000');
  // the figure is the directory's count, kept by the statistics (the demo has 300 organizations)
  const total = (await (await page.request.get('/api/v1/orgs?pageSize=1')).json()).total as number;
  await expect(entities.locator('.kft-front-value')).toHaveText(String(total));
  await expect(entities).toHaveAttribute('data-status', 'missed');
  // the latest bulletin, once one is published (bulletins.spec.ts publishes one on the same server): a link to its page
  const latest = (await (await page.request.get('/api/v1/bulletins?pageSize=1')).json()).items[0] as { id: number } | undefined;
  if (latest) await expect(page.getByTestId('front-bulletin').locator(`a[href="/bulletins/${latest.id}"]`)).toBeVisible();
  else await expect(page.getByTestId('front-bulletin')).toHaveCount(0);
  // the newest listings, each a link to its page
  await expect(page.getByTestId('front-achievements').locator('.kft-front-list a').first()).toHaveAttribute('href', /^\/achievements\/\d+$/);
  await expect(page.getByTestId('front-instruments').locator('.kft-front-list a').first()).toHaveAttribute('href', /^\/instruments\/\d+$/);
  await expect(page.getByTestId('front-services').getByRole('link')).toHaveCount(8);
  expect(fronts, 'the front page’s figures come in one request').toHaveLength(1);
  await shot(page, 'portal-front-1280');

  // the directory has its own page, and an old directory link still lands there with its filters
  await page
    .getByTestId('front-services')
    .getByRole('link', { name: /机构名录/ })
    .click();
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByTestId('result-total')).toHaveText(/共 \d+ 家机构/);
  await page.goto('/?category=testing');
  await expect(page).toHaveURL(/\/orgs\?category=testing$/);
  await expect(page.getByTestId('result-total')).toHaveText(/共 \d+ 家机构/);

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/');
  await expect(figures).toHaveCount(6);
  expect(await noSidewaysScroll(page), 'the front page has no sideways scroll at 375 px').toBe(true);
  await shot(page, 'portal-front-375');
});

test('a district office posts a notice on the front page, changes it and takes it down', async ({ page }) => {
  await login(page, DISTRICT);
  await page.goto('/');
  await page.getByTestId('notice-new').click();
  const dialog = page.getByRole('dialog', { name: '发布通知公告' });
  await dialog.getByLabel('标题').fill('短');
  await dialog.getByLabel('正文').fill('请各机构于本月底前完成年度统计调查填报。');
  await dialog.getByLabel('链接').fill('https://example.com');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  // the server's own words, naming each field
  await expect(dialog).toContainText('「标题」应为 2 至 100 个字。');
  await expect(dialog).toContainText('「链接」应为本平台的页面路径');
  await dialog.getByLabel('标题').fill('渝中区2026年度科技服务业统计调查通知');
  await dialog.getByLabel('链接').fill('/statistics');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  const notice = page.getByTestId('notice').filter({ hasText: '渝中区2026年度科技服务业统计调查通知' });
  await expect(notice).toContainText('渝中区');
  await expect(notice.getByRole('link', { name: '渝中区2026年度科技服务业统计调查通知' })).toHaveAttribute('href', '/statistics');
  await shot(page, 'portal-notice-posted');

  await notice.getByRole('button', { name: /修\s*改/ }).click();
  const edit = page.getByRole('dialog', { name: '修改通知公告' });
  await edit.getByLabel('标题').fill('渝中区2026年度科技服务业统计调查通知（延期）');
  await edit.getByRole('button', { name: /保\s*存/ }).click();
  await expect(edit).toBeHidden();
  const changed = page.getByTestId('notice').filter({ hasText: '（延期）' });
  await expect(changed).toHaveCount(1);

  // an anonymous visitor reads it, and may change nothing
  const anon = await page.context().browser()!.newPage();
  await anon.goto(page.url());
  await expect(anon.getByTestId('notice').filter({ hasText: '（延期）' })).toBeVisible();
  await expect(anon.getByTestId('notice-new')).toHaveCount(0);
  await expect(anon.getByTestId('notice').filter({ hasText: '（延期）' }).getByRole('button')).toHaveCount(0);
  await anon.close();

  await changed.getByRole('button', { name: /撤\s*下/ }).click();
  await page
    .locator('.ant-popconfirm:visible')
    .getByRole('button', { name: /撤\s*下/ })
    .click();
  await expect(page.getByTestId('notice').filter({ hasText: '（延期）' })).toHaveCount(0);
});

test('the dashboards: the city’s with its map and clusters, 渝中区’s 2027 targets, a cluster’s, and the workbook of each', async ({ page }) => {
  const calls: string[] = [];
  page.on('request', (r) => /\/api\/v1\/dashboards\//.test(r.url()) && calls.push(r.url()));
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: '监测看板' }).click();
  await expect(page).toHaveURL(/\/dashboards\/chongqing$/);
  await expect(page.getByRole('heading', { level: 1, name: '监测看板 · 重庆市' })).toBeVisible();
  const table = page.getByTestId('dash-indicators');
  const row = table.getByRole('row').filter({ has: page.getByText('科技服务业市场主体', { exact: true }) });
  await expect(row.getByTestId('indicator-progress')).toHaveAttribute('data-status', 'missed');
  await expect(
    row
      .getByTestId('sparkline')
      .or(row.getByText(/^\d{4}-\d{2}$/))
      .first(),
  ).toBeVisible();
  const total = (await (await page.request.get('/api/v1/orgs?pageSize=1')).json()).total as number;
  await expect(page.getByTestId('dash-entities')).toContainText(String(total));
  await expect(page.getByTestId('dash-categories').locator('[data-category]')).toHaveCount(8);
  await expect(page.getByTestId('district-map')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('dash-clusters').getByRole('row')).toHaveCount(4); // a header and three clusters
  expect(
    calls.filter((u) => !u.endsWith('/xlsx')),
    'one request per dashboard view',
  ).toHaveLength(1);
  await shot(page, 'dashboard-city-1280');

  // the workbook of the view, read back by SheetJS
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  const file = test.info().outputPath('dashboard.xlsx');
  await download.saveAs(file);
  const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
  expect(wb.SheetNames).toEqual(['指标进度', '历期趋势', '分类别', '分区县', '集聚区对比']);
  const progress = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 });
  expect(progress.find((r) => r[0] === '科技服务业市场主体')?.slice(0, 3)).toEqual(['科技服务业市场主体', '个', total]);

  // 渝中区: its own plan's 2027 targets
  await page.locator('.ant-segmented-item', { hasText: '区县' }).click();
  await expect(page).toHaveURL(/\/dashboards\/district:500103$/);
  await expect(page.getByRole('heading', { level: 1, name: '监测看板 · 渝中区' })).toBeVisible();
  await expect(table.locator('[data-testid="indicator-progress"][data-year="2027"]')).toHaveCount(4);
  await expect(table).toContainText('科创服务企业');
  await expect(table).toContainText('2027 年目标 7,000');
  await shot(page, 'dashboard-district-1280');

  // a cluster's, chosen from the list
  await page.locator('.ant-segmented-item', { hasText: '集聚区' }).click();
  await expect(page).toHaveURL(/\/dashboards\/cluster:/);
  await expect(page.getByTestId('dash-clusters')).toBeVisible();
  await expect(table).toContainText('品牌服务机构');
  await shot(page, 'dashboard-cluster-1280');

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/dashboards/district:500103');
  await expect(table.locator('[data-testid="indicator-progress"][data-year="2027"]')).toHaveCount(4);
  expect(await noSidewaysScroll(page), 'the dashboard has no sideways scroll at 375 px').toBe(true);
  await shot(page, 'dashboard-district-375');
});

test('a district office opens on its own district’s dashboard', async ({ page }) => {
  await login(page, DISTRICT);
  await page.goto('/dashboards');
  await expect(page).toHaveURL(/\/dashboards\/district:500103$/);
  await expect(page.getByRole('heading', { level: 1, name: '监测看板 · 渝中区' })).toBeVisible();
});
