/**
 * A first day on the platform, as issue 15 found it: an anonymous visitor browses without console errors, is asked
 * to sign in (not told "403") on a page that needs an account and comes back there after signing in with one of
 * the demo accounts the login page lists; a member filling in a demand sees every required field marked and the
 * empty ones named before anything is sent; the English header stays one row at 1280 px; the instrument page's
 * calendar title is not cut at 375 px; an organization's page leads to its instruments, achievements and experts.
 */
import { request, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BASE_URL } from '../../playwright.config';
import { fieldError, login, shot } from './helpers';

const PASSWORD = 'demo-kefutong';
const DEMO_ACCOUNTS = ['demo-admin', 'demo-district', 'demo-member', 'demo-lab', 'demo-lab2', 'demo-expert', 'demo-station'];

async function apiAs(user: { username: string; password: string } | null) {
  const ctx = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } });
  if (user) expect((await ctx.post('/api/v1/auth/login', { data: user })).ok(), `login ${user.username}`).toBe(true);
  return ctx;
}

/** demo-lab's institute: it owns demo instruments, achievements and experts. */
async function labOrg() {
  const lab = await apiAs({ username: 'demo-lab', password: PASSWORD });
  const orgId = (await (await lab.get('/api/v1/auth/me')).json()).user.orgId as number;
  const anon = await apiAs(null);
  const total = async (url: string) => (await (await anon.get(url)).json()).total as number;
  const firstId = async (url: string) => (await (await anon.get(url)).json()).items[0]?.id as number;
  const r = {
    orgId,
    instruments: await total(`/api/v1/instruments?owner=${orgId}&pageSize=1`),
    achievements: await total(`/api/v1/achievements?owner=${orgId}&pageSize=1`),
    experts: await total(`/api/v1/experts?affiliation=${orgId}&pageSize=1`),
    instrumentId: await firstId(`/api/v1/instruments?owner=${orgId}&pageSize=1`),
    achievementId: await firstId(`/api/v1/achievements?owner=${orgId}&pageSize=1`),
  };
  await lab.dispose();
  await anon.dispose();
  return r;
}

