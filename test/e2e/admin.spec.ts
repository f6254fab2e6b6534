import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { login, shot, validUscc, waitForResults, fieldError } from './helpers';

test('(c) a bad USCC in the new-organization form shows the reason at the field', async ({ page }) => {
  await login(page);
  await page.goto('/orgs/new');
  await page.getByLabel('统一社会信用代码').fill('91350100M000100Y44');
  await page.getByLabel('机构名称', { exact: true }).fill('重庆端到端校验测试有限公司');
  await page.getByTestId('save').click();
  const item = page.locator('.ant-form-item').filter({ has: page.locator('#uscc') });
  await expect(fieldError(item)).toContainText('校验位');
  await expect(page).toHaveURL(/\/orgs\/new$/);
  await shot(page, 'c-bad-uscc');
});

test('(d) an import with one bad row reports it in the dry run and imports the other three', async ({ page }) => {
  await login(page);
  const token = `导入验证${Date.now().toString(36).toUpperCase()}`;
  const header =
    '统一社会信用代码*,机构名称*,曾用名,机构类型,服务类别,所在区县,所属集聚区,地址,联系人,联系电话,联系邮箱,成立日期,从业人员数,营业收入区间,资质认定,机构简介,网址';
  const good = ['甲', '乙', '丙'].map((x) => ({ uscc: validUscc(), name: `重庆${token}${x}检测有限公司` }));
  const badUscc = '91350100M000100Y44';
  const line = (uscc: string, name: string) =>
    `${uscc},${name},,科技服务机构,检验检测认证服务,渝中区,,重庆市渝中区测试路1号,张三,023-63000000,e2e@example.com,2019-05-20,12,100万-1000万元,,端到端测试数据。,`;
  const csv = `\uFEFF${[header, line(good[0].uscc, good[0].name), line(good[1].uscc, good[1].name), line(badUscc, `重庆${token}坏行有限公司`), line(good[2].uscc, good[2].name)].join('\r\n')}\r\n`;

  await page.goto('/workbench/import');
  await page.locator('input[type=file]').setInputFiles({ name: 'e2e-import.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByTestId('dry-run').click();
  await expect(page).toHaveURL(/\/workbench\/import\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('summary')).toContainText('共 4 行，有效 3 行，有误 1 行');
  const errors = page.getByTestId('errors');
  await expect(errors).toContainText(badUscc);
  await expect(errors).toContainText('校验位');
  await expect(errors.locator('tbody tr')).toHaveCount(1);
  // spreadsheet row number: header is row 1, the bad record is the third data row
  await expect(errors.locator('tbody tr').first().locator('td').first()).toHaveText('4');
  // the job just run is listed under 最近导入 at once
  const recent = page.getByTestId('recent-imports').locator('tbody tr').filter({ hasText: 'e2e-import.csv' });
  await expect(recent.filter({ hasText: '试运行' })).toHaveCount(1);
  await shot(page, 'd-import-dry-run');

  await page.getByTestId('commit').click();
  await expect(page.getByTestId('import-done')).toContainText('已新增 3 家机构');
  // ... and so is the real import that followed it, with its result
  await expect(recent.filter({ hasText: '正式导入' })).toHaveCount(1);
  await expect(recent.filter({ hasText: '正式导入' })).toContainText('3/4 → 3');
  await expect(recent).toHaveCount(2);
  await shot(page, 'd-import-done');

  await page.goto(`/?q=${encodeURIComponent(token)}`);
  await waitForResults(page);
  const names = await page.getByTestId('org-name').allInnerTexts();
  expect(names.sort()).toEqual(good.map((g) => g.name).sort());
  await shot(page, 'd-imported-in-directory');
});

test('(e) the exported xlsx reads back with the rows of the current filters', async ({ page }) => {
  const filters = 'category=testing&district=500103';
  await page.goto(`/?${filters}`);
  await waitForResults(page);
  const api = await (await page.request.get(`/api/v1/orgs?${filters}&pageSize=100`)).json();
  expect(api.total).toBeGreaterThan(0);
  expect(api.total).toBeLessThanOrEqual(100);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  const file = test.info().outputPath('export.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  let headerRow = 0;
  let nameCol = 0;
  for (let r = 1; r <= 5 && !headerRow; r++) {
    ws.getRow(r).eachCell((cell, col) => {
      if (String(cell.value).replace('*', '') === '机构名称') {
        headerRow = r;
        nameCol = col;
      }
    });
  }
  expect(headerRow, 'header row with 机构名称').toBeGreaterThan(0);
  const names: string[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const v = ws.getRow(r).getCell(nameCol).value;
    if (v !== null && v !== undefined && String(v).trim()) names.push(String(v));
  }
  expect(names.length).toBe(api.total);
  expect(names.sort()).toEqual(api.items.map((o: { name: string }) => o.name).sort());
  await shot(page, 'e-export-filters');
  expect(fs.statSync(file).size).toBeGreaterThan(0);
});

test('(h) an admin publishes a list and downloads its PDF', async ({ page }) => {
  await login(page);
  await page.goto('/publications');
  const title = `端到端测试清单 ${new Date().toISOString().slice(0, 16)}`;
  await page.getByLabel('清单标题').fill(title);
  await page.getByLabel('服务类别').click();
  await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: '检验检测认证服务' }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('publish').click();
  await expect(page).toHaveURL(/\/publications\/\d+$/);
  await expect(page.getByRole('heading', { name: new RegExp(title) })).toBeVisible();
  await expect(page.getByTestId('pub-rows').locator('tbody tr').first()).toBeVisible();
  await shot(page, 'h-published');

  const link = page.getByRole('link', { name: 'PDF' }).first();
  const href = await link.getAttribute('href');
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/pdf');
  const body = await res.body();
  expect(body.subarray(0, 4).toString('latin1')).toBe('%PDF');

  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = test.info().outputPath('list.pdf');
  await download.saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 4).toString('latin1')).toBe('%PDF');
});

