/**
 * Single sign-on in the browser, against the real OpenID provider the run starts (test/e2e/oidc-provider.ts):
 * the login page's 「统一身份认证登录」 goes to the provider's own login page and back, signed in; a refusal
 * comes back to the login page as a sentence in Chinese.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { shot } from './helpers';

/** Signs in on the provider's page (its development login form: the login names the account, any password). */
async function atProvider(page: Page, login: string) {
  await expect(page.getByPlaceholder('Enter any login')).toBeVisible();
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

test('统一身份认证登录: through the provider and back, signed in where the visitor was going', async ({ page }) => {
  await page.goto('/login?next=/instruments');
  const button = page.getByRole('link', { name: '统一身份认证登录' });
  await expect(button).toBeVisible();
  await shot(page, 'sso-login-page');
  await button.click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/interaction\//);
  await atProvider(page, 'sso-city-admin');
  await expect(page).toHaveURL(/\/instruments$/);
  await expect(page.getByTestId('current-user')).toHaveText('统一认证管理员');
  // the page it came back to has loaded (the catalogue's count), not only the header
  await expect(page.getByTestId('result-total')).toHaveText(/共 \d+ 台/);
  await shot(page, 'sso-signed-in');
});

test('a refused sign-in comes back to the login page with the reason in Chinese', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: '统一身份认证登录' }).click();
  await atProvider(page, 'sso-unverified');
  await expect(page).toHaveURL(/\/login\?sso_error=email_not_verified$/);
  const alert = page.getByTestId('sso-error');
  await expect(alert).toContainText('统一身份认证登录未成功');
  await expect(alert).toContainText('统一身份认证平台尚未验证您的邮箱');
  await expect(page.getByTestId('current-user')).toHaveCount(0);
  await shot(page, 'sso-refused');
});
