/**
 * An instrument hour paid as a service is (issue 11, points 2 and 5): the demo member opens "my bookings", presses
 * 结算 / 用创新券支付 on a completed booking, lands on the order page of that booking (kind 仪器机时结算, already
 * accepted: the use was the delivery) and pays half with its voucher at the same checkout a service order has.
 */
import { request } from '@playwright/test';
import { BASE_URL } from '../../playwright.config';
import { expect, test } from './fixtures';
import { login, shot } from './helpers';

const MEMBER = { username: 'demo-member', password: 'demo-kefutong' };
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

test.beforeEach(() => test.slow());

test('a completed booking is settled through an order, half paid by voucher', async ({ page }) => {
  const member = await request.newContext({ baseURL: BASE_URL });
  expect((await member.post('/api/v1/auth/login', { data: MEMBER })).ok()).toBe(true);
  // the demo settled its member's two most recent uses; the third waits for the member
  const completed = (await (await member.get('/api/v1/bookings?scope=mine&status=completed')).json()).items as { id: number; external: boolean }[];
  const waiting = completed.filter((b) => b.external)[2];
  expect(waiting, 'the demo gives demo-member completed bookings to settle').toBeDefined();

  await login(page, MEMBER);
  await page.goto('/bookings?status=completed');
  const card = page.locator(`[data-testid="booking-card"][data-booking="${waiting.id}"]`);
  await expect(card).toHaveAttribute('data-status', 'completed');
  await shot(page, 'booking-settle-list');
  await card.getByTestId('settle').click();

  await expect(page).toHaveURL(/\/orders\/\d+$/);
  const orderId = Number(page.url().split('/').pop());
  await expect(page.getByTestId('order-kind')).toHaveText('仪器机时结算');
  await expect(page.getByTestId('order-page')).toHaveAttribute('data-status', 'accepted');
  const order = await (await member.get(`/api/v1/orders/${orderId}`)).json();
  expect(order).toMatchObject({ kind: 'instrument_booking', bookingId: waiting.id });
  const half = Math.floor(order.payment.totalFen / 2);

  const option = page.getByTestId('voucher-checkout').getByTestId('checkout-option').first();
  await expect(option).toContainText(yuan(half));
  await option.getByRole('button', { name: /使\s*用/ }).click();
  await expect(page.getByTestId('payable')).toHaveText(yuan(order.payment.totalFen - half));
  await shot(page, 'booking-settle-order');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'booking-settle-order-375');

  // pressing 结算 again finds the same order
  await page.goto('/bookings?status=completed');
  await page.locator(`[data-testid="booking-card"][data-booking="${waiting.id}"]`).getByTestId('settle').click();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
  await member.dispose();
});
