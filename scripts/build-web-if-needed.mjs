#!/usr/bin/env node
/**
 * Run by `npm install` (postinstall) and by the browser tests' globalSetup: builds the web app
 * into dist/web with Vite when dist/web/index.html is missing or older than any web source.
 * Exits non-zero if the build fails; skips (exit 0) when vite is not installed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist/web/index.html');
const force = process.argv.includes('--force');

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

const sources = ['src/web', 'index.html', 'vite.config.ts'].map((p) => path.join(root, p));
const sourceTime = Math.max(...sources.map(newestMtime));
const builtTime = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;

if (!force && builtTime && builtTime >= sourceTime) {
  console.log('[build-web] dist/web is up to date; skipping the web build.');
  process.exit(0);
}

const viteBin = path.join(root, 'node_modules/vite/bin/vite.js');
if (!fs.existsSync(viteBin)) {
  console.log('[build-web] vite is not installed; skipping the web build (the API still works, the web UI will be missing).');
  process.exit(0);
}

console.log(`[build-web] ${builtTime ? 'web sources changed' : 'dist/web/index.html is missing'}; running vite build ...`);
const res = spawnSync(process.execPath, [viteBin, 'build', '--config', path.join(root, 'vite.config.ts')], { cwd: root, stdio: 'inherit' });
if (res.status !== 0) {
  console.error(`[build-web] vite build failed (exit ${res.status ?? res.signal}).`);
  process.exit(res.status || 1);
}
console.log('[build-web] built dist/web.');
