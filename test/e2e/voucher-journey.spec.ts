/**
 * Issue 11's whole journey in the browser: the demo member finds a service in the catalogue, orders it, confirms the
 * provider's quote, pays half with its voucher at checkout and accepts the delivery; the provider (demo-lab) submits
 * the claim from the order page with one button; the city office approves it on 兑付审核; it stands on the public
 * notice; and a payment batch (with the demo's claim whose notice ended) is made, exported as a real xlsx and
 * settled. The provider's own steps (quote, delivery, invoice) and the buyer's proof of payment go through the API —
 * the pages of those steps are the orders module's and have their own checks.
 */
import ExcelJS from 'exceljs';
import { request } from '@playwright/test';
import { BASE_URL } from '../../playwright.config';
import { expect, newContext, test } from './fixtures';
import { ADMIN, login, shot } from './helpers';

const MEMBER = { username: 'demo-member', password: 'demo-kefutong' };
const LAB = { username: 'demo-lab', password: 'demo-kefutong' };
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function api(user: { username: string; password: string }) {
  const ctx = await request.newContext({ baseURL: BASE_URL });
  const res = await ctx.post('/api/v1/auth/login', { data: user });
  expect(res.ok(), await res.text()).toBe(true);
  return ctx;
}

test.beforeEach(() => test.slow());

