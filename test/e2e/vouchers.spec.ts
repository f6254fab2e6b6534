/**
 * Innovation vouchers through the pages (issue 11, points 4 and 8): the city admin creates a scheme on 创新券管理 and
 * issues a voucher directly to demo-member's organization (given a valid 科技型中小企业 recognition through the API,
 * so it qualifies under the defaults); the member finds it in 我的创新券 with the scheme's checks ✓, applies (a too
 * short purpose is refused under its label first), the office approves on 申领审核, and the member's wallet holds
 * the second voucher. Screenshots at 1280 and 375 px; at 375 px nothing scrolls sideways.
 */
import { request, type Page } from '@playwright/test';
import { BASE_URL } from '../../playwright.config';
import { expect, newContext, test } from './fixtures';
import { ADMIN, fieldError, login, shot } from './helpers';

const MEMBER = { username: 'demo-member', password: 'demo-kefutong' };

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/**
 * An option of the open antd Select (its role=option elements are an off-screen copy for screen readers); a click
 * while the list slides in selects nothing, so click until the list closes (as accounts.spec.ts does).
 */
const pickOption = (page: Page, name: string) =>
  expect(async () => {
    const open = page.locator('.ant-select-dropdown:visible');
    const option = open
      .locator('.ant-select-item-option')
      .filter({ has: page.getByText(name, { exact: true }) })
      .first();
    if ((await open.count()) > 0) await option.click({ timeout: 5_000 });
    await expect(open).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });

async function openAccountEntry(page: Page, name: string) {
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name }).click();
}

test.beforeEach(() => test.slow());

