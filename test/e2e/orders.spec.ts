/**
 * Service orders in the browser: 服务订单 in the account menu, 我的订单 with its two tabs (the demo member's orders
 * as a buyer; it provides nothing) and status filter, and the requirement form's clear message for a service that
 * cannot be loaded — at 1280 and 375 px. The whole journey through an order's steps with a voucher is
 * voucher-journey.spec.ts.
 */
import { expect, test } from './fixtures';
import { login, shot } from './helpers';

const MEMBER = { username: 'demo-member', password: 'demo-kefutong' };

test('a member finds 我的订单 in the account menu, switches between bought and provided, and is told when a service cannot be ordered', async ({ page }) => {
  await login(page, MEMBER);
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: '服务订单' }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的订单');
  await expect(page.getByRole('tab', { name: '我购买的' })).toHaveAttribute('aria-selected', 'true');
  // the demo's orders of the member, some paid half by a voucher
  await expect(page.getByTestId('order-card').first()).toBeVisible();
  await shot(page, 'orders-1280-list');
  await page.getByRole('tab', { name: '我提供的' }).click();
  await expect(page).toHaveURL(/role=provider/);
  await expect(page.getByRole('tab', { name: '我提供的' })).toHaveAttribute('aria-selected', 'true');
  await page.getByText('已付款', { exact: true }).click();
  await expect(page).toHaveURL(/status=paid/);
  await expect(page.getByText('暂无订单')).toBeVisible();

  await page.goto('/orders/new?serviceId=987654');
  await expect(page.getByTestId('service-missing')).toHaveText('找不到这项服务，或服务暂时无法加载。请从服务目录重新选择服务后下单。');
  await page.goto('/orders/new');
  await expect(page.getByTestId('service-missing')).toBeVisible();
  await shot(page, 'orders-1280-missing-service');

  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/orders?role=provider');
  await expect(page.getByRole('tab', { name: '我提供的' })).toHaveAttribute('aria-selected', 'true');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no sideways scrolling at 375 px').toBeLessThanOrEqual(0);
  await shot(page, 'orders-375-list');
  await page.goto('/orders/999999');
  await expect(page.getByText('未找到该订单。')).toBeVisible();
  await shot(page, 'orders-375-not-found');
});
