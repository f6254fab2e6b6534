/**
 * Webhooks through the page: the city admin subscribes a receiver this spec starts (node:http on 127.0.0.1) to
 * organization changes, ticking the event by its Chinese name; the secret is shown once with a copy button. An
 * organization is then changed through the API; the running server's outbox and delivery worker send it, the
 * delivery log shows it as 成功 with the answer, and 重新投递 sends it again.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from '@playwright/test';
import { expect, test } from './fixtures';
import { BASE_URL } from '../../playwright.config';
import { ADMIN, login, shot } from './helpers';

test('a subscription made on the page shows its secret once and logs its deliveries', async ({ page }) => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.end('received');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kefutong`;
  try {
    await login(page);
    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: 'Webhook 订阅' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhook 订阅' })).toBeVisible();

    await page.getByRole('button', { name: '创建订阅' }).click();
    // nothing filled in: both fields say what is wrong, each named by its label
    await expect(page.locator('.ant-form-item-explain-error').filter({ hasText: '回调地址' })).toBeVisible();
    await expect(page.locator('.ant-form-item-explain-error').filter({ hasText: '事件类型' })).toBeVisible();
    await page.getByLabel('回调地址').fill(hookUrl);
    await page.getByRole('checkbox', { name: '机构信息变更' }).check();
    await page.getByRole('button', { name: '创建订阅' }).click();
    const dialog = page.getByRole('dialog', { name: '签名密钥（仅显示这一次）' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('webhook-secret')).toContainText(/whsec_/);
    await expect(dialog.getByRole('button', { name: /复制|Copy/ })).toBeVisible();
    await shot(page, 'webhooks-secret');
    await dialog.getByRole('button', { name: '我已保存' }).click();
    const card = page.getByTestId('webhook').filter({ hasText: hookUrl });
    await expect(card).toContainText('推送中');
    await expect(card).toContainText('机构信息变更');
    await expect(page.getByText(/whsec_/)).toHaveCount(0); // never shown again

    // an organization changes; the server delivers it on its own clock (outbox, then the delivery worker)
    const api = await request.newContext({ baseURL: BASE_URL });
    expect((await api.post('/api/v1/auth/login', { data: ADMIN })).ok()).toBe(true);
    const org = (await (await api.get('/api/v1/orgs?pageSize=1')).json()).items[0];
    expect((await api.patch(`/api/v1/orgs/${org.id}`, { data: { employees: 77 } })).ok()).toBe(true);
    await expect.poll(() => received.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    expect(received[0].headers['kefutong-event']).toBe('org.updated');
    expect(received[0].headers['kefutong-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    await card.getByRole('button', { name: '投递记录' }).click();
    const delivery = card.getByTestId('webhook-delivery').first();
    await expect(delivery).toContainText('成功');
    await expect(delivery).toContainText('received');
    await delivery.getByRole('button', { name: '重新投递' }).click();
    await expect(page.getByText('已加入投递队列')).toBeVisible();
    await expect.poll(() => received.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    expect(received[1].headers['kefutong-delivery']).toBe(received[0].headers['kefutong-delivery']);
    await expect(delivery).toContainText('成功'); // the log looks again while a delivery is pending
    await shot(page, 'webhooks-deliveries');

    await card.getByRole('button', { name: /删\s*除/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^删\s*除$/ })
      .click();
    await expect(page.getByText('订阅已删除')).toBeVisible();
    await expect(card).toHaveCount(0);

    // in English the admin's header is still one row at 1280 px
    await page.locator('.kft-header').getByText('English', { exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Organization changed' })).toBeVisible(); // the names follow the language
    expect((await page.locator('.kft-header').boundingBox())!.height, 'the English header is one row').toBeLessThanOrEqual(72);
    await shot(page, 'webhooks-en');
    await api.dispose();
  } finally {
    server.close();
  }
});
