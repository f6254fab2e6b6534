/**
 * The header: one row at 375 px (brand, cart, bell and a menu button whose drawer holds the menu, the language and
 * the account) and at 1280 px as before; the menu shows each role only what applies to it — the approval inbox to
 * an instrument owner, not to a company without instruments; no workbench to an anonymous visitor.
 */
import type { Page } from '@playwright/test';
import { expect, newContext, test } from './fixtures';
import { login, shot } from './helpers';

/** What is on screen (the header and what is under it), not the whole page. */
const view = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png` });

const PASSWORD = 'demo-kefutong';
const MEMBER = { username: 'demo-member', password: PASSWORD };
const LAB = { username: 'demo-lab', password: PASSWORD };
const DISTRICT = { username: 'demo-district', password: PASSWORD };

const headerHeight = async (page: Page) => (await page.locator('.kft-header').boundingBox())!.height;
const menuEntries = (page: Page) => page.getByRole('navigation', { name: '导航菜单' }).getByRole('link');

test('at 375 px the header is one row and its menu button opens the menu, whose links navigate', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/orgs');
  await expect(page.getByTestId('result-total')).toHaveText(/共 \d+ 家机构/);
  const button = page.getByRole('button', { name: '菜单' });
  await expect(button).toBeVisible();
  await expect(page.getByTestId('cart-link')).toBeVisible();
  // no menu links in the header itself
  await expect(page.locator('.kft-header').getByRole('link', { name: '共享仪器' })).toHaveCount(0);
  const height = await headerHeight(page);
  test.info().annotations.push({ type: 'header height at 375 px', description: `${height} px` });
  expect(height, 'the header is one row').toBeLessThanOrEqual(72);
  const brand = (await page.locator('.kft-brand').boundingBox())!;
  const btn = (await button.boundingBox())!;
  expect(Math.abs(brand.y + brand.height / 2 - (btn.y + btn.height / 2)), 'brand and menu button on one line').toBeLessThan(12);
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth), 'no horizontal scroll').toBeLessThanOrEqual(376);
  await view(page, 'header-375');
  await page.locator('.kft-header').screenshot({ path: 'test-results/screenshots/header-375-zoom.png' });

  // the keyboard opens it, Escape closes it and focus comes back to the button
  await button.focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: '菜单' });
  await expect(drawer).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(drawer.getByRole('link', { name: '名录库' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(button).toBeFocused();

  await button.click();
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('link', { name: '登录' })).toBeVisible();
  await expect(drawer.getByText('English', { exact: true })).toBeVisible();
  await expect(drawer.getByRole('link', { name: '预约审批' })).toHaveCount(0);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
  await view(page, 'header-375-menu');
  await drawer.getByRole('link', { name: '共享仪器' }).click();
  await expect(page).toHaveURL(/\/instruments$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('共享仪器目录');
  await expect(drawer).toBeHidden();
});

test('at 375 px a signed-in owner finds its account and approvals in the menu, in English too', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await login(page, LAB);
  const button = page.getByRole('button', { name: '菜单' });
  await button.click();
  // the drawer is named by its title, 菜单 or Menu
  const drawer = page.getByRole('dialog', { name: /^(菜单|Menu)$/ });
  await expect(drawer.getByTestId('current-user')).toBeVisible();
  await expect(drawer.getByRole('button', { name: /退\s*出/ })).toBeVisible();
  await drawer.getByText('English', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(drawer.getByRole('link', { name: 'Approvals' })).toBeVisible();
  await view(page, 'header-375-menu-lab-en');
  await drawer.getByRole('link', { name: 'Approvals' }).click();
  await expect(page).toHaveURL(/\/workbench\/bookings/);
  await expect(drawer).toBeHidden();
  await expect(page.getByTestId('booking-total')).toHaveText(/\d+ bookings/);
  expect(await headerHeight(page), 'the English header is one row too').toBeLessThanOrEqual(72);
  await page.locator('.kft-header').screenshot({ path: 'test-results/screenshots/header-375-en-zoom.png', scale: 'device' });
  await view(page, 'header-375-en');
});

test('at 1280 px the header is one row with the menu in it, and no menu button', async ({ page }) => {
  await login(page, LAB);
  await expect(menuEntries(page).filter({ hasText: '预约审批' })).toBeVisible();
  await expect(page.getByRole('button', { name: '菜单' })).toHaveCount(0);
  const height = await headerHeight(page);
  test.info().annotations.push({ type: 'header height at 1280 px', description: `${height} px` });
  expect(height, 'the header is one row').toBeLessThanOrEqual(72);
  await view(page, 'header-1280');
});

test('the menu shows each role what applies to it', async ({ page, browser }) => {
  // an anonymous visitor: the public pages, no workbench
  await page.goto('/');
  await expect(menuEntries(page)).toHaveText(['名录库', '发布清单', '共享仪器', '服务目录', '技术供需']);

  // an enterprise member whose organization has no instruments: nothing to approve
  await login(page, MEMBER);
  const me = (await (await page.request.get('/api/v1/auth/me')).json()).user;
  const owned = await (await page.request.get(`/api/v1/instruments?owner=${me.orgId}&status=in_service,maintenance,retired&pageSize=1`)).json();
  expect(owned.total, 'demo-member’s organization has no instruments').toBe(0);
  await expect(menuEntries(page).filter({ hasText: '共享统计' })).toBeVisible();
  await expect(menuEntries(page)).toHaveText(['名录库', '发布清单', '共享仪器', '服务目录', '技术供需', '我的交易', '我的预约', '共享统计']);
  await expect(page.getByRole('link', { name: '预约审批' })).toHaveCount(0);
  await shot(page, 'header-1280-member');

  // an instrument owner: the approval inbox (members of a confirmed organization also see its members page)
  const labPage = await (await newContext(browser)).newPage();
  await login(labPage, LAB);
  await expect(menuEntries(labPage).filter({ hasText: '预约审批' })).toBeVisible();
  await expect(menuEntries(labPage)).toHaveText(['名录库', '发布清单', '共享仪器', '服务目录', '技术供需', '我的交易', '我的预约', '预约审批', '共享统计']);
  await labPage.context().close();

  // a district admin: the import and publication tools, no approvals (the claims to review are in the account menu)
  const districtPage = await (await newContext(browser)).newPage();
  await login(districtPage, DISTRICT);
  await expect(menuEntries(districtPage).filter({ hasText: '导入' })).toBeVisible();
  await expect(menuEntries(districtPage)).toHaveText(['名录库', '发布清单', '共享仪器', '服务目录', '技术供需', '我的预约', '共享统计', '导入', '新增机构']);
  await districtPage.context().close();
});
