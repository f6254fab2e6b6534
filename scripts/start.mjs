#!/usr/bin/env node
/**
 * `npm start`: runs the server from one bundle of its own sources, dist/server/main.mjs, built with esbuild
 * (its packages stay outside the bundle, loaded by Node from node_modules). Through tsx's loader every one of
 * the ~360 source files is resolved, transpiled and loaded through loader hooks: ~3 s of CPU on every start,
 * most of a restart's time (target ≤ 3 s). The bundle loads in about half that. It is (re)built here when it
 * is missing or older than a source file, which costs ~0.5 s once; npm install's postinstall builds it too.
 * `--build` only builds. `npm run dev` and the tests run the sources through tsx as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'src/server/main.ts');
const bundle = path.join(root, 'dist/server/main.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : e.name.endsWith('.ts') ? fs.statSync(p).mtimeMs : 0);
  }
  return newest;
}

export async function buildServer() {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external', // node_modules are loaded by Node itself, as published
    keepNames: true, // error and class names stay what the sources say
    sourcemap: 'linked', // stack traces name the source files (process.setSourceMapsEnabled below)
    logLevel: 'warning',
    // a bundle is a module of its own: CommonJS packages required by name still need a require
    banner: { js: "import { createRequire as __kftCreateRequire } from 'node:module'; const require = __kftCreateRequire(import.meta.url);" },
  });
}

const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
if (!built || built < newestSource(path.join(root, 'src/server'))) {
  const t0 = Date.now();
  await buildServer();
  console.log(`[kefutong] built dist/server/main.mjs from the sources in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
if (!process.argv.includes('--build')) {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
}
