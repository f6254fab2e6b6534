import { defineConfig, devices } from '@playwright/test';

// E2E_PORT lets two checkouts run their browser suites side by side on one machine
const PORT = Number(process.env.E2E_PORT ?? 3210);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
/** the SMTP server global-setup.ts starts: the server's email lands in test-results/e2e-mail, where a test reads its links */
export const SMTP_PORT = PORT + 1000;
// the tests' own OpenID provider (test/e2e/oidc-provider.ts), a fixed distance from the app's port
const OIDC_PORT = PORT + 1100;
const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
const OIDC_REDIRECT = `${BASE_URL}/api/v1/auth/sso/callback`;

/** The browser's environment: the runner's, less libfaketime (Chromium crawls under it; its pages get Playwright's clock). */
function browserEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'LD_PRELOAD' && !k.startsWith('FAKETIME')) env[k] = v;
  return env;
}

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // keep Playwright's own artefacts in a sub-folder: test-results/ also holds the server's data dir,
  // the JSON report and our screenshots, which Playwright must not wipe.
  outputDir: 'test-results/artifacts',
  globalSetup: './test/e2e/global-setup.ts',
  // per test: a journey of several pages takes well under a minute on a quiet machine; the margin is for a busy one
  // (at load 24 on two cores the two-account deal journey took over two minutes: seen in market.spec.ts)
  timeout: 240_000,
  // a state waited for, not a time: on a machine at load 20+ a first search took over 15 s to show (seen in a11y)
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON ?? 'test-results/e2e.json' }]],
  use: {
    baseURL: BASE_URL,
    locale: 'zh-CN',
    screenshot: 'on',
    trace: 'retain-on-failure',
    acceptDownloads: true,
    // an action waits for its element at most this long, then fails naming it (unbounded, a missing element hung a run)
    actionTimeout: 45_000,
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // a run on a shifted clock (scripts/test-days.mjs) starts Chromium without libfaketime: see fixtures.ts
      env: browserEnv(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: [
    {
      // the identity provider for single sign-on (sso.spec.ts)
      command: 'npx tsx test/e2e/oidc-provider.ts',
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { OIDC_PORT: String(OIDC_PORT), OIDC_REDIRECT_URI: OIDC_REDIRECT },
    },
    {
      // prepare-server removes the previous data dir and builds the web app if it is stale, then the server starts
      command: 'node test/e2e/prepare-server.mjs && node scripts/start.mjs',
      url: `${BASE_URL}/readyz`,
      // a web build and the demo data: ~15 s on a quiet machine, past two minutes on a loaded one
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(PORT),
        HOST: '127.0.0.1',
        DATA_DIR: 'test-results/e2e-data',
        DEMO: 'true',
        DEMO_ORG_COUNT: '300',
        ADMIN_PASSWORD: 'e2e-admin-pass',
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        PUBLIC_URL: BASE_URL,
        // the webhooks spec subscribes a receiver it starts on 127.0.0.1 (plain http to loopback: tests and development only)
        WEBHOOKS_ALLOW_HTTP: 'true',
        // the seller may choose the registration station on the contract form (contracts.spec.ts); a contract
        // without a choice still goes to its seller's district's station, as the other specs expect
        CONTRACT_STATION_CHOICE: 'true',
        // every test signs in from the one address 127.0.0.1, and some fail on purpose (the lockout's own test):
        // the per-address limits are for many people, not for one test runner; the per-account lock stays at 5
        RATE_LIMIT_LOGINS_PER_MINUTE: '1000',
        LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
        OIDC_ISSUER,
        OIDC_CLIENT_ID: 'kefutong',
        OIDC_CLIENT_SECRET: 'kefutong-test-secret-0123456789',
        OIDC_REDIRECT_URL: OIDC_REDIRECT,
        OIDC_ROLE_CLAIM: 'kft_role',
        OIDC_ROLE_MAP: 'kft_admin=admin',
        OIDC_PROVISION: 'true',
      },
    },
  ],
});