test('an enterprise orders a service, pays half with a voucher; the claim goes through review, public notice and a payment batch', async ({
  page,
  browser,
}) => {
  const lab = await api(LAB);
  const labOrg: number = (await (await lab.get('/api/v1/auth/me')).json()).user.orgId;
  const offered = (await (await lab.get(`/api/v1/services?providerOrgId=${labOrg}&pageSize=50`)).json()).items as {
    id: number;
    title: string;
    restrictedKind: string | null;
  }[];
  const service = offered.find((s) => !s.restrictedKind);
  expect(service, 'demo-lab offers a service a voucher may pay').toBeDefined();

  // the member finds it in the catalogue (other providers offer services of the same name: the storefront tells them
  // apart) and orders it
  await login(page, MEMBER);
  await page.goto('/services');
  await page.getByRole('searchbox', { name: '搜索服务' }).fill(service!.title);
  await page.getByRole('button', { name: /搜\s*索/ }).click();
  await expect(page.getByRole('link', { name: service!.title }).first()).toBeVisible();
  await page.goto(`/providers/${labOrg}`);
  await page.locator(`a[href="/services/${service!.id}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/services/${service!.id}$`));
  await page.getByRole('link', { name: /下\s*单/ }).click();
  await page.getByTestId('requirement').fill('请对我司新研制的合金样品开展检测并出具带 CMA 章的报告，共 3 个样品。');
  await page.getByTestId('order-submit').click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  const orderId = Number(page.url().split('/').pop());

  // the provider quotes 20,000 yuan
  const quoted = await lab.post(`/api/v1/orders/${orderId}/quote`, { data: { lines: [{ name: service!.title, quantity: 1, unitFen: 2_000_000 }], taxFen: 0 } });
  expect(quoted.ok(), await quoted.text()).toBe(true);

  // the member confirms, and pays half with the voucher: the remainder shows at once
  await page.reload();
  await page.getByTestId('confirm-quote').click();
  await page
    .locator('.ant-popconfirm:visible')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(page.getByTestId('order-status').first()).toHaveAttribute('data-status', 'confirmed');
  const checkout = page.getByTestId('voucher-checkout');
  const option = checkout.getByTestId('checkout-option').first();
  await expect(option).toContainText('¥10,000.00');
  await option.getByRole('button', { name: /使\s*用/ }).click();
  await expect(page.getByTestId('payable')).toHaveText('¥10,000.00');
  await shot(page, 'journey-checkout');

  // delivered, accepted in the page, invoiced, paid
  const upload = async (ctx: typeof lab, purpose: string, name: string) => {
    const res = await ctx.post(`/api/v1/orders/${orderId}/files?purpose=${purpose}`, {
      multipart: { file: { name, mimeType: 'application/pdf', buffer: PDF } },
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()).id as number;
  };
  const report = await upload(lab, 'deliverable', '检测报告.pdf');
  expect((await lab.post(`/api/v1/orders/${orderId}/deliver`, { data: { note: '已完成检测，附报告。', fileIds: [report] } })).ok()).toBe(true);
  await page.reload();
  await page.getByTestId('accept').click();
  await page
    .locator('.ant-popconfirm:visible')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(page.getByTestId('order-status').first()).toHaveAttribute('data-status', 'accepted');
  expect((await lab.post(`/api/v1/orders/${orderId}/invoice`, { data: { invoiceNo: `E2E${orderId}2026` } })).ok()).toBe(true);
  const member = await api(MEMBER);
  const proof = await upload(member, 'payment_proof', '付款凭证.pdf');
  expect((await member.post(`/api/v1/orders/${orderId}/payment`, { data: { fileId: proof } })).ok()).toBe(true);

  // the provider claims from the order page: one button, nothing to type
  const labCtx = await newContext(browser);
  const labPage = await labCtx.newPage();
  await login(labPage, LAB);
  await labPage.goto(`/orders/${orderId}`);
  const claimCard = labPage.getByTestId('order-claim');
  await expect(claimCard).toContainText('¥10,000.00');
  await claimCard.getByTestId('submit-claim').click();
  await expect(claimCard).toContainText('待审核');
  const claimNo = (await claimCard.locator('.ant-descriptions-item-content').first().innerText()).trim();
  expect(claimNo).toMatch(/^DF\d{14}$/);
  await shot(labPage, 'journey-claim-submitted');
  await labCtx.close();

  // the city office reviews the evidence and approves: the claim goes on public notice
  await page.context().clearCookies();
  await login(page, ADMIN);
  await page.goto('/admin/vouchers?tab=claims');
  const card = page.getByTestId('claim-card').filter({ hasText: claimNo });
  await expect(card.getByTestId('claim-evidence')).toContainText(`E2E${orderId}2026`);
  await expect(card.getByTestId('claim-evidence').getByRole('link', { name: '检测报告.pdf' })).toBeVisible();
  await card.getByRole('button', { name: '审核通过（进入公示）' }).click();
  await expect(page.getByText('已通过，进入公示')).toBeVisible();
  // it left the queue of claims to review, and stands among those in notice
  await expect(card).toHaveCount(0);
  await page.locator('.ant-segmented-item').filter({ hasText: '公示中' }).click();
  await expect(page.getByTestId('claim-card').filter({ hasText: claimNo })).toContainText('公示中');
  await shot(page, 'journey-claim-approved');

  const anon = await newContext(browser);
  const publicPage = await anon.newPage();
  await publicPage.goto('/voucher-notices');
  const notice = publicPage.getByTestId('notice').filter({ hasText: claimNo });
  await expect(notice).toContainText('¥10,000.00');
  await expect(notice).toContainText('公示中');
  // anyone may object while the notice is open: name, contact (seen by the offices only) and the facts
  await notice.getByRole('button', { name: '提出异议' }).click();
  const objecting = publicPage.getByRole('dialog');
  await objecting.getByLabel('姓名').fill('王 E2E');
  await objecting.getByLabel('联系方式').fill('13900002026');
  await objecting.getByLabel('异议理由').fill('据了解该检测项目的样品数量与合同约定不一致。');
  await objecting.getByRole('button', { name: '提交异议' }).click();
  await expect(publicPage.getByText('异议已提交，科技部门将核实处理。')).toBeVisible();
  await expect(publicPage.getByRole('dialog')).toHaveCount(0);
  expect(await publicPage.content()).not.toContain('13900002026');
  await shot(publicPage, 'journey-notice');
  await anon.close();

  // the office reads the objection with its contact on the claim; the demo's claim whose notice ended reads 公示期满
  await page.reload();
  await page.locator('.ant-segmented-item').filter({ hasText: '公示中' }).click();
  const objected = page.getByTestId('claim-card').filter({ hasText: claimNo });
  await expect(objected).toContainText('异议 1 条');
  await objected.getByRole('button', { name: '查看异议（1）' }).click();
  await expect(objected.getByTestId('claim-objections')).toContainText('据了解该检测项目的样品数量与合同约定不一致。');
  await expect(objected.getByTestId('claim-objections')).toContainText('王 E2E · 13900002026');
  const ended = page.getByTestId('claim-card').filter({ has: page.locator('[data-status="notice_ended"]') });
  await expect(ended.first()).toContainText('公示期满');
  await expect(ended.first().locator('[data-status="in_notice"]')).toHaveCount(0);
  await shot(page, 'journey-objections');

  // the holder sees its claim, filed by the provider, on 我的创新券
  const holderCtx = await newContext(browser);
  const holderPage = await holderCtx.newPage();
  await login(holderPage, MEMBER);
  await holderPage.goto('/vouchers');
  const own = holderPage.getByTestId('wallet-claims').locator('.ant-table-row').filter({ hasText: claimNo });
  await expect(own).toContainText('持券方');
  await expect(own).toContainText('公示中');
  await expect(own).toContainText('¥20,000.00');
  await expect(own).toContainText('¥10,000.00');
  await shot(holderPage, 'journey-wallet-claims');
  await holderCtx.close();

  // a payment batch takes the claims whose notice ended (the demo's), exported for the finance office, then settled
  await page.goto('/admin/vouchers?tab=batches');
  await page.getByRole('button', { name: '生成拨付批次' }).click();
  const row = page.getByTestId('batches').locator('.ant-table-row').first();
  await expect(row).toContainText('待拨付');
  // each line of the batch with the city's and the district's part
  await row.locator('.ant-table-row-expand-icon').click();
  const lines = page.getByTestId('batch-lines');
  await expect(lines).toContainText('市级承担');
  await expect(lines.locator('.ant-table-row').first()).toBeVisible();
  await shot(page, 'journey-batch-lines');
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: '导出 xlsx' }).click()]);
  const file = test.info().outputPath('batch.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  expect(String(ws.getRow(1).getCell(1).value)).toMatch(/^科技创新券拨付清单 PC\d+$/);
  expect(ws.getRow(3).values).toContain('兑付金额（元）');
  expect(ws.getRow(3).values).toContain('市级承担（元）');
  expect(ws.getRow(3).values).toContain('区县承担（元）');
  expect(String(ws.getRow(2).getCell(1).value)).toMatch(/市级承担 [\d.]+ 元，区县承担 [\d.]+ 元/);
  expect(ws.rowCount).toBeGreaterThanOrEqual(4);
  await row.getByRole('button', { name: '确认拨付' }).click();
  await page
    .locator('.ant-popconfirm:visible')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(row).toContainText('已拨付');
  await shot(page, 'journey-batch-paid');
});
