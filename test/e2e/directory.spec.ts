import { expect, test } from './fixtures';
import { clickDistrict, shot, waitForResults } from './helpers';

test('(a) a search in traditional characters finds organizations stored in simplified ones', async ({ page }) => {
  await page.goto('/orgs');
  await waitForResults(page);
  const box = page.getByRole('searchbox', { name: '搜索机构' });
  await box.fill('檢測');
  await box.press('Enter');
  await expect(page).toHaveURL(/[?&]q=%E6%AA%A2%E6%B8%AC/);
  await waitForResults(page, /q=%E6%AA%A2%E6%B8%AC/);
  const names = await page.getByTestId('org-name').allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  expect(names.some((n) => n.includes('检测'))).toBe(true);
  await shot(page, 'a-traditional-search');
});

test('a homophone typo (检侧 for 检测) finds the right names and says they are near matches', async ({ page }) => {
  await page.goto(`/orgs?q=${encodeURIComponent('检侧技术')}`);
  await waitForResults(page);
  await expect(page.getByTestId('fuzzy-note')).toContainText('读音相近');
  const names = await page.getByTestId('org-name').allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  expect(names[0]).toContain('检测技术');
  await shot(page, 'fuzzy-typo-search');
});

test('(b) clicking a district on the map filters the list', async ({ page }) => {
  await page.goto('/orgs');
  await waitForResults(page);
  const totalAll = await page.getByTestId('result-total').innerText();

  await clickDistrict(page, '500101', '万州区'); // 万州区
  await expect(page).toHaveURL(/[?&]district=500101(&|$)/);
  await waitForResults(page, /district=500101/);
  expect(await page.getByTestId('result-total').innerText()).not.toBe(totalAll);
  const districts = await page.getByTestId('org-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-district')));
  expect(districts.length).toBeGreaterThan(0);
  expect(new Set(districts)).toEqual(new Set(['500101']));
  await expect(page.getByTestId('district-facet').getByRole('checkbox', { name: /万州区/ })).toBeChecked();
  await shot(page, 'b-map-wanzhou');

  // clicking it again removes the filter
  await clickDistrict(page, '500101', '万州区');
  await expect(page).not.toHaveURL(/district=/);
  await waitForResults(page, /^(?!.*district=)/);

  // 江北区 was merged into 两江新区: its polygon filters by 500199
  await clickDistrict(page, '500105', '江北区');
  await expect(page).toHaveURL(/[?&]district=500199(&|$)/);
  await waitForResults(page, /district=500199/);
  const merged = await page.getByTestId('org-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-district')));
  expect(merged.length).toBeGreaterThan(0);
  for (const d of merged) expect(['500199', '500105', '500112']).toContain(d);
  await shot(page, 'b-map-liangjiang');
});

test('(g) the directory fits a 375 px wide screen and search works there', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/orgs');
  await waitForResults(page);
  const overflow = async () => page.evaluate(() => ({ sw: document.scrollingElement!.scrollWidth, cw: window.innerWidth }));
  let o = await overflow();
  expect(o.sw, 'no horizontal scroll on the directory').toBeLessThanOrEqual(376);
  const box = page.getByRole('searchbox', { name: '搜索机构' });
  await box.fill('检测');
  await box.press('Enter');
  await expect(page).toHaveURL(/q=/);
  await waitForResults(page, /q=%E6%A3%80%E6%B5%8B/);
  const names = await page.getByTestId('org-name').allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  expect(names.some((n) => n.includes('检测'))).toBe(true);
  o = await overflow();
  expect(o.sw, 'no horizontal scroll after searching').toBeLessThanOrEqual(376);
  await shot(page, 'g-mobile-375');
});

test('(i) the language switch shows English and is remembered', async ({ page }) => {
  await page.goto('/orgs');
  await waitForResults(page);
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Directory' })).toBeVisible();
  await expect(page.getByTestId('result-total')).toHaveText(/^\d+ organizations$/);
  // districts by their English names, in the facet and on the cards
  await expect(page.getByTestId('district-facet')).toContainText('Shapingba District');
  await expect(page.getByTestId('district-facet')).not.toContainText('沙坪坝区');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Lists', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await shot(page, 'i-english');
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('link', { name: '名录库' })).toBeVisible();
});
