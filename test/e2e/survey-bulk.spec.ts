/**
 * Bulk filing and 催报 in the browser, on the demo's 渝中区 round whose deadline has passed: the district office
 * downloads the template from the round's page, fills two organizations' rows (as Excel would, with exceljs), and
 * uploads it — a refused value lists the cell and the rule and nothing is filed; corrected, both are filed on their
 * behalf. Then it chases the late list (催报) once: the result shows, and the button waits for tomorrow.
 * Screenshots at each step.
 */
import ExcelJS from 'exceljs';
import { request } from '@playwright/test';
import { BASE_URL } from '../../playwright.config';
import { expect, test } from './fixtures';
import { login, shot } from './helpers';

const DISTRICT = { username: 'demo-district', password: 'demo-kefutong' };
const ROUND = '2024年度渝中区科技服务业统计调查（已截止）';
const GOOD = { employees: 36, rd_staff: 8, revenue: 5_200_000, service_revenue: 4_100_000, rd_spending: 300_000, runs_incubator: '否', contact: '赵六' };

test.beforeEach(() => test.slow());

test('the district office bulk-files two organizations from the template, then chases the late list', async ({ page }) => {
  const api = await request.newContext({ baseURL: BASE_URL });
  expect((await api.post('/api/v1/auth/login', { data: DISTRICT })).ok()).toBe(true);
  const rounds = (await (await api.get('/api/v1/survey-rounds')).json()).items as { id: number; titleZh: string; overdue: boolean }[];
  const round = rounds.find((r) => r.titleZh === ROUND)!;
  expect(round.overdue).toBe(true);

  await login(page, DISTRICT);
  await page.goto(`/admin/surveys/rounds/${round.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(ROUND);
  const panel = page.getByTestId('bulk-panel');
  await expect(panel).toContainText('批量填报（代报）');

  // 1. the template, filled as in Excel: the first two organizations' rows
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('bulk-template').click()]);
  const template = test.info().outputPath('template.xlsx');
  await download.saveAs(template);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const ws = wb.getWorksheet('填报')!;
  const names = (ws.getRow(2).values as unknown[]).map((v) => String(v ?? ''));
  const col = (name: string) => names.indexOf(name);
  const orgs = [3, 4].map((n) => String(ws.getRow(n).getCell(col('org_name')).value));
  const fill = async (first: Record<string, string | number | null>, file: string) => {
    for (const [n, values] of [
      [3, first],
      [4, GOOD],
    ] as const)
      for (const [k, v] of Object.entries(values)) ws.getRow(n).getCell(col(k)).value = v;
    const path = test.info().outputPath(file);
    await wb.xlsx.writeFile(path);
    return path;
  };
  const upload = panel.locator('input[type=file]');

  // 2. a negative revenue and no contact: refused, by cell, nothing filed
  await upload.setInputFiles(await fill({ ...GOOD, revenue: -5, contact: null }, 'bad.xlsx'));
  const problems = page.getByTestId('bulk-problems');
  await expect(problems).toContainText('未导入，文件未做任何更改');
  await expect(problems).toContainText('工作表“填报”第 3 行 E 列（*年营业收入（元））：“年营业收入”不能小于 0元。');
  await expect(problems).toContainText('工作表“填报”第 3 行 M 列（*填报人）：“填报人”必须填写。');
  await expect(problems.getByTestId('bulk-cell').first()).toHaveText('填报!E3');
  await shot(page, 'survey-bulk-refused');
  const statusOf = async (orgName: string) => {
    const items = (await (await api.get(`/api/v1/survey-filings?round=${round.id}&pageSize=200`)).json()).items as { orgName: string; status: string }[];
    return items.find((f) => f.orgName === orgName)?.status;
  };
  expect(await statusOf(orgs[0])).toBe('pending');

  // 3. corrected: both filed on their behalf
  await upload.setInputFiles(await fill(GOOD, 'good.xlsx'));
  await expect(page.getByTestId('bulk-done')).toHaveText('已为 2 家机构代报提交');
  await expect(problems).toHaveCount(0);
  expect(await statusOf(orgs[0])).toBe('submitted');
  expect(await statusOf(orgs[1])).toBe('submitted');
  await shot(page, 'survey-bulk-filed');

  // 4. 催报 the rest of the late list, once
  const late = page.getByTestId('late-card');
  await expect(late.locator('.ant-table-row').first()).toBeVisible();
  await expect(late.locator('.ant-table-row', { hasText: orgs[0] })).toHaveCount(0);
  await late.getByTestId('chase').click();
  await page
    .locator('.ant-popconfirm:visible')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(page.locator('.ant-message')).toContainText('已催报');
  await expect(late.getByTestId('chased')).toContainText(/今天 \d\d:\d\d 已催报 \d+ 家机构（通知 \d+ 人），明天可再次催报。/);
  await expect(late.getByTestId('chase')).toBeDisabled();
  await shot(page, 'survey-chased');
  // the API agrees: a second 催报 today is refused
  expect((await api.post(`/api/v1/survey-rounds/${round.id}/chase`)).status()).toBe(429);
});
