/**
 * Shared instruments end to end: a buyer finds two instruments of two different owners free on the next weekday
 * 09:00–12:00 (Asia/Shanghai), books both in one cart, one owner approves, the other declines with a reason,
 * and the buyer sees both outcomes on /bookings and in the notifications. Then the pages at 375 px and a
 * screenshot of each page. The steps share the chosen instruments, so they run in order.
 */
import { request, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BASE_URL } from '../../playwright.config';
import { login, shot, fieldError, nextWeekday } from './helpers';

const PASSWORD = 'demo-kefutong';
const MEMBER = { username: 'demo-member', password: PASSWORD };
const LAB = { username: 'demo-lab', password: PASSWORD };
const LAB2 = { username: 'demo-lab2', password: PASSWORD };
const DECLINE_REASON = '该时段仪器需要校准，请改约其他时间';

/**
 * The booking day: the next Monday–Friday in Asia/Shanghai at least one day ahead (demo instruments open on
 * weekdays; "tomorrow" is a Saturday on Fridays), computed once, so a run that crosses midnight keeps it.
 */
const DAY = nextWeekday(1);
const FREE_FROM = `${DAY}T09:00:00+08:00`;
const FREE_TO = `${DAY}T12:00:00+08:00`;

interface Summary {
  id: number;
  name: string;
  ownerOrgId: number;
  priceUnit: string;
  sharingMode: string;
  needsApproval: boolean;
  needsTraining: boolean;
  status?: string;
  minBookingMinutes: number;
  maxBookingMinutes: number;
  noticeHours: number;
  freeSlots?: { start: string; end: string }[];
}
const picked: { lab?: Summary; lab2?: Summary } = {};
/** the ids of the two bookings the buyer requests, for the owners' and the buyer's later views */
const requested: { lab?: string; lab2?: string } = {};

async function orgIdOf(user: { username: string; password: string }): Promise<number> {
  const ctx = await request.newContext({ baseURL: BASE_URL });
  const res = await ctx.post('/api/v1/auth/login', { data: user });
  expect(res.ok(), `login ${user.username}`).toBe(true);
  const orgId = (await res.json()).user.orgId as number;
  await ctx.dispose();
  return orgId;
}

/** An instrument of this owner that demo-member can book on DAY 09:00–12:00 and that waits for approval. */
async function bookableOf(ownerOrgId: number): Promise<Summary> {
  const ctx = await request.newContext({ baseURL: BASE_URL });
  const q = new URLSearchParams({ owner: String(ownerOrgId), freeFrom: FREE_FROM, freeTo: FREE_TO, minHours: '3', pageSize: '100' });
  const res = await ctx.get(`/api/v1/instruments?${q}`);
  expect(res.ok()).toBe(true);
  const items = (await res.json()).items as Summary[];
  await ctx.dispose();
  const hoursAhead = (Date.parse(FREE_FROM) - Date.now()) / 3600_000;
  const ok = items.find(
    (i) =>
      i.priceUnit === 'hour' &&
      i.sharingMode === 'open' &&
      i.needsApproval &&
      !i.needsTraining &&
      (i.status ?? 'in_service') === 'in_service' &&
      i.minBookingMinutes <= 180 &&
      i.maxBookingMinutes >= 180 &&
      i.noticeHours <= hoursAhead,
  );
  expect(ok, `a bookable instrument of org ${ownerOrgId} free ${FREE_FROM}–${FREE_TO}`).toBeTruthy();
  return ok!;
}

async function waitForCatalogue(page: Page) {
  await expect(page.getByTestId('result-total')).toHaveText(/共 \d+ 台/);
  const results = page.getByTestId('results');
  await expect(results).toHaveAttribute('data-loading', 'false');
  await expect.poll(async () => (await results.getAttribute('data-loaded-for')) === (await results.getAttribute('data-wanted'))).toBe(true);
}

