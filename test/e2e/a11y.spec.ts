import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { animationsSettled, login, shot, waitForResults } from './helpers';

async function axe(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await animationsSettled(page);
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
          .slice(0, 5)
          .map((n) => n.target.join(' '))
          .join('\n  ')}`,
    )
    .join('\n');
  await shot(page, `f-axe-${name}`);
  expect.soft(bad, `${name}: serious/critical axe violations\n${report}`).toEqual([]);
}

test('(f) every page has no serious or critical accessibility violations', async ({ page }) => {
  test.slow(); // fourteen axe runs: more than a minute on a busy machine
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await axe(page, 'login');

  await page.goto('/orgs');
  await waitForResults(page);
  await axe(page, 'directory');

  await page.getByTestId('org-name').first().click();
  await expect(page).toHaveURL(/\/orgs\/\d+$/);
  await expect(page.getByText('登录后查看完整联系方式')).toBeVisible();
  await axe(page, 'org-anonymous');

  await page.goto('/publications');
  await expect(page.getByRole('heading', { name: '发布清单' })).toBeVisible();
  await axe(page, 'publications');

  // a page that needs an account, visited anonymously: the sign-in prompt
  await page.goto('/workbench/import');
  await expect(page.getByRole('heading', { name: '请先登录' })).toBeVisible();
  await axe(page, 'sign-in-prompt');

  await login(page);
  await page.goto('/orgs');
  await waitForResults(page);
  await page.getByTestId('org-name').first().click();
  await expect(page.getByRole('tab', { name: '变更记录' })).toBeVisible();
  await axe(page, 'org-admin');
  await page.getByRole('tab', { name: '变更记录' }).click();
  await axe(page, 'org-history');

  await page.goto('/orgs/new');
  await expect(page.getByLabel('统一社会信用代码')).toBeVisible();
  await axe(page, 'form');

  await page.goto('/workbench/import');
  await expect(page.getByRole('heading', { name: '批量导入机构' })).toBeVisible();
  await axe(page, 'import');

  await page.goto('/publications');
  await expect(page.getByRole('heading', { name: '发布新版本' })).toBeVisible();
  await axe(page, 'publications-admin');

  // the account pages (issue 10): 账号安全, 用户管理, 安全审计 with an entry opened
  await page.goto('/account/security');
  await expect(page.getByTestId('session-row').first()).toBeVisible();
  await axe(page, 'account-security');
  await page.goto('/admin/users');
  await expect(page.getByTestId('user-row').first()).toBeVisible();
  await axe(page, 'users');
  await page.goto('/admin/audit');
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await page.getByTestId('audit-row').first().getByRole('button', { name: /展开/ }).click();
  await expect(page.getByTestId('audit-detail')).toBeVisible();
  await axe(page, 'audit');
});
