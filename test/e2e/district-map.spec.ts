/**
 * The district map (directory and /instrument-stats) as its users meet it:
 *  a. a district chosen on the map is scrolled into view, checked, in the district list beside it;
 *  b. choosing districts and leaving the page throws nothing (ECharts 6.1.0 throws on a 0×0 geo chart);
 *  c. the map is operable with the keyboard alone;
 *  d. its colour legend says which numbers each colour stands for, in the reader's language.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { clickDistrict, login, shot, waitForResults } from './helpers';

const CITY_ADMIN = { username: 'demo-admin', password: 'demo-kefutong' };

/** The first directory load after the server starts can be slow on a busy machine. */
async function openDirectory(page: Page, url = '/orgs') {
  await page.goto(url);
  await expect(page.getByTestId('result-total')).not.toBeEmpty({ timeout: 60_000 });
}

/** Whether `item` lies wholly inside the visible part of the scrolling box `box`. */
async function inView(box: Locator, item: Locator) {
  const b = await box.boundingBox();
  const i = await item.boundingBox();
  if (!b || !i) return false;
  return i.y >= b.y - 1 && i.y + i.height <= b.y + b.height + 1;
}

/** Errors the page throws or logs. The anonymous session check answers 401 by design (nobody is signed in). */
function collectErrors(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (m.location().url.endsWith('/api/v1/auth/me') && m.text().includes('401')) return;
    errors.push(`${page.url()}: console: ${m.text()}`);
  });
  return errors;
}

/**
 * Leaves the page through a header link. The slow device (CPU throttled 4×) is where a chart's resize after
 * its element left the page showed most: the error depends on a frame coming before React's cleanup.
 */
async function leaveBy(page: Page, link: string, url: RegExp) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  try {
    await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
    await expect(page).toHaveURL(url);
    await expect(page.getByTestId('district-map')).toHaveCount(0);
    // a couple of frames, in which a resize observer still attached to the old map would fire
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
}

test('a district chosen on the map is scrolled into view in the district list and checked there', async ({ page }) => {
  await openDirectory(page);
  await waitForResults(page);
  const list = page.getByTestId('district-facet');
  const item = list.locator('label', { hasText: '丰都县' });
  // 丰都县 (the middle of the map) has few organizations: it is far down the list, out of the box's view
  expect(await inView(list, item), "丰都县 starts out of the list's view").toBe(false);

  await clickDistrict(page, '500230', '丰都县');
  await expect(page).toHaveURL(/[?&]district=500230(&|$)/);
  await waitForResults(page, /district=500230/);
  await expect(item.getByRole('checkbox')).toBeChecked();
  await expect.poll(() => inView(list, item), { message: "丰都县 is scrolled into the list's view" }).toBe(true);
  // the page itself did not jump: the map is still where the user clicked
  await expect(page.getByTestId('district-map')).toBeInViewport();
  await shot(page, 'map-a-fengdu-in-list');
});

test('choosing districts on the map and leaving the directory and /instrument-stats throws no errors', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await page.addInitScript(() => {
    Error.stackTraceLimit = 50;
  });
  await openDirectory(page);
  for (let round = 0; round < 3; round++) {
    await waitForResults(page);
    await clickDistrict(page, '500230', '丰都县');
    await expect(page).toHaveURL(/district=500230/);
    await waitForResults(page, /district=500230/);
    await clickDistrict(page, '500101', '万州区');
    await expect(page).toHaveURL(/district=500230%2C500101|district=500230,500101/);
    await waitForResults(page, /district=500230(%2C|,)500101/);
    await leaveBy(page, '发布清单', /\/publications/);
    await page.getByRole('navigation').getByRole('link', { name: '名录库', exact: true }).click();
    await expect(page).toHaveURL(/\/orgs$/);
  }
  await waitForResults(page);
  await shot(page, 'map-b-directory-after-rounds');
  expect.soft(errors, errors.join('\n')).toEqual([]);
  errors.length = 0;

  await login(page, CITY_ADMIN);
  for (let round = 0; round < 3; round++) {
    await page.getByRole('navigation').getByRole('link', { name: '共享统计', exact: true }).click();
    await expect(page).toHaveURL(/\/instrument-stats/);
    await expect(page.getByTestId('district-map')).toHaveAttribute('data-ready', 'true');
    await clickDistrict(page, '500106', '沙坪坝区');
    await expect(page).toHaveURL(/district=500106/);
    await expect(page.getByTestId('stats-chart')).toHaveAttribute('data-ready', 'true');
    if (round === 0) await shot(page, 'map-b-stats-district');
    await leaveBy(page, '发布清单', /\/publications/);
  }
  expect(errors, errors.join('\n')).toEqual([]);
});

/** The text of the district the map's keyboard focus is on. */
const activeDistrict = (page: Page) =>
  page.evaluate(() => {
    const id = document.activeElement?.getAttribute('aria-activedescendant');
    return id ? (document.getElementById(id)?.textContent ?? null) : null;
  });

/** Presses Tab until the district map has the focus (it comes after the filters). */
async function tabToMap(page: Page) {
  const map = page.getByRole('listbox', { name: /地图|map/i });
  const onListbox = () => page.evaluate(() => document.activeElement?.getAttribute('role') === 'listbox');
  for (let i = 0; i < 120 && !(await onListbox()); i++) await page.keyboard.press('Tab');
  await expect(map).toBeFocused();
  return map;
}