async function toEnglish(page: Page) {
  // below 768 px the language switch is in the header's menu
  const menu = page.getByRole('button', { name: '菜单' });
  const narrow = await menu.isVisible();
  if (narrow) await menu.click();
  await page.locator('.kft-header, .kft-menu-drawer').getByText('English', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  if (narrow) {
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Menu' })).toBeHidden();
  }
}

test('an anonymous visitor’s page loads log no console errors', async ({ page }) => {
  const lab = await labOrg();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  const pages = [
    '/',
    '/publications',
    '/instruments',
    `/instruments/${lab.instrumentId}`,
    '/search',
    `/achievements/${lab.achievementId}`,
    `/orgs/${lab.orgId}`,
    '/cart',
    '/login',
  ];
  for (const url of pages) {
    const me = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me'));
    await page.goto(url);
    expect((await me).status(), `GET /api/v1/auth/me on ${url}`).toBe(200);
    await expect(page.locator('h1').first()).toBeVisible();
  }
  // the last page's requests have settled once its login form is there
  await expect(page.getByLabel('用户名')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a page that needs an account asks an anonymous visitor to sign in, and brings them back after', async ({ page }) => {
  for (const url of ['/orgs/new', '/instruments/new', '/demands/new', '/achievements/new', '/experts/new', '/deals', '/bookings', '/workbench/market']) {
    await page.goto(url);
    await expect(page.getByRole('heading', { name: '请先登录' }), url).toBeVisible();
    await expect(page.getByText(/403|没有.*权限/)).toHaveCount(0);
  }
  await page.goto('/workbench/import');
  await expect(page.getByRole('heading', { name: '请先登录' })).toBeVisible();
  await expect(page.getByText('您没有编辑该机构的权限')).toHaveCount(0);
  await expect(page.getByText('403')).toHaveCount(0);
  await shot(page, 'first-day-sign-in-prompt');
  await page
    .locator('.kft-main')
    .getByRole('link', { name: /登\s*录/ })
    .click();
  await expect(page).toHaveURL(/\/login\?next=%2Fworkbench%2Fimport$/);
  await page.getByLabel('用户名').fill('demo-admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).toHaveURL(/\/workbench\/import$/);
  await expect(page.getByRole('heading', { name: '批量导入机构' })).toBeVisible();
});

test('the login page lists the seven demo accounts with their roles', async ({ page }) => {
  await page.goto('/login');
  const list = page.getByTestId('demo-accounts');
  await expect(list).toBeVisible();
  for (const u of DEMO_ACCOUNTS) await expect(list.getByText(u, { exact: true })).toBeVisible();
  await expect(list.getByText('admin', { exact: true })).toHaveCount(0);
  await expect(list.getByTestId('demo-account')).toHaveCount(7);
  await expect(list.getByTestId('demo-account').filter({ hasText: 'demo-district' })).toContainText('区县管理员');
  await expect(list.getByTestId('demo-account').filter({ hasText: 'demo-admin' })).toContainText('市级管理员');
  await expect(list).toContainText(PASSWORD);
  await shot(page, 'first-day-login');
  await toEnglish(page);
  await expect(list.getByTestId('demo-account').filter({ hasText: 'demo-district' })).toContainText('District admin');
  await shot(page, 'first-day-login-en');
  // one of them, with its password from the list
  await page.getByLabel('Username').fill('demo-lab2');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
});

test('the market forms mark every field the server requires and name the empty ones before sending anything', async ({ page }) => {
  await login(page, { username: 'demo-member', password: PASSWORD });
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && /\/api\/v1\/(demands|achievements|experts)/.test(r.url())) posts.push(r.url());
  });
  const item = (label: string) => page.locator('.ant-form-item').filter({ has: page.locator('label', { hasText: new RegExp(`^${label}$`) }) });
  const required = (label: string) => expect(item(label).locator('.ant-form-item-label > label'), label).toHaveClass(/ant-form-item-required/);

  await page.goto('/demands/new');
  for (const l of ['需求名称', '需求描述', '合作方式']) await required(l);
  await page.getByTestId('save-publish').click();
  await expect(fieldError(item('合作方式'))).toHaveText('请至少选择一种合作方式。');
  await expect(fieldError(item('需求名称'))).toBeVisible();
  // a fixed budget needs an amount
  await page.getByRole('checkbox', { name: '面议' }).uncheck();
  await required('预算上限（万元）');
  await shot(page, 'first-day-demand-required');

  await page.goto('/achievements/new');
  for (const l of ['成果名称', '成果简介', '成熟度', '转化方式']) await required(l);
  await page.getByTestId('save-publish').click();
  await expect(fieldError(item('转化方式'))).toHaveText('请至少选择一种转化方式。');
  await shot(page, 'first-day-achievement-required');

  await page.goto('/experts/new');
  await required('姓名');
  await page.getByTestId('save').click();
  await expect(fieldError(item('姓名'))).toBeVisible();
  expect(posts).toEqual([]);
});

test('the English header is one row at 1280 px, as the Chinese one, for the city admin', async ({ page }) => {
  await login(page, { username: 'demo-admin', password: PASSWORD });
  const header = page.locator('.kft-header');
  await expect(page.getByRole('link', { name: '新增机构' })).toBeVisible();
  const zh = (await header.boundingBox())!.height;
  await toEnglish(page);
  await expect(page.getByRole('link', { name: 'Import' })).toBeVisible();
  await shot(page, 'first-day-header-en-admin');
  const en = (await header.boundingBox())!.height;
  expect(zh).toBeLessThan(70);
  expect(en).toBe(zh);
  // an organization member's menu too
  // 退出 is in the account menu under the user's name
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.locator('.kft-header').getByText('中文', { exact: true }).click();
  await login(page, { username: 'demo-lab', password: PASSWORD });
  await toEnglish(page);
  await expect(page.getByRole('link', { name: 'Approvals' })).toBeVisible();
  expect((await header.boundingBox())!.height).toBe(zh);
});

