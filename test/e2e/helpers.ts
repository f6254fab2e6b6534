import { expect, type Page } from '@playwright/test';

export const ADMIN = { username: 'admin', password: 'e2e-admin-pass' };

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export async function login(page: Page, user = ADMIN) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(user.username);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  // below 768 px the account sits in the header's menu (closed): in the page, not on screen
  await expect(page.getByTestId('current-user')).toBeAttached();
  // the page it goes to has replaced the sign-in form (React Router renders it in a transition, after its code loaded)
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
  await expect(page.getByLabel('密码')).toHaveCount(0);
}

/** 退出, from the account menu under the user's name (at 1280 px), and waits until the page knows nobody. */
export async function signOut(page: Page) {
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: '退出' }).click();
  await expect(page.getByTestId('current-user')).toHaveCount(0);
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A valid 统一社会信用代码 (GB 32100-2015 check character) for district 500103 with a random body. */
export function validUscc(district = '500103'): string {
  let body = `91${district}`;
  for (let i = 0; i < 9; i++) body += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(body[i]) * WEIGHTS[i];
  const c = 31 - (sum % 31);
  return body + ALPHABET[c === 31 ? 0 : c];
}

/**
 * Waits until the directory list has loaded (total shown, no spinner). After a click that changes the filters,
 * pass what the new query must hold: the URL changes before the page renders the navigation (React Router runs
 * it as a transition), so until then the list is still "loaded for what it wants" — the old filters.
 */
export async function waitForResults(page: Page, wanted?: RegExp) {
  await expect(page.getByTestId('result-total')).toHaveText(/共 \d+ 家机构/);
  const results = page.getByTestId('results');
  if (wanted) await expect(results).toHaveAttribute('data-wanted', wanted);
  await expect(results).toHaveAttribute('data-loading', 'false');
  await expect.poll(async () => (await results.getAttribute('data-loaded-for')) === (await results.getAttribute('data-wanted'))).toBe(true);
}

/**
 * A form field's current error message. When a message replaces another, antd keeps the old one in the
 * page while it fades out (class ant-form-show-help-item-leave): both match the plain class selector.
 */
export const fieldError = (item: import('@playwright/test').Locator) => item.locator('.ant-form-item-explain-error:not(.ant-form-show-help-item-leave)');

// Asia/Shanghai is UTC+8 all year (no daylight saving): its calendar date by plain arithmetic, whatever the machine's zone.
const SHANGHAI = 8 * 3600_000;
export const shanghaiDate = (ms = Date.now()) => new Date(ms + SHANGHAI).toISOString().slice(0, 10);
export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
/** 0 = Monday … 6 = Sunday, of a YYYY-MM-DD date. */
export const weekdayOf = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
/** The first Monday–Friday (Shanghai) at least `daysAhead` days after today. */
export function nextWeekday(daysAhead: number, from = Date.now()): string {
  let d = addDays(shanghaiDate(from), daysAhead);
  while (weekdayOf(d) > 4) d = addDays(d, 1);
  return d;
}

/**
 * Waits until no finite animation or transition runs. An element still fading in has a lower contrast than it
 * will have, so an accessibility check taken mid-animation (likely on a busy machine) reports contrast failures
 * that no user sees. Endless ones (spinners) are left alone.
 */
export async function animationsSettled(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
}

/**
 * Clicks a district on the district map (directory, /instrument-stats) as a person does: once the district stands
 * still, point at it, wait for its tooltip, then click.
 */
export async function clickDistrict(page: Page, code: string, name: string) {
  await expect(page.getByTestId('district-map')).toHaveAttribute('data-ready', 'true');
  await page.waitForFunction(() => typeof window.__kftMapPoint === 'function' && window.__kftMap !== undefined);
  // The map moves when the page around it changes (a scrollbar coming or going resizes the chart, an update
  // animates): wait until the district's position in the page is the same on three reads 200 ms apart,
  // so a busy machine does not click where the district was a moment ago.
  // (the chart is made anew when its data changes: between the old one going and the new one coming there is
  // no map to ask, which reads as "not settled yet")
  const where = () =>
    page.evaluate((c) => {
      const canvas = document.querySelector('[data-testid="district-map"] canvas');
      const p = typeof window.__kftMapPoint === 'function' && canvas ? window.__kftMapPoint(c) : null;
      if (!p || !canvas) return null;
      const r = canvas.getBoundingClientRect();
      return [Math.round(r.left + p[0]), Math.round(r.top + p[1] + window.scrollY)].join(',');
    }, code);
  let last = '',
    same = 0;
  await expect
    .poll(
      async () => {
        const now = await where();
        same = now !== null && now === last ? same + 1 : 0;
        last = now ?? '';
        return same;
      },
      { message: `map position of ${code} settles`, intervals: [200], timeout: 15_000 },
    )
    .toBeGreaterThanOrEqual(2);
  const pt = await page.evaluate((c) => window.__kftMapPoint?.(c) ?? null, code);
  expect(pt, `map position of ${code}`).not.toBeNull();
  // Point at it first and wait for the highlight's tooltip: on a busy machine the highlight (which draws the
  // district's name at this very spot) could otherwise be drawn between the button going down and up, and the
  // chart sees that as two different targets, not a click.
  const canvas = page.getByTestId('district-map').locator('canvas').first();
  await canvas.hover({ position: { x: pt![0], y: pt![1] } });
  await expect(page.getByTestId('district-map')).toContainText(name);
  await canvas.click({ position: { x: pt![0], y: pt![1] } });
}
