#!/usr/bin/env node
/**
 * `npm test`: unit and API tests (vitest; on PGlite, and also on PostgreSQL when
 * TEST_DATABASE_URL is set), then the browser tests (Playwright driving /usr/bin/chromium).
 * With TEST_DATABASE_URL, the journeys that must hold on both engines (an order paid with a voucher through
 * claim and payment batch; a deal through contract registration) run in the browser a second time, with the
 * server on a fresh database of that PostgreSQL server.
 * Fails when any test fails, or when the browser tests were skipped or did not run at all:
 * a green run must mean the pages were really exercised.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
fs.mkdirSync('test-results', { recursive: true });

console.log(
  process.env.TEST_DATABASE_URL
    ? '» API tests on PGlite and on PostgreSQL (TEST_DATABASE_URL)'
    : '» API tests on PGlite (set TEST_DATABASE_URL to also run them on PostgreSQL)',
);
const apiStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/api.json']);

console.log('» browser tests (Playwright + Chromium)');
const browserStatus = run('npx', ['playwright', 'test']);

/** the specs whose journeys the issues ask to see in the browser on both engines */
const BOTH_ENGINES = ['test/e2e/voucher-journey.spec.ts', 'test/e2e/orders.spec.ts', 'test/e2e/contracts.spec.ts'];
let pgBrowser = null;
if (process.env.TEST_DATABASE_URL) {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  const name = `kefutong_e2e_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  console.log(`» browser journeys again, the server on PostgreSQL (${name})`);
  const env = { ...process.env, DATABASE_URL: url.toString(), E2E_JSON: 'test-results/e2e-postgres.json' };
  const status = spawnSync('npx', ['playwright', 'test', ...BOTH_ENGINES], { stdio: 'inherit', env }).status ?? 1;
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  await admin.end();
  pgBrowser = { status };
}

const read = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};
const api = read('test-results/api.json');
const e2e = read('test-results/e2e.json');
const apiPassed = api?.numPassedTests ?? 0;
const apiFailed = api ? api.numFailedTests : 1;
const apiSkipped = api ? api.numPendingTests + api.numTodoTests : 0;
const e2ePassed = e2e?.stats?.expected ?? 0;
const e2eFailed = (e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0);
const e2eSkipped = e2e?.stats?.skipped ?? 0;

const e2ePg = pgBrowser ? read('test-results/e2e-postgres.json') : null;
const pgPassed = e2ePg?.stats?.expected ?? 0;
const pgFailed = (e2ePg?.stats?.unexpected ?? 0) + (e2ePg?.stats?.flaky ?? 0) + (e2ePg?.stats?.skipped ?? 0);

const problems = [];
if (apiStatus !== 0) problems.push('API tests failed');
if (browserStatus !== 0) problems.push('browser tests failed');
if (!e2e) problems.push('browser tests did not run (no test-results/e2e.json)');
else if (e2ePassed === 0) problems.push('no browser test ran');
if (e2eSkipped > 0) problems.push(`${e2eSkipped} browser test(s) were skipped`);
if (pgBrowser && (pgBrowser.status !== 0 || !e2ePg || pgPassed === 0 || pgFailed > 0)) problems.push('browser journeys on PostgreSQL failed or did not run');

/** A failure's first line (colours stripped), indented under its test's name; nothing when there is none. */
function firstLine(message) {
  const line = (message ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .find((l) => l.trim());
  return line ? `\n      ${line.trim().slice(0, 300)}` : '';
}
/** Every browser test that failed, with its first error line: CI shows only the run's tail, and the names were above it. */
function failedSpecs(report) {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        if (t.status === 'unexpected' || t.status === 'flaky') {
          out.push(`  ✘ ${spec.file}:${spec.line} › ${spec.title}${firstLine(t.results?.find((r) => r.error)?.error?.message)}`);
        }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report?.suites ?? []) walk(suite);
  return out;
}
/** Every API test that failed (vitest's JSON report), with its first message line. */
function failedApiTests(report) {
  const out = [];
  for (const file of report?.testResults ?? [])
    for (const a of file.assertionResults ?? [])
      if (a.status === 'failed') {
        out.push(`  ✘ ${path.relative(process.cwd(), file.name)} › ${a.fullName}${firstLine(a.failureMessages?.[0])}`);
      }
  return out;
}
const failedApi = failedApiTests(api);
if (failedApi.length) console.log(`\nfailed API tests:\n${failedApi.join('\n')}`);
const failedLines = [...failedSpecs(e2e), ...failedSpecs(e2ePg).map((l) => l.replace('  ✘', '  ✘ (PostgreSQL)'))];
if (failedLines.length) console.log(`\nfailed browser tests:\n${failedLines.join('\n')}`);

console.log(
  `\nAPI: ${apiPassed} passed, ${apiFailed} failed, ${apiSkipped} skipped · browser: ${e2ePassed} passed, ${e2eFailed} failed, ${e2eSkipped} skipped` +
    (pgBrowser ? ` · browser on PostgreSQL: ${pgPassed} passed, ${pgFailed} failed or skipped` : ''),
);
if (problems.length) console.log(`FAILED: ${problems.join('; ')}`);
console.log(
  `${apiPassed + e2ePassed + pgPassed} passed, ${apiFailed + e2eFailed + pgFailed + (problems.length && apiFailed + e2eFailed + pgFailed === 0 ? 1 : 0)} failed`,
);
process.exit(problems.length ? 1 : 0);
