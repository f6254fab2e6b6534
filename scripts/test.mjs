#!/usr/bin/env node
/**
 * `npm test`: unit and API tests (vitest; on PGlite, and also on PostgreSQL when
 * TEST_DATABASE_URL is set), then the browser tests (Playwright driving /usr/bin/chromium).
 * Fails when any test fails, or when the browser tests were skipped or did not run at all:
 * a green run must mean the pages were really exercised.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

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

const problems = [];
if (apiStatus !== 0) problems.push('API tests failed');
if (browserStatus !== 0) problems.push('browser tests failed');
if (!e2e) problems.push('browser tests did not run (no test-results/e2e.json)');
else if (e2ePassed === 0) problems.push('no browser test ran');
if (e2eSkipped > 0) problems.push(`${e2eSkipped} browser test(s) were skipped`);

console.log(
  `\nAPI: ${apiPassed} passed, ${apiFailed} failed, ${apiSkipped} skipped · browser: ${e2ePassed} passed, ${e2eFailed} failed, ${e2eSkipped} skipped`,
);
if (problems.length) console.log(`FAILED: ${problems.join('; ')}`);
console.log(`${apiPassed + e2ePassed} passed, ${apiFailed + e2eFailed + (problems.length && apiFailed + e2eFailed === 0 ? 1 : 0)} failed`);
process.exit(problems.length ? 1 : 0);
