#!/usr/bin/env node
/**
 * `npm run test:days`: the tests on chosen days, to show that none depends on today's date, weekday or hour.
 * Each run starts the test runners — and so the servers and embedded databases they start — under
 * libfaketime, with the clock shifted to the day and ticking on from there; the browser follows through
 * Playwright's clock (test/e2e/fixtures.ts). Needs Debian's `faketime` package.
 *
 * The days, in Asia/Shanghai wall-clock time — each a trap that a test fell into or could:
 *   Monday 07:30    Shanghai is already Monday while UTC (the machine's zone in CI) is still Sunday; before opening hours
 *   Friday 17:45    after closing; tomorrow is a Saturday
 *   Sunday 23:40    the day's last minutes; this week's Monday is six days back
 *   Thursday 12-31  the day before a public holiday (元旦 2027-01-01); in UTC evening the Shanghai year turns
 *
 *   npm run test:days                        API tests (embedded database) and browser tests on each day
 *   npm run test:days -- --browser           browser tests only;  --api: API tests only
 *   npm run test:days -- --at 2026-12-07T07:30 test/e2e/instruments.spec.ts    one other instant, some specs
 *
 * PostgreSQL servers keep their own clock, so the API tests run here on the embedded database only.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const LIB = ['x86_64-linux-gnu/faketime', 'aarch64-linux-gnu/faketime', 'faketime']
  .map((d) => `/usr/lib/${d}/libfaketimeMT.so.1`)
  .find((p) => fs.existsSync(p));
if (!LIB) {
  console.error('libfaketime is missing: apt-get install faketime');
  process.exit(1);
}

// a spec that takes `test` from Playwright itself gets pages on the machine's clock, not the shifted one
const stray = fs
  .readdirSync('test/e2e')
  .filter((f) => f.endsWith('.spec.ts'))
  .filter((f) => /import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'@playwright\/test'/.test(fs.readFileSync(`test/e2e/${f}`, 'utf8')));
if (stray.length) {
  console.error(`these specs import test from '@playwright/test' instead of './fixtures': ${stray.join(', ')}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const take = (flag) => {
  const i = args.indexOf(flag);
  return i < 0 ? null : args.splice(i, flag === '--at' ? 2 : 1).at(-1);
};
const at = take('--at');
const browserOnly = take('--browser') !== null;
const apiOnly = take('--api') !== null;
const DAYS = at
  ? [['chosen instant', at]]
  : [
      ['Monday', '2026-12-07T07:30'],
      ['Friday', '2026-12-11T17:45'],
      ['Sunday', '2026-12-13T23:40'],
      ['the day before a public holiday', '2026-12-31T12:00'],
    ];

const read = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

fs.mkdirSync('test-results', { recursive: true });
const rows = [];
for (const [label, wall] of DAYS) {
  const target = Date.parse(`${wall}:00+08:00`);
  if (Number.isNaN(target)) throw new Error(`not a time: ${wall}`);
  const shift = Math.round((target - Date.now()) / 1000); // relative, so the clock ticks on as a real one does
  const env = { ...process.env, LD_PRELOAD: LIB, FAKETIME: `${shift >= 0 ? '+' : ''}${shift}`, FAKETIME_DONT_FAKE_MONOTONIC: '1' };
  delete env.TEST_DATABASE_URL;
  const day = wall.slice(0, 10);
  console.log(`\n» ${label}, ${wall.replace('T', ' ')} Asia/Shanghai (clock shifted ${env.FAKETIME} s)`);
  if (!browserOnly) {
    const report = `test-results/api-${day}.json`;
    const status =
      spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit', env }).status ?? 1;
    const r = read(report);
    // the PostgreSQL-only API tests skip here (no TEST_DATABASE_URL): expected, so not counted against the run
    rows.push({ label, wall, kind: 'API', status, passed: r?.numPassedTests ?? 0, failed: r ? r.numFailedTests : 1, skipped: 0 });
  }
  if (!apiOnly) {
    const report = `test-results/e2e-${day}.json`;
    const status = spawnSync('npx', ['playwright', 'test', ...args], { stdio: 'inherit', env: { ...env, E2E_JSON: report } }).status ?? 1;
    const s = read(report)?.stats;
    rows.push({ label, wall, kind: 'browser', status, passed: s?.expected ?? 0, failed: s ? s.unexpected + s.flaky : 1, skipped: s?.skipped ?? 0 });
  }
}

console.log('\nday runs:');
for (const r of rows)
  console.log(
    `  ${r.status === 0 && r.passed > 0 && !r.skipped ? 'ok  ' : 'FAIL'} ${r.wall.replace('T', ' ')} ${r.label}, ${r.kind}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`,
  );
const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
console.log(`${sum('passed')} passed, ${sum('failed')} failed${sum('skipped') ? `, ${sum('skipped')} skipped` : ''}`);
process.exit(rows.every((r) => r.status === 0 && r.passed > 0 && !r.skipped) ? 0 : 1);
