/**
 * The market workbench (/workbench/market), as people use it: an enterprise member saves a draft demand, leaves it,
 * finds it again under 我的需求 as 草稿 and publishes it there; a city admin adds a synonym group (a one-word group
 * is refused at the field), the search finds the demo achievement by the new word at once, and the group is deleted
 * again; the header stays on one line at 1280 px; the page at 375 px.
 */
import { request, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BASE_URL } from '../../playwright.config';
import { login, shot } from './helpers';

const PASSWORD = 'demo-kefutong';
const MEMBER = { username: 'demo-member', password: PASSWORD };
const ADMIN = { username: 'demo-admin', password: PASSWORD };

const DEMAND_TITLE = `冷链车厢温度实时监控技术需求 ${Date.now().toString(36)}`;
const DEMAND_TEXT = '我公司从事生鲜冷链配送，需要低成本的车厢温度实时监控与异常预警技术，断电后仍能记录温度并在恢复后自动上传，可以技术许可或合作开发。';
const ACHIEVEMENT = '动力电池热失控早期预警系统';
const WORD = '热失控';
const SYNONYM = '热逃逸';

const state: { demandId?: number } = {};

const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

/**
 * The workbench adds no nav link: the nav's links sit on one line (its height is about one link's). For the member
 * the whole header is one row; the admin's tools already take a second row (their nav has more links), unchanged.
 */
async function expectOneLineNav(page: Page, wholeHeader: boolean) {
  const nav = await page.locator('.kft-nav').boundingBox();
  const link = await page.locator('.kft-nav a').first().boundingBox();
  expect(nav!.height, 'the nav does not wrap').toBeLessThan(link!.height * 1.5);
  if (wholeHeader) expect((await page.locator('.kft-header-inner').boundingBox())!.height, 'the header is one row').toBeLessThan(70);
}

/** Titles of the achievements /search?q= finds (all kinds' first tab is achievements for these words). */
async function achievementTitles(q: string) {
  const ctx = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } });
  const r = await ctx.get(`/api/v1/achievements?q=${encodeURIComponent(q)}&pageSize=50`);
  expect(r.ok()).toBe(true);
  const titles = ((await r.json()).items as { title: string }[]).map((x) => x.title);
  await ctx.dispose();
  return titles;
}

async function waitForSearch(page: Page) {
  const results = page.getByTestId('search-results');
  await expect(results).toHaveAttribute('data-loading', 'false');
  await expect.poll(async () => (await results.getAttribute('data-loaded-for')) === (await results.getAttribute('data-wanted'))).toBe(true);
}

