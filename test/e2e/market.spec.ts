/**
 * Technology supply and demand end to end, as people use it: one search across kinds (simplified and traditional
 * characters find the same achievement), an enterprise posts a demand through the form (inline errors first),
 * publishes it, reads its matches with their reasons and teaches the ranking with 相关 / 不相关; an inquiry on an
 * institute's achievement becomes a negotiation once the institute replies; an expert consents to show their
 * phone, which a signed-in member then sees and an anonymous visitor does not; the pages at 375 px and in English.
 * The steps share the demand and the deal, so they run in order.
 */
import { request, type Page } from '@playwright/test';
import { expect, newContext, test } from './fixtures';
import { BASE_URL } from '../../playwright.config';
import { login, shot, fieldError } from './helpers';

const PASSWORD = 'demo-kefutong';
const MEMBER = { username: 'demo-member', password: PASSWORD };
const LAB = { username: 'demo-lab', password: PASSWORD };
const EXPERT = { username: 'demo-expert', password: PASSWORD };

/** The same words in simplified and traditional characters. */
const SIMPLIFIED = '动力电池';
const TRADITIONAL = '動力電池';

const DEMAND_TITLE = `动力锂电池热管理与快充技术需求 ${Date.now().toString(36)}`;
const DEMAND_SHORT = '需要电池技术';
const DEMAND_TEXT =
  '我公司生产新能源汽车动力锂电池包，需要电池热管理、快充和电池管理系统（BMS）方面的成熟技术，' +
  '希望把快充时间缩短到 20 分钟以内，并控制电芯温差，可以技术许可或合作开发。';

const state: { demandId?: number; dealId?: number; achievementId?: number; achievementTitle?: string; expertId?: number } = {};

async function apiAs(user: { username: string; password: string } | null) {
  const ctx = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } });
  if (user) expect((await ctx.post('/api/v1/auth/login', { data: user })).ok(), `login ${user.username}`).toBe(true);
  return ctx;
}

/**
 * The demo data brings achievements, experts and the demo-expert account. Should a build lack them, the spec
 * posts two lithium-battery achievements as demo-lab and lets demo-lab2 create its own expert profile, so the
 * steps below still run as written (they never depend on which of the two provided the data).
 */