test('the map works with the keyboard alone: Tab reaches it, arrow keys move between districts, Enter chooses', async ({ page }) => {
  test.setTimeout(120_000);
  await openDirectory(page);
  await waitForResults(page);
  const map = await tabToMap(page);
  await expect(map).toHaveAccessibleDescription(/方向键.*回车/);
  // the focused district is shown on the map (its tooltip) and named to screen readers
  await expect.poll(() => activeDistrict(page)).toMatch(/万州区/);
  await expect(page.getByTestId('district-map')).toContainText('万州区');
  await shot(page, 'map-c-keyboard-focus');

  for (let i = 0; i < 40 && !/丰都县/.test((await activeDistrict(page)) ?? ''); i++) await page.keyboard.press('ArrowRight');
  expect(await activeDistrict(page)).toMatch(/丰都县/);
  await expect(page.getByTestId('district-map')).toContainText('丰都县');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]district=500230(&|$)/);
  // the URL changes before the page re-renders for it (react-router renders in a transition, late on a busy
  // machine): wait for the results of this filter, not whatever results are on the page
  await waitForResults(page, /district=500230/);
  const districts = await page.getByTestId('org-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-district')));
  expect(new Set(districts)).toEqual(new Set(['500230']));
  const list = page.getByTestId('district-facet');
  await expect(list.getByRole('checkbox', { name: /丰都县/ })).toBeChecked();
  await expect.poll(() => inView(list, list.locator('label', { hasText: '丰都县' }))).toBe(true);
  await expect(map).toBeFocused();
  await expect(page.getByRole('option', { name: /丰都县/, includeHidden: true })).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'map-c-keyboard-chosen');

  // Left goes back, Enter again takes the filter off
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => activeDistrict(page)).toMatch(/城口县/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page).not.toHaveURL(/district=/);
  await waitForResults(page, /^(?!.*district=)/);
  await expect(list.getByRole('checkbox', { name: /丰都县/ })).not.toBeChecked();
});

/** The legend's ranges as pairs of numbers, in order. */
async function legendRanges(page: Page) {
  const texts = await page.getByTestId('map-legend').getByRole('listitem').allInnerTexts();
  return texts.map((t) => (t.replace(/,/g, '').match(/\d+/g) ?? []).map(Number));
}

test('the map legend shows the numbers its colours stand for, matching the district list', async ({ page }) => {
  await openDirectory(page);
  await waitForResults(page);
  await expect(page.getByTestId('district-map')).toHaveAttribute('data-ready', 'true');
  const counts = (await page.getByTestId('district-facet').locator('label').allInnerTexts()).map((t) => Number(t.match(/\((\d+)\)\s*$/)![1]));
  const legend = page.getByTestId('map-legend');
  await expect(legend).toContainText('机构数');
  await expect(legend.getByRole('listitem').first()).toContainText('家');
  const ranges = await legendRanges(page);
  expect(ranges.length).toBeGreaterThan(1);
  expect(ranges[0][0], 'the legend starts at the smallest count').toBe(Math.min(...counts));
  expect(ranges.at(-1)!.at(-1), 'the legend ends at the largest count').toBe(Math.max(...counts));
  // the ranges follow on from each other
  for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1].at(-1)! + 1);
  await legend.scrollIntoViewIfNeeded();
  await shot(page, 'map-d-legend-zh');
});

test('in English: the legend, the keyboard hint and the stats map read in English', async ({ page }) => {
  await login(page, CITY_ADMIN);
  await openDirectory(page);
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByTestId('result-total')).toHaveText(/^\d+ organizations$/);
  const legend = page.getByTestId('map-legend');
  await expect(legend).toContainText('Organizations');
  await expect(legend).not.toContainText('家');
  const map = page.getByRole('listbox', { name: /map/i });
  await expect(map).toHaveAccessibleDescription(/arrow keys.*Enter/i);
  await shot(page, 'map-en-directory');

  const byDistrict = page.waitForResponse((r) => r.url().includes('/api/v1/instrument-stats?') && r.url().includes('groupBy=district') && r.ok());
  await page.goto('/instrument-stats');
  const rows: { externalHours: number }[] = (await (await byDistrict).json()).rows;
  await expect(page.getByTestId('district-map')).toHaveAttribute('data-ready', 'true');
  await expect(legend).toContainText('External service hours');
  const ranges = await legendRanges(page);
  expect(ranges.at(-1)!.at(-1), 'the legend ends at the busiest district').toBe(Math.max(...rows.map((r) => Math.round(r.externalHours))));
  await expect(legend.getByRole('listitem').last()).toContainText('h');

  // the keyboard works here too (one district at a time): the first district, then the next one
  const statsMap = await tabToMap(page);
  await expect(statsMap).toHaveAccessibleDescription(/arrow keys.*Enter/i);
  await expect.poll(() => activeDistrict(page)).toMatch(/Wanzhou.*external service hours/);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => activeDistrict(page)).toMatch(/Fuling/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]district=500102(&|$)/);
  await expect(page.getByRole('option', { name: /Fuling/, includeHidden: true })).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'map-en-stats');
});