test('a scheme is created, a voucher issued and an application approved; the member sees both in the wallet', async ({ page, browser }) => {
  // demo-member's organization, made a 科技型中小企业 with a recognition valid today (the default eligibility)
  const memberApi = await request.newContext({ baseURL: BASE_URL });
  expect((await memberApi.post('/api/v1/auth/login', { data: MEMBER })).ok()).toBe(true);
  const orgId: number = (await (await memberApi.get('/api/v1/auth/me')).json()).user.orgId;
  const adminApi = await request.newContext({ baseURL: BASE_URL });
  expect((await adminApi.post('/api/v1/auth/login', { data: ADMIN })).ok()).toBe(true);
  const org = await (await adminApi.get(`/api/v1/orgs/${orgId}`)).json();
  const year = new Date().getUTCFullYear();
  const others = org.recognitions.filter((r: { kind: string }) => r.kind !== 'tech_sme');
  const patched = await adminApi.patch(`/api/v1/orgs/${orgId}`, {
    data: { recognitions: [...others, { kind: 'tech_sme', validFrom: `${year - 1}-01-01`, validTo: `${year + 2}-12-31`, certificateNo: 'E2E-SME-1' }] },
  });
  expect(patched.ok(), await patched.text()).toBe(true);
  const scheme = `E2E 创新券 ${Date.now() % 100000}`;

  // the city admin: 新建方案 with only a name and a budget, the defaults shown
  await login(page);
  await openAccountEntry(page, '创新券管理');
  await expect(page.getByRole('heading', { level: 1, name: '创新券管理' })).toBeVisible();
  await page.getByRole('button', { name: '新建方案' }).click();
  await expect(page.getByLabel('最高抵扣比例（%）')).toHaveValue('50');
  await expect(page.getByRole('checkbox', { name: '批量检测' })).toBeChecked();
  await page.getByLabel('方案名称').fill(scheme);
  await page.getByLabel('预算（元）').fill('1000000');
  await page.getByRole('button', { name: '创建方案' }).click();
  const card = page.getByTestId('scheme-card').filter({ hasText: scheme });
  await expect(card).toBeVisible();
  await expect(card.getByTestId('ledger')).toContainText('¥1,000,000.00');

  // 直接发放 to the member's organization, picked by searching its name
  await page.getByRole('tab', { name: '直接发放' }).click();
  await page.getByLabel('方案', { exact: true }).click();
  await pickOption(page, scheme);
  const picker = page.getByLabel('持券机构', { exact: true });
  await picker.click();
  await picker.fill(org.name.slice(0, 6));
  await pickOption(page, org.name);
  await page.getByLabel('金额（元）').fill('20000');
  await page.getByRole('button', { name: /发\s*放/ }).click();
  await expect(page.getByText(/已发放创新券 \S+/)).toBeVisible();

  // the ledger: 20,000 元 allocated
  await page.getByRole('tab', { name: '方案', exact: true }).click();
  await expect(card.getByTestId('ledger').locator('[data-part="allocated"]')).toContainText('¥20,000.00');
  await shot(page, 'vouchers-admin-schemes-1280');

  // the member: the voucher in the wallet, the scheme's checks met
  const memberCtx = await newContext(browser);
  const member = await memberCtx.newPage();
  await login(member, MEMBER);
  await openAccountEntry(member, '我的创新券');
  await expect(member.getByRole('heading', { level: 1, name: '我的创新券' })).toBeVisible();
  const rows = member.getByTestId('wallet-vouchers').locator('.ant-table-row').filter({ hasText: scheme });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('¥20,000.00');
  await expect(rows.first()).toContainText('有效');
  const offer = member.getByTestId('scheme-eligibility').filter({ hasText: scheme });
  await expect(offer).toContainText('符合条件');
  await expect(offer.locator('[data-met="true"]').first()).toBeVisible();
  await expect(offer.locator('[data-met="false"]')).toHaveCount(0);
  await expect(offer).toContainText('今年已用 ¥20,000.00');

  // 申领: a purpose too short is refused under its label; then a proper one goes through
  await offer.getByRole('button', { name: /申\s*领/ }).click();
  const dialog = member.getByRole('dialog');
  await dialog.getByLabel('金额（元）').fill('5000');
  await dialog.getByLabel('拟购买的服务').fill('检测');
  await dialog.getByRole('button', { name: /申\s*领/ }).click();
  await expect(dialog.locator('.ant-form-item').filter({ hasText: '拟购买的服务' }).locator('.ant-form-item-explain-error')).toContainText('至少 10 个字');
  await dialog.getByLabel('拟购买的服务').fill('委托第三方检测机构开展新产品性能检测与认证服务');
  await dialog.getByRole('button', { name: /申\s*领/ }).click();
  await expect(dialog).toHaveCount(0);
  const application = member.getByTestId('wallet-applications').locator('.ant-table-row').filter({ hasText: scheme });
  await expect(application).toContainText('待审核');
  await expect(offer).toContainText('已有待审核的申领');
  await shot(member, 'vouchers-wallet-1280');

  // the office approves on 申领审核, the checks shown
  await page.getByRole('tab', { name: '申领审核' }).click();
  const queued = page.getByTestId('application-card').filter({ hasText: scheme }).filter({ hasText: org.name });
  await expect(queued).toContainText('¥5,000.00');
  await expect(queued.getByTestId('voucher-checks').locator('[data-met="true"]').first()).toBeVisible();
  await shot(page, 'vouchers-admin-applications-1280');
  await queued.getByRole('button', { name: /^通\s*过$/ }).click();
  const decide = page.getByRole('dialog');
  await expect(decide.getByLabel('核定金额（元）')).toHaveValue('5000.00');
  await decide.getByRole('button', { name: /通\s*过/ }).click();
  await expect(page.getByText('已通过，创新券已发放')).toBeVisible();
  await expect(page.getByTestId('application-card').filter({ hasText: scheme })).toHaveCount(0);

  // the member's wallet: two vouchers of the scheme, the application approved
  await member.reload();
  await expect(rows).toHaveCount(2);
  await expect(application).toContainText('已通过');

  // 375 px: the wallet and the console scroll inside their tables, never the page
  await member.setViewportSize({ width: 375, height: 800 });
  await expect(rows).toHaveCount(2);
  expect(await noSidewaysScroll(member), '/vouchers has no sideways scroll at 375 px').toBe(true);
  await shot(member, 'vouchers-wallet-375');
  await page.setViewportSize({ width: 375, height: 800 });
  await page.getByRole('tab', { name: '方案', exact: true }).click();
  await expect(card.getByTestId('ledger')).toBeVisible();
  expect(await noSidewaysScroll(page), '/admin/vouchers has no sideways scroll at 375 px').toBe(true);
  await shot(page, 'vouchers-admin-375');

  // the public notice is open to anyone, linked from the footer
  const anonCtx = await newContext(browser);
  const anon = await anonCtx.newPage();
  await anon.goto('/');
  await anon.getByRole('link', { name: '创新券公示' }).click();
  await expect(anon.getByRole('heading', { level: 1, name: '创新券兑付公示' })).toBeVisible();
  await expect(anon.getByTestId('notices').or(anon.getByText('目前没有公示中的兑付申请。')).first()).toBeVisible();
  await shot(anon, 'vouchers-notices-1280');
  await Promise.all([memberCtx.close(), anonCtx.close(), memberApi.dispose(), adminApi.dispose()]);
});