test.describe
  .serial('market workbench', () => {
    test('a member saves a draft demand, finds it under 我的需求 and publishes it there', async ({ page }) => {
      await login(page, MEMBER);
      await page.goto('/demands/new');
      await page.getByLabel('需求名称').fill(DEMAND_TITLE);
      await page.getByLabel('需求描述').fill(DEMAND_TEXT);
      await page.getByLabel('许可', { exact: true }).check();
      await page.getByLabel('合作开发', { exact: true }).check();
      await page.getByTestId('save-draft').click();
      await expect(page).toHaveURL(/\/demands\/\d+$/);
      state.demandId = Number(/\/demands\/(\d+)$/.exec(page.url())![1]);
      // a lazily loaded page keeps the previous one (with its own status tags) on screen until it has loaded
      await expect(page.getByTestId('item-header').getByTestId('item-title')).toHaveText(DEMAND_TITLE);
      await expect(page.getByTestId('item-header').getByTestId('item-status')).toHaveText('草稿');

      // navigate away; the way back is the search page's 我的成果与需求
      await page.goto('/search');
      await page.getByTestId('my-listings').click();
      await expect(page).toHaveURL(/\/workbench\/market$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的成果与需求');
      await expect(page.locator('.kft-nav a.active')).toHaveText('技术供需');
      await expectOneLineNav(page, true);
      await page.getByRole('tab', { name: /我的需求/ }).click();
      await expect(page).toHaveURL(/tab=demands/);
      const card = page.locator(`[data-testid="wb-item"][data-kind="demand"][data-id="${state.demandId}"]`);
      await expect(card.getByTestId('wb-item-title')).toHaveText(DEMAND_TITLE);
      await expect(card.getByTestId('item-status')).toHaveText('草稿');
      await expect(card.getByTestId('wb-edit')).toBeVisible();
      await expect(card.getByTestId('wb-close')).toHaveCount(0);
      await shot(page, 'market-workbench-member-draft');

      // the status filter narrows to drafts
      await page.getByTestId('wb-filter-demand').getByText('草稿').click();
      await expect(page.getByTestId('wb-list-demand').getByTestId('wb-item')).not.toHaveCount(0);
      for (const s of await page
        .getByTestId('wb-list-demand')
        .getByTestId('wb-item')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))))
        expect(s).toBe('draft');
      await page.getByTestId('wb-filter-demand').getByText('全部').click();

      await card.getByTestId('wb-publish').click();
      await expect(card.getByTestId('item-status')).toHaveText('已发布');
      await expect(card.getByTestId('wb-close')).toBeVisible();
      await expect(card.getByTestId('wb-publish')).toHaveCount(0);
      // (a toast from an earlier step may still be on screen: look for this one among them)
      await expect(page.locator('.ant-message-notice').filter({ hasText: '已发布' })).toBeVisible();
      await shot(page, 'market-workbench-member-published');

      // the title leads to the demand, where its matches are
      await card.getByTestId('wb-item-title').click();
      await expect(page).toHaveURL(new RegExp(`/demands/${state.demandId}$`));
      // a lazily loaded page keeps the previous one (with its own status tags) on screen until it has loaded
      await expect(page.getByTestId('item-header').getByTestId('item-title')).toHaveText(DEMAND_TITLE);
      await expect(page.getByTestId('item-header').getByTestId('item-status')).toHaveText('已发布');
      await expect(page.getByTestId('demand-matches')).toBeVisible();
    });

    test('a city admin adds a synonym group, the search finds by it at once, then the group is deleted', async ({ page }) => {
      // the demo achievement is found by its own word, not yet by the other one
      expect(await achievementTitles(WORD)).toContain(ACHIEVEMENT);
      expect(await achievementTitles(SYNONYM)).not.toContain(ACHIEVEMENT);

      await login(page, ADMIN);
      await page.goto('/search');
      await page.getByTestId('market-workbench').click();
      await expect(page).toHaveURL(/\/workbench\/market$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('审核与同义词');
      await expectOneLineNav(page, false);
      // without MARKET_REVIEW nothing waits for review
      await expect(page.getByRole('tab', { name: /待审核/ })).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByTestId('review-empty')).toBeVisible();
      await shot(page, 'market-workbench-review-empty');

      await page.getByRole('tab', { name: /同义词/ }).click();
      await expect(page.getByTestId('synonym-help')).toHaveText(
        '搜索时输入同一组中的任意一个词，也会找到含有组内其他词的记录，保存后立即生效，简体和繁体都适用。',
      );
      await expect(page.getByTestId('synonym-group').first()).toBeVisible();
      const before = await page.getByTestId('synonym-group').count();

      // one word is not a group: the API's message shows at the field
      const input = page.locator('#synonym-new');
      await input.fill(WORD);
      await input.press('Enter');
      await page.getByTestId('synonym-add').click();
      // the server's sentence, which names the field itself (a label in front, 「同义词」：, would be shown as sent)
      await expect(page.getByTestId('synonym-error')).toHaveText(/^(「同义词」：)?同义词组至少包含两个不同的词。$/);
      await shot(page, 'market-workbench-synonym-error');

      await input.fill(SYNONYM);
      await input.press('Enter');
      await expect(page.getByTestId('synonym-error')).toHaveCount(0);
      await page.getByTestId('synonym-add').click();
      const group = page.locator(`[data-testid="synonym-group"][data-terms="${WORD},${SYNONYM}"]`);
      await expect(group).toBeVisible();
      await expect(page.getByTestId('synonym-group')).toHaveCount(before + 1);
      await expect(group.locator('.ant-tag')).toHaveText([WORD, SYNONYM]);
      await shot(page, 'market-workbench-synonyms');

      // at once: the other word finds the achievement, in the search page and in traditional characters too
      await page.goto(`/search?q=${encodeURIComponent(SYNONYM)}`);
      await waitForSearch(page);
      await expect(page.getByTestId('result-card').getByTestId('result-title').filter({ hasText: ACHIEVEMENT })).toBeVisible();
      await shot(page, 'market-workbench-search-synonym');
      expect(await achievementTitles('熱逃逸')).toContain(ACHIEVEMENT);

      // delete it (with a confirmation); the search no longer expands the word
      await page.goto('/workbench/market?tab=synonyms');
      // done when the group is gone: a confirm clicked while the popconfirm was still opening was once lost (CI)
      const confirm = page.locator('.ant-popconfirm:visible');
      await expect(async () => {
        if (!(await confirm.count())) await group.getByTestId('synonym-delete').click();
        await confirm.getByRole('button', { name: /^删\s*除$/ }).click({ timeout: 5_000 });
        await expect(group).toHaveCount(0, { timeout: 5_000 });
      }).toPass({ timeout: 60_000 });
      await expect(page.getByTestId('synonym-group')).toHaveCount(before);
      expect(await achievementTitles(SYNONYM)).not.toContain(ACHIEVEMENT);
    });

    test('the workbench at 375 px', async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 812 });
      await login(page, MEMBER);
      await page.goto('/workbench/market?tab=demands');
      const card = page.locator(`[data-testid="wb-item"][data-id="${state.demandId}"]`);
      await expect(card.getByTestId('item-status')).toHaveText('已发布');
      expect(await pageWidth(page), 'no horizontal scroll').toBeLessThanOrEqual(376);
      await shot(page, 'market-workbench-375');
    });

    test('the admin tabs at 375 px and in English', async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 812 });
      await login(page, ADMIN);
      await page.goto('/workbench/market?tab=synonyms');
      await expect(page.getByTestId('synonym-group').first()).toBeVisible();
      expect(await pageWidth(page), 'no horizontal scroll').toBeLessThanOrEqual(376);
      await shot(page, 'market-workbench-synonyms-375');

      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByText('English', { exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Review and synonyms');
      await expect(page.getByTestId('synonym-help')).toContainText('simplified and traditional');
      await shot(page, 'market-workbench-en');
    });
  });
