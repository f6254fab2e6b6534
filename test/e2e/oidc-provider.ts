/**
 * The identity provider of the browser tests: a real oidc-provider (test/helpers/oidc-provider.ts) on its own
 * port, started by playwright.config.ts beside the app, which points OIDC_ISSUER at it. The app reads the
 * provider's discovery document at the first sign-in, so which of the two starts first does not matter.
 */
import { startOidcProvider } from '../helpers/oidc-provider.ts';

const E2E_SSO_ACCOUNTS = {
  // no account of that address: created at the first sign-in, a city admin by the role claim
  'sso-city-admin': { email: 'sso.admin@city.example.cn', email_verified: true, name: '统一认证管理员', kft_role: 'kft_admin' },
  // an address the provider has not verified: refused
  'sso-unverified': { email: 'unverified@city.example.cn', email_verified: false, name: '未验证用户' },
};

const port = Number(process.env.OIDC_PORT);
const redirectUri = process.env.OIDC_REDIRECT_URI;
if (!port || !redirectUri) throw new Error('OIDC_PORT and OIDC_REDIRECT_URI are required');
const idp = await startOidcProvider({ port, redirectUris: [redirectUri], accounts: E2E_SSO_ACCOUNTS });
console.log(`[e2e] OpenID provider at ${idp.issuer}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => idp.close().then(() => process.exit(0)));
