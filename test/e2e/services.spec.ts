/**
 * The service catalogue (issue 11, point 1): a visitor finds a testing service by a search in traditional
 * characters, opens it (the primary button 下单 leads to the order form), and goes on to the provider's
 * storefront with its services, instruments and achievements; a provider's member publishes a service,
 * a bad field refused and named by its label, and finds it in the catalogue. Screenshots at 1280 and 375 px.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { fieldError, login, shot } from './helpers';

const LAB = { username: 'demo-lab', password: 'demo-kefutong' };

async function pick(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

async function searchFor(page: Page, q: string) {
  await page.goto('/services');
  await page.getByRole('searchbox', { name: '搜索服务' }).fill(q);
  await page.getByRole('button', { name: /搜\s*索/ }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(q)}`));
}

for (const width of [1280, 375]) {
  test(`a visitor finds a service by a traditional-character search, opens it and its provider's storefront (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await searchFor(page, '力學性能檢測');
    const card = page.locator('[data-service]').filter({ hasText: '金属材料力学性能检测' }).first();
    await expect(card).toBeVisible();
    await expect(page.getByText(/共 \d+ 项服务/)).toBeVisible();
    // a testing service shows its accreditation and price in yuan
    await expect(card.getByText(/CMA/).first()).toBeVisible();
    await expect(card.locator('.kft-service-price')).toHaveText(/^¥[\d,]+$/);
    // the page fits the width (nothing scrolls sideways)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await shot(page, `services-catalogue-${width}`);

    await card.getByRole('link', { name: '金属材料力学性能检测' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /金属材料力学性能检测/ })).toBeVisible();
    const id = /\/services\/(\d+)/.exec(page.url())![1];
    await expect(page.getByRole('link', { name: /下\s*单/ })).toHaveAttribute('href', `/orders/new?serviceId=${id}`);
    await shot(page, `services-detail-${width}`);

    const provider = (await page.locator('.ant-descriptions-item').filter({ hasText: '服务机构' }).getByRole('link').textContent())!;
    await page.getByRole('link', { name: '机构店铺 →' }).click();
    await expect(page).toHaveURL(/\/providers\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: provider })).toBeVisible();
    await expect(page.getByRole('tab', { name: /^服务 \(\d+\)$/ })).toBeVisible();
    await expect(page.getByRole('tab', { name: /^仪器 \(\d+\)$/ })).toBeVisible();
    await expect(page.getByRole('tab', { name: /^成果 \(\d+\)$/ })).toBeVisible();
    await expect(page.locator('[data-service]').first()).toBeVisible();
    await shot(page, `services-storefront-${width}`);
  });
}

test('a provider publishes a service: a bad field is named by its label, then the catalogue finds it', async ({ page }) => {
  await login(page, LAB);
  await page.goto('/services');
  await page.getByRole('link', { name: '+ 发布服务' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '发布服务' })).toBeVisible();
  const title = `高分子材料老化试验${Date.now().toString(36).slice(-4)}`;
  await page.getByLabel('服务名称').fill('老');
  await pick(page, '服务类别', '检验检测认证服务');
  await page.getByLabel('价格（元）').fill('12000');
  await page.getByTestId('save').click();
  await expect(fieldError(page.locator('.ant-form-item').filter({ has: page.getByLabel('服务名称') }))).toContainText('服务名称');
  await expect(page.getByTestId('form-error')).toBeVisible();
  await shot(page, 'services-publish-error-1280');

  await page.getByLabel('服务名称').fill(title);
  await page.getByLabel('服务内容').fill('塑料、橡胶的热氧老化与紫外老化试验');
  await page.getByLabel('服务周期（天）').fill('7');
  await page.getByRole('button', { name: '+ 添加资质' }).click();
  await page.getByLabel('证书编号').fill('CMA-2026-0001');
  await page.getByLabel('有效期至').fill('2030-12-31');
  await page.getByTestId('save').click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.locator('.kft-service-price')).toHaveText('¥12,000');
  await expect(page.getByText('有效期至 2030-12-31')).toBeVisible();
  await expect(page.getByRole('button', { name: /下\s*架/ })).toBeVisible();
  await shot(page, 'services-published-1280');

  await searchFor(page, title);
  await expect(page.locator('[data-service]').filter({ hasText: title })).toBeVisible();
});