test('the instrument calendar’s title is not cut at 375 px in English', async ({ page }) => {
  const lab = await labOrg();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/instruments/${lab.instrumentId}`);
  await toEnglish(page);
  const title = page.getByRole('heading', { name: 'Opening calendar' });
  await expect(title).toBeVisible();
  await expect(page.getByTestId('next-week')).toBeVisible();
  const cut = await title.evaluate((h) => {
    const box = h.closest('.ant-card-head-title') as HTMLElement;
    return { h: h.scrollWidth > h.clientWidth, box: box.scrollWidth > box.clientWidth };
  });
  expect(cut).toEqual({ h: false, box: false });
  // the week buttons stay inside the card
  const card = (await page.locator('.ant-card').filter({ has: title }).boundingBox())!;
  const next = (await page.getByTestId('next-week').boundingBox())!;
  expect(next.x + next.width).toBeLessThanOrEqual(card.x + card.width);
  await shot(page, 'first-day-instrument-375-en');
});

test('an organization’s page leads to its instruments, achievements and experts', async ({ page }) => {
  const lab = await labOrg();
  expect(lab.instruments).toBeGreaterThan(0);
  expect(lab.achievements).toBeGreaterThan(0);
  expect(lab.experts).toBeGreaterThan(0);
  await page.goto(`/orgs/${lab.orgId}`);
  const section = page.getByTestId('org-offerings');
  await expect(section).toBeVisible();
  const instruments = section.getByRole('link', { name: new RegExp(`共享仪器.*${lab.instruments}`) });
  const achievements = section.getByRole('link', { name: new RegExp(`科技成果.*${lab.achievements}`) });
  const experts = section.getByRole('link', { name: new RegExp(`专家.*${lab.experts}`) });
  await expect(instruments).toBeVisible();
  await expect(achievements).toBeVisible();
  await expect(experts).toBeVisible();
  // the storefront (机构店铺) gathers its services, instruments and achievements
  await expect(section.getByTestId('org-services').getByRole('link', { name: '机构店铺' })).toHaveAttribute('href', `/providers/${lab.orgId}`);
  await shot(page, 'first-day-org-offerings');

  await instruments.click();
  await expect(page).toHaveURL(new RegExp(`/instruments\\?owner=${lab.orgId}$`));
  await expect(page.getByTestId('owner-filter')).toBeVisible();
  await expect(page.getByTestId('instrument-card').first()).toBeVisible();
  const owners = await page.getByTestId('instrument-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-owner')));
  expect(new Set(owners)).toEqual(new Set([String(lab.orgId)]));

  await page.goBack();
  await achievements.click();
  await expect(page).toHaveURL(new RegExp(`/search\\?kind=achievement&org=${lab.orgId}$`));
  const results = page.getByTestId('search-results');
  await expect(results).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('org-filter')).toBeVisible();
  await expect(page.getByTestId('result-total')).toContainText(String(lab.achievements));
  const cards = results.getByTestId('result-card');
  await expect(cards.first()).toBeVisible();
  for (const href of await cards.locator(`a[href^="/orgs/"]`).evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
    expect(href).toBe(`/orgs/${lab.orgId}`);
  await shot(page, 'first-day-org-achievements');

  await page.goBack();
  await experts.click();
  await expect(page).toHaveURL(new RegExp(`/search\\?kind=expert&org=${lab.orgId}$`));
  await expect(results).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('result-total')).toContainText(String(lab.experts));
  await expect(results.getByTestId('result-card').first()).toBeVisible();
  // clearing the organization filter shows the whole pool again
  await page.getByTestId('org-filter').getByLabel(/清除/).click();
  await expect(page).toHaveURL(/\/search\?kind=expert$/);
  await expect(page.getByTestId('org-filter')).toHaveCount(0);
});