test('an office records the legal representative and a relation on the organization page', async ({ page }) => {
  const adminApi = await request.newContext({ baseURL: BASE_URL });
  expect((await adminApi.post('/api/v1/auth/login', { data: ADMIN })).ok()).toBe(true);
  const [org, other] = (await (await adminApi.get('/api/v1/orgs?pageSize=2')).json()).items;
  await adminApi.dispose();

  await login(page);
  await page.goto(`/orgs/${org.id}`);
  const card = page.getByTestId('org-relations');
  await expect(card.getByRole('heading', { name: '关联关系' })).toBeVisible();
  await card.getByRole('button', { name: '修改' }).click();
  await card.getByLabel('法定代表人').fill('张 E2E');
  await card.getByRole('button', { name: /保\s*存/ }).click();
  await expect(card.getByTestId('legal-representative')).toHaveText('张 E2E');

  const picker = card.getByLabel('对方机构', { exact: true });
  await picker.click();
  await picker.fill(other.name.slice(0, 6));
  await pickOption(page, other.name);
  await card.getByRole('button', { name: '新增关联' }).click();
  const relation = card.getByTestId('org-relation').filter({ hasText: other.name });
  await expect(relation).toHaveText(new RegExp(`控股 ${other.name.replace(/[()（）]/g, '.')}`));
  await shot(page, 'vouchers-org-relations-1280');
  await relation.getByRole('button', { name: /删\s*除/ }).click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(relation).toHaveCount(0);
});

/** demo-member's organization made a 科技型中小企业 (valid today), so that it qualifies under the defaults */
async function memberQualifies(adminApi: Awaited<ReturnType<typeof request.newContext>>) {
  const memberApi = await request.newContext({ baseURL: BASE_URL });
  expect((await memberApi.post('/api/v1/auth/login', { data: MEMBER })).ok()).toBe(true);
  const orgId: number = (await (await memberApi.get('/api/v1/auth/me')).json()).user.orgId;
  await memberApi.dispose();
  const org = await (await adminApi.get(`/api/v1/orgs/${orgId}`)).json();
  const year = new Date().getUTCFullYear();
  const others = org.recognitions.filter((r: { kind: string }) => r.kind !== 'tech_sme');
  const patched = await adminApi.patch(`/api/v1/orgs/${orgId}`, {
    data: { recognitions: [...others, { kind: 'tech_sme', validFrom: `${year - 1}-01-01`, validTo: `${year + 2}-12-31`, certificateNo: 'E2E-SME-2' }] },
  });
  expect(patched.ok(), await patched.text()).toBe(true);
  return org as { id: number; name: string };
}

