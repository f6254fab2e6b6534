/**
 * `test` and `expect` for every browser test: Playwright's own, plus one rule — the browser's clock is the
 * test runner's clock.
 *
 * In a normal run both read the machine's clock and nothing is installed. `npm run test:days` runs the
 * suite on chosen days (a Monday, a Friday, a Sunday, the day before a public holiday) by starting the test
 * runner and the server under libfaketime (FAKETIME set), so the runner, the server and its embedded
 * database share one shifted clock. Chromium under libfaketime takes minutes per page, so the browser is
 * started without it and each context gets Playwright's clock, set to the runner's (shifted) time and then
 * ticking on as usual: the page sees the same day as the server.
 */
import { test as base, expect, type Browser, type BrowserContext, type BrowserContextOptions } from '@playwright/test';

export const SHIFTED_CLOCK = !!process.env.FAKETIME;

export async function followRunnerClock(context: BrowserContext) {
  if (SHIFTED_CLOCK) await context.clock.install({ time: Date.now() });
}

/** A second browser context (another user) whose clock follows the runner's like the default one. */
export async function newContext(browser: Browser, options?: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await followRunnerClock(context);
  return context;
}

export const test = base.extend({
  context: async ({ context }, use) => {
    await followRunnerClock(context);
    await use(context);
  },
});

export { expect };
