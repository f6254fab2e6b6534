#!/usr/bin/env node
/**
 * Run by `npm install` (postinstall), after the web build: makes what lets the first `npm start` answer within
 * seconds — the server's bundle (scripts/start.mjs) and the embedded database's migrated template
 * (src/server/platform/db/pglite-template.ts; it also speeds up every API test's database). Each is skipped
 * when its sources or tools are not there (the Docker image's dependency layer has neither), never fatal:
 * without them `npm start` builds the bundle itself and the first fresh start runs initdb and keeps the template.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const has = (p) => fs.existsSync(path.join(root, p));

if (!has('src/server/main.ts')) {
  console.log('[prepare-start] no server sources here; skipping.');
  process.exit(0);
}
const run = (what, args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.log(`[prepare-start] ${what} failed (exit ${r.status}); npm start will make it when needed.`);
};
if (has('node_modules/esbuild')) run('the server bundle', ['scripts/start.mjs', '--build']);
if (has('node_modules/tsx') && has('scripts/prepare-database-template.ts'))
  run('the database template', ['--import', 'tsx', 'scripts/prepare-database-template.ts']);
