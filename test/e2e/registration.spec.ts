/**
 * An organization registers itself through the pages: the form, the emailed link (read from the SMTP server
 * global-setup.ts runs), the registrant told their claim awaits review, the district office confirming it on
 * 机构认领审核, and the member then seeing their organization's members page.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { login, shot, signOut, validUscc } from './helpers';

/** An option of the open antd select (its list is a portal, not a child of the field). */
const pick = (page: Page, option: string) => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();

const MAIL_DIR = path.resolve(import.meta.dirname, '../../test-results/e2e-mail');
const DISTRICT = { username: 'demo-district', password: 'demo-kefutong' };

/** The first link to `page` in an email to `to`, once that email has arrived. */
async function linkFromMail(to: string, page: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      () => {
        for (const f of fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR) : []) {
          const m = JSON.parse(fs.readFileSync(path.join(MAIL_DIR, f), 'utf8')) as { to: string; text: string };
          link = m.to === to ? m.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(page)) : undefined;
          if (link) return true;
        }
        return false;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return link!;
}

test('an organization registers, verifies its email, is confirmed by its district and then acts for itself', async ({ page }) => {
  // four sign-ins and seven pages, each waiting for an email or the server: longer than one page's journey on a busy machine
  test.setTimeout(300_000);
  const suffix = Date.now().toString(36);
  const me = { username: `reg${suffix}`, password: 'Register-e2e-1', email: `reg-${suffix}@example.cn`, org: `重庆自注册${suffix}科技有限公司` };

  await page.goto('/login');
  await page.getByRole('link', { name: '没有账号？注册机构账号' }).click();
  await expect(page.getByRole('heading', { name: '注册机构账号' })).toBeVisible();
  // bad input is named before anything is sent
  await page.getByLabel('统一社会信用代码').fill('91500103ABCDEFGH13');
  await page.getByRole('button', { name: '提交注册' }).click();
  await expect(page.getByText('统一社会信用代码校验位不正确，请核对。')).toBeVisible();
  await expect(page.getByText('请填写机构名称。')).toBeVisible();
  await shot(page, 'registration-form-errors');

  await page.getByLabel('统一社会信用代码').fill(validUscc('500103'));
  await page.getByLabel('机构名称').fill(me.org);
  await page.getByLabel('所在区县').click();
  await page.getByLabel('所在区县').fill('渝中');
  await pick(page, '渝中区');
  await page.getByLabel('联系人姓名').fill('周八');
  await page.getByLabel('联系电话').fill('13900001111');
  await page.getByLabel('邮箱').fill(me.email);
  await page.getByLabel('用户名').fill(me.username);
  await page.getByLabel('密码', { exact: true }).fill(me.password);
  await page.getByLabel('再次输入密码').fill(me.password);
  await page.getByRole('button', { name: '提交注册' }).click();
  await expect(page.getByTestId('registered')).toContainText(me.email);
  await shot(page, 'registration-submitted');

  // the emailed link
  const link = await linkFromMail(me.email, '/verify-email');
  await page.goto(link);
  await expect(page.getByTestId('verified')).toContainText(me.org);
  await shot(page, 'registration-verified');

  // signed in, the registrant is told the claim awaits review
  await login(page, me);
  await expect(page.getByTestId('claim-status')).toContainText('正在等待区县审核');
  await shot(page, 'registration-pending');
  await signOut(page);

  // the district office confirms it
  await login(page, DISTRICT);
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: '机构认领审核' }).click();
  await expect(page.getByRole('heading', { name: '机构认领审核' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: me.org });
  await expect(row).toContainText('待审核');
  await shot(page, 'registration-claims');
  await row.getByRole('button', { name: /确\s*认/ }).click();
  await expect(page.getByText('已确认认领')).toBeVisible();
  await page.getByLabel('状态').click();
  await pick(page, '已确认');
  await expect(page.getByRole('row').filter({ hasText: me.org })).toContainText('已确认');
  await signOut(page);

  // the member now acts for the organization: no banner, and its members page
  await login(page, me);
  await expect(page.getByTestId('claim-status')).toHaveCount(0);
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: '机构成员' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`机构成员 · ${me.org}`) })).toBeVisible();
  await expect(page.getByTestId('colleagues')).toContainText('周八');
  await page.getByLabel('姓名').fill('吴九');
  await page.getByLabel('邮箱').fill(`colleague-${suffix}@example.cn`);
  await page.getByRole('button', { name: '发送邀请' }).click();
  await expect(page.getByTestId('invitations')).toContainText(`colleague-${suffix}@example.cn`);
  await shot(page, 'registration-members');

  // the colleague's link shows the invitation
  const invitation = await linkFromMail(`colleague-${suffix}@example.cn`, '/invitations/');
  await page.goto(invitation);
  await expect(page.getByText(`以「${me.org}」成员的身份`)).toBeVisible();
  await shot(page, 'registration-invitation');
});