/** Free-time search in the catalogue of one owner, then the add-to-cart dialog of one instrument. */
async function addToCart(page: Page, ins: Summary, purpose: string) {
  await page.goto(`/instruments?owner=${ins.ownerOrgId}`);
  await waitForCatalogue(page);
  await page.getByTestId('free-date').fill(DAY);
  await page.getByTestId('free-from').fill('09:00');
  await page.getByTestId('free-to').fill('12:00');
  await page.getByLabel('至少连续空闲（小时）').fill('3');
  await page.getByTestId('free-search').click();
  await expect(page).toHaveURL(/date=\d{4}-\d{2}-\d{2}.*minHours=3/);
  await waitForCatalogue(page);
  const card = page.locator(`[data-testid="instrument-card"][data-id="${ins.id}"]`);
  await expect(card.getByTestId('free-slots')).toContainText('09:00–12:00');
  await card.getByTestId('open-add').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('bf-start-time')).toHaveValue('09:00');
  await expect(dialog.getByTestId('bf-end-time')).toHaveValue('12:00');
  await dialog.getByTestId('bf-purpose').fill(purpose);
  // the live quote has checked every rule: a price and no problems
  await expect(dialog.getByTestId('quote-estimate')).toHaveText(/¥/);
  await expect(dialog.getByTestId('quote-problems')).toHaveCount(0);
  return dialog;
}

