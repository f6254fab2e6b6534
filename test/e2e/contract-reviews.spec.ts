/**
 * The expert's review page in the browser: demo-lab2's institute registers a contract of 5.5 million yuan of
 * 技术交易额 (through the API: draft, signed PDF, submission, the buyer's confirmation, the station's acceptance and
 * its assignment of demo-expert, who is of demo-lab's institute, not of either party); demo-expert finds it under
 * 我的评审任务, is refused an empty opinion, records its conclusion and opinion, and the station can register.
 * At 1280 px and 375 px.
 */
import { request } from '@playwright/test';
import { BASE_URL } from '../../playwright.config';
import { expect, test } from './fixtures';
import { login, shot } from './helpers';

const MEMBER = { username: 'demo-member', password: 'demo-kefutong' };
const LAB2 = { username: 'demo-lab2', password: 'demo-kefutong' };
const STATION = { username: 'demo-station', password: 'demo-kefutong' };
const EXPERT = { username: 'demo-expert', password: 'demo-kefutong' };
const SIGNED_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function api(user: { username: string; password: string }) {
  const ctx = await request.newContext({ baseURL: BASE_URL });
  const res = await ctx.post('/api/v1/auth/login', { data: user });
  expect(res.ok(), await res.text()).toBe(true);
  return ctx;
}

test.beforeEach(() => test.slow());

test('an assigned expert records its opinion on its review page', async ({ page }) => {
  const [lab2, member, station, expertApi] = await Promise.all([api(LAB2), api(MEMBER), api(STATION), api(EXPERT)]);
  const me = await (await member.get('/api/v1/auth/me')).json();
  const buyerOrg = await (await member.get(`/api/v1/orgs/${me.user?.orgId ?? me.orgId}`)).json();
  const expert = (await (await expertApi.get('/api/v1/experts/me')).json()).expert;
  expect(expert?.id).toBeTruthy();

  const title = `智能网联汽车测试场景库开发 ${Date.now() % 100000}`;
  const created = await lab2.post('/api/v1/contracts', {
    data: {
      projectName: title,
      contractType: 'development',
      subType: 'commissioned',
      signedOn: '2026-09-20',
      validFrom: '2026-09-20',
      validUntil: '2028-09-19',
      seller: { nature: 'research_institute' },
      buyer: { name: buyerOrg.name, uscc: buyerOrg.uscc, divisionCode: '500103', nature: 'private_enterprise' },
      amountFen: 600_0000_00,
      techAmountFen: 550_0000_00,
      equipmentFen: 50_0000_00,
      techField: 'advanced_manufacturing',
      ipType: 'none',
      planSource: 'none',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const c = await created.json();
  const up = await lab2.post(`/api/v1/contracts/${c.id}/document`, {
    multipart: { file: { name: '委托开发合同.pdf', mimeType: 'application/pdf', buffer: SIGNED_PDF } },
  });
  expect(up.ok(), await up.text()).toBe(true);
  expect((await lab2.post(`/api/v1/contracts/${c.id}/submit`)).ok()).toBe(true);
  expect((await member.post(`/api/v1/contracts/${c.id}/confirm`)).ok()).toBe(true);
  for (const step of ['accept', 'start-review']) {
    const res = await station.post(`/api/v1/contracts/${c.id}/${step}`);
    expect(res.ok(), `${step}: ${await res.text()}`).toBe(true);
  }
  const assigned = await station.post(`/api/v1/contracts/${c.id}/experts`, { data: { expertIds: [expert.id] } });
  expect(assigned.ok(), await assigned.text()).toBe(true);

  // demo-expert: from the contracts page to its reviews
  await login(page, EXPERT);
  await page.goto('/contracts');
  await page.getByTestId('my-reviews-link').click();
  await expect(page).toHaveURL(/\/contract-reviews$/);
  const card = page.locator(`[data-testid="review-card"][data-id="${c.id}"]`);
  await expect(card).toContainText(title);
  await expect(card).toContainText('¥5,500,000.00');
  await card.getByTestId('review-save').click();
  await expect(card.getByTestId('review-error')).toHaveText('请填写评审意见（至少 2 个字）。');
  await card.getByRole('radio', { name: '同意登记', exact: true }).check();
  await card.getByTestId('review-opinion').fill('技术内容真实，属于委托开发合同；技术交易额计算依据充分，同意登记。');
  await shot(page, 'contract-reviews-1280-form');
  await card.getByTestId('review-save').click();
  await expect(card.getByTestId('review-recorded')).toHaveAttribute('data-conclusion', 'register');
  await shot(page, 'contract-reviews-1280-recorded');
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(card.getByTestId('review-recorded')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no sideways scrolling at 375 px').toBeLessThanOrEqual(0);
  await shot(page, 'contract-reviews-375');

  // the station sees the opinion and registers
  const reg = await station.post(`/api/v1/contracts/${c.id}/register`);
  expect(reg.ok(), await reg.text()).toBe(true);
  expect((await reg.json()).experts[0]).toMatchObject({ conclusion: 'register' });
});
