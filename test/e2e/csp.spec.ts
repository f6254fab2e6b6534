/**
 * The pages run under the server's Content-Security-Policy (scripts only from our origin, never inline;
 * inline styles for Ant Design's CSS-in-JS; no framing): Chromium reports no violation on the main pages,
 * the charts and map, or the API docs, and a write from our own page passes the foreign-origin check.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { login } from './helpers';

/** Every CSP violation the page reports, as a console line or a securitypolicyviolation event. */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text())) seen.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => {
    if (/Content Security Policy|EvalError/i.test(e.message)) seen.push(`${page.url()}: ${e.message}`);
  });
  return seen;
}

/** The first data of a page on a loaded machine (the checks are about violations, not speed). */
const LOADED = { timeout: 60_000 };

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber}`);
    });
  });
});

test('the pages load under the Content-Security-Policy with no violation: home, directory, instruments, market, login', async ({ page }) => {
  const violations = watchViolations(page);
  const home = await page.goto('/');
  const csp = home!.headers()['content-security-policy'];
  expect(csp, 'the page is served with a policy').toMatch(/script-src 'self'(;|$)/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(home!.headers()['x-content-type-options']).toBe('nosniff');
  // the front page: its figures in one request
  await expect(page.getByTestId('headline-figure').first()).toBeVisible(LOADED);

  await page.goto('/orgs');
  await expect(page.getByTestId('result-total')).toHaveText(/共 \d+ 家机构/, LOADED);
  // ECharts draws the district map (its canvas and styles)
  await expect(page.getByTestId('district-map')).toHaveAttribute('data-ready', 'true', LOADED);
  await page.getByTestId('org-name').first().click();
  await expect(page).toHaveURL(/\/orgs\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible(LOADED);

  await page.goto('/instruments');
  await expect(page.getByTestId('result-total')).toHaveText(/共 \d+ 台/, LOADED);
  await page.goto('/search?q=%E7%94%B5%E6%B1%A0');
  await expect(page.getByTestId('tab-count-achievement')).toHaveText(/^\d+$/, LOADED);
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible(LOADED);
  expect(violations).toEqual([]);
});

test('signed in, the charts and the district map draw with no violation, and a write from our own page is let through', async ({ page }) => {
  const violations = watchViolations(page);
  await login(page, { username: 'demo-admin', password: 'demo-kefutong' });
  await page.goto('/instrument-stats');
  await expect(page.getByTestId('stats-chart')).toHaveAttribute('data-ready', 'true', LOADED);
  await expect(page.getByTestId('district-map')).toHaveAttribute('data-ready', 'true', LOADED);
  // the browser sends Origin on this POST, with the session cookie: our own origin passes
  const status = await page.evaluate(async () => (await fetch('/api/v1/notifications/read-all', { method: 'POST' })).status);
  expect(status).toBe(200);
  expect(violations).toEqual([]);
});

test('the API docs (swagger-ui) load under their own policy with no violation', async ({ page }) => {
  const violations = watchViolations(page);
  const res = await page.goto('/api/docs/');
  expect(res!.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
  await expect(page.locator('.swagger-ui .info .title')).toContainText('科服通 Kefutong API', LOADED);
  await expect(page.locator('.opblock').first()).toBeVisible(LOADED);
  expect(violations).toEqual([]);
});
