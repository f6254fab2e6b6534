// Runs before the e2e server starts (Playwright starts webServer before globalSetup):
// a fresh data directory and an up-to-date web build.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = path.resolve(root, process.env.DATA_DIR ?? 'test-results/e2e-data');
if (!dataDir.startsWith(path.join(root, 'test-results'))) throw new Error(`refusing to remove ${dataDir}`);
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(`[e2e] fresh data dir ${dataDir}`);
const r = spawnSync(process.execPath, [path.join(root, 'scripts/build-web-if-needed.mjs')], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
