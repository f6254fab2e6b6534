/**
 * The stations' workload in the browser: the city's table of all 31 stations sorted by registrations puts a demo
 * station (whose demo contracts were registered this year) first; the station's own staff see only their stations; a
 * period ending before it starts is refused naming 截止日期. At 1280 px and 375 px.
 */
import { expect, newContext, test } from './fixtures';
import { login, shot } from './helpers';

const STATION = { username: 'demo-station', password: 'demo-kefutong' };

test('the city sorts the stations by workload; a station sees its own', async ({ page, browser }) => {
  test.slow();
  // the station's own view: only the stations its staff work at (demo-station works at two)
  const stationCtx = await newContext(browser);
  const station = await stationCtx.newPage();
  await login(station, STATION);
  await station.goto('/contracts');
  await station.getByTestId('contract-workload-link').click();
  await expect(station).toHaveURL(/\/contracts\/workload$/);
  await expect(station.getByRole('heading', { name: '本登记站工作量与办理时长' })).toBeVisible();
  const own = station.locator('[data-testid="workload-table"] tbody tr[data-code]');
  await expect(own.first()).toBeVisible();
  const codes = await own.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')));
  expect(codes.length).toBeLessThan(31);
  await shot(station, 'contract-workload-1280-station');
  await station.setViewportSize({ width: 375, height: 800 });
  await expect(own.first()).toBeVisible();
  await shot(station, 'contract-workload-375-station');

  // the city: 31 stations; sorted by 已登记 (most first), a demo station leads with its registered contracts
  await login(page);
  await page.goto('/contracts/workload');
  await expect(page.getByRole('heading', { name: '登记站工作量与办理时长' })).toBeVisible();
  const rows = page.locator('[data-testid="workload-table"] tbody tr[data-code]');
  await expect(rows).toHaveCount(31);
  await page.getByRole('columnheader', { name: '已登记' }).click();
  await expect(page.getByRole('columnheader', { name: '已登记' })).toHaveAttribute('aria-sort', 'descending');
  expect(codes).toContain(await rows.first().getAttribute('data-code'));
  const registered = Number(await rows.first().locator('td').nth(5).textContent());
  expect(registered).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('workload-total')).toContainText('合计');
  await shot(page, 'contract-workload-1280-city');

  // a period that ends before it starts: refused at 截止日期 with the server's message
  await page.getByLabel('起始日期').fill('2026-06-01');
  await expect(page.getByTestId('workload-period')).toContainText('2026-06-01 至');
  await page.getByLabel('截止日期').fill('2026-05-01');
  await expect(page.getByTestId('workload-error')).toContainText('截止日期不能早于起始日期');
  await shot(page, 'contract-workload-1280-bad-period');
});
