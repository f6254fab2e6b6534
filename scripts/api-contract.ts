/**
 * The API contract, from the server's own route schemas:
 *   tsx scripts/api-contract.ts            writes src/web/api/schema.d.ts (the web's types, generated)
 *   tsx scripts/api-contract.ts --check    fails when src/web/api/schema.d.ts is stale, or a route breaks the contract
 *   tsx scripts/api-contract.ts --openapi FILE   also writes the OpenAPI document to FILE (for redocly lint)
 * The app is built on an in-memory database (no route runs), its OpenAPI document read, and
 * openapi-typescript turns it into TypeScript. openapi-typescript 6 writes the types as text and so
 * needs no TypeScript compiler API (this project builds with TypeScript 7, which has none).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS from 'openapi-typescript';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { buildApp } from '../src/server/app.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = path.join(ROOT, 'src/web/api/schema.d.ts');
const args = process.argv.slice(2);
const check = args.includes('--check');
const openapiOut = args.includes('--openapi') ? args[args.indexOf('--openapi') + 1] : null;

const db = await openDatabase({});
const { app } = await buildApp({ config: loadConfig({ ...process.env, DATABASE_URL: '', DEMO: 'false' }), db });
await app.ready();
const gaps = (app as unknown as { contractGaps: string[] }).contractGaps;
const doc = app.swagger() as Record<string, unknown>;
await app.close();
await db.close();

if (openapiOut) fs.writeFileSync(openapiOut, JSON.stringify(doc, null, 2));
const header =
  '/**\n * Generated from /api/openapi.json by `npm run api:generate` (scripts/api-contract.ts). Do not edit:\n * change the route schemas on the server and generate again. CI fails when this file is stale.\n */\n\n';
const types = header + (await openapiTS(doc as never, { exportType: false, immutableTypes: false, alphabetize: false }));

if (gaps.length) {
  console.error(`${gaps.length} route(s) break the contract:\n  ${gaps.join('\n  ')}`);
}
if (check) {
  const current = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, 'utf8') : '';
  if (current !== types) {
    console.error(`${path.relative(ROOT, TARGET)} is stale: run npm run api:generate and commit the result.`);
    process.exit(1);
  }
  if (gaps.length) process.exit(1);
  console.log(`${path.relative(ROOT, TARGET)} is up to date; ${Object.keys(doc.paths as object).length} paths.`);
} else {
  fs.writeFileSync(TARGET, types);
  console.log(`wrote ${path.relative(ROOT, TARGET)} (${Object.keys(doc.paths as object).length} paths)`);
}