test('(j) an admin edits an organization and the change appears in its history', async ({ page }) => {
  await login(page);
  const list = await (await page.request.get('/api/v1/orgs?district=500103&pageSize=1')).json();
  const org = list.items[0];
  await page.goto(`/orgs/${org.id}`);
  await page.getByRole('button', { name: /编\s*辑/ }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org.id}/edit$`));
  const employees = page.getByLabel('从业人员数');
  await expect(employees).toHaveValue(String(org.employees ?? ''));
  const next = (org.employees ?? 0) + 7;
  await employees.fill(String(next));
  await page.getByTestId('save').click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org.id}$`));
  await page.getByRole('tab', { name: '变更记录' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel).toContainText('从业人员数');
  await expect(panel).toContainText(String(next));
  await expect(panel).toContainText('系统管理员');
  await shot(page, 'j-history');
});

test('(k) every page fits a 375 px wide screen', async ({ page }) => {
  await login(page);
  await page.setViewportSize({ width: 375, height: 812 });
  const list = await (await page.request.get('/api/v1/orgs?pageSize=1')).json();
  for (const path of ['/', `/orgs/${list.items[0].id}`, '/orgs/new', '/workbench/import', '/publications', '/login']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const sw = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(sw, `horizontal scroll on ${path}`).toBeLessThanOrEqual(376);
    await shot(page, `k-375${path.replace(/\//g, '_')}`);
  }
});

/** An instant as Asia/Shanghai wall time, "2026-12-01 17:05", computed here apart from the page's code. */
function beijing(at: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(at))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

test.describe('in a browser far from Chongqing', () => {
  // New York is 12 or 13 hours behind Shanghai: a time shown in the browser's zone never matches
  test.use({ timezoneId: 'America/New_York' });

  test('(l) the import and publications pages show times in Beijing time, labelled', async ({ page }) => {
    await login(page);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
    const filename = `tz-${Date.now().toString(36)}.csv`;
    const csv = `统一社会信用代码,机构名称\r\n${validUscc()},重庆时区测试有限公司\r\n`;
    const job = await (
      await page.request.post('/api/v1/orgs/import?dryRun=true&wait=20', {
        multipart: { file: { name: filename, mimeType: 'text/csv', buffer: Buffer.from(csv) } },
      })
    ).json();
    expect(job.status).toBe('done');

    await page.goto('/workbench/import');
    const table = page.getByTestId('recent-imports');
    await expect(table.locator('tbody tr').filter({ hasText: filename })).toContainText(beijing(job.createdAt));
    await expect(table.locator('thead')).toContainText('北京时间');
    await shot(page, 'l-import-beijing-time');

    const pub = await (
      await page.request.post('/api/v1/publications', { data: { title: `时区测试清单 ${Date.now().toString(36)}`, filters: { category: ['testing'] } } })
    ).json();
    await page.goto('/publications');
    const list = page.getByTestId('publications');
    await expect(list.locator('tbody tr').filter({ hasText: pub.title })).toContainText(beijing(pub.publishedAt));
    await expect(list.locator('thead')).toContainText('北京时间');
    await page.goto(`/publications/${pub.id}`);
    await expect(page.getByTestId('pub-meta')).toContainText(`${beijing(pub.publishedAt)}（北京时间）`);
    await shot(page, 'l-publication-beijing-time');

    // and an organization's last update and its change history
    const org = (await (await page.request.get('/api/v1/orgs?pageSize=1')).json()).items[0];
    const patched = await page.request.patch(`/api/v1/orgs/${org.id}`, { data: { employees: (org.employees ?? 0) + 1 } });
    expect(patched.ok(), await patched.text()).toBe(true); // a change, so the history has a row
    const full = await (await page.request.get(`/api/v1/orgs/${org.id}`)).json();
    await page.goto(`/orgs/${org.id}`);
    await expect(page.locator('.ant-descriptions')).toContainText(`${beijing(full.updatedAt)}（北京时间）`);
    await page.getByRole('tab', { name: '变更记录' }).click();
    const history = (await (await page.request.get(`/api/v1/orgs/${org.id}/history`)).json()).items;
    await expect(page.getByRole('tabpanel').locator('thead')).toContainText('北京时间');
    await expect(page.getByRole('tabpanel').locator('tbody tr').first()).toContainText(beijing(history[0].at));
    await shot(page, 'l-org-beijing-time');
  });
});