let expertUser = EXPERT;
async function ensureFixtures() {
  const lab = await apiAs(LAB);
  const labOrg = (await (await lab.get('/api/v1/auth/me')).json()).user.orgId as number;
  const found = await (await lab.get(`/api/v1/achievements?q=${encodeURIComponent(SIMPLIFIED)}`)).json();
  const labs = await (await lab.get(`/api/v1/achievements?owner=${labOrg}&status=published`)).json();
  if (found.total < 2 || labs.total === 0) {
    for (const a of [
      {
        title: '高安全长寿命动力锂电池热管理系统',
        abstract: '针对新能源汽车动力锂电池包快充发热问题，开发液冷板与相变材料复合热管理系统，电芯温差控制在3℃以内，支持4C快充，循环寿命提升30%。',
        keywords: ['锂电池', '热管理', '快充'],
        maturity: 'pilot',
        trl: 6,
        transferModes: ['license', 'joint_development'],
        priceNegotiable: false,
        priceMinFen: 50_000_000,
        priceMaxFen: 120_000_000,
        ip: [{ type: 'invention', number: 'ZL202310123456.7' }],
      },
      {
        title: '锂电池管理系统荷电状态估算算法',
        abstract: '基于电化学模型与卡尔曼滤波的锂电池荷电状态与健康状态估算算法，估算误差小于2%，已在储能电站与电动汽车上验证，可用于电池管理系统（BMS）。',
        keywords: ['锂电池', 'BMS', '快充'],
        maturity: 'industrial',
        trl: 8,
        transferModes: ['transfer', 'license'],
        priceNegotiable: true,
        ip: [],
      },
    ]) {
      const res = await lab.post('/api/v1/achievements', { data: a });
      expect(res.status(), await res.text()).toBe(201);
      expect((await lab.post(`/api/v1/achievements/${(await res.json()).id}/publish`, { data: {} })).ok()).toBe(true);
    }
  }
  await lab.dispose();
  const probe = await request.newContext({ baseURL: BASE_URL });
  const canLogin = (await probe.post('/api/v1/auth/login', { data: EXPERT })).ok();
  await probe.dispose();
  if (!canLogin) {
    expertUser = { username: 'demo-lab2', password: PASSWORD };
    const ctx = await apiAs(expertUser);
    const me = await ctx.get('/api/v1/experts/me');
    if (!me.ok() || !(await me.json())?.expert) {
      const res = await ctx.post('/api/v1/experts', {
        data: {
          name: '王立新',
          title: '高级工程师',
          keywords: ['集成电路', '芯片测试'],
          biography: '从事集成电路设计与测试二十年。',
          consulting: true,
          phone: '13900001111',
          email: 'wang@example.com',
        },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
    await ctx.dispose();
  }
}

/** Waits until the search page shows the results of what the URL asks for. */
async function waitForSearch(page: Page) {
  const results = page.getByTestId('search-results');
  await expect(results).toHaveAttribute('data-loading', 'false');
  await expect.poll(async () => (await results.getAttribute('data-loaded-for')) === (await results.getAttribute('data-wanted'))).toBe(true);
}

async function search(page: Page, q: string) {
  await page.getByTestId('search-input').fill(q);
  await page.getByTestId('search-submit').click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(q)}`));
  await waitForSearch(page);
}

/** Ids and verdicts of the match cards of one tab, in order. */
async function matchOrder(page: Page, kind = 'achievement') {
  return page
    .getByTestId(`matches-${kind}`)
    .getByTestId('match')
    .evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-id')!, feedback: e.getAttribute('data-feedback') })));
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

test.describe
  .serial('technology supply and demand', () => {
    test.beforeAll(async () => {
      await ensureFixtures();
    });

    test('one search across kinds: simplified and traditional characters find the same achievement', async ({ page }) => {
      await page.goto('/search');
      await search(page, SIMPLIFIED);
      await expect(page).toHaveURL(/\/search\?q=/);
      // every kind has a tab with its count; achievements come first and have results
      for (const k of ['achievement', 'demand', 'expert', 'org', 'instrument']) await expect(page.getByTestId(`tab-count-${k}`)).toHaveText(/^\d+$/);
      await expect(page.getByTestId('tab-count-achievement')).not.toHaveText('0');
      const first = page.getByTestId('result-card').first();
      await expect(first).toHaveAttribute('data-kind', 'achievement');
      // the matched words are marked
      await expect(first.locator('mark').first()).toBeVisible();
      const simplified = await page.getByTestId('result-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      const firstTitle = (await first.getByTestId('result-title').innerText()).trim();
      await shot(page, 'market-search-simplified');

      await search(page, TRADITIONAL);
      const traditional = await page.getByTestId('result-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      expect(traditional[0]).toBe(simplified[0]);
      expect(new Set(traditional)).toEqual(new Set(simplified));
      await expect(page.getByTestId('result-card').first().getByTestId('result-title')).toHaveText(firstTitle);
      await expect(page.getByTestId('result-card').first().locator('mark').first()).toBeVisible();
      await shot(page, 'market-search-traditional');

      // the achievement tab's filters come with counts; a filter narrows the list and stays in the URL
      const facet = page.getByTestId('filter-maturity');
      await facet.click();
      const option = page
        .locator('.ant-select-item-option')
        .filter({ hasText: /\(([1-9]\d*)\)/ })
        .first();
      const optionText = await option.innerText();
      const count = Number(/\((\d+)\)/.exec(optionText)![1]);
      await option.click();
      await expect(page).toHaveURL(/maturity=/);
      await waitForSearch(page);
      await expect(page.getByTestId('result-total')).toHaveText(`共 ${count} 条结果`);

      // other kinds: the expert tab
      await page.getByTestId('tab-expert').click();
      await expect(page).toHaveURL(/kind=expert/);
      await expect(page).not.toHaveURL(/maturity=/);
      await waitForSearch(page);
      await shot(page, 'market-search-experts');

      // the achievement page
      await page.goto(`/search?q=${encodeURIComponent(SIMPLIFIED)}`);
      await waitForSearch(page);
      await page.getByTestId('result-title').first().click();
      await expect(page).toHaveURL(/\/achievements\/\d+$/);
      await expect(page.getByTestId('item-header').getByTestId('item-title')).toHaveText(firstTitle);
      await expect(page.getByTestId('item-price')).not.toBeEmpty();
      await expect(page.getByTestId('owner-link')).toHaveAttribute('href', /\/orgs\/\d+$/);
      await shot(page, 'market-achievement-anonymous');
    });

    test('an enterprise posts a demand, reads its matches and teaches the ranking', async ({ page }) => {
      await login(page, MEMBER);
      await page.goto('/search');
      await page.getByTestId('new-demand').click();
      await expect(page).toHaveURL(/\/demands\/new$/);

      // an empty form: the required fields say so at the field
      await page.getByTestId('save-publish').click();
      const titleItem = page.locator('.ant-form-item').filter({ has: page.locator('#title') });
      const descItem = page.locator('.ant-form-item').filter({ has: page.locator('#description') });
      await expect(fieldError(titleItem)).toHaveText('请填写需求名称');
      await expect(fieldError(descItem)).toHaveText('请填写需求描述');
      const modesItem = page.locator('.ant-form-item').filter({ has: page.locator('#cooperationModes') });
      await expect(fieldError(modesItem)).toHaveText('请至少选择一种合作方式。');
      await expect(page.getByTestId('form-error')).toBeVisible();
      await shot(page, 'market-demand-form-empty');

      // rules only the server checks come back as fields[] and show at their fields too
      await page.getByLabel('需求名称').fill(DEMAND_TITLE);
      await page.getByLabel('需求描述').fill(DEMAND_SHORT);
      await page.getByLabel('许可', { exact: true }).check();
      await page.getByTestId('save-draft').click();
      await expect(fieldError(descItem)).toContainText('20');
      await expect(fieldError(modesItem)).toHaveCount(0);
      await expect(page).toHaveURL(/\/demands\/new$/);
      await shot(page, 'market-demand-form-server-errors');

      await page.getByLabel('需求描述').fill(DEMAND_TEXT);
      await page.getByLabel('许可', { exact: true }).check();
      await page.getByLabel('合作开发', { exact: true }).check();
      await page.getByLabel('预算上限（万元）').fill('80');
      await page.getByLabel('联系人').fill('李工');
      await page.getByLabel('联系电话').fill('13812345678');
      await page.getByTestId('save-publish').click();
      await expect(page).toHaveURL(/\/demands\/\d+$/);
      state.demandId = Number(/\/demands\/(\d+)$/.exec(page.url())![1]);
      await expect(page.getByTestId('item-title')).toHaveText(DEMAND_TITLE);
      await expect(page.getByTestId('item-header').getByTestId('item-status')).toHaveText('已发布');
      await expect(page.getByTestId('item-budget')).toContainText('80 万元');

      // the matches: scores, what they are made of, reasons, shared words
      const list = page.getByTestId('matches-achievement');
      await expect(list.getByTestId('match').first()).toBeVisible();
      const count = await list.getByTestId('match').count();
      expect(count, 'at least two matching achievements').toBeGreaterThanOrEqual(2);
      const top = list.getByTestId('match').first();
      await expect(top.getByTestId('match-reasons').locator('li').first()).not.toBeEmpty();
      await expect(top.getByTestId('match-terms')).toBeVisible();
      await expect(top.getByTestId('match-breakdown').locator('li[data-part="terms"]')).toBeVisible();
      await expect(top.getByTestId('match-breakdown').locator('li[data-part="feedback"]')).toBeVisible();
      await expect(top.getByTestId('match-breakdown').locator('li[data-part="topic"]')).toContainText('相近主题');
      // related words of the best results (pseudo-relevance feedback) are named where a result shares them
      await expect(
        list
          .getByTestId('match-reasons')
          .getByText(/^相近主题：/)
          .first(),
      ).toBeVisible();
      await expect(page.getByTestId('demand-terms')).toBeVisible();
      await shot(page, 'market-demand-matches');

      // 不相关 on the first: it moves down and another becomes first
      const before = await matchOrder(page);
      await top.getByTestId('fb-not_relevant').click();
      await expect.poll(async () => (await matchOrder(page))[0].id).not.toBe(before[0].id);
      const after = await matchOrder(page);
      const demoted = after.findIndex((m) => m.id === before[0].id);
      expect(demoted === -1 || demoted > 0).toBe(true);
      if (demoted >= 0) expect(after[demoted].feedback).toBe('not_relevant');
      await expect(page.getByTestId('feedback-note')).toContainText('不相关');
      await shot(page, 'market-demand-not-relevant');

      // 相关 on another one
      const other = list.locator(`[data-testid="match"][data-id="${after[0].id}"]`);
      await other.getByTestId('fb-relevant').click();
      await expect(other).toHaveAttribute('data-feedback', 'relevant');
      await expect(list.locator(`[data-testid="match"][data-id="${after[0].id}"]`).getByTestId('match-verdict')).toHaveText('相关');
      await shot(page, 'market-demand-relevant');
    });

    test('an inquiry on an institute achievement becomes a negotiation when the institute replies', async ({ page, browser }) => {
      // an achievement of demo-lab's organization
      const lab = await apiAs(LAB);
      const labOrg = (await (await lab.get('/api/v1/auth/me')).json()).user.orgId as number;
      const mine = await (await lab.get(`/api/v1/achievements?owner=${labOrg}&status=published&pageSize=5`)).json();
      expect(mine.items.length, 'demo-lab has published achievements').toBeGreaterThan(0);
      state.achievementId = mine.items[0].id;
      state.achievementTitle = mine.items[0].title;
      await lab.dispose();

      await login(page, MEMBER);
      await page.goto(`/achievements/${state.achievementId}`);
      await expect(page.getByTestId('item-title')).toHaveText(state.achievementTitle!);
      await expect(page.getByTestId('edit-item')).toHaveCount(0);
      await page.getByTestId('start-inquiry').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('deal-message').fill('您好，我们对该成果很感兴趣，想了解许可方式、报价和技术支持安排。');
      await shot(page, 'market-inquiry-dialog');
      await dialog.getByTestId('deal-send').click();
      await expect(page).toHaveURL(/\/deals\/\d+$/);
      state.dealId = Number(/\/deals\/(\d+)$/.exec(page.url())![1]);
      await expect(page.getByTestId('deal-status')).toHaveText('待回复');
      await expect(page.getByTestId('deal-message-item')).toHaveCount(1);

      // the institute's side
      const labCtx = await newContext(browser);
      const labPage = await labCtx.newPage();
      await login(labPage, LAB);
      // the notification links to the thread
      const drawer = labPage.getByTestId('notifications');
      const note = drawer.locator(`[data-testid="notification"][data-link="/deals/${state.dealId}"]`).first();
      // opened and followed in one attempt: a late re-render after sign-in (seen on a busy machine) can close the
      // drawer between seeing the notification and clicking it
      await expect(async () => {
        await labPage.reload();
        await labPage.getByTestId('bell').click();
        await expect(note).toBeVisible({ timeout: 2_000 });
        await expect(note).toContainText(state.achievementTitle!, { timeout: 2_000 });
        await shot(labPage, 'market-notification-lab');
        await note.locator('button').click({ timeout: 5_000 });
        await expect(labPage).toHaveURL(new RegExp(`/deals/${state.dealId}$`), { timeout: 5_000 });
      }).toPass({ timeout: 60_000 });
      await expect(labPage.getByTestId('deal-status')).toHaveText('待回复');
      await labPage.getByTestId('reply-input').fill('感谢关注。该成果可按普通许可方式授权，欢迎来所里详细交流。');
      await labPage.getByTestId('reply-send').click();
      await expect(labPage.getByTestId('deal-message-item')).toHaveCount(2);
      await expect(labPage.getByTestId('deal-status')).toHaveText('洽谈中');
      await shot(labPage, 'market-deal-lab-replied');
      await labPage.goto('/deals');
      const card = labPage.locator(`[data-testid="deal-card"][data-id="${state.dealId}"]`);
      await expect(card.getByTestId('deal-status')).toHaveText('洽谈中');
      await shot(labPage, 'market-deals-lab');
      await labCtx.close();

      // the enterprise sees the reply and the new status
      await page.reload();
      await expect(page.getByTestId('deal-status')).toHaveText('洽谈中');
      await expect(page.getByTestId('deal-message-item').nth(1)).toHaveAttribute('data-side', 'counterpart');
      await expect(page.getByTestId('deal-message-item').nth(1)).toContainText('普通许可');
      // the enterprise agrees; the deal waits for the institute
      await page.getByTestId('deal-agree').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '同意成交' }).click();
      await expect(page.getByTestId('agreed-initiator')).toHaveAttribute('data-agreed', 'true');
      await expect(page.getByTestId('agreed-counterpart')).toHaveAttribute('data-agreed', 'false');
      await expect(page.getByTestId('deal-agree')).toBeDisabled();
      await expect(page.getByTestId('deal-status')).toHaveText('洽谈中');
      await shot(page, 'market-deal-member');
    });

    test('an expert consents to show their phone: members see it, anonymous visitors do not', async ({ page, browser }) => {
      await login(page, expertUser);
      await page.goto('/search');
      await page.getByTestId('my-expert').click();
      await expect(page).toHaveURL(/\/experts\/\d+$/);
      state.expertId = Number(/\/experts\/(\d+)$/.exec(page.url())![1]);

      // before consent a member is told why there is no phone
      const memberCtx = await newContext(browser);
      const memberPage = await memberCtx.newPage();
      await login(memberPage, MEMBER);
      await memberPage.goto(`/experts/${state.expertId}`);
      await expect(memberPage.getByTestId('contact-hidden')).toHaveText('专家未同意公开联系方式。');

      const sw = page.getByTestId('consent-switch');
      await expect(sw).toHaveAttribute('aria-checked', 'false');
      await sw.click();
      await expect(sw).toHaveAttribute('aria-checked', 'true');
      await shot(page, 'market-expert-consent');

      await memberPage.reload();
      await expect(memberPage.getByTestId('expert-phone')).toBeVisible();
      await expect(memberPage.getByTestId('expert-phone')).toHaveText(/\d{7,}/);
      await shot(memberPage, 'market-expert-member');
      await memberCtx.close();

      const anonCtx = await newContext(browser);
      const anon = await anonCtx.newPage();
      await anon.goto(`/experts/${state.expertId}`);
      await expect(anon.getByTestId('contact-hidden')).toContainText('登录后可见联系方式');
      await expect(anon.getByTestId('expert-phone')).toHaveCount(0);
      await shot(anon, 'market-expert-anonymous');
      await anonCtx.close();
    });

    test('the search and the demand fit a 375 px wide screen', async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto(`/search?q=${encodeURIComponent(SIMPLIFIED)}`);
      await waitForSearch(page);
      await expect(page.getByTestId('result-card').first()).toBeVisible();
      expect(await noHorizontalScroll(page), 'no horizontal scroll on the search page').toBeLessThanOrEqual(376);
      await shot(page, 'market-search-375');

      await login(page, MEMBER);
      await page.goto(`/demands/${state.demandId}`);
      await expect(page.getByTestId('matches-achievement').getByTestId('match').first()).toBeVisible();
      expect(await noHorizontalScroll(page), 'no horizontal scroll on the demand page').toBeLessThanOrEqual(376);
      await shot(page, 'market-demand-375');
    });

    test('the pages read in English', async ({ page }) => {
      await login(page, MEMBER);
      await page.getByText('English', { exact: true }).click();
      await expect(page.getByRole('link', { name: 'Market', exact: true })).toBeVisible();
      await page.goto(`/demands/${state.demandId}`);
      await expect(page.getByRole('heading', { name: /Matches/ })).toBeVisible();
      await expect(page.getByTestId('match-tab-expert')).toContainText('Experts');
      await expect(page.getByTestId('matches-achievement').getByTestId('fb-relevant').first()).toHaveText('Relevant');
      await shot(page, 'market-demand-en');
      await page.goto(`/search?q=${encodeURIComponent(SIMPLIFIED)}`);
      await waitForSearch(page);
      await expect(page.getByTestId('tab-achievement')).toContainText('Achievements');
      await expect(page.getByTestId('result-total')).toHaveText(/\d+ results/);
      await shot(page, 'market-search-en');
    });
  });