test('an office edits a scheme (not below what is issued) and cancels a voucher with a reason', async ({ page }) => {
  const adminApi = await request.newContext({ baseURL: BASE_URL });
  expect((await adminApi.post('/api/v1/auth/login', { data: ADMIN })).ok()).toBe(true);
  const org = await memberQualifies(adminApi);
  const scheme = `E2E 可修改方案 ${Date.now() % 100000}`;
  const created = await adminApi.post('/api/v1/voucher-schemes', { data: { name: scheme, budgetFen: 100_000_00 } });
  expect(created.status(), await created.text()).toBe(201);
  const issued = await adminApi.post('/api/v1/vouchers', { data: { schemeId: (await created.json()).id, holderOrgId: org.id, amountFen: 30_000_00 } });
  expect(issued.status(), await issued.text()).toBe(201);
  const voucherNo: string = (await issued.json()).voucherNo;
  await adminApi.dispose();

  await login(page);
  await page.goto('/admin/vouchers');
  const card = page.getByTestId('scheme-card').filter({ hasText: scheme });
  await card.getByRole('button', { name: `修改 ${scheme}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('预算（元）')).toHaveValue('100000.00');
  await expect(dialog).toContainText('已发放和已使用 ¥30,000.00');
  // below what is issued: refused under the budget's label, nothing saved
  await dialog.getByLabel('预算（元）').fill('10000');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(fieldError(dialog.locator('.ant-form-item').filter({ hasText: '预算（元）' }))).toContainText('预算总额不能低于已发放和已使用的金额');
  await dialog.getByLabel('预算（元）').fill('50000');
  await dialog.getByLabel('市级承担比例（%）').fill('70');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('方案已保存')).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(card).toContainText('市级 70% / 区县 30%');
  await expect(card.getByTestId('ledger')).toContainText('¥50,000.00');
  await shot(page, 'vouchers-scheme-edited-1280');

  // 已发券: cancel the voucher; a reason is required; its balance goes back to the budget
  await page.getByRole('tab', { name: '已发券' }).click();
  const row = page.getByTestId('office-vouchers').locator('.ant-table-row').filter({ hasText: voucherNo });
  await row.getByRole('button', { name: /作\s*废/ }).click();
  const cancel = page.getByRole('dialog');
  await expect(cancel).toContainText('¥30,000.00');
  await cancel.getByRole('button', { name: /作\s*废/ }).click();
  await expect(fieldError(cancel.locator('.ant-form-item').filter({ hasText: '作废理由' }))).toContainText('作废创新券时请填写理由。');
  await cancel.getByLabel('作废理由').fill('企业申请注销，收回未使用额度');
  await cancel.getByRole('button', { name: /作\s*废/ }).click();
  await expect(page.getByText(`已作废 ${voucherNo}，余额已退回预算`)).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.locator('.ant-segmented-item').filter({ hasText: '已作废' }).click();
  await expect(row).toContainText('企业申请注销，收回未使用额度');
  await shot(page, 'vouchers-voucher-cancelled-1280');
  await page.getByRole('tab', { name: '方案', exact: true }).click();
  await expect(card.getByTestId('ledger').locator('[data-part="available"]')).toContainText('¥50,000.00');
});

test('every voucher page reads in English at 1280 and 375 px', async ({ page, browser }) => {
  const english = async (p: Page) => {
    await p.evaluate(() => localStorage.setItem('kft.lang', 'en'));
    await p.reload();
    await expect(p.locator('html')).toHaveAttribute('lang', 'en');
  };
  await login(page);
  await page.goto('/admin/vouchers');
  await english(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Voucher administration' })).toBeVisible();
  const tabs = [
    ['schemes', 'Schemes'],
    ['applications', 'Applications'],
    ['issue', 'Direct issue'],
    ['vouchers', 'Vouchers'],
    ['claims', 'Claims'],
    ['batches', 'Payment batches'],
  ] as const;
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [key, name] of tabs) {
      await page.goto(key === 'schemes' ? '/admin/vouchers' : `/admin/vouchers?tab=${key}`);
      await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
      // the page's own words (buttons, labels, headers, filters, tags) are English; the data may be Chinese
      const chrome = await page
        .locator('.ant-tabs-tabpane-active')
        .locator('button, label, th, .ant-segmented-item-label, .ant-tag, .ant-empty-description')
        .allInnerTexts();
      expect(
        chrome.filter((x) => /[\u4e00-\u9fff]/.test(x)),
        `Chinese in the English ${key} tab`,
      ).toEqual([]);
      if (width === 375) expect(await noSidewaysScroll(page), `/admin/vouchers?tab=${key} at 375 px`).toBe(true);
      await shot(page, `vouchers-en-admin-${key}-${width}`);
    }
  }

  const memberCtx = await newContext(browser);
  const member = await memberCtx.newPage();
  await login(member, MEMBER);
  await member.goto('/vouchers');
  await english(member);
  await expect(member.getByRole('heading', { level: 1, name: 'My innovation vouchers' })).toBeVisible();
  const anonCtx = await newContext(browser);
  const anon = await anonCtx.newPage();
  await anon.goto('/voucher-notices');
  await english(anon);
  await expect(anon.getByRole('heading', { level: 1, name: 'Voucher claims in public notice' })).toBeVisible();
  for (const width of [1280, 375]) {
    for (const [p, name] of [
      [member, 'wallet'],
      [anon, 'notices'],
    ] as const) {
      await p.setViewportSize({ width, height: 900 });
      await expect(p.locator('.ant-spin-spinning')).toHaveCount(0);
      if (width === 375) expect(await noSidewaysScroll(p), `${name} at 375 px`).toBe(true);
      await shot(p, `vouchers-en-${name}-${width}`);
    }
  }
  await Promise.all([memberCtx.close(), anonCtx.close()]);
});
