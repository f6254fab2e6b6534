/**
 * npm run bench:first-visit [-- --runs 3 --mbit 10 --latency 40 --path /]
 *
 * What a first visit costs a person on a modest line. Starts the real server (embedded database, demo data),
 * then in Chromium with the network throttled through the DevTools protocol (10 Mbit/s down and up, 40 ms
 * latency by default) opens the page in a fresh browser context (an empty cache) and measures:
 *   - bytes transferred (encoded, as on the wire: headers and compressed bodies) and requests, static and API apart;
 *   - time to content: from navigation until the directory's result count is on screen;
 *   - a repeat visit in the same context: how many static files came over the network again (should be none;
 *     index.html is revalidated and answered 304).
 * Prints the median of the runs with the machine's load; figures go into docs/PERFORMANCE.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { startServer } from './lib.ts';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map((a) => a.trim().split(/\s+/) as [string, string]),
);
const RUNS = Number(args.runs ?? 3);
const MBIT = Number(args.mbit ?? 10);
const LATENCY = Number(args.latency ?? 40);
const PAGE = args.path ?? '/';

interface Transfer {
  url: string;
  bytes: number;
  status: number;
  cached: boolean;
}

/** Every request of the page with its bytes on the wire, through the DevTools protocol. */
async function watch(page: Page): Promise<{ cdp: CDPSession; transfers: Transfer[] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY,
    downloadThroughput: (MBIT * 1e6) / 8,
    uploadThroughput: (MBIT * 1e6) / 8,
  });
  const seen = new Map<string, Transfer>();
  const transfers: Transfer[] = [];
  cdp.on('Network.responseReceived', (e) => {
    seen.set(e.requestId, {
      url: e.response.url,
      bytes: 0,
      status: e.response.status,
      cached: !!(e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker),
    });
  });
  // a revalidated file (304) is reported with the cached 200; the status on the wire comes with the extra info
  const wire = new Map<string, number>();
  cdp.on('Network.responseReceivedExtraInfo', (e) => wire.set(e.requestId, e.statusCode));
  cdp.on('Network.requestServedFromCache', (e) => {
    const t = seen.get(e.requestId);
    if (t) t.cached = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const t = seen.get(e.requestId);
    if (t) transfers.push({ ...t, bytes: e.encodedDataLength, status: wire.get(e.requestId) ?? t.status });
  });
  return { cdp, transfers };
}

const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
const kib = (n: number) => +(n / 1024).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kft-first-visit-'));
  const { child, base } = await startServer({ DATA_DIR: dataDir, DEMO: 'true', DEMO_ORG_COUNT: '2000' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const runs: { staticKiB: number; apiKiB: number; requests: number; contentMs: number; repeatStaticFetched: number; repeatKiB: number }[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const { transfers } = await watch(page);
      const t0 = performance.now();
      await page.goto(base + PAGE);
      await page.getByTestId('result-total').waitFor({ state: 'visible', timeout: 60_000 });
      const contentMs = performance.now() - t0;
      await page.waitForLoadState('networkidle');
      const first = [...transfers];
      const stat = first.filter((t) => !isApi(t.url));

      // the repeat visit: a new page in the same context (the browser's cache is kept), as a person comes back
      const again = await context.newPage();
      const second = await watch(again);
      await again.goto(base + PAGE);
      await again.getByTestId('result-total').waitFor({ state: 'visible', timeout: 60_000 });
      await again.waitForLoadState('networkidle');
      const refetched = second.transfers.filter((t) => !isApi(t.url) && !t.cached && t.status === 200);
      runs.push({
        staticKiB: kib(stat.reduce((a, t) => a + t.bytes, 0)),
        apiKiB: kib(first.filter((t) => isApi(t.url)).reduce((a, t) => a + t.bytes, 0)),
        requests: first.length,
        contentMs: Math.round(contentMs),
        repeatStaticFetched: refetched.length,
        repeatKiB: kib(second.transfers.filter((t) => !t.cached).reduce((a, t) => a + t.bytes, 0)),
      });
      console.log(
        `run ${i + 1}: ${JSON.stringify(runs.at(-1))}${refetched.length ? ` refetched: ${refetched.map((t) => new URL(t.url).pathname).join(', ')}` : ''}`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    child.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const m = (k: keyof (typeof runs)[number]) => median(runs.map((r) => r[k]));
  console.log(
    `\nfirst visit of ${PAGE} at ${MBIT} Mbit/s, ${LATENCY} ms latency, 2,000 demo organizations, median of ${RUNS} runs (load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}):`,
  );
  console.log(
    `  transferred: ${(m('staticKiB') + m('apiKiB')).toFixed(1)} KiB (static ${m('staticKiB')} KiB, API ${m('apiKiB')} KiB) in ${m('requests')} requests`,
  );
  console.log(`  time to content: ${(m('contentMs') / 1000).toFixed(2)} s`);
  console.log(
    `  repeat visit: ${m('repeatStaticFetched')} static files fetched again (others from the cache or revalidated, 304), ${m('repeatKiB')} KiB over the network`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