test.describe
  .serial('booking two instruments of two owners', () => {
    test('the buyer finds both free on the next weekday 09:00–12:00 and checks out one cart', async ({ page }) => {
      picked.lab = await bookableOf(await orgIdOf(LAB));
      picked.lab2 = await bookableOf(await orgIdOf(LAB2));
      expect(picked.lab.ownerOrgId).not.toBe(picked.lab2.ownerOrgId);

      await login(page, MEMBER);
      let dialog = await addToCart(page, picked.lab, '测试样品的材料表征');
      await shot(page, 'inst-add-to-cart-dialog');
      await dialog.getByTestId('add-to-cart').click();
      await expect(page.getByTestId('cart-count')).toContainText('1');
      // the cart is in localStorage: it survives a reload
      await page.reload();
      await expect(page.getByTestId('cart-count')).toContainText('1');
      await shot(page, 'inst-catalogue-free-tomorrow');

      dialog = await addToCart(page, picked.lab2, '新产品可靠性验证测试');
      await dialog.getByTestId('add-to-cart').click();
      await expect(page.getByTestId('cart-count')).toContainText('2');

      await page.getByTestId('cart-link').click();
      await expect(page).toHaveURL(/\/cart$/);
      const items = page.getByTestId('cart-item');
      await expect(items).toHaveCount(2);
      for (const ins of [picked.lab, picked.lab2]) {
        const item = page.locator(`[data-testid="cart-item"][data-instrument="${ins.id}"]`);
        await expect(item).toContainText(ins.name);
        await expect(item.getByTestId('cart-item-price')).toContainText('¥');
        await expect(item.getByTestId('item-problems')).toHaveCount(0);
      }
      await expect(page.getByTestId('cart-total')).toHaveText(/¥/);
      await shot(page, 'inst-cart');

      await page.getByTestId('submit-cart').click();
      await expect(page).toHaveURL(/\/bookings$/);
      // the two just requested (demo-member also has completed demo bookings, some on these owners' instruments)
      const pending = page.locator('[data-testid="booking-card"][data-status="pending"]');
      await expect(pending).toHaveCount(2);
      await expect(pending.getByTestId('booking-status')).toHaveText(['待审批', '待审批']);
      for (const ins of [picked.lab, picked.lab2]) await expect(pending.filter({ hasText: ins.name })).toHaveCount(1);
      requested.lab = (await pending.filter({ hasText: picked.lab.name }).getAttribute('data-booking'))!;
      requested.lab2 = (await pending.filter({ hasText: picked.lab2.name }).getAttribute('data-booking'))!;
      await expect(page.getByTestId('cart-count')).not.toContainText(/\d/);
      expect(await page.evaluate(() => localStorage.getItem('kft.cart'))).toBe('[]');
      await shot(page, 'inst-bookings-pending');
    });

    test('demo-lab approves its booking', async ({ page }) => {
      await login(page, LAB);
      await page.goto('/workbench/bookings');
      const card = page.locator(`[data-testid="booking-card"][data-booking="${requested.lab}"]`);
      await expect(card).toContainText(picked.lab!.name);
      await expect(card).toContainText('机构用户（演示）');
      await expect(card).toHaveCount(1);
      await shot(page, 'inst-inbox-lab');
      await card.getByTestId('approve').click();
      await expect(card.getByTestId('booking-status')).toHaveText('已确认');
      await shot(page, 'inst-inbox-approved');
    });

    test('demo-lab2 declines its booking with a reason', async ({ page }) => {
      await login(page, LAB2);
      await page.goto('/workbench/bookings');
      const card = page.locator(`[data-testid="booking-card"][data-booking="${requested.lab2}"]`);
      await expect(card).toContainText(picked.lab2!.name);
      await expect(card).toContainText('机构用户（演示）');
      await expect(card).toHaveCount(1);
      await card.getByTestId('decline').click();
      const dialog = page.getByRole('dialog');
      // a reason is required: the button stays disabled until one is typed
      await expect(dialog.getByTestId('confirm-decline')).toBeDisabled();
      await dialog.getByTestId('decline-reason').fill(DECLINE_REASON);
      await shot(page, 'inst-decline-dialog');
      await dialog.getByTestId('confirm-decline').click();
      await expect(card.getByTestId('booking-status')).toHaveText('已拒绝');
      await expect(card.getByTestId('decision-reason')).toContainText(DECLINE_REASON);
    });

    test('the buyer sees both outcomes on /bookings and in the notifications', async ({ page }) => {
      await login(page, MEMBER);
      await page.goto('/bookings');
      const approved = page.locator(`[data-testid="booking-card"][data-booking="${requested.lab}"]`);
      const declined = page.locator(`[data-testid="booking-card"][data-booking="${requested.lab2}"]`);
      await expect(approved.getByTestId('booking-status')).toHaveText('已确认');
      await expect(declined.getByTestId('booking-status')).toHaveText('已拒绝');
      await expect(declined.getByTestId('decision-reason')).toContainText(DECLINE_REASON);
      await shot(page, 'inst-bookings-outcomes');

      // notifications are written by an event consumer: poll until both arrive
      await expect(async () => {
        await page.reload();
        await expect(page.getByTestId('bell')).toHaveAccessibleName(/未读/, { timeout: 2_000 });
        await page.getByTestId('bell').click();
        const drawer = page.getByTestId('notifications');
        await expect(drawer.locator('[data-kind="booking.approved"]')).not.toHaveCount(0, { timeout: 2_000 });
        await expect(drawer.locator('[data-kind="booking.declined"]')).toContainText(DECLINE_REASON, { timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await expect(page.getByRole('button', { name: '全部标为已读' })).toBeInViewport({ ratio: 1 }); // the drawer has slid in
      await shot(page, 'inst-notifications');
    });
  });

test('the catalogue fits a 375 px wide screen and its free-time search works there', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/instruments');
  await waitForCatalogue(page);
  const width = () => page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(await width(), 'no horizontal scroll on the catalogue').toBeLessThanOrEqual(376);
  await page.getByTestId('free-date').fill(DAY);
  await page.getByTestId('free-search').click();
  await waitForCatalogue(page);
  await expect(page.getByTestId('free-slots').first()).toBeVisible();
  expect(await width(), 'no horizontal scroll with free slots shown').toBeLessThanOrEqual(376);
  await shot(page, 'inst-catalogue-375');
  await page.getByTestId('instrument-name').first().click();
  await expect(page.getByTestId('week-calendar')).toBeVisible();
  expect(await width(), 'no horizontal scroll on the instrument page').toBeLessThanOrEqual(376);
  await shot(page, 'inst-instrument-375');
});

test('a members-only instrument is marked for outsiders, not offered for the cart', async ({ page }) => {
  await page.goto('/instruments?sharingMode=members');
  await waitForCatalogue(page);
  const card = page.getByTestId('instrument-card').first();
  await expect(card.getByTestId('members-only')).toHaveText('仅限本单位预约');
  await expect(card.getByTestId('open-add')).toHaveCount(0);
  await card.getByTestId('instrument-name').click();
  await expect(page.getByTestId('week-calendar')).toBeVisible();
  await expect(page.getByTestId('members-only')).toContainText('内部用户开放，其他单位的用户不能预约');
  await expect(page.getByTestId('bf-start-date')).toHaveCount(0);
  await shot(page, 'inst-members-only');
});

test('an owner sees every instrument page (screenshots)', async ({ page }) => {
  test.setTimeout(150_000); // seven pages in a row: more than a minute on a busy machine
  await login(page, LAB);
  const lab = picked.lab ?? (await bookableOf(await orgIdOf(LAB)));

  // the week calendar: selecting a free cell prefills the booking form and quotes it
  await page.goto(`/instruments/${lab.id}`);
  await expect(page.getByTestId('instrument-title')).toHaveText(lab.name);
  await page.getByTestId('next-week').click();
  await page.getByTestId('cal-free').first().click();
  await expect(page.getByTestId('bf-start-date')).not.toHaveValue('');
  await expect(page.getByTestId('quote-estimate')).toHaveText(/¥/);
  await expect(page.getByTestId('owner-tools')).toBeVisible();
  await shot(page, 'inst-instrument-owner');

  await page.getByTestId('edit-instrument').click();
  await expect(page).toHaveURL(new RegExp(`/instruments/${lab.id}/edit$`));
  await expect(page.getByLabel('仪器名称')).toHaveValue(lab.name);
  await shot(page, 'inst-form-edit');

  // a rule only the server checks (longest booking ≥ shortest) comes back as fields[].path and shows at the field
  await page.goto('/instruments/new');
  await page.getByLabel('仪器名称').fill('端到端测试仪');
  await page.getByLabel('仪器类别').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '分析仪器' }).click();
  await page.getByLabel('对外收费（元）').fill('200');
  await page.getByLabel('本单位收费（元）').fill('100');
  await page.getByLabel('最短预约（分钟）').fill('600');
  await page.getByLabel('最长预约（分钟）').fill('60');
  await page.getByTestId('save').click();
  const maxItem = page.locator('.ant-form-item').filter({ has: page.locator('#maxBookingMinutes') });
  await expect(fieldError(maxItem)).toContainText('最长预约时长不能短于最短预约时长');
  await expect(page).toHaveURL(/\/instruments\/new$/);
  await shot(page, 'inst-form-server-error');

  await page.goto('/instrument-stats');
  await expect(page.getByTestId('stats-totals')).toBeVisible();
  await expect(page.getByTestId('stats-chart')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('stats-xlsx')).toHaveAttribute('href', /instrument-stats\.xlsx\?groupBy=instrument&from=/);
  await shot(page, 'inst-stats');

  await page.goto('/workbench/bookings?status=all');
  await expect(page.getByTestId('booking-total')).toHaveText(/共 \d+ 条/);
  await shot(page, 'inst-inbox-all');

  await page.goto('/bookings');
  await page.getByTestId('make-feed').click();
  await expect(page.getByTestId('feed-url')).toContainText('calendar.ics?token=');
  await shot(page, 'inst-my-bookings-feed');

  await page.goto('/cart');
  await expect(page.getByText('预约单是空的')).toBeVisible();
  await shot(page, 'inst-cart-empty');
});
