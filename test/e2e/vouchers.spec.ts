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
import { ADMIN, login, shot } from './helpers';

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
